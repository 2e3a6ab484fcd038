package dev.agentloop.cli.approval;

import java.util.Locale;

/** How much the CLI asks the person before the loop acts. */
public enum Mode {
    /** Asks before every phase, and before everything supervised mode asks about. */
    MANUAL,
    /** Asks before a dependency outside the allow-list or a command the hooks flag as risky. The default. */
    SUPERVISED,
    /** Asks nothing; denies what would have needed asking. */
    AUTONOMOUS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Mode fromId(String value) {
        for (Mode m : values()) {
            if (m.id().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown mode '" + value + "'; allowed: manual, supervised, autonomous");
    }
}
