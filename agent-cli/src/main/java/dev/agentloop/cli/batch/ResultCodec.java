package dev.agentloop.cli.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.core.Language;
import dev.agentloop.core.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A {@link TaskResult} as one JSON line of {@code results.jsonl} (snake_case fields), and back. */
final class ResultCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultCodec() {}

    /** One line, without the newline. */
    static String write(TaskResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("line", r.line());
        n.put("project", r.project());
        n.put("language", r.language().id());
        n.put("memory", r.memory().id());
        n.put("gold", r.gold());
        n.put("task_id", r.taskId().toString());
        n.put("status", r.status().name().toLowerCase(Locale.ROOT));
        r.stopReason().ifPresentOrElse(s -> n.put("stop_reason", s.name()), () -> n.putNull("stop_reason"));
        n.put("detail", r.detail());
        n.put("solved", r.solved());
        n.put("judged_by", r.verdict().judge().name().toLowerCase(Locale.ROOT));
        n.put("hidden_passed", r.verdict().passed());
        n.put("hidden_total", r.verdict().total());
        n.put("judge_detail", r.verdict().detail());
        n.put("iterations", r.iterations());
        n.put("tokens", r.tokens());
        n.put("cost", r.cost());
        n.put("wall_ms", r.wall().toMillis());
        n.put("run_ms", r.runTime().toMillis());
        n.put("started_at", r.startedAt().toString());
        n.put("finished_at", r.finishedAt().toString());
        n.put("memory_hits", r.memoryHits());
        n.put("fix_reused", r.fixReused());
        n.put("tests_ms", r.testTime().toMillis());
        r.localization().ifPresent(l -> {
            ObjectNode loc = n.putObject("localization");
            l.goldFiles().forEach(loc.putArray("gold_files")::add);
            l.rankedFiles().forEach(loc.putArray("map_files")::add);
            loc.put("map_file_rank", l.fileRank());
            loc.put("map_function_rank", l.functionRank());
            loc.put("read_gold", l.readGold());
            loc.put("edited_gold", l.editedGold());
        });
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /**
     * Reads a line written by {@link #write}.
     *
     * @throws IllegalArgumentException when the line is not such a result (torn, edited by hand)
     */
    static TaskResult read(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            return new TaskResult(
                    text(n, "id"),
                    n.path("line").asInt(),
                    text(n, "project"),
                    Language.fromId(text(n, "language")),
                    MemoryMode.fromId(text(n, "memory")),
                    n.path("gold").asBoolean(),
                    UUID.fromString(text(n, "task_id")),
                    RunStatus.valueOf(text(n, "status").toUpperCase(Locale.ROOT)),
                    n.path("stop_reason").isTextual()
                            ? Optional.of(
                                    StopReason.valueOf(n.get("stop_reason").asText()))
                            : Optional.empty(),
                    n.path("detail").asText(""),
                    new Verdict(
                            Verdict.Judge.valueOf(text(n, "judged_by").toUpperCase(Locale.ROOT)),
                            n.path("solved").asBoolean(),
                            n.path("hidden_passed").asInt(),
                            n.path("hidden_total").asInt(),
                            n.path("judge_detail").asText("")),
                    n.path("iterations").asInt(),
                    n.path("tokens").asLong(),
                    n.path("cost").asDouble(),
                    Duration.ofMillis(n.path("wall_ms").asLong()),
                    Duration.ofMillis(n.path("run_ms").asLong()),
                    Instant.parse(text(n, "started_at")),
                    Instant.parse(text(n, "finished_at")),
                    n.path("memory_hits").asInt(),
                    n.path("fix_reused").asBoolean(),
                    Duration.ofMillis(n.path("tests_ms").asLong()),
                    localization(n.get("localization")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a batch result (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<Localization> localization(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Localization(
                strings(n.path("gold_files")),
                strings(n.path("map_files")),
                n.path("map_file_rank").asInt(),
                n.path("map_function_rank").asInt(),
                n.path("read_gold").asBoolean(),
                n.path("edited_gold").asBoolean()));
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }
}
