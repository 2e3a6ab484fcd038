package dev.agentloop.server;

import java.util.Locale;

/**
 * Who decides what needs approval in a served run. Without a terminal, the person answers through
 * {@code POST /api/v1/approvals/{id}}.
 */
public enum TaskMode {
    /** Every phase and every dependency or risky command waits for a person. */
    MANUAL,
    /** Dependencies outside the allow-list and risky commands wait for a person (the default). */
    SUPERVISED,
    /** Nothing waits: what would need asking is denied. */
    AUTONOMOUS;

    /** {@return the lower-case name used in the API and config} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value the lower-case name
     * @return the mode
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static TaskMode fromId(String value) {
        for (TaskMode m : values()) {
            if (m.id().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + value + "'; allowed: manual, supervised, autonomous");
    }
}
