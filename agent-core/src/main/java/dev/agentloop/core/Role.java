package dev.agentloop.core;

import java.util.Locale;

/** The roles that talk to a model. Each has its prompt in {@code config/prompts/<id>.md} and may have its own model. */
public enum Role {
    REPROMPTER,
    PLANNER,
    CODER,
    REVIEWER,
    AUDITOR,
    TESTER,
    REFLECTOR;

    /** The lower-case name used for prompt files and config keys, e.g. {@code planner}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
