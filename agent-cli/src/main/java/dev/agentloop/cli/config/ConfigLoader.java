package dev.agentloop.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the effective {@link CliConfig} from its layers: built-in defaults, the project's
 * {@code config/agent.yaml}, the user's {@code ~/.agentloop/agent.yaml}, {@code AGENT_*} environment variables and
 * command-line flags, highest last.
 */
public final class ConfigLoader {

    /** The project file, relative to the project folder. */
    public static final String PROJECT_FILE = "config/agent.yaml";

    /** The user file, relative to the home folder. */
    public static final String USER_FILE = ".agentloop/agent.yaml";

    private final ConfigSchema schema;
    private final Path projectDir;
    private final Path userHome;
    private final Map<String, String> env;

    /**
     * @param projectDir holds {@value #PROJECT_FILE} (may be missing)
     * @param userHome holds {@value #USER_FILE} (may be missing)
     * @param env the environment variables
     */
    public ConfigLoader(Path projectDir, Path userHome, Map<String, String> env) {
        this.schema = ConfigSchema.standard();
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.env = Map.copyOf(env);
    }

    /**
     * Loads every layer.
     *
     * @param flags key to (value, flag name) for values given on the command line
     * @throws ConfigException naming the file and line, variable or flag, the key and the allowed values
     */
    public CliConfig load(Map<String, Flag> flags) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (ConfigKey key : schema.keys()) {
            if (!key.defaultValue().isEmpty()) {
                values.put(key.name(), new ConfigValue(key.name(), key.defaultValue(), ConfigOrigin.DEFAULT, false));
            }
        }
        readFile(projectDir.resolve(PROJECT_FILE), PROJECT_FILE, ConfigSource.PROJECT_FILE, values, warnings, files);
        readFile(userHome.resolve(USER_FILE), "~/" + USER_FILE, ConfigSource.USER_FILE, values, warnings, files);
        readEnvironment(values);
        flags.forEach((key, flag) -> {
            ConfigKey k = schema.key(key).orElseThrow(() -> new IllegalArgumentException("unknown key " + key));
            k.check(flag.value()).ifPresent(allowed -> {
                throw new ConfigException(
                        flag.name() + " '" + flag.value() + "' is not allowed: it must be " + allowed + ".");
            });
            values.put(
                    key,
                    new ConfigValue(
                            key,
                            normalise(k, flag.value()),
                            new ConfigOrigin(ConfigSource.FLAG, flag.name()),
                            k.secret()));
        });
        return new CliConfig(values, warnings, files);
    }

    /** A value given on the command line, and the flag that gave it (for messages). */
    public record Flag(String value, String name) {}

    private void readFile(
            Path file,
            String shownAs,
            ConfigSource source,
            Map<String, ConfigValue> values,
            List<String> warnings,
            List<String> files) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        files.add(shownAs);
        Set<String> listsSeen = new HashSet<>();
        YamlFile.read(file, shownAs).forEach((key, entry) -> {
            String where = shownAs + ":" + entry.line();
            if (!entry.list().isEmpty() && listsSeen.add(entry.list())) {
                // A list replaces the lower layers' list as a whole (their items must not show through).
                String list = entry.list();
                values.keySet().removeIf(k -> k.equals(list) || k.startsWith(list + "."));
            }
            Optional<ConfigKey> known = schema.key(key);
            if (known.map(ConfigKey::secret).orElse(looksSecret(key))) {
                String variable = known.map(k -> k.envNames().get(0)).orElse(ConfigKey.envNameOf(key));
                throw new ConfigException(where + ": '" + key
                        + "' is a secret and is read only from the environment; remove it from the file and set "
                        + variable + " instead.");
            }
            if (known.isEmpty()) {
                if (schema.ownsSection(key)) {
                    warnings.add(where + ": unknown key '" + key + "'"
                            + schema.closest(key)
                                    .map(c -> " (did you mean '" + c + "'?)")
                                    .orElse("")
                            + "; it is ignored.");
                }
                values.put(key, new ConfigValue(key, entry.value(), new ConfigOrigin(source, where), false));
                return;
            }
            ConfigKey k = known.get();
            k.check(entry.value()).ifPresent(allowed -> {
                throw new ConfigException(
                        where + ": '" + key + "' is '" + entry.value() + "', but it must be " + allowed + ".");
            });
            values.put(key, new ConfigValue(key, normalise(k, entry.value()), new ConfigOrigin(source, where), false));
        });
    }

    private void readEnvironment(Map<String, ConfigValue> values) {
        for (ConfigKey key : schema.keys()) {
            for (String name : key.envNames()) {
                String value = env.get(name);
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (!key.secret()) {
                    key.check(value).ifPresent(allowed -> {
                        throw new ConfigException("Environment variable " + name + "='" + value + "' is not allowed: "
                                + key.name() + " must be " + allowed + ".");
                    });
                }
                values.put(
                        key.name(),
                        new ConfigValue(
                                key.name(),
                                normalise(key, value),
                                new ConfigOrigin(ConfigSource.ENVIRONMENT, name),
                                key.secret()));
                break;
            }
        }
    }

    private static String normalise(ConfigKey key, String value) {
        String v = value.trim();
        return key.type() == ValueType.CHOICE ? v.toLowerCase(Locale.ROOT) : v;
    }

    private static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("password")
                || k.endsWith("api-key")
                || k.endsWith("apikey")
                || k.endsWith("secret")
                || k.endsWith("token");
    }
}
