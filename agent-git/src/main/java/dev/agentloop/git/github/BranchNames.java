package dev.agentloop.git.github;

import java.text.Normalizer;
import java.util.Locale;

/** The branch an issue's change is pushed to: {@code agentloop/issue-N-<slug of the title>}. */
public final class BranchNames {

    private static final int MAX_SLUG = 40;

    private BranchNames() {}

    /**
     * E.g. {@code agentloop/issue-7-count-words-is-off-by-one} for issue 7 "count_words() is off by one".
     *
     * @param number the issue's number
     * @param title the issue's title
     * @return the branch name
     */
    public static String forIssue(int number, String title) {
        String slug = slug(title);
        return "agentloop/issue-" + number + (slug.isEmpty() ? "" : "-" + slug);
    }

    /**
     * Lower-case ASCII letters and digits joined by single hyphens, at most 40 characters, cut at a hyphen.
     *
     * @param title any text; null gives an empty slug
     * @return the slug, possibly empty
     */
    public static String slug(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG);
            int cut = slug.lastIndexOf('-');
            slug = cut > 0 ? slug.substring(0, cut) : slug;
        }
        return slug;
    }
}
