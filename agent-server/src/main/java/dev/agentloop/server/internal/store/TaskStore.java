package dev.agentloop.server.internal.store;

import dev.agentloop.server.TaskState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The task rows. Every change of status is one conditional UPDATE, so that two workers (or a worker and a cancel)
 * can never both move a task: only a running task's current attempt can end it, and only once.
 */
public final class TaskStore {

    private final Db db;
    private final String tasks;
    private final String runs;
    private final String jobs;

    public TaskStore(Db db) {
        this.db = db;
        this.tasks = db.table("server_tasks");
        this.runs = db.table("server_task_runs");
        this.jobs = db.table("server_jobs");
    }

    public void insert(UUID id, String title, String language, String submissionJson, String submittedBy, Instant at) {
        db.update(
                "INSERT INTO " + tasks + " (id, status, title, language, submission, submitted_by, submitted_at)"
                        + " VALUES (?, 'queued', ?, ?, ?::jsonb, ?, ?)",
                id,
                title,
                language,
                submissionJson,
                submittedBy,
                at);
    }

    public Optional<TaskRow> find(UUID id) {
        return db.queryOne("SELECT * FROM " + tasks + " WHERE id = ?", TaskStore::row, id);
    }

    /** Newest first. */
    public List<TaskRow> list(Optional<TaskState> status, int limit, int offset) {
        if (status.isPresent()) {
            return db.query(
                    "SELECT * FROM " + tasks + " WHERE status = ? ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?",
                    TaskStore::row,
                    status.get().id(),
                    limit,
                    offset);
        }
        return db.query(
                "SELECT * FROM " + tasks + " ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?",
                TaskStore::row,
                limit,
                offset);
    }

    public long count(Optional<TaskState> status) {
        return status.isPresent()
                ? db.queryOne(
                                "SELECT count(*) FROM " + tasks + " WHERE status = ?",
                                rs -> rs.getLong(1),
                                status.get().id())
                        .orElse(0L)
                : db.queryOne("SELECT count(*) FROM " + tasks, rs -> rs.getLong(1))
                        .orElse(0L);
    }

    /** Tasks per status (every status present, 0 when none). */
    public Map<TaskState, Long> countByState() {
        Map<TaskState, Long> out = new EnumMap<>(TaskState.class);
        for (TaskState s : TaskState.values()) {
            out.put(s, 0L);
        }
        db.query("SELECT status, count(*) FROM " + tasks + " GROUP BY status", rs -> {
            out.put(TaskState.fromId(rs.getString(1)), rs.getLong(2));
            return null;
        });
        return out;
    }

    /**
     * Takes a queued task (or one whose previous worker died) for this worker: the attempt number goes up by one
     * and the attempt is recorded. Empty when the task has ended, was cancelled, or does not exist.
     */
    public Optional<Claim> claim(UUID id, String worker, Instant now) {
        return db.inTransaction(c -> {
            Integer attempt = null;
            try (PreparedStatement st = c.prepareStatement("UPDATE " + tasks
                    + " SET status = 'running', worker = ?, attempt = attempt + 1,"
                    + " started_at = COALESCE(started_at, ?)"
                    + " WHERE id = ? AND status IN ('queued', 'running') AND NOT cancel_requested"
                    + " RETURNING attempt")) {
                Db.bind(st, worker, now, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        attempt = rs.getInt(1);
                    }
                }
            }
            if (attempt == null) {
                return Optional.<Claim>empty();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO " + runs + " (task_id, attempt, worker, started_at) VALUES (?, ?, ?, ?)")) {
                Db.bind(st, id, attempt, worker, now);
                st.executeUpdate();
            }
            return Optional.of(new Claim(attempt));
        });
    }

    /**
     * Ends a task that was never run (or whose run is gone): cancelled with a pending cancel request, or refused.
     *
     * @return true when this call ended it
     */
    public boolean finishUnrun(UUID id, TaskOutcome outcome, Instant now) {
        return db.update(
                        "UPDATE " + tasks + " SET status = ?, finished_at = ?, reason = ?, detail = ?"
                                + " WHERE id = ? AND status IN ('queued', 'running')",
                        outcome.state().id(),
                        now,
                        outcome.reason(),
                        outcome.detail(),
                        id)
                > 0;
    }

    /**
     * Ends the given attempt of a running task.
     *
     * @return true when this call ended it; false when another attempt owns the task or it had already ended
     */
    public boolean finish(UUID id, int attempt, TaskOutcome outcome, Instant now) {
        return db.inTransaction(c -> {
            int changed;
            try (PreparedStatement st = c.prepareStatement("UPDATE " + tasks
                    + " SET status = ?, finished_at = ?, iterations = ?, tokens = ?, cost = ?, reason = ?,"
                    + " detail = ?, result = ?::jsonb WHERE id = ? AND attempt = ? AND status = 'running'")) {
                Db.bind(
                        st,
                        outcome.state().id(),
                        now,
                        outcome.iterations(),
                        outcome.tokens(),
                        outcome.cost(),
                        outcome.reason(),
                        outcome.detail(),
                        outcome.result(),
                        id,
                        attempt);
                changed = st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE " + runs + " SET ended_at = ?, status = ? WHERE task_id = ? AND attempt = ?")) {
                Db.bind(st, now, changed > 0 ? outcome.state().id() : "superseded", id, attempt);
                st.executeUpdate();
            }
            return changed > 0;
        });
    }

    /** Puts a running attempt's task back in the queue (its worker is closing). */
    public boolean release(UUID id, int attempt, Instant now) {
        return db.inTransaction(c -> {
            int changed;
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE " + tasks + " SET status = 'queued' WHERE id = ? AND attempt = ? AND status = 'running'")) {
                Db.bind(st, id, attempt);
                changed = st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE " + runs + " SET ended_at = ?, status = 'released' WHERE task_id = ? AND attempt = ?")) {
                Db.bind(st, now, id, attempt);
                st.executeUpdate();
            }
            return changed > 0;
        });
    }

    /** Marks a queued task cancelled at once, or asks a running task's worker to stop it. */
    public CancelResult requestCancel(UUID id, Instant now) {
        Optional<String> after = db.queryOne(
                "UPDATE " + tasks + " SET cancel_requested = true,"
                        + " status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,"
                        + " finished_at = CASE WHEN status = 'queued' THEN ? ELSE finished_at END,"
                        + " reason = CASE WHEN status = 'queued' THEN 'cancelled' ELSE reason END,"
                        + " detail = CASE WHEN status = 'queued' THEN 'cancelled before it started' ELSE detail END"
                        + " WHERE id = ? AND status IN ('queued', 'running') RETURNING status",
                rs -> rs.getString(1),
                now,
                id);
        if (after.isPresent()) {
            return after.get().equals("cancelled") ? CancelResult.CANCELLED : CancelResult.REQUESTED;
        }
        return find(id).isPresent() ? CancelResult.ALREADY_FINISHED : CancelResult.NOT_FOUND;
    }

    /** For running tasks: which attempt owns each and whether a cancel was asked for. */
    public Map<UUID, Ownership> ownership(Collection<UUID> ids) {
        Map<UUID, Ownership> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        db.query(
                "SELECT id, attempt, status, cancel_requested FROM " + tasks + " WHERE id = ANY (?)",
                rs -> {
                    out.put(
                            rs.getObject(1, UUID.class),
                            new Ownership(rs.getInt(2), TaskState.fromId(rs.getString(3)), rs.getBoolean(4)));
                    return null;
                },
                (Object) ids.toArray(new UUID[0]));
        return out;
    }

    /**
     * Who owns a task and whether it should stop.
     *
     * @param attempt the attempt that owns it
     */
    public record Ownership(int attempt, TaskState status, boolean cancelRequested) {}

    /** Cost of the tasks that ended since {@code since} (all workers). */
    public double spentSince(Instant since) {
        return db.queryOne(
                        "SELECT COALESCE(sum(cost), 0) FROM " + tasks + " WHERE finished_at >= ?",
                        rs -> rs.getDouble(1),
                        since)
                .orElse(0.0);
    }

    /**
     * Unfinished tasks with no queue entry, submitted before {@code before}: their submission's scheduling failed
     * (the process died between the two writes). The queue schedules them again.
     */
    public List<UUID> orphans(String jobName, Instant before) {
        return db.query(
                "SELECT t.id FROM " + tasks + " t WHERE t.status IN ('queued', 'running') AND t.submitted_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM " + jobs
                        + " j WHERE j.task_name = ? AND j.task_instance = t.id::text)",
                rs -> rs.getObject(1, UUID.class),
                before,
                jobName);
    }

    /** Every attempt of a task, oldest first. */
    public List<RunRow> runs(UUID id) {
        return db.query(
                "SELECT attempt, worker, started_at, ended_at, status FROM " + runs
                        + " WHERE task_id = ? ORDER BY attempt",
                rs -> new RunRow(
                        rs.getInt(1),
                        rs.getString(2),
                        Db.instant(rs, "started_at"),
                        Optional.ofNullable(Db.instant(rs, "ended_at")),
                        Optional.ofNullable(rs.getString(5))),
                id);
    }

    /** One attempt at a task. */
    public record RunRow(
            int attempt, String worker, Instant startedAt, Optional<Instant> endedAt, Optional<String> status) {}

    static TaskRow row(ResultSet rs) throws SQLException {
        return new TaskRow(
                rs.getObject("id", UUID.class),
                TaskState.fromId(rs.getString("status")),
                rs.getString("title"),
                rs.getString("language"),
                rs.getString("submission"),
                rs.getString("submitted_by"),
                Db.instant(rs, "submitted_at"),
                Optional.ofNullable(Db.instant(rs, "started_at")),
                Optional.ofNullable(Db.instant(rs, "finished_at")),
                Optional.ofNullable(rs.getString("worker")),
                rs.getInt("attempt"),
                rs.getBoolean("cancel_requested"),
                rs.getInt("iterations"),
                rs.getLong("tokens"),
                rs.getDouble("cost"),
                Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("detail")),
                Optional.ofNullable(rs.getString("result")));
    }
}
