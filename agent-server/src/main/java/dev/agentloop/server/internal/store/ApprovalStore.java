package dev.agentloop.server.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The approvals runs wait on; a decision is one conditional UPDATE, so it is taken once. */
public final class ApprovalStore {

    private final Db db;
    private final String approvals;
    private final String tasks;

    public ApprovalStore(Db db) {
        this.db = db;
        this.approvals = db.table("server_approvals");
        this.tasks = db.table("server_tasks");
    }

    /**
     * Records a pending question. Its task is kept only when it is one of the queue's tasks: a question from outside
     * the queue (a supervised merge asked by {@code agent issue}) is stored without one.
     */
    public void ask(UUID id, UUID taskId, String kind, String subject, String reason, Instant at) {
        db.update(
                "INSERT INTO " + approvals + " (id, task_id, kind, subject, reason, status, requested_at)"
                        + " VALUES (?, (SELECT t.id FROM " + tasks + " t WHERE t.id = ?), ?, ?, ?, 'pending', ?)",
                id,
                taskId,
                kind,
                subject,
                reason,
                at);
    }

    public Optional<ApprovalRow> find(UUID id) {
        return db.queryOne("SELECT * FROM " + approvals + " WHERE id = ?", ApprovalStore::row, id);
    }

    /** Pending approvals, oldest first. */
    public List<ApprovalRow> pending(int limit) {
        return db.query(
                "SELECT * FROM " + approvals + " WHERE status = 'pending' ORDER BY requested_at LIMIT ?",
                ApprovalStore::row,
                limit);
    }

    /**
     * Takes a decision on a pending approval.
     *
     * @param status approved, denied or expired
     * @return true when this call decided it; false when it was not pending (or does not exist)
     */
    public boolean decide(UUID id, ApprovalStatus status, String by, String note, Instant at) {
        return db.update(
                        "UPDATE " + approvals + " SET status = ?, decided_at = ?, decided_by = ?, note = ?"
                                + " WHERE id = ? AND status = 'pending'",
                        status.id(),
                        at,
                        by,
                        note,
                        id)
                > 0;
    }

    /** Expires a task's pending approvals (its run ended). */
    public int expireAll(UUID taskId, Instant at) {
        return db.update(
                "UPDATE " + approvals + " SET status = 'expired', decided_at = ?, decided_by = 'server',"
                        + " note = 'the run ended' WHERE task_id = ? AND status = 'pending'",
                at,
                taskId);
    }

    private static ApprovalRow row(ResultSet rs) throws SQLException {
        return new ApprovalRow(
                rs.getObject("id", UUID.class),
                Optional.ofNullable(rs.getObject("task_id", UUID.class)),
                rs.getString("kind"),
                rs.getString("subject"),
                rs.getString("reason"),
                ApprovalStatus.fromId(rs.getString("status")),
                Db.instant(rs, "requested_at"),
                Optional.ofNullable(Db.instant(rs, "decided_at")),
                Optional.ofNullable(rs.getString("decided_by")),
                Optional.ofNullable(rs.getString("note")));
    }
}
