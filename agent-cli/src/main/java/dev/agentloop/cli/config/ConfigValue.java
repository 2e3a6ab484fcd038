package dev.agentloop.cli.config;

import java.util.Objects;

/**
 * One effective config value as text, with where it came from.
 *
 * @param key the dotted key, e.g. {@code loop.max-iterations}
 * @param value the value as written; already checked against the key's type
 * @param origin where it came from
 * @param secret whether it must be masked when shown
 */
public record ConfigValue(String key, String value, ConfigOrigin origin, boolean secret) {

    public ConfigValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** The value for display: secrets show only that they are set. */
    public String display() {
        if (!secret) {
            return value;
        }
        return value.isEmpty()
                ? "(not set)"
                : "****" + (value.length() > 12 ? value.substring(value.length() - 2) : "");
    }
}
