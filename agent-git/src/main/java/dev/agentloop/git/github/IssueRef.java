package dev.agentloop.git.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One issue: its repository and number.
 *
 * @param repo the repository
 * @param number the issue number
 */
public record IssueRef(RepoName repo, int number) {

    private static final Pattern SHORT = Pattern.compile("([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(\\d+)");
    private static final Pattern URL =
            Pattern.compile("https?://[^/]+/(?:api/v3/repos/)?([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/issues/(\\d+)/?");

    /**
     * Checks the number.
     *
     * @param repo the repository
     * @param number the issue number
     * @throws GitHubException when the number is below 1
     */
    public IssueRef {
        if (number < 1) {
            throw new GitHubException(GitHubFailure.INVALID, "An issue number is 1 or more, was " + number + ".");
        }
    }

    /**
     * Parses {@code OWNER/REPO#N} or an issue's web address ({@code https://github.com/OWNER/REPO/issues/N}).
     *
     * @param text {@code OWNER/REPO#N} or an issue's web address
     * @return the reference
     * @throws GitHubException naming the text when it is neither
     */
    public static IssueRef parse(String text) {
        String t = text == null ? "" : text.trim();
        for (Pattern p : new Pattern[] {SHORT, URL}) {
            Matcher m = p.matcher(t);
            if (m.matches()) {
                try {
                    return new IssueRef(RepoName.parse(m.group(1)), Integer.parseInt(m.group(2)));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new GitHubException(
                GitHubFailure.INVALID,
                "'" + text + "' names no issue: give OWNER/REPO#N or" + " https://github.com/OWNER/REPO/issues/N.");
    }

    @Override
    public String toString() {
        return repo + "#" + number;
    }
}
