package dev.agentloop.server.internal.api;

import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.internal.store.StatsStore;
import dev.agentloop.server.internal.store.TaskStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/stats}: what the dashboard's charts and panels show, all workers. */
final class StatsApi {

    private final StatsStore stats;
    private final TaskStore tasks;
    private final ServerConfig config;
    private final Clock clock;

    StatsApi(StatsStore stats, TaskStore tasks, ServerConfig config, Clock clock) {
        this.stats = stats;
        this.tasks = tasks;
        this.config = config;
        this.clock = clock;
    }

    void stats(Context ctx) {
        Instant now = clock.instant();
        Instant day = now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        Instant week = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(6));
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        tasks.countByState().forEach((state, n) -> counts.put(state.id(), n));
        out.put("tasks", counts);
        out.put("queue_depth", counts.get(TaskState.QUEUED.id()));
        out.put("queued", stats.queued(20));
        out.put("workers", stats.workers(now.minus(Duration.ofHours(1))));
        out.put(
                "ended_per_hour",
                stats.endedPerHour(day).stream()
                        .map(h -> Map.of("hour", h.hour(), "status", h.status(), "count", h.count()))
                        .toList());
        out.put(
                "spend_per_day",
                stats.spendPerDay(week).stream()
                        .map(d -> Map.of("day", d.day(), "cost", d.cost()))
                        .toList());
        config.dailyCostCap().ifPresent(cap -> out.put("daily_cost_cap", cap));
        out.put(
                "iterations",
                stats.iterations(week).entrySet().stream()
                        .map(e -> Map.of("iterations", e.getKey(), "tasks", e.getValue()))
                        .toList());
        long[] hits = stats.memoryHitRate(week);
        out.put("memory_hit_rate", Map.of("tasks_with_hits", hits[0], "tasks_with_failures", hits[1]));
        out.put("generated_at", now);
        ctx.json(out);
    }
}
