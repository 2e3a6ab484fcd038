package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.MemoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The contract for the pgvector implementation, against the {@code agentloop/pgvector} image with the real
 * all-MiniLM-L6-v2 model, plus what only a database has: migrations, the model guard, secrets in rows.
 */
class PgVectorFailureMemoryIT extends FailureMemoryContract {

    /** The newest migration in src/main/resources/dev/agentloop/memory/db. */
    private static final String LATEST_VERSION = "2";

    private static final MemoryEmbeddingModel MODEL = EmbeddingModels.allMiniLmL6V2();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PostgreSQLContainer postgres;
    private static Path spools;

    private String schema;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PgVectorContainers.create();
        postgres.start();
        spools = Files.createTempDirectory("memory-it-spools");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Override
    protected ManagedFailureMemory create() {
        schema = "contract_" + SCHEMAS.incrementAndGet();
        return builder(schema, MODEL).build();
    }

    private static PgVectorFailureMemory.Builder builder(String schema, MemoryEmbeddingModel model) {
        return PgVectorFailureMemory.builder()
                .jdbcUrl(postgres.getJdbcUrl())
                .user(postgres.getUsername())
                .password(postgres.getPassword())
                .schema(schema)
                .spoolFile(spools.resolve(schema + ".jsonl"))
                .embeddingModel(model);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    @Test
    void appliesTheMigrationsToAnEmptySchemaAndAgainIdempotently() throws Exception {
        String fresh = "migrations_" + SCHEMAS.incrementAndGet();
        try (PgVectorFailureMemory first =
                builder(fresh, EmbeddingModels.hashing(64)).build()) {
            assertThat(first.stats().schemaVersion()).isEqualTo(LATEST_VERSION);
        }
        try (PgVectorFailureMemory again =
                builder(fresh, EmbeddingModels.hashing(64)).build()) {
            assertThat(again.stats().schemaVersion()).isEqualTo(LATEST_VERSION);
            assertThat(again.health().ok()).isTrue();
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), bool_and(success) FROM " + fresh
                        + ".flyway_schema_history WHERE version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(Integer.parseInt(LATEST_VERSION));
            assertThat(rs.getBoolean(2)).isTrue();
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '" + fresh
                        + "' AND tablename = 'failures'")) {
            List<String> defs = new ArrayList<>();
            while (rs.next()) {
                defs.add(rs.getString(2));
            }
            assertThat(defs).anySatisfy(d -> assertThat(d).contains("USING hnsw (embedding vector_cosine_ops)"));
            assertThat(defs).anySatisfy(d -> assertThat(d).contains("USING gin (search_vector)"));
            assertThat(defs).noneSatisfy(d -> assertThat(d).contains("ivfflat"));
        }
    }

    @Test
    void refusesToStartWithAnotherEmbeddingModelNamingBothAndTheReembedCommand() {
        String guarded = "guard_" + SCHEMAS.incrementAndGet();
        try (PgVectorFailureMemory first =
                builder(guarded, EmbeddingModels.hashing(64)).build()) {
            first.recordTask(task(1, "t", T0));
            first.recordFailure(nameError(1, id(1)));
        }
        assertThatThrownBy(() -> builder(guarded, EmbeddingModels.hashing(32)).build())
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("'hashing-64' (64 dimensions)")
                .hasMessageContaining("'hashing-32' (32 dimensions)")
                .hasMessageContaining("agent memory reembed");

        try (PgVectorFailureMemory changing = builder(guarded, EmbeddingModels.hashing(32))
                .acceptModelChange(true)
                .build()) {
            assertThat(changing.health().modelMatches()).isFalse();
            assertThat(changing.reembed(ReembedListener.NONE)).isEqualTo(1);
        }
        try (PgVectorFailureMemory after =
                builder(guarded, EmbeddingModels.hashing(32)).build()) {
            assertThat(after.stats().embeddingModel()).isEqualTo("hashing-32");
            assertThat(after.stats().dimension()).isEqualTo(32);
            assertThat(after.findSimilar(dev.agentloop.core.spi.FailureQuery.similarTo(nameError(9, id(9)))))
                    .singleElement()
                    .satisfies(m -> assertThat(m.failure().id()).isEqualTo(id(1001)));
        }
    }

    @Test
    void noSampleSecretReachesAnyTable() throws Exception {
        memory.recordTask(task(1, "deploy with " + SecretSamples.GITHUB + " and " + SecretSamples.OPENAI, T0));
        FailureRecord f = failure(
                1, id(1), "HTTPError", "401 for " + SecretSamples.AWS_ID, SecretSamples.OUTPUT, SecretSamples.CODE);
        memory.recordFailure(f);
        memory.recordFix(new FixRecord(
                f.id(),
                id(1),
                2,
                "-token = \"" + SecretSamples.GITHUB_PAT + "\"\n+token = os.environ['TOKEN']\n",
                true,
                T0));

        StringBuilder everything = new StringBuilder();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("tasks", "failures", "fixes", "iterations", "patterns", "metrics", "approvals");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            everything.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        assertThat(everything).contains("[REDACTED");
        SecretSamples.ALL.forEach(secret -> assertThat(everything.toString()).doesNotContain(secret));
    }
}
