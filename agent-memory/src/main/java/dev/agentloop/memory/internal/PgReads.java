package dev.agentloop.memory.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.Phase;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.RetrievalSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The read side in PostgreSQL: candidates for similarity search, patterns, history, one task, counts. */
public final class PgReads {

    private static final String FAILURE_COLUMNS = "f.id, f.task_id, f.iteration, f.signature, f.error_type,"
            + " f.message, f.failing_test, f.language, f.project, f.task_text, f.code_excerpt, f.output_excerpt,"
            + " f.recorded_at";

    /** At most this many rows matching the full-text query are ranked. */
    public static final int FULL_TEXT_SCAN_LIMIT = 2000;

    private final String s;
    private final ObjectMapper json = Json.mapper();

    public PgReads(String schema) {
        this.s = schema;
    }

    /**
     * The candidates of the three indexes for one query: the nearest vectors (HNSW), the best full-text matches
     * (GIN, when hybrid), and the failures whose fixed lines look like lines of the probe's code (GIN, when
     * matching fixed lines). Each comes with its exact similarity, full-text score, fix and usefulness.
     */
    public List<Candidate> candidates(
            Connection c,
            FailureQuery q,
            float[] probe,
            String orQuery,
            Set<String> probePatterns,
            RetrievalSettings settings,
            boolean iterativeScan)
            throws SQLException {
        String vector = Sql.vector(probe);
        int n = Math.max(settings.candidates(), q.limit());
        boolean lexical = settings.hybrid() && !orQuery.isEmpty();
        boolean patterns = settings.fixLineMatching() && !probePatterns.isEmpty();
        Sql.Builder b = new Sql.Builder();
        b.sql("WITH vec AS (SELECT f.id FROM " + s + ".failures f WHERE f.embedding IS NOT NULL");
        filters(b, q);
        b.sql(" ORDER BY f.embedding <=> ?::vector LIMIT ?)", vector, n);
        // The full-text candidates: the best-ranked among at most FULL_TEXT_SCAN_LIMIT matching rows, so a query
        // of common words costs a bounded scan however large the table grows.
        b.sql(
                ", lex AS (SELECT m.id, ts_rank(m.search_vector, to_tsquery('simple', ?)) AS score FROM (SELECT f.id,"
                        + " f.search_vector FROM " + s + ".failures f WHERE ?"
                        + " AND f.search_vector @@ to_tsquery('simple', ?)",
                lexical ? orQuery : "x",
                lexical,
                lexical ? orQuery : "x");
        filters(b, q);
        b.sql(" LIMIT ?) m ORDER BY score DESC LIMIT ?)", FULL_TEXT_SCAN_LIMIT, n);
        b.sql(
                ", pat AS (SELECT f.id FROM " + s + ".failures f WHERE ? AND f.fix_patterns && ?::text[]",
                patterns,
                Sql.textArray(c, probePatterns));
        filters(b, q);
        b.sql(" LIMIT ?)", n);
        b.sql(", ids AS (SELECT id FROM vec UNION SELECT id FROM lex UNION SELECT id FROM pat)");
        b.sql(
                " SELECT " + FAILURE_COLUMNS + ", greatest(0, least(1, 1 - (f.embedding <=> ?::vector))) AS sim,"
                        + " coalesce(lex.score, 0) AS lex, f.fix_patterns, f.fix_kind, x.task_id AS fix_task, x.passed_iteration,"
                        + " x.diff, x.verified, x.recorded_at AS fix_at,"
                        + " (SELECT count(DISTINCT r.task_id) FROM " + s
                        + ".retrievals r WHERE r.failure_id = f.id) AS retrieved,"
                        + " (SELECT count(DISTINCT r.task_id) FROM " + s + ".retrievals r JOIN " + s + ".tasks t"
                        + " ON t.id = r.task_id WHERE r.failure_id = f.id AND t.status = 'SOLVED') AS solved"
                        + " FROM ids JOIN " + s + ".failures f ON f.id = ids.id LEFT JOIN lex ON lex.id = f.id"
                        + " LEFT JOIN " + s + ".fixes x ON x.failure_id = f.id",
                vector);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                // ef_search 100: recall@5 >= 0.95 at 100k rows (see docs/benchmarks.md); iterative scans keep
                // filtered searches from coming back short.
                st.execute("SET LOCAL hnsw.ef_search = 100");
                if (iterativeScan
                        && (q.language().isPresent()
                                || q.project().isPresent()
                                || q.excludeTaskId().isPresent()
                                || q.verifiedFixesOnly())) {
                    st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                }
            }
            List<Candidate> out = new ArrayList<>();
            try (PreparedStatement st = b.prepare(c);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    FailureRecord f = failure(rs);
                    Optional<FixRecord> fix = rs.getObject("fix_task") == null
                            ? Optional.empty()
                            : Optional.of(new FixRecord(
                                    f.id(),
                                    rs.getObject("fix_task", UUID.class),
                                    rs.getInt("passed_iteration"),
                                    rs.getString("diff"),
                                    rs.getBoolean("verified"),
                                    Sql.instant(rs.getTimestamp("fix_at"))));
                    out.add(new Candidate(
                            f,
                            fix,
                            new FixStats(rs.getInt("retrieved"), rs.getInt("solved")),
                            rs.getDouble("sim"),
                            rs.getDouble("lex"),
                            Sql.strings(rs.getArray("fix_patterns")),
                            rs.getString("fix_kind")));
                }
            }
            c.commit();
            return out;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void filters(Sql.Builder b, FailureQuery q) {
        q.language().ifPresent(l -> b.sql(" AND f.language = ?", l.id()));
        q.project().ifPresent(p -> b.sql(" AND f.project = ?", p));
        q.excludeTaskId().ifPresent(t -> b.sql(" AND f.task_id <> ?", t));
        if (q.verifiedFixesOnly()) {
            b.sql(" AND EXISTS (SELECT 1 FROM " + s + ".fixes x WHERE x.failure_id = f.id AND x.verified)");
        }
    }

    static FailureRecord failure(ResultSet rs) throws SQLException {
        return new FailureRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("task_id", UUID.class),
                rs.getInt("iteration"),
                rs.getString("signature"),
                rs.getString("error_type"),
                rs.getString("message"),
                rs.getString("failing_test"),
                Language.fromId(rs.getString("language")),
                rs.getString("project"),
                rs.getString("task_text"),
                rs.getString("code_excerpt"),
                rs.getString("output_excerpt"),
                Sql.instant(rs.getTimestamp("recorded_at")));
    }

    /** Success patterns nearest to the task text's vector. */
    public List<PatternMatch> patterns(Connection c, float[] probe, int limit) throws SQLException {
        List<PatternMatch> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, task_id, task_text, language, project_type,"
                + " approach, iterations, recorded_at, greatest(0, least(1, 1 - (embedding <=> ?::vector))) AS sim"
                + " FROM " + s + ".patterns ORDER BY embedding <=> ?::vector LIMIT ?")) {
            String v = Sql.vector(probe);
            st.setString(1, v);
            st.setString(2, v);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new PatternMatch(
                            new SuccessPattern(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("task_id", UUID.class),
                                    rs.getString("task_text"),
                                    Language.fromId(rs.getString("language")),
                                    ProjectType.fromId(rs.getString("project_type")),
                                    rs.getString("approach"),
                                    rs.getInt("iterations"),
                                    Sql.instant(rs.getTimestamp("recorded_at"))),
                            rs.getDouble("sim")));
                }
            }
        }
        return out;
    }

    private static final String SUMMARY_COLUMNS = "t.id, t.text, t.language, t.project_type, t.project, t.status,"
            + " t.reason, t.iterations, t.tokens, t.cost, t.duration_ms, t.started_at, t.finished_at,"
            + " (SELECT count(*) FROM %1$s.iterations i WHERE i.task_id = t.id) AS recorded_iterations,"
            + " (SELECT count(*) FROM %1$s.retrievals r WHERE r.task_id = t.id) AS memory_hits";

    /** A page of tasks, newest first. */
    public List<TaskSummary> history(Connection c, HistoryQuery q) throws SQLException {
        Sql.Builder b = new Sql.Builder().sql("SELECT " + SUMMARY_COLUMNS.formatted(s) + " FROM " + s + ".tasks t");
        q.status().ifPresent(status -> b.sql(" WHERE t.status = ?", status.name()));
        b.sql(" ORDER BY t.started_at DESC, t.id LIMIT ? OFFSET ?", q.limit(), q.offset());
        List<TaskSummary> out = new ArrayList<>();
        try (PreparedStatement st = b.prepare(c);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(summary(rs));
            }
        }
        return out;
    }

    private static TaskSummary summary(ResultSet rs) throws SQLException {
        TaskRecord task = new TaskRecord(
                rs.getObject("id", UUID.class),
                rs.getString("text"),
                Language.fromId(rs.getString("language")),
                ProjectType.fromId(rs.getString("project_type")),
                rs.getString("project"),
                Sql.instant(rs.getTimestamp("started_at")));
        TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
        Optional<TaskCompletion> completion = rs.getTimestamp("finished_at") == null
                ? Optional.empty()
                : Optional.of(new TaskCompletion(
                        task.id(),
                        status,
                        rs.getString("reason"),
                        rs.getInt("iterations"),
                        rs.getLong("tokens"),
                        rs.getDouble("cost"),
                        Duration.ofMillis(rs.getLong("duration_ms")),
                        Sql.instant(rs.getTimestamp("finished_at"))));
        return new TaskSummary(task, status, completion, rs.getInt("recorded_iterations"), rs.getInt("memory_hits"));
    }

    /** One task by full id or unique prefix (at least 4 characters). */
    public Optional<TaskDetail> task(Connection c, String idOrPrefix) throws SQLException {
        String wanted = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(java.util.Locale.ROOT);
        if (wanted.length() < 4) {
            throw new IllegalArgumentException(
                    "a task id prefix needs at least 4 characters, was '" + idOrPrefix + "'");
        }
        if (!wanted.matches("[0-9a-f-]+")) {
            return Optional.empty();
        }
        List<TaskSummary> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + SUMMARY_COLUMNS.formatted(s) + " FROM " + s
                + ".tasks t WHERE t.id::text LIKE ? ORDER BY t.started_at DESC LIMIT 11")) {
            st.setString(1, wanted + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(summary(rs));
                }
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            List<String> ids =
                    found.stream().map(t -> t.task().id().toString()).limit(10).toList();
            throw new IllegalArgumentException("'" + idOrPrefix + "' matches several tasks; give more of the id: "
                    + String.join(", ", ids) + (found.size() > 10 ? ", …" : ""));
        }
        TaskSummary summary = found.get(0);
        UUID id = summary.task().id();
        return Optional.of(new TaskDetail(
                summary, iterations(c, id), failures(c, id), fixes(c, id), retrievals(c, id), approvals(c, id)));
    }

    private List<IterationRecord> iterations(Connection c, UUID task) throws SQLException {
        List<IterationRecord> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT i.*, m.phase_durations, m.phase_tokens FROM " + s
                + ".iterations i LEFT JOIN " + s + ".metrics m ON m.task_id = i.task_id AND m.iteration = i.number"
                + " WHERE i.task_id = ? ORDER BY i.number")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
                    phaseMap(rs.getString("phase_durations"))
                            .forEach((k, v) -> durations.put(Phase.valueOf(k), Duration.ofMillis(v)));
                    Map<Phase, Long> tokens = new EnumMap<>(Phase.class);
                    phaseMap(rs.getString("phase_tokens")).forEach((k, v) -> tokens.put(Phase.valueOf(k), v));
                    out.add(new IterationRecord(
                            task,
                            rs.getInt("number"),
                            IterationOutcome.valueOf(rs.getString("outcome")),
                            durations,
                            tokens,
                            rs.getInt("tests_passed"),
                            rs.getInt("tests_total"),
                            rs.getString("diff"),
                            rs.getString("summary"),
                            Sql.instant(rs.getTimestamp("started_at")),
                            Sql.instant(rs.getTimestamp("finished_at"))));
                }
            }
        }
        return out;
    }

    private Map<String, Long> phaseMap(String text) throws SQLException {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Long>>() {});
        } catch (IOException e) {
            throw new SQLException("unreadable metrics JSON: " + e.getMessage(), e);
        }
    }

    private List<FailureRecord> failures(Connection c, UUID task) throws SQLException {
        List<FailureRecord> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + FAILURE_COLUMNS + " FROM " + s
                + ".failures f WHERE f.task_id = ? ORDER BY f.iteration, f.recorded_at")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(failure(rs));
                }
            }
        }
        return out;
    }

    private List<FixRecord> fixes(Connection c, UUID task) throws SQLException {
        List<FixRecord> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT * FROM " + s + ".fixes WHERE task_id = ? ORDER BY passed_iteration, recorded_at")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FixRecord(
                            rs.getObject("failure_id", UUID.class),
                            task,
                            rs.getInt("passed_iteration"),
                            rs.getString("diff"),
                            rs.getBoolean("verified"),
                            Sql.instant(rs.getTimestamp("recorded_at"))));
                }
            }
        }
        return out;
    }

    private List<RetrievalRecord> retrievals(Connection c, UUID task) throws SQLException {
        Map<Integer, List<RetrievalRecord.Hit>> byIteration = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT iteration, failure_id, similarity FROM " + s
                + ".retrievals WHERE task_id = ? ORDER BY iteration, similarity DESC")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byIteration
                            .computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new RetrievalRecord.Hit(rs.getObject(2, UUID.class), rs.getDouble(3)));
                }
            }
        }
        List<RetrievalRecord> out = new ArrayList<>();
        byIteration.forEach((iteration, hits) -> out.add(new RetrievalRecord(task, iteration, hits)));
        return out;
    }

    private List<ApprovalRecord> approvals(Connection c, UUID task) throws SQLException {
        List<ApprovalRecord> out = new ArrayList<>();
        try (PreparedStatement st =
                c.prepareStatement("SELECT * FROM " + s + ".approvals WHERE task_id = ? ORDER BY decided_at, id")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApprovalRecord(
                            new ApprovalRequest(
                                    task,
                                    ApprovalKind.valueOf(rs.getString("kind")),
                                    rs.getString("subject"),
                                    rs.getString("reason")),
                            new ApprovalDecision(
                                    rs.getBoolean("approved"), rs.getString("decided_by"), rs.getString("note")),
                            rs.getInt("iteration"),
                            Sql.instant(rs.getTimestamp("decided_at"))));
                }
            }
        }
        return out;
    }

    /** Row counts: tasks, failures, fixes, verified fixes, patterns, retrievals. */
    public long[] counts(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM " + s + ".tasks), (SELECT count(*) FROM "
                        + s + ".failures), (SELECT count(*) FROM " + s + ".fixes), (SELECT count(*) FROM " + s
                        + ".fixes WHERE verified), (SELECT count(*) FROM " + s + ".patterns), (SELECT count(*) FROM "
                        + s + ".retrievals)")) {
            rs.next();
            long[] out = new long[6];
            for (int i = 0; i < 6; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }
}
