package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The runs' events, numbered per task. One attempt writes at a time, so numbering by the task's current maximum is
 * safe; the primary key refuses a duplicate number should a stale attempt still write.
 */
public final class EventStore {

    private final Db db;
    private final String events;

    public EventStore(Db db) {
        this.db = db;
        this.events = db.table("server_task_events");
    }

    /** Stores an event and returns its number. */
    public long append(UUID taskId, int attempt, String type, Instant at, String json) {
        return db.queryOne(
                        "INSERT INTO " + events + " (task_id, seq, attempt, type, at, data)"
                                + " SELECT ?, COALESCE(max(seq), 0) + 1, ?, ?, ?, ?::jsonb FROM " + events
                                + " WHERE task_id = ? RETURNING seq",
                        rs -> rs.getLong(1),
                        taskId,
                        attempt,
                        type,
                        at,
                        json,
                        taskId)
                .orElseThrow();
    }

    /** Events numbered above {@code afterSeq}, in order, at most {@code limit}. */
    public List<StoredEvent> after(UUID taskId, long afterSeq, int limit) {
        return db.query(
                "SELECT seq, attempt, type, at, data::text FROM " + events
                        + " WHERE task_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                rs -> new StoredEvent(
                        taskId, rs.getLong(1), rs.getInt(2), rs.getString(3), Db.instant(rs, "at"), rs.getString(5)),
                taskId,
                afterSeq,
                limit);
    }

    /** How many events of each type a task has. */
    public Map<String, Long> countsByType(UUID taskId) {
        Map<String, Long> out = new HashMap<>();
        db.query(
                "SELECT type, count(*) FROM " + events + " WHERE task_id = ? GROUP BY type",
                rs -> out.put(rs.getString(1), rs.getLong(2)),
                taskId);
        return out;
    }

    /** Events of the given types, oldest first, at most {@code limit}. */
    public List<StoredEvent> ofTypes(UUID taskId, List<String> types, int limit) {
        return db.query(
                "SELECT seq, attempt, type, at, data::text FROM " + events
                        + " WHERE task_id = ? AND type = ANY (?) ORDER BY seq LIMIT ?",
                rs -> new StoredEvent(
                        taskId, rs.getLong(1), rs.getInt(2), rs.getString(3), Db.instant(rs, "at"), rs.getString(5)),
                taskId,
                types.toArray(new String[0]),
                limit);
    }
}
