package dev.agentloop.cli.output;

import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code agent history}: a table for people, JSON Lines for programs. */
public final class HistoryView {

    private HistoryView() {}

    /** Repository names longer than this are cut in the table. */
    static final int REPOSITORY_WIDTH = 20;

    /**
     * The table, cut to {@code width} columns. A REPO column (the repository's name, {@code -} for a new module) is
     * there when a task of the page worked on an existing project.
     */
    public static List<String> table(List<TaskSummary> tasks, int width, ZoneId zone) {
        boolean repositories = tasks.stream().anyMatch(t -> t.repository().isPresent());
        List<String> headers =
                new ArrayList<>(List.of("ID", "WHEN", "TASK", "STATUS", "ITER", "TOKENS", "COST", "TIME", "HITS"));
        if (repositories) {
            headers.add(2, "REPO");
        }
        Table table = new Table(headers.indexOf("TASK"), headers.toArray(String[]::new));
        for (TaskSummary t : tasks) {
            List<String> cells = new ArrayList<>(List.of(
                    Text.shortId(t.task().id()),
                    Text.when(t.startedAt(), zone),
                    t.task().text(),
                    status(t),
                    Integer.toString(t.iterations()),
                    Text.count(t.tokens()),
                    Text.cost(t.cost()),
                    t.completion().isPresent() ? Text.duration(t.duration()) : "-",
                    Integer.toString(t.memoryHits())));
            if (repositories) {
                cells.add(
                        2,
                        t.repository()
                                .map(r -> Text.cut(r.name(), REPOSITORY_WIDTH))
                                .orElse("-"));
            }
            table.row(cells.toArray(String[]::new));
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

    /** One JSON object per task; {@code repository} (its name) and {@code branch} are null for a new module. */
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
        row.put("repository", t.repository().map(r -> r.name()).orElse(null));
        row.put(
                "branch",
                t.handoff().map(h -> h.branch()).filter(b -> !b.isEmpty()).orElse(null));
        return JsonWriter.write(row);
    }
}
