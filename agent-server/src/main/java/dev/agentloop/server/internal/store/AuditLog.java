package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who did what through the API: submissions, cancels and approvals, by the token's name. */
public final class AuditLog {

    /** What was done. */
    public enum Action {
        SUBMIT,
        CANCEL,
        APPROVE,
        DENY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One audit entry. */
    public record Entry(Instant at, String actor, String action, Optional<UUID> taskId, String detail) {}

    private final Db db;
    private final String audit;

    public AuditLog(Db db) {
        this.db = db;
        this.audit = db.table("server_audit");
    }

    public void record(String actor, Action action, UUID taskId, String detail, Instant at) {
        db.update(
                "INSERT INTO " + audit + " (at, actor, action, task_id, detail) VALUES (?, ?, ?, ?, ?)",
                at,
                actor,
                action.id(),
                taskId,
                detail);
    }

    /** The latest entries, newest first. */
    public List<Entry> latest(int limit) {
        return db.query(
                "SELECT at, actor, action, task_id, detail FROM " + audit + " ORDER BY id DESC LIMIT ?",
                rs -> new Entry(
                        Db.instant(rs, "at"),
                        rs.getString(2),
                        rs.getString(3),
                        Optional.ofNullable(rs.getObject(4, UUID.class)),
                        rs.getString(5)),
                limit);
    }
}
