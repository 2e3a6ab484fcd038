package dev.agentloop.server.internal.api;

import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.store.TaskRow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of a task: a summary for lists, the detail for one task. */
final class TaskViews {

    private final SubmissionCodec codec;

    TaskViews(SubmissionCodec codec) {
        this.codec = codec;
    }

    static Map<String, String> links(UUID id) {
        String self = "/api/v1/tasks/" + id;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("events", self + "/events");
        links.put("cancel", self + "/cancel");
        return links;
    }

    Map<String, Object> summary(TaskRow t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("status", t.status().id());
        out.put("title", t.title());
        out.put("language", t.language());
        out.put("submitted_by", t.submittedBy());
        out.put("submitted_at", t.submittedAt());
        t.startedAt().ifPresent(v -> out.put("started_at", v));
        t.finishedAt().ifPresent(v -> out.put("finished_at", v));
        t.worker().ifPresent(v -> out.put("worker", v));
        out.put("attempt", t.attempt());
        out.put("iterations", t.iterations());
        out.put("tokens", t.tokens());
        out.put("cost", t.cost());
        t.reason().ifPresent(v -> out.put("reason", v));
        t.detail().ifPresent(v -> out.put("detail", v));
        out.put("links", links(t.id()));
        return out;
    }

    /**
     * @param counts the task's events per type, for the live counts of a running task
     */
    Map<String, Object> detail(TaskRow t, Map<String, Long> counts) {
        Map<String, Object> out = summary(t);
        out.remove("links");
        if (!t.status().isTerminal()) {
            out.put("iterations", counts.getOrDefault("IterationFinished", 0L));
        }
        out.put("failures", counts.getOrDefault("FailureStored", 0L));
        out.put("memory_hits", counts.getOrDefault("MemoryHit", 0L));
        out.put("events", counts.values().stream().mapToLong(Long::longValue).sum());
        out.put("cancel_requested", t.cancelRequested());
        out.put("submission", codec.asMap(t.submission()));
        t.result().ifPresent(r -> out.put("result", Json.tree(r)));
        out.put("links", links(t.id()));
        return out;
    }
}
