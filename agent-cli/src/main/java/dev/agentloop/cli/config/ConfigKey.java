package dev.agentloop.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A config key the CLI knows: its type, default, allowed values and the environment variables that set it.
 *
 * @param name dotted key, e.g. {@code loop.max-iterations}
 * @param type the kind of value
 * @param defaultValue the built-in default as text; empty for none
 * @param allowed the allowed values for {@link ValueType#CHOICE}; empty otherwise
 * @param min smallest allowed integer (inclusive) for {@link ValueType#INTEGER}
 * @param max largest allowed integer (inclusive) for {@link ValueType#INTEGER}
 * @param secret read only from the environment, masked when shown, rejected in files
 * @param envNames the environment variables that set it, first wins
 * @param description one line for {@code agent config show --verbose} and the docs
 */
public record ConfigKey(
        String name,
        ValueType type,
        String defaultValue,
        List<String> allowed,
        long min,
        long max,
        boolean secret,
        List<String> envNames,
        String description) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        allowed = List.copyOf(allowed);
        envNames = List.copyOf(envNames);
        Objects.requireNonNull(description, "description");
    }

    public static ConfigKey string(String name, String defaultValue, String description) {
        return new ConfigKey(
                name, ValueType.STRING, defaultValue, List.of(), 0, 0, false, genericEnv(name), description);
    }

    public static ConfigKey integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey(
                name,
                ValueType.INTEGER,
                Integer.toString(defaultValue),
                List.of(),
                min,
                max,
                false,
                genericEnv(name),
                description);
    }

    /** A decimal number in {@code min..max}. */
    public static ConfigKey decimal(String name, String defaultValue, long min, long max, String description) {
        return new ConfigKey(
                name, ValueType.DECIMAL, defaultValue, List.of(), min, max, false, genericEnv(name), description);
    }

    public static ConfigKey bool(String name, boolean defaultValue, String description) {
        return new ConfigKey(
                name,
                ValueType.BOOLEAN,
                Boolean.toString(defaultValue),
                List.of("true", "false"),
                0,
                0,
                false,
                genericEnv(name),
                description);
    }

    public static ConfigKey duration(String name, String defaultValue, String description) {
        return new ConfigKey(
                name, ValueType.DURATION, defaultValue, List.of(), 0, 0, false, genericEnv(name), description);
    }

    public static ConfigKey size(String name, String defaultValue, String description) {
        return new ConfigKey(name, ValueType.SIZE, defaultValue, List.of(), 0, 0, false, genericEnv(name), description);
    }

    public static ConfigKey choice(String name, String defaultValue, List<String> allowed, String description) {
        return new ConfigKey(name, ValueType.CHOICE, defaultValue, allowed, 0, 0, false, genericEnv(name), description);
    }

    public static ConfigKey httpUrl(String name, String defaultValue, String description) {
        return new ConfigKey(
                name, ValueType.HTTP_URL, defaultValue, List.of(), 0, 0, false, genericEnv(name), description);
    }

    public static ConfigKey jdbcUrl(String name, String defaultValue, String description) {
        return new ConfigKey(
                name, ValueType.JDBC_URL, defaultValue, List.of(), 0, 0, false, genericEnv(name), description);
    }

    /** A secret: only from the given environment variables, never from a file. */
    public static ConfigKey secret(String name, String description, String... envNames) {
        return new ConfigKey(name, ValueType.STRING, "", List.of(), 0, 0, true, List.of(envNames), description);
    }

    /** The same key, also set by these environment variables (checked before the generic {@code AGENT_...}). */
    public ConfigKey withEnvAliases(String... aliases) {
        List<String> names = new ArrayList<>(List.of(aliases));
        names.addAll(envNames);
        return new ConfigKey(name, type, defaultValue, allowed, min, max, secret, names, description);
    }

    /** {@code loop.max-iterations} is set by {@code AGENT_LOOP_MAX_ITERATIONS}. */
    public static String envNameOf(String key) {
        return "AGENT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static List<String> genericEnv(String key) {
        return List.of(envNameOf(key));
    }

    /**
     * Checks a value against this key's type.
     *
     * @return empty when fine, otherwise what is allowed, e.g. "an integer in 1..100"
     */
    public Optional<String> check(String value) {
        String v = value.trim();
        boolean ok = switch (type) {
            case STRING -> true;
            case INTEGER -> isIntegerInRange(v);
            case DECIMAL -> isDecimalInRange(v);
            case BOOLEAN -> v.equals("true") || v.equals("false");
            case DURATION -> Durations.tryParse(v).isPresent();
            case SIZE -> Durations.tryParseSize(v).isPresent();
            case CHOICE -> allowed.contains(v.toLowerCase(Locale.ROOT));
            case HTTP_URL -> v.matches("https?://[^\\s/]+(/\\S*)?");
            case JDBC_URL -> v.matches("jdbc:postgresql://[^\\s/]+(/\\S*)?");
        };
        return ok ? Optional.empty() : Optional.of(allowedDescription());
    }

    /** What this key accepts, for error messages. */
    public String allowedDescription() {
        return switch (type) {
            case STRING -> "any text";
            case INTEGER -> "an integer in " + min + ".." + max;
            case DECIMAL -> "a number in " + min + ".." + max;
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration like 250ms, 30s, 5m or 1h (0 for none)";
            case SIZE -> "a size like 64MiB, 512MiB or 1GiB";
            case CHOICE -> "one of " + String.join(", ", allowed);
            case HTTP_URL -> "an http(s) URL like http://localhost:11434/v1";
            case JDBC_URL -> "a JDBC URL like jdbc:postgresql://localhost:5432/agent";
        };
    }

    private boolean isDecimalInRange(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) && d >= min && d <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean isIntegerInRange(String v) {
        if (!v.matches("-?\\d{1,18}")) {
            return false;
        }
        long n = Long.parseLong(v);
        return n >= min && n <= max;
    }
}
