package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.testing.SecretSamples;
import dev.agentloop.memory.internal.Candidate;
import dev.agentloop.memory.internal.PgReads;
import dev.agentloop.memory.internal.PgSchema;
import dev.agentloop.memory.internal.SchemaVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
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
    private static final String LATEST_VERSION = "8";

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
            assertThat(defs)
                    .anySatisfy(d -> assertThat(d)
                            .contains(
                                    "USING hnsw (embedding halfvec_cosine_ops) WITH (m='16', ef_construction='128')"));
            assertThat(defs).anySatisfy(d -> assertThat(d).contains("USING gin (search_vector)"));
            assertThat(defs).noneSatisfy(d -> assertThat(d).contains("ivfflat"));
        }
    }

    @Test
    void upgradesASchemaOfTheVersionBeforeRepositoriesKeepingItsRows() throws Exception {
        String old = "upgrade_" + SCHEMAS.incrementAndGet();
        Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas(old)
                .defaultSchema(old)
                .locations("classpath:" + SchemaVersions.MIGRATIONS)
                .placeholders(Map.of("dimension", "64"))
                .target("2")
                .load()
                .migrate();
        // Rows as the version before wrote them: no repository columns, no handoffs table.
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + old + ".memory_settings (key, value) VALUES ('embedding_model', 'hashing-64'),"
                    + " ('embedding_dimension', '64')");
            st.execute("INSERT INTO " + old + ".tasks (id, text, language, project_type, project, started_at)"
                    + " VALUES ('" + id(1) + "', 'sum a list', 'python', 'library', '', now())");
            st.execute("INSERT INTO " + old + ".failures (id, task_id, iteration, signature, error_type, message,"
                    + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                    + " lexical_text, recorded_at) VALUES ('" + id(1001) + "', '" + id(1) + "', 1, 'NameError | x',"
                    + " 'NameError', 'x', 't', 'python', '', 'sum a list', 'code', 'out', 'NameError', 'NameError',"
                    + " now())");
        }

        try (PgVectorFailureMemory upgraded =
                builder(old, EmbeddingModels.hashing(64)).build()) {
            assertThat(upgraded.stats().schemaVersion()).isEqualTo(LATEST_VERSION);
            TaskDetail before = upgraded.task(id(1).toString()).orElseThrow();
            assertThat(before.repository()).isEmpty();
            assertThat(before.handoff()).isEmpty();
            assertThat(before.failures()).singleElement().satisfies(f -> {
                assertThat(f.repository()).isEmpty();
                assertThat(f.files()).isEmpty();
            });

            upgraded.recordTask(task(2, "fix the cart", T0).withRepository(SHOP));
            upgraded.recordFailure(nameError(2, id(2)).withRepository(SHOP).withFiles(List.of("shop/cart.py")));
            TaskDetail after = upgraded.task(id(2).toString()).orElseThrow();
            assertThat(after.repository()).contains(SHOP);
            assertThat(after.failures().get(0).files()).containsExactly("shop/cart.py");
        }
        try (PgVectorHistory readOnly = PgVectorHistory.builder()
                .jdbcUrl(postgres.getJdbcUrl())
                .user(postgres.getUsername())
                .password(postgres.getPassword())
                .schema(old)
                .build()) {
            assertThat(readOnly.task(id(2).toString()).orElseThrow().repository())
                    .contains(SHOP);
        }
    }

    @Test
    void theReadOnlyHistoryRefusesASchemaOfTheVersionBeforeRepositories() {
        String old = "readonly_old_" + SCHEMAS.incrementAndGet();
        Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas(old)
                .defaultSchema(old)
                .locations("classpath:" + SchemaVersions.MIGRATIONS)
                .placeholders(Map.of("dimension", "64"))
                .target("2")
                .load()
                .migrate();

        assertThatThrownBy(() -> PgVectorHistory.builder()
                        .jdbcUrl(postgres.getJdbcUrl())
                        .user(postgres.getUsername())
                        .password(postgres.getPassword())
                        .schema(old)
                        .build())
                .isInstanceOf(MemorySchemaException.class)
                .hasMessageContaining("at schema version 2, older than version " + LATEST_VERSION);
    }

    @Test
    void aMemoryOfOverAHundredThousandFailuresGetsItsVectorIndexFromReindexNotFromTheMigration() throws Exception {
        String large = "large_" + SCHEMAS.incrementAndGet();
        Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas(large)
                .defaultSchema(large)
                .locations("classpath:" + SchemaVersions.MIGRATIONS)
                .placeholders(Map.of("dimension", "64"))
                .target("5")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement()) {
            // Rows without a vector are enough to make the table large; the graph is built over the others.
            st.execute("INSERT INTO " + large + ".failures (id, task_id, iteration, signature, error_type, message,"
                    + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                    + " lexical_text, recorded_at) SELECT gen_random_uuid(), gen_random_uuid(), 1, 's', 'E', 'm', 't',"
                    + " 'python', '', '', '', '', '', 'x', now() FROM generate_series(1, 100001)");
            st.execute(
                    "INSERT INTO " + large + ".memory_settings (key, value) VALUES ('embedding_model', 'hashing-64'),"
                            + " ('embedding_dimension', '64')");
        }
        List<IndexBuildProgress> progress = new ArrayList<>();
        try (PgVectorFailureMemory m =
                builder(large, EmbeddingModels.hashing(64)).build()) {
            m.recordTask(task(1, "sum a list", T0));
            m.recordFailure(nameError(1, id(1)));
            try (Connection c = DriverManager.getConnection(
                            postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE " + large + ".failures");
            }
            ServerSettings before = m.serverSettings();
            assertThat(before.indexState()).isEqualTo(ServerSettings.IndexState.MISSING);
            assertThat(before.advice()).anySatisfy(a -> assertThat(a).contains("agent memory reindex"));
            // Without the index the search scans every row, and still finds the failure.
            assertThat(matches(m.rank(FailureQuery.similarTo(nameError(9, id(9))))))
                    .extracting(x -> x.failure().id())
                    .containsExactly(id(1001));

            List<String> rebuilt = m.reindex(IndexBuildSettings.ofDefaults().withWorkers(0), progress::add);

            assertThat(rebuilt).containsExactly("failures_embedding_hnsw", "patterns_embedding_hnsw");
            assertThat(m.serverSettings().indexState()).isEqualTo(ServerSettings.IndexState.READY);
            assertThat(matches(m.rank(FailureQuery.similarTo(nameError(9, id(9))))))
                    .extracting(x -> x.failure().id())
                    .containsExactly(id(1001));
        }
        assertThat(progress)
                .filteredOn(p -> p.phase().equals(IndexBuildProgress.DONE))
                .extracting(IndexBuildProgress::index)
                .containsExactly("failures_embedding_hnsw", "patterns_embedding_hnsw");
        assertThat(progress).allSatisfy(p -> assertThat(p.done()).isLessThanOrEqualTo(Math.max(p.total(), 0)));
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '" + large
                        + "' AND indexname LIKE '%embedding_hnsw%' ORDER BY indexname")) {
            List<String> defs = new ArrayList<>();
            while (rs.next()) {
                defs.add(rs.getString(1) + ": " + rs.getString(2));
            }
            assertThat(defs).hasSize(2).allSatisfy(d -> assertThat(d).contains("halfvec_cosine_ops"));
        }
    }

    @Test
    void theMigrationToHalfPrecisionKeepsTheStoredFailuresAndTheirVectors() throws Exception {
        String old = "old_" + SCHEMAS.incrementAndGet();
        Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas(old)
                .defaultSchema(old)
                .locations("classpath:" + SchemaVersions.MIGRATIONS)
                .placeholders(Map.of("dimension", "8"))
                .target("5")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement()) {
            // Components a half-precision float holds exactly, so the converted vector can be compared as text.
            st.execute(
                    "INSERT INTO " + old + ".failures (id, task_id, iteration, signature, error_type, message,"
                            + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                            + " embedding, lexical_text, recorded_at) VALUES ('" + id(1001) + "', '" + id(1)
                            + "', 1, 's',"
                            + " 'NameError', 'name x', 't', 'python', '', '', '', '', '', '[0.5,0.25,-0.125,0.8125,0,0,0,1]', 'x', now())");
            st.execute("INSERT INTO " + old + ".patterns (id, task_id, task_text, language, project_type, approach,"
                    + " iterations, embedding, recorded_at) VALUES ('" + id(2001) + "', '" + id(1) + "', 't', 'python',"
                    + " 'library', 'a', 1, '[1,0,0,0,0,0,0,0]', now())");
            st.execute("INSERT INTO " + old + ".memory_settings (key, value) VALUES ('embedding_model', 'hashing-8'),"
                    + " ('embedding_dimension', '8')");
        }

        try (PgVectorFailureMemory m = builder(old, EmbeddingModels.hashing(8)).build()) {
            assertThat(m.stats().schemaVersion()).isEqualTo(LATEST_VERSION);
        }

        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT id, message, embedding::text, pg_typeof(embedding)::text FROM " + old + ".failures")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, java.util.UUID.class)).isEqualTo(id(1001));
                assertThat(rs.getString(2)).isEqualTo("name x");
                assertThat(rs.getString(3)).isEqualTo("[0.5,0.25,-0.125,0.8125,0,0,0,1]");
                assertThat(rs.getString(4)).isEqualTo("halfvec");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT embedding::text FROM " + old + ".patterns")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("[1,0,0,0,0,0,0,0]");
            }
        }
    }

    @Test
    void aSmallMemoryGetsHalfPrecisionVectorsAndItsIndexFromTheMigration() throws Exception {
        String small = "small_" + SCHEMAS.incrementAndGet();
        try (PgVectorFailureMemory m = builder(small, MODEL).build()) {
            m.recordTask(task(1, "sum a list", T0));
            m.recordFailure(nameError(1, id(1)));
            assertThat(m.serverSettings().indexState()).isEqualTo(ServerSettings.IndexState.READY);
        }
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                        + " JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " WHERE n.nspname = '" + small + "' AND t.relname IN ('failures', 'patterns')"
                        + " AND a.attname = 'embedding'")) {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                types.add(rs.getString(1));
            }
            assertThat(types).containsExactly("halfvec(384)", "halfvec(384)");
        }
    }

    private static List<FailureMatch> matches(List<RankedMatch> ranked) {
        return ranked.stream().map(RankedMatch::match).toList();
    }

    @Test
    void theUpgradeGathersThePendingColumnsStatisticsSoSearchesUseItsIndex() throws Exception {
        String stored = "stats_" + SCHEMAS.incrementAndGet();
        Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas(stored)
                .defaultSchema(stored)
                .locations("classpath:" + SchemaVersions.MIGRATIONS)
                .placeholders(Map.of("dimension", "64"))
                .target("6")
                .load()
                .migrate();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + stored + ".failures (id, task_id, iteration, signature, error_type, message,"
                    + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                    + " embedding, lexical_text, recorded_at) SELECT gen_random_uuid(), gen_random_uuid(), 1, 's', 'E',"
                    + " 'm', 't', 'python', '', '', '', '', '', array_fill(0.125::real, ARRAY[64])::halfvec, 'x', now()"
                    + " FROM generate_series(1, 5000)");
            st.execute("INSERT INTO " + stored + ".memory_settings (key, value) VALUES ('embedding_model',"
                    + " 'hashing-64'), ('embedding_dimension', '64')");
        }
        try (PgVectorFailureMemory m = builder(stored, EmbeddingModels.hashing(64))
                .linkExecutor(r -> {})
                .build()) {
            assertThat(m.stats().schemaVersion()).isEqualTo(LATEST_VERSION);
        }
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT null_frac FROM pg_stats WHERE schemaname = '" + stored
                    + "' AND tablename = 'failures' AND attname = 'pending_embedding'")) {
                assertThat(rs.next()).as("statistics of pending_embedding").isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(1.0);
            }
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT id FROM " + stored + ".failures f WHERE"
                    + " f.pending_embedding IS NOT NULL ORDER BY f.pending_embedding <=>"
                    + " array_fill(0.5::real, ARRAY[64])::halfvec LIMIT 100")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertThat(String.join("\n", plan)).contains("failures_pending");
        }
    }

    @Test
    void aRecordedFailureWaitsOutsideTheGraphIsFoundAtOnceAndKeepsItsSimilarityWhenLinked() throws Exception {
        String pending = "pending_" + SCHEMAS.incrementAndGet();
        List<Runnable> held = new ArrayList<>();
        try (PgVectorFailureMemory m =
                builder(pending, MODEL).linkExecutor(held::add).build()) {
            m.recordTask(task(1, "sum a list", T0));
            m.recordFailure(nameError(1, id(1)));

            assertThat(vectorColumns(pending, id(1001))).containsExactly("pending");
            List<FailureMatch> before = matches(m.rank(FailureQuery.similarTo(nameError(9, id(9)))));
            assertThat(before).extracting(x -> x.failure().id()).containsExactly(id(1001));
            assertThat(held).as("a linking pass was asked for").isNotEmpty();

            held.forEach(Runnable::run);

            assertThat(vectorColumns(pending, id(1001))).containsExactly("linked");
            List<FailureMatch> after = matches(m.rank(FailureQuery.similarTo(nameError(9, id(9)))));
            assertThat(after).extracting(x -> x.failure().id()).containsExactly(id(1001));
            assertThat(after.get(0).similarity()).isCloseTo(before.get(0).similarity(), within(1e-9));
        }
    }

    @Test
    void linkersOfTwoMemoriesSharingTheSchemaLinkEachPendingFailureOnce() throws Exception {
        String shared = "shared_" + SCHEMAS.incrementAndGet();
        MemoryEmbeddingModel model = EmbeddingModels.hashing(64);
        int failures = 300;
        try (PgVectorFailureMemory a =
                        builder(shared, model).linkExecutor(r -> {}).build();
                PgVectorFailureMemory b =
                        builder(shared, model).linkExecutor(r -> {}).build()) {
            a.recordTask(task(1, "sum a list", T0));
            for (int i = 1; i <= failures; i++) {
                a.recordFailure(copyOf(nameError(1, id(1)), i, id(1)));
            }
            assertThat(pendingCount(shared)).isEqualTo(failures);

            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Future<Long> byA = two.submit(a::linkPending);
                Future<Long> byB = two.submit(b::linkPending);
                assertThat(byA.get(60, TimeUnit.SECONDS) + byB.get(60, TimeUnit.SECONDS))
                        .isEqualTo(failures);
            } finally {
                two.shutdownNow();
            }
            assertThat(pendingCount(shared)).isZero();
            try (Connection c = connect();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM " + shared
                            + ".failures WHERE embedding IS NOT NULL AND pending_embedding IS NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(failures);
            }
        }
    }

    @Test
    void closingTheMemoryLetsItsOwnLinkingPassLinkWhatItWrote() throws Exception {
        String own = "own_" + SCHEMAS.incrementAndGet();
        try (PgVectorFailureMemory m = builder(own, EmbeddingModels.hashing(64)).build()) {
            m.recordTask(task(1, "sum a list", T0));
            for (int i = 1; i <= 100; i++) {
                m.recordFailure(copyOf(nameError(1, id(1)), i, id(1)));
            }
        }
        assertThat(pendingCount(own)).isZero();
    }

    @Test
    void healthSaysSoWhenLinkingFallsBehind() throws Exception {
        String behind = "behind_" + SCHEMAS.incrementAndGet();
        try (PgVectorFailureMemory m = builder(behind, EmbeddingModels.hashing(64))
                .linkExecutor(r -> {})
                .build()) {
            assertThat(m.health().problems()).noneSatisfy(p -> assertThat(p).contains("linked"));
            try (Connection c = connect();
                    Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + behind + ".failures (id, task_id, iteration, signature, error_type,"
                        + " message, failing_test, language, project, task_text, code_excerpt, output_excerpt,"
                        + " embedded_text, pending_embedding, lexical_text, recorded_at) SELECT gen_random_uuid(),"
                        + " gen_random_uuid(), 1, 's', 'E', 'm', 't', 'python', '', '', '', '', '',"
                        + " array_fill(0.125::real, ARRAY[64])::halfvec, 'x', now() FROM generate_series(1, "
                        + (PgVectorFailureMemory.PENDING_WARNING + 1) + ")");
            }
            assertThat(m.health().problems())
                    .anySatisfy(p -> assertThat(p).contains("10001 failures wait to be linked"));
        }
    }

    /** Which column holds the failure's vector: "pending", "linked", or both or neither. */
    private static List<String> vectorColumns(String schema, UUID failure) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pending_embedding IS NOT NULL, embedding IS NOT NULL FROM "
                        + schema + ".failures WHERE id = '" + failure + "'")) {
            List<String> out = new ArrayList<>();
            if (rs.next()) {
                if (rs.getBoolean(1)) {
                    out.add("pending");
                }
                if (rs.getBoolean(2)) {
                    out.add("linked");
                }
            }
            return out;
        }
    }

    private static long pendingCount(String schema) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM " + schema + ".failures WHERE pending_embedding IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void bringsUpFailuresOfThePreferredRepositoryBeyondTheNearestCandidates() {
        String crowded = "crowded_" + SCHEMAS.incrementAndGet();
        RetrievalSettings narrow = RetrievalSettings.ofDefaults()
                .withHybrid(false)
                .withFixLineMatching(false)
                .withCandidates(10);
        try (PgVectorFailureMemory m = builder(crowded, MODEL).retrieval(narrow).build()) {
            // Fifteen near copies of the probe in another repository fill the ten nearest candidates...
            for (int i = 1; i <= 15; i++) {
                FailureRecord near = failure(
                                i,
                                id(i),
                                "NameError",
                                "name 'sum_all_" + i + "' is not defined",
                                NAME_ERROR_OUTPUT,
                                "def total(xs):\n    return sum_all(xs)\n")
                        .withRepository(BLOG);
                m.recordTask(task(i, "sum a list", T0).withRepository(BLOG));
                m.recordFailure(near);
            }
            // ...and the one failure of the probe's own repository is of another kind.
            m.recordTask(task(20, "check a sign", T0).withRepository(SHOP));
            FailureRecord own = syntaxError(20, id(20)).withRepository(SHOP);
            m.recordFailure(own);

            // One result: each index brings up max(candidates, 10 * limit) = 10 candidates.
            List<FailureMatch> fromBlog =
                    matches(m.rank(FailureQuery.similarTo(nameError(99, id(99)).withRepository(BLOG))
                            .withLimit(1)));
            List<FailureMatch> fromShop =
                    matches(m.rank(FailureQuery.similarTo(nameError(99, id(99)).withRepository(SHOP))
                            .withLimit(1)));

            assertThat(fromBlog).extracting(x -> x.failure().id()).doesNotContain(own.id());
            assertThat(fromShop).extracting(x -> x.failure().id()).containsExactly(own.id());
        }
    }

    @Test
    void aLargeMemoryRanksTheRowsOfTheRarestWordFirstWhenMoreRowsMatchThanItRanks() throws Exception {
        String wordy = "wordy_" + SCHEMAS.incrementAndGet();
        MemoryEmbeddingModel model = EmbeddingModels.hashing(64);
        try (PgVectorFailureMemory m = builder(wordy, model).build();
                Connection c = connect()) {
            // More rows share the common word than a search ranks, and all of them come before the one row with the
            // rare word in the table's order.
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + wordy + ".failures (id, task_id, iteration, signature, error_type, message,"
                        + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                        + " lexical_text, recorded_at) SELECT gen_random_uuid(), gen_random_uuid(), 1, 's', 'E', 'm',"
                        + " 't', 'python', '', '', '', '', '', 'midword', now() FROM generate_series(1, "
                        + (PgReads.WORD_SCAN_LIMIT + 500) + ")");
                st.execute("INSERT INTO " + wordy + ".failures (id, task_id, iteration, signature, error_type, message,"
                        + " failing_test, language, project, task_text, code_excerpt, output_excerpt, embedded_text,"
                        + " lexical_text, recorded_at) VALUES ('" + id(7) + "', gen_random_uuid(), 1, 's', 'E', 'm',"
                        + " 't', 'python', '', '', '', '', '', 'rareword midword', now())");
            }
            PgReads reads = new PgReads(wordy);
            FailureQuery query = FailureQuery.similarTo(nameError(9, id(9)));
            float[] probe = model.embed("probe");

            List<Candidate> rarestFirst = reads.candidates(
                    c,
                    query,
                    probe,
                    "midword | rareword",
                    List.of("rareword", "midword"),
                    Set.of(),
                    RetrievalSettings.ofDefaults(),
                    40,
                    false);
            List<Candidate> commonFirst = reads.candidates(
                    c,
                    query,
                    probe,
                    "midword | rareword",
                    List.of("midword", "rareword"),
                    Set.of(),
                    RetrievalSettings.ofDefaults(),
                    40,
                    false);

            assertThat(rarestFirst)
                    .filteredOn(x -> x.failure().id().equals(id(7)))
                    .singleElement()
                    .satisfies(x -> assertThat(x.lexicalScore()).isPositive());
            // The word looked up first fills the rows ranked: the order is what brings the rare word's row.
            assertThat(commonFirst)
                    .noneSatisfy(x -> assertThat(x.failure().id()).isEqualTo(id(7)));
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
            assertThat(matches(after.rank(FailureQuery.similarTo(nameError(9, id(9))))))
                    .singleElement()
                    .satisfies(m -> assertThat(m.failure().id()).isEqualTo(id(1001)));
        }
    }

    @Test
    void noSampleSecretReachesAnyTable() throws Exception {
        RepositoryInfo cloned = new RepositoryInfo(
                "shop",
                "https://alice:" + SecretSamples.PASSWORD + "@example.org/acme/shop.git",
                "https://" + SecretSamples.GITHUB_PAT + "@example.org/acme/shop.git",
                "main",
                SHOP.baseCommit());
        memory.recordTask(task(1, "deploy with " + SecretSamples.GITHUB + " and " + SecretSamples.OPENAI, T0)
                .withRepository(cloned));
        FailureRecord f = failure(
                        1,
                        id(1),
                        "HTTPError",
                        "401 for " + SecretSamples.AWS_ID,
                        SecretSamples.OUTPUT,
                        SecretSamples.CODE)
                .withRepository(cloned)
                .withFiles(List.of("deploy.py"));
        memory.recordFailure(f);
        memory.completeTask(new TaskCompletion(id(1), TaskStatus.SOLVED, "", 2, 10, 0.0, Duration.ofSeconds(2), T0)
                .withHandoff(new HandoffRecord(
                        "agentloop/00005eed",
                        "fedcba98",
                        "/tmp/agentloop.patch",
                        "-token = \"" + SecretSamples.OPENAI + "\"\n+token = os.environ['TOKEN']\n",
                        false,
                        List.of("deploy.py"),
                        " deploy.py | 2 +-")));
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
            assertThat(tables)
                    .contains(
                            "tasks", "failures", "fixes", "iterations", "patterns", "metrics", "approvals", "handoffs");
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
        assertThat(everything).contains("[REDACTED", "https://example.org/acme/shop.git", "agentloop/00005eed");
        SecretSamples.ALL.forEach(secret -> assertThat(everything.toString()).doesNotContain(secret));
    }
}
