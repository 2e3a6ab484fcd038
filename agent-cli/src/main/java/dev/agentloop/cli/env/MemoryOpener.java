package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.MemorySchemaException;
import dev.agentloop.memory.MemoryStats;
import dev.agentloop.memory.MemoryUnavailableException;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.PgVectorHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens the PostgreSQL/pgvector memory from the config, turning an unreachable database into exit 3. */
final class MemoryOpener {

    /** Used when AGENT_DB_PASSWORD is unset: the development password scripts/provision sets up. */
    static final String DEVELOPMENT_PASSWORD = "agent";

    /** How to create or upgrade the memory's schema. */
    static final String MIGRATE_FIX = "agent memory migrate (any agent run also does it)";

    private MemoryOpener() {}

    /**
     * @param settings the {@code memory:} section, from {@link MemorySettings#from}
     * @param acceptModelChange only for {@code agent memory reembed}
     * @throws EnvironmentNotReadyException when the database is not reachable or not prepared
     * @throws CliException (exit 2) when the embedding model name is unknown
     */
    static PgVectorFailureMemory open(
            CliConfig config, MemorySettings settings, Map<String, String> env, boolean acceptModelChange) {
        return open(config, settings, env, acceptModelChange, java.util.Optional.empty());
    }

    /**
     * @param pool a pool to share instead of the memory's own (agent serve)
     */
    static PgVectorFailureMemory open(
            CliConfig config,
            MemorySettings settings,
            Map<String, String> env,
            boolean acceptModelChange,
            java.util.Optional<javax.sql.DataSource> pool) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        MemoryEmbeddingModel embedding;
        try {
            embedding = EmbeddingModels.named(config.get(ConfigSchema.EMBEDDING_MODEL), env);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("models.embedding: " + e.getMessage() + ".");
        }
        try {
            PgVectorFailureMemory.Builder builder = settings.applyTo(PgVectorFailureMemory.builder());
            pool.ifPresent(builder::dataSource);
            return builder.jdbcUrl(config.get(ConfigSchema.DB_URL))
                    .user(config.get(ConfigSchema.DB_USER))
                    .password(config.find(ConfigSchema.DB_PASSWORD).orElse(DEVELOPMENT_PASSWORD))
                    .poolSize(config.integer(ConfigSchema.DB_POOL_SIZE))
                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                    .connectTimeout(config.duration(ConfigSchema.DB_CONNECT_TIMEOUT))
                    .embeddingModel(embedding)
                    .acceptModelChange(acceptModelChange)
                    .build();
        } catch (MemoryUnavailableException e) {
            throw new EnvironmentNotReadyException(e.getMessage(), fix(e.reason()), e);
        } catch (MemoryException e) {
            if (EnvironmentFailures.isEnvironmental(e)) {
                throw new EnvironmentNotReadyException(
                        "The failure-memory database is not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
            }
            throw new EnvironmentNotReadyException(
                    e.getMessage(), "agent memory reembed (after an embedding-model change), or agent doctor", e);
        }
    }

    /**
     * Opens the memory read-only: one plain connection, no migration, no embedding model.
     *
     * @param spoolFile the writing memory's spool file, whose backlog the stats count
     * @throws EnvironmentNotReadyException when the database is not reachable, or its schema is missing or older
     *     than this version reads (the fix then is {@code agent memory migrate})
     */
    static MemoryReader openReader(CliConfig config, java.nio.file.Path spoolFile) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        PgVectorHistory history;
        try {
            history = PgVectorHistory.builder()
                    .jdbcUrl(config.get(ConfigSchema.DB_URL))
                    .user(config.get(ConfigSchema.DB_USER))
                    .password(config.find(ConfigSchema.DB_PASSWORD).orElse(DEVELOPMENT_PASSWORD))
                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                    .connectTimeout(config.duration(ConfigSchema.DB_CONNECT_TIMEOUT))
                    .spoolFile(spoolFile)
                    .build();
        } catch (MemorySchemaException e) {
            throw new EnvironmentNotReadyException(e.getMessage() + ".", MIGRATE_FIX, e);
        } catch (MemoryUnavailableException e) {
            throw new EnvironmentNotReadyException(e.getMessage(), fix(e.reason()), e);
        } catch (MemoryException e) {
            throw new EnvironmentNotReadyException(
                    "The failure-memory database is not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
        }
        return new MemoryReader() {
            @Override
            public List<TaskSummary> history(HistoryQuery query) {
                return history.history(query);
            }

            @Override
            public Optional<TaskDetail> task(String idOrPrefix) {
                return history.task(idOrPrefix);
            }

            @Override
            public Map<String, String> stats() {
                return statsView(history.stats());
            }

            @Override
            public void close() {
                history.close();
            }
        };
    }

    /** This command line's own fix for a database the memory library cannot use. */
    static String fix(MemoryUnavailableException.Reason reason) {
        return switch (reason) {
            case AUTHENTICATION_FAILED ->
                "export AGENT_DB_USER and AGENT_DB_PASSWORD (database.user, database.password)"
                        + " with the memory database's credentials";
            case UNKNOWN_HOST, CONNECTION_REFUSED, CONNECTION_TIMED_OUT ->
                ServiceProbes.DB_FIX + ", or point AGENT_DB_URL (database.url) at a running server";
            case UNKNOWN_DATABASE ->
                "run scripts/provision (it creates the database), or correct AGENT_DB_URL" + " (database.url)";
            case VECTOR_EXTENSION_UNAVAILABLE, VECTOR_EXTENSION_NOT_CREATED ->
                "run scripts/provision (it installs" + " pgvector and creates the extension)";
        };
    }

    /** The stats as {@code agent memory stats} shows them. */
    static Map<String, String> statsView(MemoryStats s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tasks", Long.toString(s.tasks()));
        out.put("failures", Long.toString(s.failures()));
        out.put("fixes", s.fixes() + " (" + s.verifiedFixes() + " verified)");
        out.put("success patterns", Long.toString(s.patterns()));
        out.put("retrievals", Long.toString(s.retrievals()));
        out.put("spooled writes", Integer.toString(s.spoolBacklog()));
        out.put("schema version", s.schemaVersion());
        out.put("embedding model", s.embeddingModel() + " (" + s.dimension() + " dimensions)");
        return out;
    }
}
