package dev.agentloop.server.internal.store;

import java.util.Locale;

/** Where an approval is. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED,
    /** Nobody answered in time, or the run ended first: the run took it as denied. */
    EXPIRED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus fromId(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
