package dev.agentloop.git.github;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GitHub repository's {@code owner/name}.
 *
 * @param owner the user or organisation
 * @param name the repository
 */
public record RepoName(String owner, String name) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * Checks both parts.
     *
     * @param owner the user or organisation
     * @param name the repository
     * @throws GitHubException when a part is not a GitHub name
     */
    public RepoName {
        if (owner == null
                || !PART.matcher(owner).matches()
                || name == null
                || !PART.matcher(name).matches()) {
            throw new GitHubException(
                    GitHubFailure.INVALID, "'" + owner + "/" + name + "' is not a repository name: give OWNER/REPO.");
        }
    }

    /**
     * Parses {@code owner/name}.
     *
     * @param text {@code owner/name}
     * @return the name
     * @throws GitHubException naming the text when it is not a repository name
     */
    public static RepoName parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2
                || !PART.matcher(parts[0]).matches()
                || !PART.matcher(parts[1]).matches()) {
            throw new GitHubException(
                    GitHubFailure.INVALID,
                    "'" + text + "' is not a repository name: give OWNER/REPO, e.g. octo/widgets.");
        }
        return new RepoName(parts[0], parts[1]);
    }

    /**
     * True when this repository matches one of the patterns ({@code owner/name}, {@code *} for any run of characters,
     * case-insensitive as GitHub's names are), e.g. {@code octo/*} or {@code *}.
     *
     * @param patterns the patterns
     * @return true when one matches
     */
    public boolean matchesAny(List<String> patterns) {
        String full = toString().toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            String regex = Pattern.quote(p.trim().toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
            if (full.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
