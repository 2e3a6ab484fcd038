package dev.agentloop.cli.output;

import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code agent history}: a table for people, JSON Lines for programs. */
public final class HistoryView {

    private HistoryView() {}

    /** The table, cut to {@code width} columns. */
    public static List<String> table(List<TaskSummary> tasks, int width, ZoneId zone) {
        Table table = new Table(2, "ID", "WHEN", "TASK", "STATUS", "ITER", "TOKENS", "COST", "TIME", "HITS");
        for (TaskSummary t : tasks) {
            table.row(
                    Text.shortId(t.task().id()),
                    Text.when(t.startedAt(), zone),
                    t.task().text(),
                    status(t),
                    Integer.toString(t.iterations()),
                    Text.count(t.tokens()),
                    Text.cost(t.cost()),
                    t.completion().isPresent() ? Text.duration(t.duration()) : "-",
                    Integer.toString(t.memoryHits()));
        }
        return table.render(width);
    }

    /** "solved", or "stopped: iteration limit" (the reason's detail is left to {@code agent show}). */
    public static String status(TaskSummary t) {
        String status = t.status().name().toLowerCase(Locale.ROOT);
        String reason = t.completion().map(c -> c.reason()).orElse("");
        if (t.status() == TaskStatus.SOLVED || reason.isBlank()) {
            return status;
        }
        int colon = reason.indexOf(':');
        String shortReason = colon > 0 ? reason.substring(0, colon) : reason;
        return status + ": " + Text.cut(shortReason.toLowerCase(Locale.ROOT).replace('_', ' '), 40);
    }

    /** The status with the whole reason, for {@code agent show}. */
    public static String fullStatus(TaskSummary t) {
        String status = t.status().name().toLowerCase(Locale.ROOT);
        String reason = t.completion().map(c -> c.reason()).orElse("");
        return reason.isBlank()
                ? status
                : status + ": " + reason.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** One JSON object per task. */
    public static String json(TaskSummary t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.task().id());
        row.put("startedAt", t.startedAt());
        row.put("task", t.task().text());
        row.put("language", t.task().language().id());
        row.put("projectType", t.task().projectType().id());
        row.put("status", t.status());
        row.put("reason", t.completion().map(c -> c.reason()).orElse(""));
        row.put("iterations", t.iterations());
        row.put("tokens", t.tokens());
        row.put("cost", t.cost());
        row.put("durationMs", t.duration().toMillis());
        row.put("memoryHits", t.memoryHits());
        return JsonWriter.write(row);
    }
}
