package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.PgVectorFailureMemory;
import java.util.Map;

/** Opens the PostgreSQL/pgvector memory from the config, turning an unreachable database into exit 3. */
final class MemoryOpener {

    /** Used when AGENT_DB_PASSWORD is unset: the development password scripts/provision sets up. */
    static final String DEVELOPMENT_PASSWORD = "agent";

    private MemoryOpener() {}

    /**
     * @param acceptModelChange only for {@code agent memory reembed}
     * @throws EnvironmentNotReadyException when the database is not reachable or not prepared
     * @throws CliException (exit 2) when the embedding model name is unknown
     */
    static PgVectorFailureMemory open(CliConfig config, Map<String, String> env, boolean acceptModelChange) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        MemoryEmbeddingModel embedding;
        try {
            embedding = EmbeddingModels.named(config.get(ConfigSchema.EMBEDDING_MODEL), env);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("models.embedding: " + e.getMessage() + ".");
        }
        try {
            return PgVectorFailureMemory.builder()
                    .jdbcUrl(config.get(ConfigSchema.DB_URL))
                    .user(config.get(ConfigSchema.DB_USER))
                    .password(config.find(ConfigSchema.DB_PASSWORD).orElse(DEVELOPMENT_PASSWORD))
                    .poolSize(config.integer(ConfigSchema.DB_POOL_SIZE))
                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                    .connectTimeout(config.duration(ConfigSchema.DB_CONNECT_TIMEOUT))
                    .embeddingModel(embedding)
                    .acceptModelChange(acceptModelChange)
                    .build();
        } catch (MemoryException e) {
            if (EnvironmentFailures.isEnvironmental(e) || e.getMessage().contains("password")) {
                throw new EnvironmentNotReadyException(
                        "The failure-memory database is not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
            }
            throw new EnvironmentNotReadyException(
                    e.getMessage(), "agent memory reembed (after an embedding-model change), or agent doctor", e);
        }
    }
}
