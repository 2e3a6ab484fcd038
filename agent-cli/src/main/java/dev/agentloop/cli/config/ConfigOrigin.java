package dev.agentloop.cli.config;

import java.util.Objects;

/**
 * Where one config value came from.
 *
 * @param source the layer
 * @param where the exact place: {@code config/agent.yaml:12}, {@code AGENT_DB_URL}, {@code --max-iterations}
 */
public record ConfigOrigin(ConfigSource source, String where) {

    public static final ConfigOrigin DEFAULT = new ConfigOrigin(ConfigSource.DEFAULT, "built-in default");

    public ConfigOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
    }

    @Override
    public String toString() {
        return source == ConfigSource.DEFAULT ? where : source.label() + " " + where;
    }
}
