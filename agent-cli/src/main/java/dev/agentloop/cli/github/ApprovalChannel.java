package dev.agentloop.cli.github;

import java.util.Locale;

/** Where a person approves a supervised merge ({@code github.approvals}). */
public enum ApprovalChannel {
    /** A question on this terminal (nobody when there is none: pipes, {@code --json}). */
    TERMINAL,
    /** The approvals of {@code agent serve}: its API and dashboard, in the same database. */
    SERVER;

    /**
     * Parses {@code terminal} or {@code server}; the config has checked the value.
     *
     * @param id the config's value
     * @return the channel
     */
    public static ApprovalChannel fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
