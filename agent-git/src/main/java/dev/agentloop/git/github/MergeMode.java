package dev.agentloop.git.github;

import java.util.Locale;

/** Who merges a pull request the agent opened. */
public enum MergeMode {
    /** A person merges: the agent only opens the pull request. */
    MANUAL,
    /** The agent merges once a person approved (and the policy passes). */
    SUPERVISED,
    /** The agent merges low-risk changes when the policy passes; anything else is left for a person. */
    AUTONOMOUS;

    /**
     * Parses {@code manual}, {@code supervised} or {@code autonomous}.
     *
     * @param id {@code manual}, {@code supervised} or {@code autonomous}, case-insensitive
     * @return the mode
     * @throws GitHubException naming the text when it is none of them
     */
    public static MergeMode fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new GitHubException(
                    GitHubFailure.INVALID, "Unknown merge mode '" + id + "': use manual, supervised or autonomous.");
        }
    }

    /**
     * Lower-case name.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
