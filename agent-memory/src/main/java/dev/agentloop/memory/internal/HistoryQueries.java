package dev.agentloop.memory.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.Phase;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The history queries and their row mapping: a page of tasks, one task in detail, the row counts. Shared by the
 * pooled memory and the read-only history view, so it loads nothing beyond JDBC and the core records (no JSON
 * library, no pool, no migrations): the read-only view's quick open depends on that.
 */
public final class HistoryQueries {

    /** The failure columns {@link #failure(ResultSet)} reads, with the table aliased {@code f}. */
    public static final String FAILURE_COLUMNS = "f.id, f.task_id, f.iteration, f.signature, f.error_type,"
            + " f.message, f.failing_test, f.language, f.project, f.task_text, f.code_excerpt, f.output_excerpt,"
            + " f.recorded_at, f.files, f.repository_name, f.repository_location, f.repository_remote,"
            + " f.repository_base_ref, f.repository_base_commit";

    private static final String SUMMARY_COLUMNS = "t.id, t.text, t.language, t.project_type, t.project, t.status,"
            + " t.reason, t.iterations, t.tokens, t.cost, t.duration_ms, t.started_at, t.finished_at,"
            + " t.repository_name, t.repository_location, t.repository_remote, t.repository_base_ref,"
            + " t.repository_base_commit, h.task_id AS handoff_task, h.branch, h.commit_id, h.patch_file, h.patch,"
            + " h.patch_truncated, h.files AS handoff_files, h.diff_stat,"
            + " (SELECT count(*) FROM %1$s.iterations i WHERE i.task_id = t.id) AS recorded_iterations,"
            + " (SELECT count(*) FROM %1$s.retrievals r WHERE r.task_id = t.id) AS memory_hits";

    /** The tasks with their handoffs, aliased {@code t} and {@code h}, for {@link #SUMMARY_COLUMNS}. */
    private static final String SUMMARY_FROM = " FROM %1$s.tasks t LEFT JOIN %1$s.handoffs h ON h.task_id = t.id";

    private final String s;

    /** @param schema a checked identifier ({@link Sql#identifier}) */
    public HistoryQueries(String schema) {
        this.s = schema;
    }

    /** A page of tasks, newest first. */
    public List<TaskSummary> history(Connection c, HistoryQuery q) throws SQLException {
        Sql.Builder b = new Sql.Builder().sql("SELECT " + SUMMARY_COLUMNS.formatted(s) + SUMMARY_FROM.formatted(s));
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

    /**
     * One task by full id or unique prefix.
     *
     * @return empty when no task has that id
     * @throws IllegalArgumentException when the prefix is shorter than 4 characters or matches several tasks (the
     *     message lists them)
     */
    public Optional<TaskDetail> task(Connection c, String idOrPrefix) throws SQLException {
        String wanted = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (wanted.length() < 4) {
            throw new IllegalArgumentException(
                    "a task id prefix needs at least 4 characters, was '" + idOrPrefix + "'");
        }
        if (!wanted.matches("[0-9a-f-]+")) {
            return Optional.empty();
        }
        List<TaskSummary> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + SUMMARY_COLUMNS.formatted(s)
                + SUMMARY_FROM.formatted(s) + " WHERE t.id::text LIKE ? ORDER BY t.started_at DESC LIMIT 11")) {
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

    /** Row counts: tasks, failures, fixes, verified fixes, patterns, retrievals. */
    public long[] counts(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM " + s + ".tasks), (SELECT count(*) FROM "
                        + s + ".failures), (SELECT count(*) FROM " + s + ".fixes), (SELECT count(*) FROM " + s
                        + ".fixes WHERE verified), (SELECT count(*) FROM " + s + ".patterns), (SELECT count(*) FROM "
                        + s + ".retrievals)")) {
            rs.next();
            long[] out = new long[6];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }

    /** A failure from a row holding {@link #FAILURE_COLUMNS}. */
    public static FailureRecord failure(ResultSet rs) throws SQLException {
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
                Sql.instant(rs.getTimestamp("recorded_at")),
                repository(rs),
                Sql.strings(rs.getArray("files")));
    }

    /** The repository from the five {@code repository_*} columns of a row; empty when the name is NULL. */
    private static Optional<RepositoryInfo> repository(ResultSet rs) throws SQLException {
        String name = rs.getString("repository_name");
        return name == null
                ? Optional.empty()
                : Optional.of(new RepositoryInfo(
                        name,
                        rs.getString("repository_location"),
                        rs.getString("repository_remote"),
                        rs.getString("repository_base_ref"),
                        rs.getString("repository_base_commit")));
    }

    private static TaskSummary summary(ResultSet rs) throws SQLException {
        TaskRecord task = new TaskRecord(
                rs.getObject("id", UUID.class),
                rs.getString("text"),
                Language.fromId(rs.getString("language")),
                ProjectType.fromId(rs.getString("project_type")),
                rs.getString("project"),
                Sql.instant(rs.getTimestamp("started_at")),
                repository(rs));
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
                        Sql.instant(rs.getTimestamp("finished_at")),
                        handoff(rs)));
        return new TaskSummary(task, status, completion, rs.getInt("recorded_iterations"), rs.getInt("memory_hits"));
    }

    private static Optional<HandoffRecord> handoff(ResultSet rs) throws SQLException {
        return rs.getObject("handoff_task") == null
                ? Optional.empty()
                : Optional.of(new HandoffRecord(
                        rs.getString("branch"),
                        rs.getString("commit_id"),
                        rs.getString("patch_file"),
                        rs.getString("patch"),
                        rs.getBoolean("patch_truncated"),
                        Sql.strings(rs.getArray("handoff_files")),
                        rs.getString("diff_stat")));
    }

    private List<IterationRecord> iterations(Connection c, UUID task) throws SQLException {
        // The per-phase metrics are JSON objects keyed by phase; PostgreSQL unpacks them, so no JSON library loads.
        Map<Integer, Map<Phase, Duration>> durations = new HashMap<>();
        Map<Integer, Map<Phase, Long>> tokens = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT m.iteration, 'd', d.key, d.value FROM " + s
                + ".metrics m, jsonb_each_text(m.phase_durations) d WHERE m.task_id = ?"
                + " UNION ALL SELECT m.iteration, 't', t.key, t.value FROM " + s
                + ".metrics m, jsonb_each_text(m.phase_tokens) t WHERE m.task_id = ?")) {
            st.setObject(1, task);
            st.setObject(2, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Phase phase = Phase.valueOf(rs.getString(3));
                    long value = Long.parseLong(rs.getString(4));
                    if ("d".equals(rs.getString(2))) {
                        durations
                                .computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(Phase.class))
                                .put(phase, Duration.ofMillis(value));
                    } else {
                        tokens.computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(Phase.class))
                                .put(phase, value);
                    }
                }
            }
        }
        List<IterationRecord> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT number, outcome, tests_passed, tests_total, diff,"
                + " summary, started_at, finished_at FROM " + s + ".iterations WHERE task_id = ? ORDER BY number")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int number = rs.getInt("number");
                    out.add(new IterationRecord(
                            task,
                            number,
                            IterationOutcome.valueOf(rs.getString("outcome")),
                            durations.getOrDefault(number, Map.of()),
                            tokens.getOrDefault(number, Map.of()),
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
        try (PreparedStatement st = c.prepareStatement("SELECT failure_id, passed_iteration, diff, verified,"
                + " recorded_at FROM " + s + ".fixes WHERE task_id = ? ORDER BY passed_iteration, recorded_at")) {
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
        try (PreparedStatement st = c.prepareStatement("SELECT iteration, kind, subject, reason, approved,"
                + " decided_by, note, decided_at FROM " + s + ".approvals WHERE task_id = ? ORDER BY decided_at, id")) {
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
}
