package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregates for the dashboard's charts, all workers, read from the task rows and events. */
public final class StatsStore {

    /** Tasks that ended in one hour, by status. */
    public record HourCount(Instant hour, String status, long count) {}

    /** Spend of the tasks that ended on one UTC day. */
    public record DaySpend(Instant day, double cost) {}

    private final Db db;
    private final String tasks;
    private final String runs;
    private final String events;

    public StatsStore(Db db) {
        this.db = db;
        this.tasks = db.table("server_tasks");
        this.runs = db.table("server_task_runs");
        this.events = db.table("server_task_events");
    }

    public List<HourCount> endedPerHour(Instant since) {
        return db.query(
                "SELECT date_trunc('hour', finished_at AT TIME ZONE 'UTC') AS hour, status, count(*) FROM " + tasks
                        + " WHERE finished_at >= ? GROUP BY 1, 2 ORDER BY 1",
                rs -> new HourCount(
                        rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
                        rs.getString(2),
                        rs.getLong(3)),
                since);
    }

    public List<DaySpend> spendPerDay(Instant since) {
        return db.query(
                "SELECT date_trunc('day', finished_at AT TIME ZONE 'UTC') AS day, sum(cost) FROM " + tasks
                        + " WHERE finished_at >= ? GROUP BY 1 ORDER BY 1",
                rs -> new DaySpend(
                        rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
                        rs.getDouble(2)),
                since);
    }

    /** Ended tasks per number of iterations. */
    public Map<Integer, Long> iterations(Instant since) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        db.query(
                "SELECT iterations, count(*) FROM " + tasks + " WHERE finished_at >= ? GROUP BY 1 ORDER BY 1",
                rs -> out.put(rs.getInt(1), rs.getLong(2)),
                since);
        return out;
    }

    /** Of the tasks that stored a failure since then, how many got a memory hit: {withHits, withFailures}. */
    public long[] memoryHitRate(Instant since) {
        return db.queryOne(
                        "SELECT count(DISTINCT task_id) FILTER (WHERE type = 'MemoryHit'),"
                                + " count(DISTINCT task_id) FILTER (WHERE type = 'FailureStored') FROM " + events
                                + " WHERE type IN ('MemoryHit', 'FailureStored') AND at >= ?",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                        since)
                .orElse(new long[2]);
    }

    /** Workers seen since then, with the tasks each runs now. */
    public Map<String, Long> workers(Instant since) {
        Map<String, Long> out = new LinkedHashMap<>();
        db.query(
                "SELECT r.worker, count(*) FILTER (WHERE r.ended_at IS NULL AND t.status = 'running'"
                        + " AND t.attempt = r.attempt) FROM " + runs + " r JOIN " + tasks + " t ON t.id = r.task_id"
                        + " WHERE r.started_at >= ? OR r.ended_at IS NULL GROUP BY r.worker ORDER BY r.worker",
                rs -> out.put(rs.getString(1), rs.getLong(2)),
                since);
        return out;
    }

    /** Queued task ids, oldest first. */
    public List<String> queued(int limit) {
        List<String> out = new ArrayList<>();
        db.query(
                "SELECT id::text FROM " + tasks + " WHERE status = 'queued' ORDER BY submitted_at LIMIT ?",
                rs -> out.add(rs.getString(1)),
                limit);
        return out;
    }
}
