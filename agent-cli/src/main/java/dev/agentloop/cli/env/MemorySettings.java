package dev.agentloop.cli.env;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigOrigin;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.memory.EmbeddedText;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.RetrievalSettings;
import dev.agentloop.memory.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code memory:} section of the config as the settings of {@link PgVectorFailureMemory.Builder}. Values were
 * type-checked when the config was loaded; what is left to check here is the spool file's path.
 *
 * @param spoolFile where writes wait while the database is down, absolute
 * @param retryPolicy {@code memory.write-attempts} attempts, with the memory's default backoff
 * @param replayInterval least time between two replays of the spool
 * @param retrieval how past failures are ranked: {@code memory.embedded-text}, {@code memory.hybrid}, {@code
 *     memory.fix-line-matching}; everything else at the memory's measured defaults
 */
public record MemorySettings(
        Path spoolFile, RetryPolicy retryPolicy, Duration replayInterval, RetrievalSettings retrieval) {

    public MemorySettings {
        Objects.requireNonNull(spoolFile, "spoolFile");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(replayInterval, "replayInterval");
        Objects.requireNonNull(retrieval, "retrieval");
    }

    /**
     * Reads the {@code memory:} keys. In {@code memory.spool-file}, {@code <schema>} stands for {@code
     * database.schema}, a leading {@code ~/} for {@code userHome}, and a relative path is relative to {@code
     * projectDir} (like every other path in the config).
     *
     * @throws ConfigException naming where {@code memory.spool-file} was set when it is not a path or names a folder
     */
    public static MemorySettings from(CliConfig config, Path userHome, Path projectDir) {
        RetryPolicy defaults = RetryPolicy.ofDefaults();
        RetryPolicy retry = new RetryPolicy(
                config.integer(ConfigSchema.MEMORY_WRITE_ATTEMPTS),
                defaults.initialBackoff(),
                defaults.maxBackoff(),
                defaults.multiplier());
        RetrievalSettings retrieval = RetrievalSettings.ofDefaults()
                .withEmbeddedText(embeddedText(config.get(ConfigSchema.MEMORY_EMBEDDED_TEXT)))
                .withHybrid(config.bool(ConfigSchema.MEMORY_HYBRID))
                .withFixLineMatching(config.bool(ConfigSchema.MEMORY_FIX_LINE_MATCHING))
                .withMinScore(Double.parseDouble(config.get(ConfigSchema.MEMORY_MIN_SCORE)))
                .withMinPatternSimilarity(Double.parseDouble(config.get(ConfigSchema.MEMORY_MIN_PATTERN_SIMILARITY)));
        return new MemorySettings(
                spoolFile(config, userHome, projectDir),
                retry,
                config.duration(ConfigSchema.MEMORY_REPLAY_INTERVAL),
                retrieval);
    }

    /** Sets these settings on {@code builder} and returns it. */
    public PgVectorFailureMemory.Builder applyTo(PgVectorFailureMemory.Builder builder) {
        return builder.spoolFile(spoolFile)
                .retryPolicy(retryPolicy)
                .replayInterval(replayInterval)
                .retrieval(retrieval);
    }

    private static EmbeddedText embeddedText(String value) {
        String id = value.trim().toLowerCase(Locale.ROOT);
        // The schema's choice list is built from the same ids, so a loaded config always matches one.
        return Arrays.stream(EmbeddedText.values())
                .filter(t -> ConfigSchema.id(t).equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an embedded text: " + value));
    }

    private static Path spoolFile(CliConfig config, Path userHome, Path projectDir) {
        String raw = config.get(ConfigSchema.MEMORY_SPOOL_FILE);
        String text = raw.replace(ConfigSchema.SCHEMA_PLACEHOLDER, config.get(ConfigSchema.DB_SCHEMA));
        Path path;
        try {
            if (text.equals("~")) {
                path = userHome;
            } else if (text.startsWith("~/")) {
                path = userHome.resolve(text.substring(2));
            } else {
                path = projectDir.resolve(text);
            }
        } catch (InvalidPathException e) {
            throw new ConfigException(
                    where(config) + ": '" + ConfigSchema.MEMORY_SPOOL_FILE + "' is '" + raw
                            + "', which is not a file path (" + e.getReason() + ").",
                    e);
        }
        path = path.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new ConfigException(where(config) + ": '" + ConfigSchema.MEMORY_SPOOL_FILE + "' is '" + raw
                    + "', which is a folder; name a file in it, e.g. " + raw.replaceAll("/+$", "")
                    + "/" + ConfigSchema.SCHEMA_PLACEHOLDER + ".jsonl.");
        }
        return path;
    }

    private static String where(CliConfig config) {
        return config.origin(ConfigSchema.MEMORY_SPOOL_FILE)
                .map(ConfigOrigin::where)
                .orElse(ConfigSchema.MEMORY_SPOOL_FILE);
    }
}
