package dev.agentloop.cli.env;

import java.util.Locale;

/** Which failure memory a batch's runs share ({@code --memory}). */
public enum MemoryMode {
    /** The configured pgvector memory, with everything earlier runs stored. */
    ON,
    /** No memory: nothing is retrieved or stored. */
    OFF,
    /** A memory that starts empty and lives as long as the batch: runs learn from the batch's earlier runs only. */
    FRESH;

    /** The word used on the command line and in results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the allowed words
     */
    public static MemoryMode fromId(String value) {
        for (MemoryMode m : values()) {
            if (m.id().equalsIgnoreCase(value.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("--memory is '" + value + "', but it must be on, off or fresh");
    }
}
