package dev.agentloop.core;

import java.util.Locale;

/** The roles that talk to a model. Each has its prompt in {@code config/prompts/<id>.md} and may have its own model. */
public enum Role {
    /** Restates the user's task as a precise goal with acceptance tests. */
    REPROMPTER,
    /** Writes the plan. */
    PLANNER,
    /** Writes and edits the code. */
    CODER,
    /** Reviews the code (the optional REVIEW phase). */
    REVIEWER,
    /** Audits the code for security problems (the optional AUDIT phase). */
    AUDITOR,
    /** Writes the tests. */
    TESTER,
    /** Diagnoses a failure and says what to try next. */
    REFLECTOR;

    /** {@return the lower-case name used for prompt files and config keys, e.g. {@code planner}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
