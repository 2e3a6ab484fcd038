package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Each task's latest checkpoint (the run's files, tests, history and spend after its last failed iteration), kept
 * for an attempt that takes the task over. Only the attempt that owns the task writes: a stale attempt still running
 * on a worker taken for dead cannot overwrite the new one's.
 */
public final class CheckpointStore {

    private final Db db;
    private final String checkpoints;
    private final String tasks;

    public CheckpointStore(Db db) {
        this.db = db;
        this.checkpoints = db.table("server_task_checkpoints");
        this.tasks = db.table("server_tasks");
    }

    /** A stored checkpoint: the attempt that wrote it, the iteration it follows, the checkpoint as JSON. */
    public record Stored(int attempt, int iteration, String json) {}

    /**
     * Keeps the checkpoint as the task's latest.
     *
     * @return false when the attempt no longer owns the task (nothing written)
     */
    public boolean save(UUID taskId, int attempt, int iteration, Instant at, String json) {
        return db.update(
                        "INSERT INTO " + checkpoints + " (task_id, attempt, iteration, at, data)"
                                + " SELECT id, ?, ?, ?, ?::jsonb FROM " + tasks + " WHERE id = ? AND attempt = ?"
                                + " ON CONFLICT (task_id) DO UPDATE SET attempt = EXCLUDED.attempt,"
                                + " iteration = EXCLUDED.iteration, at = EXCLUDED.at, data = EXCLUDED.data",
                        attempt,
                        iteration,
                        at,
                        json,
                        taskId,
                        attempt)
                > 0;
    }

    /** Drops the task's checkpoint: the task has ended, nothing will resume it. */
    public void delete(UUID taskId) {
        db.update("DELETE FROM " + checkpoints + " WHERE task_id = ?", taskId);
    }

    /** The task's latest checkpoint, if a run stored one. */
    public Optional<Stored> latest(UUID taskId) {
        return db.queryOne(
                "SELECT attempt, iteration, data::text FROM " + checkpoints + " WHERE task_id = ?",
                rs -> new Stored(rs.getInt(1), rs.getInt(2), rs.getString(3)),
                taskId);
    }
}
