package dev.agentloop.memory.bench;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * {@code scripts/bench-memory [--rows 10000,100000] [--million]}: insert rates, HNSW build time, top-5 search latency
 * and recall@5 against an exact scan, on synthetic clustered 384-dimensional vectors, in a fresh schema per size
 * (dropped at the end). Recording with the real all-MiniLM-L6-v2 embedding is measured on failure texts shaped like
 * pytest output. Database from {@code AGENT_DB_URL} (default the provisioned one).
 */
public final class MemoryBenchmark {

    static final int DIMENSION = 384;
    static final int CLUSTERS = 200;
    static final int QUERIES = 300;
    static final int INCREMENTAL_SAMPLE = 500;
    static final int EMBEDDED_SAMPLE = 200;

    private final String url = env("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
    private final String user = env("AGENT_DB_USER", "agent");
    private final String password = env("AGENT_DB_PASSWORD", "agent");
    private final Random random = new Random(42);
    private final float[][] centroids = new float[CLUSTERS][];

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(10_000, 100_000));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows") && i + 1 < args.length) {
                sizes.clear();
                for (String n : args[++i].split(",")) {
                    sizes.add(Integer.parseInt(n.trim()));
                }
            } else if (args[i].equals("--million")) {
                sizes.add(1_000_000);
            } else {
                System.err.println("usage: scripts/bench-memory [--rows 10000,100000] [--million]");
                System.exit(2);
            }
        }
        new MemoryBenchmark().run(sizes);
    }

    MemoryBenchmark() {
        for (int c = 0; c < CLUSTERS; c++) {
            centroids[c] = gaussian(1.0f);
        }
    }

    void run(List<Integer> sizes) throws Exception {
        System.out.println("| rows | bulk load (rows/s) | HNSW build | incremental insert, no embedding (p50 / rows/s)"
                + " | top-5 vector search p50 / p99 | recall@5 | findSimilar p50 / p99 (hybrid, no embedding)"
                + " | langchain4j store search p50 / p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            sizeRun(n);
        }
        embeddedRecording();
    }

    private void sizeRun(int n) throws Exception {
        String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36) + "_" + n;
        Path spool = Files.createTempFile("bench-spool-", ".jsonl");
        SyntheticModel synthetic = new SyntheticModel();
        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                        .jdbcUrl(url)
                        .user(user)
                        .password(password)
                        .schema(schema)
                        .spoolFile(spool)
                        .embeddingModel(MemoryEmbeddingModel.of("synthetic-384", synthetic))
                        .build();
                Connection c = DriverManager.getConnection(url, user, password)) {
            UUID task = UUID.randomUUID();
            memory.recordTask(new TaskRecord(task, "bench", Language.PYTHON, ProjectType.LIBRARY, "", Instant.now()));
            // Bulk: drop the index, load in batches, build the index once.
            float[][] stored = new float[n][];
            UUID[] ids = new UUID[n];
            try (Statement st = c.createStatement()) {
                st.execute("DROP INDEX " + schema + ".failures_embedding_hnsw");
            }
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".failures (id, task_id,"
                    + " iteration, signature, error_type, message, failing_test, language, project, task_text,"
                    + " code_excerpt, output_excerpt, embedded_text, embedding, lexical_text, recorded_at)"
                    + " VALUES (?, ?, 1, ?, 'AssertionError', ?, 't', 'python', '', '', '', '', '', ?::vector, ?,"
                    + " now())")) {
                for (int i = 0; i < n; i++) {
                    stored[i] = point();
                    ids[i] = UUID.randomUUID();
                    ps.setObject(1, ids[i]);
                    ps.setObject(2, task);
                    ps.setString(3, "AssertionError | case " + (i % 997));
                    ps.setString(4, "assert " + (i % 97) + " == " + (i % 89));
                    ps.setString(5, vector(stored[i]));
                    ps.setString(6, "assertionerror assert case" + (i % 997) + " value" + (i % 89));
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("SET maintenance_work_mem = '1GB'");
                st.execute("CREATE INDEX failures_embedding_hnsw ON " + schema
                        + ".failures USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
                st.execute("ANALYZE " + schema + ".failures");
            }
            double buildSeconds = (System.nanoTime() - t1) / 1e9;

            // Incremental: one recordFailure at a time through the memory, the index in place.
            long[] insertNanos = new long[INCREMENTAL_SAMPLE];
            long t2 = System.nanoTime();
            for (int i = 0; i < INCREMENTAL_SAMPLE; i++) {
                FailureRecord f = syntheticFailure(task, i);
                long s = System.nanoTime();
                memory.recordFailure(f);
                insertNanos[i] = System.nanoTime() - s;
            }
            double incrementalRate = INCREMENTAL_SAMPLE / ((System.nanoTime() - t2) / 1e9);

            // Search: the vector query alone, recall against an exact scan in this process.
            long[] searchNanos = new long[QUERIES];
            double recall = 0;
            try (Statement st = c.createStatement()) {
                st.execute("SET hnsw.ef_search = 100");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM " + schema + ".failures ORDER BY embedding <=> ?::vector LIMIT 5")) {
                for (int q = 0; q < QUERIES + 20; q++) {
                    float[] probe = point();
                    ps.setString(1, vector(probe));
                    long s = System.nanoTime();
                    Set<UUID> found = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getObject(1, UUID.class));
                        }
                    }
                    long took = System.nanoTime() - s;
                    if (q >= 20) { // the first 20 warm the caches
                        searchNanos[q - 20] = took;
                        recall += recallAt5(probe, stored, ids, found, synthetic.inserted);
                    }
                }
            }
            recall /= QUERIES;

            // The whole findSimilar (vector + full-text + fixed lines + fusion), embedding excluded.
            long[] similarNanos = new long[QUERIES];
            for (int q = 0; q < QUERIES; q++) {
                FailureRecord probe = syntheticFailure(UUID.randomUUID(), 100_000 + q);
                long s = System.nanoTime();
                memory.findSimilar(FailureQuery.similarTo(probe));
                similarNanos[q] = System.nanoTime() - s - synthetic.lastNanos;
            }

            // langchain4j's store searching the same rows through a view in its column layout.
            try (Statement st = c.createStatement()) {
                st.execute("CREATE VIEW " + schema + ".store_view AS SELECT id AS embedding_id, embedding,"
                        + " embedded_text AS text, '{}'::json AS metadata FROM " + schema + ".failures");
            }
            long[] storeNanos = storeSearch(schema);

            System.out.printf(
                    "| %,d | %,.0f | %.1f s | %.2f ms / %,.0f | %.2f / %.2f ms | %.3f | %.2f / %.2f ms | %.2f / %.2f ms |%n",
                    n,
                    n / loadSeconds,
                    buildSeconds,
                    percentile(insertNanos, 50) / 1e6,
                    incrementalRate,
                    percentile(searchNanos, 50) / 1e6,
                    percentile(searchNanos, 99) / 1e6,
                    recall,
                    percentile(similarNanos, 50) / 1e6,
                    percentile(similarNanos, 99) / 1e6,
                    percentile(storeNanos, 50) / 1e6,
                    percentile(storeNanos, 99) / 1e6);
        } finally {
            Files.deleteIfExists(spool);
            if (!Boolean.getBoolean("bench.keep")) {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private long[] storeSearch(String schema) throws Exception {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET hnsw.ef_search = 100");
        try (com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(config)) {
            PgVectorEmbeddingStore store = PgVectorEmbeddingStore.datasourceBuilder()
                    .datasource(ds)
                    .table(schema + ".store_view")
                    .dimension(DIMENSION)
                    .createTable(false)
                    .useIndex(false)
                    .skipCreateVectorExtension(true)
                    .build();
            long[] nanos = new long[QUERIES];
            for (int q = 0; q < QUERIES + 20; q++) {
                Embedding probe = new Embedding(point());
                long s = System.nanoTime();
                store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(probe)
                        .maxResults(5)
                        .build());
                long took = System.nanoTime() - s;
                if (q >= 20) {
                    nanos[q - 20] = took;
                }
            }
            return nanos;
        }
    }

    /** Recording one failure with the real in-process model: what the loop pays at REFLECT. */
    private void embeddedRecording() throws Exception {
        String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36) + "_embed";
        Path spool = Files.createTempFile("bench-spool-", ".jsonl");
        MemoryEmbeddingModel model = EmbeddingModels.allMiniLmL6V2();
        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                .jdbcUrl(url)
                .user(user)
                .password(password)
                .schema(schema)
                .spoolFile(spool)
                .embeddingModel(model)
                .build()) {
            UUID task = UUID.randomUUID();
            memory.recordTask(new TaskRecord(task, "bench", Language.PYTHON, ProjectType.LIBRARY, "", Instant.now()));
            model.embed("warm up"); // load the model outside the measurement
            long[] nanos = new long[EMBEDDED_SAMPLE];
            long t0 = System.nanoTime();
            for (int i = 0; i < EMBEDDED_SAMPLE; i++) {
                FailureRecord f = realisticFailure(task, i);
                long s = System.nanoTime();
                memory.recordFailure(f);
                nanos[i] = System.nanoTime() - s;
            }
            double rate = EMBEDDED_SAMPLE / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(
                    "%nRecording one failure with its all-MiniLM-L6-v2 embedding (%d failures): p50 %.1f ms,"
                            + " p99 %.1f ms, %.0f failures/s%n",
                    EMBEDDED_SAMPLE, percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, rate);
        } finally {
            Files.deleteIfExists(spool);
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static FailureRecord syntheticFailure(UUID task, int i) {
        return new FailureRecord(
                UUID.randomUUID(),
                task,
                1,
                "AssertionError | assert <n> == <n> | t" + (i % 50),
                "AssertionError",
                "assert <n> == <n>",
                "test_solution.py::test_" + (i % 50),
                Language.PYTHON,
                "",
                "task",
                "def f(x):\n    return x + " + i + "\n",
                "E   assert " + i + " == " + (i + 1),
                Instant.now());
    }

    private static final String[] ERRORS = {
        "E   NameError: name 'totl' is not defined",
        "E   assert None == 6",
        "E   TypeError: unsupported operand",
        "E   IndexError: list index out of range",
        "E   assert [1, 2] == [1, 2, 3]"
    };

    private static FailureRecord realisticFailure(UUID task, int i) {
        String error = ERRORS[i % ERRORS.length];
        String output = "____ test_case_" + i + " ____\n    def test_case_" + i + "():\n>       assert f(" + i + ") == "
                + (i + 1) + "\ntest_solution.py:" + (3 + i % 40) + ":\n" + error + "\nE    +  where " + i
                + " = f(" + i + ")\nFAILED test_solution.py::test_case_" + i + " - " + error.substring(4);
        return new FailureRecord(
                UUID.randomUUID(),
                task,
                1,
                error.substring(4) + " | test_solution.py::test_case",
                error.substring(4).split(":")[0],
                error.substring(4),
                "test_solution.py::test_case_" + i,
                Language.PYTHON,
                "",
                "write f",
                "def f(x):\n    for i in range(len(x) - 1):\n        total += x[i]\n" + "    return total\n",
                output,
                Instant.now());
    }

    private double recallAt5(float[] probe, float[][] stored, UUID[] ids, Set<UUID> found, int extra) {
        // Exact top 5 over the bulk-loaded rows; the incremental sample is far from every centroid.
        double[] best = new double[5];
        int[] bestIdx = new int[5];
        Arrays.fill(best, -2);
        for (int i = 0; i < stored.length; i++) {
            double d = dot(probe, stored[i]);
            if (d > best[4]) {
                int j = 4;
                while (j > 0 && best[j - 1] < d) {
                    best[j] = best[j - 1];
                    bestIdx[j] = bestIdx[j - 1];
                    j--;
                }
                best[j] = d;
                bestIdx[j] = i;
            }
        }
        int hits = 0;
        for (int i : bestIdx) {
            if (found.contains(ids[i])) {
                hits++;
            }
        }
        return hits / 5.0;
    }

    private float[] point() {
        float[] c = centroids[random.nextInt(CLUSTERS)];
        float[] noise = gaussian(0.6f);
        float[] p = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            p[i] = c[i] + noise[i];
        }
        return normalise(p);
    }

    private float[] gaussian(float sigma) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (random.nextGaussian() * sigma / Math.sqrt(DIMENSION));
        }
        return v;
    }

    private static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static String vector(float[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(v[i]);
        }
        return s.append(']').toString();
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Vectors from the same clusters as the stored rows, derived from the text; costs next to nothing. */
    private final class SyntheticModel implements EmbeddingModel {
        volatile long lastNanos;
        int inserted;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            long s = System.nanoTime();
            List<Embedding> out = new ArrayList<>();
            for (TextSegment t : segments) {
                Random r = new Random(t.text().hashCode());
                float[] c = centroids[r.nextInt(CLUSTERS)];
                float[] p = new float[DIMENSION];
                for (int i = 0; i < DIMENSION; i++) {
                    p[i] = c[i] + (float) (r.nextGaussian() * 0.6 / Math.sqrt(DIMENSION));
                }
                out.add(new Embedding(normalise(p)));
            }
            lastNanos = System.nanoTime() - s;
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }
    }
}
