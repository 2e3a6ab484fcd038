package dev.agentloop.memory.bench;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.IndexBuildProgress;
import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.ReindexListener;
import dev.agentloop.memory.internal.CodePatterns;
import dev.agentloop.memory.internal.PgIndexes;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * {@code scripts/bench-memory [--rows 10000,100000] [--million] [--compare]}: insert rates, HNSW build time (through
 * the memory's reindex), top-5 search latency and recall@5 against an exact scan, unfiltered and under the language,
 * project and verified-only filters, and the whole findSimilar, on synthetic clustered 384-dimensional vectors with
 * Zipf-distributed error words and fixed lines, in a fresh schema per size (dropped at the end). {@code --compare}
 * builds each {@link IndexVariant} over the same rows instead. Recording with the real all-MiniLM-L6-v2 embedding is measured on failure texts shaped like
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

    /** ef_search values the comparison reports. */
    private List<Integer> efSearch = List.of(40, 100, 200, 400);

    private boolean compare;

    /** {@code --schema}: a schema an earlier run kept ({@code -Dbench.keep=true}) to measure again, or null. */
    private String reuseSchema;

    /** {@code --inserts}: failures recorded one at a time with the index in place. */
    private int inserts = INCREMENTAL_SAMPLE;

    /** The high half of the bulk rows' fixed ids (their task's: {@code BULK, rows}; a row's: {@code BULK + 1, i}). */
    static final long BULK = 0x62656e6368L;

    /** Whether recording with the real embedding model is measured too ({@code --no-embedding} leaves it out). */
    private boolean embedding = true;

    /** {@code --variants}: the index variants {@code --compare} builds; all when empty. */
    private List<String> variants = List.of();

    /** The unfiltered top-5 search at each of {@link #efSearch}, per size, printed after the main table. */
    private final List<String> sweeps = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(10_000, 100_000));
        MemoryBenchmark bench = new MemoryBenchmark();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows") && i + 1 < args.length) {
                sizes = ints(args[++i]);
            } else if (args[i].equals("--million")) {
                sizes.add(1_000_000);
            } else if (args[i].equals("--no-embedding")) {
                bench.embedding = false;
            } else if (args[i].equals("--compare")) {
                bench.compare = true;
            } else if (args[i].equals("--ef-search") && i + 1 < args.length) {
                bench.efSearch = ints(args[++i]);
            } else if (args[i].equals("--variants") && i + 1 < args.length) {
                bench.variants = List.of(args[++i].split(","));
            } else if (args[i].equals("--schema") && i + 1 < args.length) {
                bench.reuseSchema = args[++i];
            } else if (args[i].equals("--inserts") && i + 1 < args.length) {
                bench.inserts = ints(args[++i]).get(0);
            } else {
                System.err.println(
                        "usage: scripts/bench-memory [--rows 10000,100000] [--million] [--ef-search 40,100,200,400] [--no-embedding]"
                                + " [--inserts 500] [--schema KEPT_SCHEMA] [--compare [--variants halfvec-16-64,halfvec-16-128]]");
                System.exit(2);
            }
        }
        if (bench.reuseSchema != null && (sizes.size() != 1 || bench.compare)) {
            System.err.println("--schema measures one kept schema again: give the one --rows it was made with, without"
                    + " --compare");
            System.exit(2);
        }
        bench.run(sizes);
    }

    /**
     * Refuses a --schema that does not hold the bulk rows of a --rows run: measured, an empty or missing schema gives
     * fast searches of nothing (and the exact scan's recall near 0).
     */
    private void requireKeptRows(String schema, int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, schema + ".failures");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    System.err.println(
                            "--schema " + schema + ": no such kept schema (keep one with -Dbench.keep=true)");
                    System.exit(2);
                }
            }
            try (Statement count = c.createStatement();
                    ResultSet rs = count.executeQuery("SELECT count(*) FROM " + schema + ".failures")) {
                rs.next();
                if (rs.getLong(1) < n) {
                    System.err.printf(
                            "--schema %s holds %,d failures, fewer than the %,d of --rows: not a kept schema of this"
                                    + " size%n",
                            schema, rs.getLong(1), n);
                    System.exit(2);
                }
            }
        }
    }

    private static List<Integer> ints(String list) {
        List<Integer> out = new ArrayList<>();
        for (String n : list.split(",")) {
            out.add(Integer.parseInt(n.trim().replace("_", "")));
        }
        return out;
    }

    MemoryBenchmark() {
        for (int c = 0; c < CLUSTERS; c++) {
            centroids[c] = gaussian(1.0f);
        }
    }

    void run(List<Integer> sizes) throws Exception {
        if (compare) {
            for (int n : sizes) {
                compareRun(n);
            }
            return;
        }
        System.out.println("| rows | bulk load (rows/s) | HNSW build (index size) | one insert, index in place (p50 /"
                + " rate (inserts, the index's ef_construction)) | top-5 p50 / p99 | recall@5 | language filter (10%):"
                + " p50 / p99, recall | project filter (1%) | verified only (20%) | project filter without iterative"
                + " scan | recall@5 next to rows added one at a time | findSimilar p50 / p99 (no embedding) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            sizeRun(n);
        }
        System.out.println();
        System.out.println("| rows | ef_search | top-5 p50 / p99 | recall@5 |");
        System.out.println("|---|---|---|---|");
        sweeps.forEach(System.out::println);
        if (embedding) {
            embeddedRecording();
        }
    }

    /** Share of failures in JavaScript (the rest are Python): the language filter keeps this many. */
    static final double JAVASCRIPT_SHARE = 0.1;

    /** Projects the failures are spread over: the project filter keeps one in this many. */
    static final int PROJECTS = 100;

    /** Share of failures with a verified fix: the verified-only filter keeps this many. */
    static final double VERIFIED_SHARE = 0.2;

    private void sizeRun(int n) throws Exception {
        boolean reuse = reuseSchema != null;
        String schema = reuse ? reuseSchema : "bench_" + Long.toString(System.currentTimeMillis(), 36) + "_" + n;
        if (reuse) {
            requireKeptRows(schema, n);
        }
        Path spool = Files.createTempFile("bench-spool-", ".jsonl");
        SyntheticModel synthetic = new SyntheticModel();
        SyntheticFailures texts = new SyntheticFailures(7);
        try (PgVectorFailureMemory memory = memory(schema, spool, synthetic).build();
                Connection c = DriverManager.getConnection(url, user, password)) {
            // The bulk rows' task and ids are fixed, so that a kept schema can be measured again (--schema).
            UUID task = new UUID(BULK, n);
            if (!reuse) {
                memory.recordTask(
                        new TaskRecord(task, "bench", Language.PYTHON, ProjectType.LIBRARY, "", Instant.now()));
            }
            // Bulk: drop the index, load in batches, build the index once (as agent memory reindex does). A reused
            // schema holds these rows already: they are drawn again from the same seeds, and not stored.
            float[][] bulk = new float[n][];
            UUID[] bulkIds = new UUID[n];
            boolean[] bulkJavascript = new boolean[n];
            short[] bulkProject = new short[n];
            boolean[] bulkVerified = new boolean[n];
            if (!reuse) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX " + schema + "." + PgIndexes.FAILURES);
                }
            }
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".failures (id, task_id,"
                            + " iteration, signature, error_type, message, failing_test, language, project, task_text,"
                            + " code_excerpt, output_excerpt, embedded_text, embedding, lexical_text, fix_patterns,"
                            + " fix_kind, recorded_at) VALUES (?, ?, 1, ?, 'AssertionError', ?, 't', ?, ?, '', '', '',"
                            + " '', ?::halfvec, ?, ?, ?, now())");
                    PreparedStatement fix = c.prepareStatement("INSERT INTO " + schema + ".fixes (failure_id,"
                            + " task_id, passed_iteration, diff, verified, recorded_at) VALUES (?, ?, 2, '', true,"
                            + " now())")) {
                for (int i = 0; i < n; i++) {
                    bulk[i] = point();
                    bulkIds[i] = new UUID(BULK + 1, i);
                    bulkJavascript[i] = texts.random().nextDouble() < JAVASCRIPT_SHARE;
                    bulkProject[i] = (short) texts.random().nextInt(PROJECTS);
                    bulkVerified[i] = texts.random().nextDouble() < VERIFIED_SHARE;
                    String words = texts.words();
                    // Failures with a fix carry the shapes of the lines it changed.
                    boolean fixed = bulkVerified[i] || texts.random().nextDouble() < 0.4;
                    List<String> shapes = new ArrayList<>();
                    if (fixed) {
                        for (int k = 1 + texts.random().nextInt(3); k > 0; k--) {
                            shapes.add(texts.line());
                        }
                    }
                    String kind = fixed ? "k" + texts.random().nextInt(40) : "";
                    if (reuse) {
                        continue;
                    }
                    ps.setObject(1, bulkIds[i]);
                    ps.setObject(2, task);
                    ps.setString(3, "AssertionError | " + words.substring(0, words.indexOf(' ')));
                    ps.setString(4, words);
                    ps.setString(5, bulkJavascript[i] ? "javascript" : "python");
                    ps.setString(6, "p" + bulkProject[i]);
                    ps.setString(7, vector(bulk[i]));
                    ps.setString(8, "assertionerror " + words);
                    ps.setArray(
                            9,
                            c.createArrayOf(
                                    "text",
                                    shapes.stream().map(CodePatterns::of).toArray()));
                    ps.setString(10, kind);
                    ps.addBatch();
                    if (bulkVerified[i]) {
                        fix.setObject(1, bulkIds[i]);
                        fix.setObject(2, task);
                        fix.addBatch();
                    }
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        fix.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                fix.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            double buildSeconds = 0;
            if (!reuse) {
                // What autovacuum does after a bulk load: statistics, and the full-text index's pending list merged.
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM (ANALYZE) " + schema + ".failures");
                    st.execute("VACUUM (ANALYZE) " + schema + ".fixes");
                }
                long t1 = System.nanoTime();
                memory.reindex(IndexBuildSettings.ofDefaults(), new ProgressPrinter());
                buildSeconds = (System.nanoTime() - t1) / 1e9;
            }
            String indexSize = sizeOf(c, schema + "." + PgIndexes.FAILURES);
            // Rows earlier runs on a reused schema added one at a time: the exact scan must know them too.
            Rows earlier = reuse ? addedRows(c, schema, task) : new Rows();
            if (System.getProperty("bench.insertEf") != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER INDEX " + schema + "." + PgIndexes.FAILURES + " SET (ef_construction = "
                            + Integer.parseInt(System.getProperty("bench.insertEf")) + ")");
                }
            }
            String insertEf = indexOption(c, schema + "." + PgIndexes.FAILURES, "ef_construction");

            // Incremental: one recordFailure at a time through the memory, the index in place; each with a vector of
            // its own (a vector already in the graph is only added to its element), drawn anew on every run.
            UUID insertTask = UUID.randomUUID();
            memory.recordTask(
                    new TaskRecord(insertTask, "bench", Language.PYTHON, ProjectType.LIBRARY, "", Instant.now()));
            Random fresh = new Random(System.nanoTime());
            Rows added = new Rows();
            long[] insertNanos = new long[inserts];
            // -Dbench.insertEfs=128,64: the inserts in blocks of 20 under each ef_construction in turn, so that the
            // load of the machine and the warming of the server's processes fall on each alike.
            List<Integer> efs = System.getProperty("bench.insertEfs") == null
                    ? List.of()
                    : ints(System.getProperty("bench.insertEfs"));
            long t2 = System.nanoTime();
            for (int i = 0; i < inserts; i++) {
                if (!efs.isEmpty() && i % 20 == 0) {
                    try (Statement st = c.createStatement()) {
                        st.execute("ALTER INDEX " + schema + "." + PgIndexes.FAILURES + " SET (ef_construction = "
                                + efs.get(i / 20 % efs.size()) + ")");
                    }
                }
                FailureRecord f = syntheticFailure(insertTask, i);
                float[] v = point(fresh);
                synthetic.next = v;
                long s = System.nanoTime();
                memory.recordFailure(f);
                insertNanos[i] = System.nanoTime() - s;
                added.add(f.id(), v);
            }
            double incrementalRate = inserts / ((System.nanoTime() - t2) / 1e9);
            // A failure is written pending and linked into the graph by the memory's background pass; what is still
            // pending when the inserts end is linked here, so that the searches below see the whole graph.
            long pendingAfterInserts = pending(c, schema);
            long t3 = System.nanoTime();
            memory.linkPending();
            long linkedAt = System.nanoTime();
            System.out.printf(
                    "linking: %,d of the %,d inserts still pending when the inserts ended (%.1f s), the rest linked in"
                            + " %.1f s; all linked %.1f s after the first insert (%.0f per s)%n",
                    pendingAfterInserts,
                    inserts,
                    (t3 - t2) / 1e9,
                    (linkedAt - t3) / 1e9,
                    (linkedAt - t2) / 1e9,
                    inserts / ((linkedAt - t2) / 1e9));
            for (int e = 0; e < efs.size(); e++) {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < inserts; i++) {
                    if (i / 20 % efs.size() == e) {
                        mine.add(insertNanos[i]);
                    }
                }
                long[] nanos = mine.stream().mapToLong(Long::longValue).toArray();
                System.out.printf(
                        "one insert at ef_construction %d: p50 %.2f ms, p90 %.2f ms (%d inserts)%n",
                        efs.get(e), percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, nanos.length);
            }
            Rows later = earlier.plus(added);
            int total = n + later.size();
            float[][] stored = Arrays.copyOf(bulk, total);
            UUID[] ids = Arrays.copyOf(bulkIds, total);
            for (int i = 0; i < later.size(); i++) {
                stored[n + i] = later.vectors.get(i);
                ids[n + i] = later.ids.get(i);
            }
            // Rows added one at a time are Python, of no project, without a verified fix.
            boolean[] javascript = Arrays.copyOf(bulkJavascript, total);
            short[] project = Arrays.copyOf(bulkProject, total);
            Arrays.fill(project, n, total, (short) -1);
            boolean[] verified = Arrays.copyOf(bulkVerified, total);

            int backlog = Integer.getInteger("bench.backlog", 0);
            if (backlog > 0) {
                backlogSearches(memory, schema, spool, backlog, texts, synthetic, fresh);
            }
            if (Boolean.getBoolean("bench.similarOnly")) {
                // While tuning: the inserts and findSimilar alone, without the exact scans and the index searches.
                long[] similar = similarSearches(memory, texts, synthetic);
                System.out.printf(
                        "| %,d | one insert p50 %.2f ms (%,d, ef_construction %s) | findSimilar p50 / p99 %.2f / %.2f"
                                + " ms |%n",
                        total,
                        percentile(insertNanos, 50) / 1e6,
                        inserts,
                        insertEf,
                        percentile(similar, 50) / 1e6,
                        percentile(similar, 99) / 1e6);
                return;
            }
            // Search: the vector query alone, as the memory runs it; recall against an exact scan in this process.
            float[][] probes = new float[QUERIES + 20][];
            for (int q = 0; q < probes.length; q++) {
                probes[q] = point();
            }
            // Probes next to the rows this run added one at a time (their vector moved by a third of the spread
            // within a cluster): are the rows the graph took in one by one found as well as the bulk-built ones?
            float[][] nearAdded = new float[added.size() < QUERIES ? 0 : QUERIES + 20][];
            for (int q = 0; q < nearAdded.length; q++) {
                float[] base = added.vectors.get(fresh.nextInt(added.size()));
                float[] noise = gaussian(0.2f, fresh);
                float[] p = new float[DIMENSION];
                for (int i = 0; i < DIMENSION; i++) {
                    p[i] = base[i] + noise[i];
                }
                nearAdded[q] = normalise(p);
            }
            // The exact top 5 of every probe, unfiltered and under each filter, in one pass over the rows.
            Set<UUID>[][] exact = exactTopFive(
                    probes, stored, ids, i -> true, i -> javascript[i], i -> project[i] == 7, i -> verified[i]);
            Set<UUID>[] exactNearAdded = exactTopFive(nearAdded, stored, ids, i -> true)[0];
            int ef = PgIndexes.efSearch(total);
            Filtered all = searches(c, schema, "", probes, exact[0], false, ef);
            String nearAddedRecall = nearAdded.length == 0
                    ? "—"
                    : String.format("%.3f", searches(c, schema, "", nearAdded, exactNearAdded, false, ef).recall);
            for (int sweep : efSearch) {
                Filtered swept = searches(c, schema, "", probes, exact[0], false, sweep);
                sweeps.add(String.format(
                        "| %,d | %d | %.2f / %.2f ms | %.3f |",
                        n, sweep, percentile(swept.nanos, 50) / 1e6, percentile(swept.nanos, 99) / 1e6, swept.recall));
            }
            Filtered byLanguage = searches(c, schema, "AND f.language = 'javascript'", probes, exact[1], true, ef);
            Filtered byProject = searches(c, schema, "AND f.project = 'p7'", probes, exact[2], true, ef);
            Filtered verifiedOnly = searches(
                    c,
                    schema,
                    "AND EXISTS (SELECT 1 FROM " + schema + ".fixes x WHERE x.failure_id = f.id AND x.verified)",
                    probes,
                    exact[3],
                    true,
                    ef);
            Filtered byProjectWithoutIteration =
                    searches(c, schema, "AND f.project = 'p7'", probes, exact[2], false, ef);

            long[] similarNanos = similarSearches(memory, texts, synthetic);

            System.out.printf(
                    "| %,d | %s | %s | %.2f ms / %,.0f (%,d, ef_construction %s) | %.2f / %.2f ms | %.3f | %s | %s | %s"
                            + " | %s | %s | %.2f / %.2f ms |%n",
                    total,
                    reuse ? "(kept)" : String.format("%,.0f", n / loadSeconds),
                    reuse ? "(kept, " + indexSize + ")" : String.format("%.1f s (%s)", buildSeconds, indexSize),
                    percentile(insertNanos, 50) / 1e6,
                    incrementalRate,
                    inserts,
                    insertEf,
                    percentile(all.nanos, 50) / 1e6,
                    percentile(all.nanos, 99) / 1e6,
                    all.recall,
                    byLanguage,
                    byProject,
                    verifiedOnly,
                    byProjectWithoutIteration,
                    nearAddedRecall,
                    percentile(similarNanos, 50) / 1e6,
                    percentile(similarNanos, 99) / 1e6);
        } finally {
            Files.deleteIfExists(spool);
            // A schema given with --schema was kept on purpose: it stays, as do those of -Dbench.keep=true runs.
            if (!reuse && !Boolean.getBoolean("bench.keep")) {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            } else {
                System.err.println("kept schema " + schema);
            }
        }
    }

    /**
     * The whole findSimilar (vector + full-text + fixed lines + fusion) of {@link #QUERIES} probes after 20 to warm
     * up, the loop's query (AgentConfig's defaults: its language, above 0.5, its own task left out); embedding
     * excluded.
     */
    /**
     * -Dbench.backlog=N: findSimilar while N failures wait to be linked (written by a second memory whose linking
     * never runs), then the same searches once they are linked; a burst of writes leaves such a backlog for a while.
     */
    private void backlogSearches(
            PgVectorFailureMemory memory,
            String schema,
            Path spool,
            int backlog,
            SyntheticFailures texts,
            SyntheticModel synthetic,
            Random fresh)
            throws Exception {
        try (PgVectorFailureMemory writer =
                memory(schema, spool, synthetic).linkExecutor(r -> {}).build()) {
            UUID task = UUID.randomUUID();
            writer.recordTask(new TaskRecord(task, "bench", Language.PYTHON, ProjectType.LIBRARY, "", Instant.now()));
            for (int i = 0; i < backlog; i++) {
                synthetic.next = point(fresh);
                writer.recordFailure(syntheticFailure(task, i));
            }
        }
        long[] withBacklog = similarSearches(memory, texts, synthetic);
        long t = System.nanoTime();
        long linked = memory.linkPending();
        double linkSeconds = (System.nanoTime() - t) / 1e9;
        long[] linkedAll = similarSearches(memory, texts, synthetic);
        System.out.printf(
                "findSimilar with %,d failures pending: p50 / p99 %.2f / %.2f ms; once they are linked (%,d in %.1f s,"
                        + " %.0f per s): %.2f / %.2f ms%n",
                backlog,
                percentile(withBacklog, 50) / 1e6,
                percentile(withBacklog, 99) / 1e6,
                linked,
                linkSeconds,
                linked / linkSeconds,
                percentile(linkedAll, 50) / 1e6,
                percentile(linkedAll, 99) / 1e6);
    }

    /** The memory of a size run, over the benchmark's database and synthetic model. */
    private PgVectorFailureMemory.Builder memory(String schema, Path spool, SyntheticModel synthetic) {
        return PgVectorFailureMemory.builder()
                .jdbcUrl(url)
                .user(user)
                .password(password)
                .schema(schema)
                .spoolFile(spool)
                .embeddingModel(MemoryEmbeddingModel.of("synthetic-384", synthetic));
    }

    private static long pending(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM " + schema + ".failures WHERE pending_embedding IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[] similarSearches(
            PgVectorFailureMemory memory, SyntheticFailures texts, SyntheticModel synthetic) {
        UUID loopTask = UUID.randomUUID();
        long[] nanos = new long[QUERIES];
        for (int q = 0; q < QUERIES + 20; q++) {
            FailureRecord probe = realisticProbe(texts, 100_000 + q);
            long s = System.nanoTime();
            memory.findSimilar(FailureQuery.similarTo(probe)
                    .withLimit(3)
                    .withLanguage(Language.PYTHON)
                    .withMinSimilarity(0.5)
                    .excludingTask(loopTask));
            long took = System.nanoTime() - s - synthetic.lastNanos;
            if (q >= 20) {
                nanos[q - 20] = took;
            }
        }
        return nanos;
    }

    /** Rows added one at a time: ids and vectors, in order. */
    private static final class Rows {
        final List<UUID> ids = new ArrayList<>();
        final List<float[]> vectors = new ArrayList<>();

        void add(UUID id, float[] vector) {
            ids.add(id);
            vectors.add(vector);
        }

        int size() {
            return ids.size();
        }

        Rows plus(Rows more) {
            Rows out = new Rows();
            out.ids.addAll(ids);
            out.ids.addAll(more.ids);
            out.vectors.addAll(vectors);
            out.vectors.addAll(more.vectors);
            return out;
        }
    }

    /** The rows of a kept schema that are not the bulk load's: those earlier runs recorded one at a time. */
    private static Rows addedRows(Connection c, String schema, UUID bulkTask) throws SQLException {
        Rows out = new Rows();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, embedding::text FROM " + schema + ".failures"
                + " WHERE task_id <> ? AND embedding IS NOT NULL")) {
            ps.setObject(1, bulkTask);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(2);
                    String[] parts = text.substring(1, text.length() - 1).split(",");
                    float[] v = new float[parts.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Float.parseFloat(parts[i]);
                    }
                    out.add(rs.getObject(1, UUID.class), v);
                }
            }
        }
        return out;
    }

    /** A storage option of an index ({@code ALTER INDEX ... SET}), or "default". */
    private static String indexOption(Connection c, String index, String option) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT option_value FROM pg_options_to_table("
                + "(SELECT reloptions FROM pg_class WHERE oid = ?::regclass)) WHERE option_name = ?")) {
            ps.setString(1, index);
            ps.setString(2, option);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "default";
            }
        }
    }

    /** Latencies and recall@5 of top-5 searches under one filter. */
    private record Filtered(long[] nanos, double recall) {
        @Override
        public String toString() {
            return String.format(
                    "%.2f / %.2f ms, %.3f", percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, recall);
        }
    }

    /**
     * Top-5 searches as the memory's vector part runs them (ef_search {@code ef}; with a filter, pgvector's iterative
     * scan when {@code iterative}), recall against {@code exact}, the true top 5 among the rows the filter keeps.
     */
    private Filtered searches(
            Connection c, String schema, String filter, float[][] probes, Set<UUID>[] exact, boolean iterative, int ef)
            throws Exception {
        long[] nanos = new long[QUERIES];
        double recall = 0;
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL hnsw.ef_search = " + ef);
            st.execute("SET LOCAL hnsw.iterative_scan = " + (iterative ? "relaxed_order" : "off"));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT f.id FROM " + schema + ".failures f WHERE"
                + " f.embedding IS NOT NULL " + filter + " ORDER BY f.embedding <=> ?::halfvec LIMIT 5")) {
            for (int q = 0; q < probes.length; q++) {
                ps.setObject(1, vector(probes[q]), java.sql.Types.OTHER); // parsed once, as the memory binds it
                long s = System.nanoTime();
                Set<UUID> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
                long took = System.nanoTime() - s;
                if (q >= 20) { // the first 20 warm the caches
                    nanos[q - 20] = took;
                    found.retainAll(exact[q]);
                    recall += found.size() / 5.0;
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        return new Filtered(nanos, recall / QUERIES);
    }

    /** Prints a build's progress on stderr, a line per phase and per 10%, like {@code agent memory reindex}. */
    private static final class ProgressPrinter implements ReindexListener {
        private String last = "";

        @Override
        public void progress(IndexBuildProgress p) {
            String key = p.index() + "|" + p.phase() + "|" + (int) (10 * p.fraction());
            if (!key.equals(last)) {
                System.err.printf(
                        "%s: %s %,d/%,d (%d%%)%n",
                        p.index(), p.phase(), p.done(), p.total(), (int) (100 * p.fraction()));
                last = key;
            }
        }
    }

    /** A probe with words and code lines drawn like the stored failures'. */
    private static FailureRecord realisticProbe(SyntheticFailures texts, int i) {
        String words = texts.words();
        return new FailureRecord(
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                "AssertionError | " + words,
                "AssertionError",
                words,
                "test_solution.py::test_" + (i % 50),
                Language.PYTHON,
                "",
                "task",
                "def f(x, y, z):\n" + texts.code(5),
                "E   AssertionError: " + words,
                Instant.now());
    }

    /**
     * {@code --compare}: the same bulk-loaded rows under each {@link IndexVariant}: build time, index size, and top-5
     * latency and recall@5 for each ef_search. The rows are loaded into a plain table in a schema of their own.
     */
    private void compareRun(int n) throws Exception {
        String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36) + "_cmp_" + n;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
                st.execute("CREATE TABLE " + schema + ".failures (id uuid PRIMARY KEY, embedding vector(" + DIMENSION
                        + ") NOT NULL)");
            }
            float[][] stored = new float[n][];
            UUID[] ids = new UUID[n];
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + schema + ".failures (id, embedding) VALUES (?, ?::vector)")) {
                for (int i = 0; i < n; i++) {
                    stored[i] = point();
                    ids[i] = UUID.randomUUID();
                    ps.setObject(1, ids[i]);
                    ps.setString(2, vector(stored[i]));
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
            float[][] probes = new float[QUERIES + 20][];
            for (int q = 0; q < probes.length; q++) {
                probes[q] = point();
            }
            Set<UUID>[] exact = exactTopFive(probes, stored, ids, i -> true)[0];
            try (Statement st = c.createStatement()) {
                st.execute(
                        "SET maintenance_work_mem = '" + System.getProperty("bench.maintenanceWorkMem", "2GB") + "'");
                if (System.getProperty("bench.workers") != null) {
                    st.execute("SET max_parallel_maintenance_workers = "
                            + Integer.parseInt(System.getProperty("bench.workers")));
                }
            }
            System.out.printf(
                    "%n%,d rows (maintenance_work_mem %s, max_parallel_maintenance_workers %s)%n",
                    n, setting(c, "maintenance_work_mem"), setting(c, "max_parallel_maintenance_workers"));
            System.out.println("| index | build | size | ef_search | top-5 p50 / p99 | recall@5 |");
            System.out.println("|---|---|---|---|---|---|");
            for (IndexVariant v : IndexVariant.selected(DIMENSION, variants)) {
                long t0 = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    st.execute(v.createIndex().formatted(schema));
                    st.execute("ANALYZE " + schema + ".failures");
                }
                double build = (System.nanoTime() - t0) / 1e9;
                String size = sizeOf(c, schema + ".bench_idx");
                for (int ef : efSearch) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET hnsw.ef_search = " + ef);
                    }
                    long[] nanos = new long[QUERIES];
                    double recall = 0;
                    try (PreparedStatement ps = c.prepareStatement(v.topFive().formatted(schema))) {
                        for (int q = 0; q < probes.length; q++) {
                            for (int p = 1; p <= v.probeParameters(); p++) {
                                ps.setObject(p, vector(probes[q]), java.sql.Types.OTHER);
                            }
                            long s = System.nanoTime();
                            Set<UUID> found = new HashSet<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    found.add(rs.getObject(1, UUID.class));
                                }
                            }
                            long took = System.nanoTime() - s;
                            if (q >= 20) {
                                nanos[q - 20] = took;
                                found.retainAll(exact[q]);
                                recall += found.size() / 5.0;
                            }
                        }
                    }
                    System.out.printf(
                            "| %s | %.1f s | %s | %d | %.2f / %.2f ms | %.3f |%n",
                            v.name(),
                            build,
                            size,
                            ef,
                            percentile(nanos, 50) / 1e6,
                            percentile(nanos, 99) / 1e6,
                            recall / QUERIES);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX " + schema + ".bench_idx");
                }
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * The ids of the five rows nearest to each probe among those each of {@code kept} keeps, by an exact scan in float
     * precision: {@code [filter][probe]}. One pass over the rows per probe, the probes in parallel.
     */
    @SuppressWarnings("unchecked")
    private static Set<UUID>[][] exactTopFive(
            float[][] probes, float[][] stored, UUID[] ids, java.util.function.IntPredicate... kept) {
        Set<UUID>[][] out = new Set[kept.length][probes.length];
        java.util.stream.IntStream.range(0, probes.length).parallel().forEach(q -> {
            double[][] best = new double[kept.length][5];
            int[][] bestIdx = new int[kept.length][5];
            for (double[] b : best) {
                Arrays.fill(b, -2);
            }
            for (int i = 0; i < stored.length; i++) {
                double d = dot(probes[q], stored[i]);
                for (int k = 0; k < kept.length; k++) {
                    if (d > best[k][4] && kept[k].test(i)) {
                        int j = 4;
                        while (j > 0 && best[k][j - 1] < d) {
                            best[k][j] = best[k][j - 1];
                            bestIdx[k][j] = bestIdx[k][j - 1];
                            j--;
                        }
                        best[k][j] = d;
                        bestIdx[k][j] = i;
                    }
                }
            }
            for (int k = 0; k < kept.length; k++) {
                Set<UUID> top = new HashSet<>();
                for (int i : bestIdx[k]) {
                    top.add(ids[i]);
                }
                out[k][q] = top;
            }
        });
        return out;
    }

    static String setting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String sizeOf(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_size_pretty(pg_relation_size(?::regclass))")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
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

    private float[] point() {
        return point(random);
    }

    private float[] point(Random r) {
        float[] c = centroids[r.nextInt(CLUSTERS)];
        float[] noise = gaussian(0.6f, r);
        float[] p = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            p[i] = c[i] + noise[i];
        }
        return normalise(p);
    }

    private float[] gaussian(float sigma) {
        return gaussian(sigma, random);
    }

    private static float[] gaussian(float sigma, Random r) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (r.nextGaussian() * sigma / Math.sqrt(DIMENSION));
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

        /** The vector the next text gets instead of its own, when set (the rows added one at a time). */
        volatile float[] next;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            long s = System.nanoTime();
            List<Embedding> out = new ArrayList<>();
            for (TextSegment t : segments) {
                float[] given = next;
                if (given != null) {
                    next = null;
                    out.add(new Embedding(given.clone()));
                    continue;
                }
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
