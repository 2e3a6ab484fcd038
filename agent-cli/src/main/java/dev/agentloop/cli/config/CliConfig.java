package dev.agentloop.cli.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: every value with its origin, after flag > environment > user file > project file >
 * default. Immutable; values were checked against their key's type when loaded, so the typed getters do not fail
 * for known keys.
 */
public final class CliConfig {

    private final Map<String, ConfigValue> values;
    private final List<String> warnings;
    private final List<String> files;

    CliConfig(Map<String, ConfigValue> values, List<String> warnings, List<String> files) {
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
        this.files = List.copyOf(files);
    }

    /**
     * The value of a key, as text.
     *
     * @throws IllegalArgumentException when the key has no value and no default
     */
    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no value for config key " + key));
    }

    /** The value of a key, or empty when it is unset or blank. */
    public Optional<String> find(String key) {
        ConfigValue v = values.get(key);
        return v == null || v.value().isBlank()
                ? Optional.empty()
                : Optional.of(v.value().trim());
    }

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public Duration duration(String key) {
        return Durations.tryParse(get(key)).orElseThrow(() -> new IllegalArgumentException("not a duration: " + key));
    }

    /** Where a key's value came from; empty when the key has no value. */
    public Optional<ConfigOrigin> origin(String key) {
        return Optional.ofNullable(values.get(key)).map(ConfigValue::origin);
    }

    /** Every value, known keys first in documentation order, then the others sorted. */
    public List<ConfigValue> values() {
        List<String> schemaOrder =
                ConfigSchema.standard().keys().stream().map(ConfigKey::name).toList();
        List<ConfigValue> out = new ArrayList<>();
        schemaOrder.stream().map(values::get).filter(v -> v != null).forEach(out::add);
        values.keySet().stream()
                .filter(k -> !schemaOrder.contains(k))
                .sorted()
                .map(values::get)
                .forEach(out::add);
        return out;
    }

    /** Keys under a prefix (e.g. {@code sandbox.}), with the prefix removed. */
    public Map<String, String> section(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.value());
            }
        });
        return out;
    }

    /** Things that are not errors but look wrong (unknown keys), one sentence each with the file and line. */
    public List<String> warnings() {
        return warnings;
    }

    /** The config files that were read, as shown to people. */
    public List<String> files() {
        return files;
    }

    /** A copy with one more value set by a command-line flag; the value is checked like any flag. */
    public CliConfig withFlag(String key, String value, String flag) {
        ConfigSchema schema = ConfigSchema.standard();
        ConfigKey k = schema.key(key).orElseThrow(() -> new IllegalArgumentException("unknown key " + key));
        k.check(value).ifPresent(allowed -> {
            throw new ConfigException(flag + " '" + value + "' is not allowed: " + key + " must be " + allowed + ".");
        });
        Map<String, ConfigValue> copy = new LinkedHashMap<>(values);
        copy.put(key, new ConfigValue(key, value.trim(), new ConfigOrigin(ConfigSource.FLAG, flag), k.secret()));
        return new CliConfig(copy, warnings, files);
    }
}
