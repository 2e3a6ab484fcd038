package dev.agentloop.cli.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.env.MemoryMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code summary.json}: pass@1, iterations and tokens per solved task (mean, median), cost, memory-hit rate, what was
 * not run and why, and the same per memory mode and per project. Built from every result in the output folder.
 *
 * @param input the batch file
 * @param sha256 its hash
 * @param memory the memory mode of this invocation
 * @param gold this invocation ran the gold patches
 * @param workers concurrent runs
 * @param costCap the cost cap, if any
 * @param tokenCap the token cap, if any
 * @param results every result in the folder, this invocation's and earlier ones'
 * @param invalid the instances that could not run, with why
 * @param notRun why instances were not started (the cap, a cancel), with how many each
 * @param startedAt when this invocation started
 * @param finishedAt when this summary was written
 * @param finishedNow results this invocation added
 */
public record BatchSummary(
        String input,
        String sha256,
        MemoryMode memory,
        boolean gold,
        int workers,
        Optional<Double> costCap,
        Optional<Long> tokenCap,
        List<TaskResult> results,
        List<InvalidInstanceException> invalid,
        Map<String, Integer> notRun,
        Instant startedAt,
        Instant finishedAt,
        int finishedNow) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchSummary {
        results = List.copyOf(results);
        invalid = List.copyOf(invalid);
        notRun = Collections.unmodifiableMap(new LinkedHashMap<>(notRun));
    }

    /** Instances not started, all reasons together. */
    int notRunCount() {
        return notRun.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The figures of a group of results. */
    record Figures(
            int total,
            int solved,
            int stopped,
            int failed,
            double passAt1,
            double meanIterationsSolved,
            double medianIterationsSolved,
            double meanTokensSolved,
            double medianTokensSolved,
            double cost,
            long tokens,
            double memoryHitRate,
            int fixReused,
            double meanWallSeconds,
            double meanRunSeconds) {

        static Figures of(List<TaskResult> rs) {
            List<TaskResult> solved = rs.stream().filter(TaskResult::solved).toList();
            return new Figures(
                    rs.size(),
                    solved.size(),
                    (int) rs.stream()
                            .filter(r -> r.status() == RunStatus.STOPPED)
                            .count(),
                    (int) rs.stream()
                            .filter(r -> r.status() == RunStatus.FAILED)
                            .count(),
                    rs.isEmpty() ? 0 : (double) solved.size() / rs.size(),
                    mean(solved, TaskResult::iterations),
                    median(solved, TaskResult::iterations),
                    mean(solved, TaskResult::tokens),
                    median(solved, TaskResult::tokens),
                    rs.stream().mapToDouble(TaskResult::cost).sum(),
                    rs.stream().mapToLong(TaskResult::tokens).sum(),
                    rs.isEmpty()
                            ? 0
                            : (double) rs.stream()
                                            .filter(r -> r.memoryHits() > 0)
                                            .count()
                                    / rs.size(),
                    (int) rs.stream().filter(TaskResult::fixReused).count(),
                    mean(rs, r -> r.wall().toMillis() / 1000.0),
                    mean(rs, r -> r.runTime().toMillis() / 1000.0));
        }

        void writeTo(ObjectNode n) {
            n.put("total", total);
            n.put("solved", solved);
            n.put("pass_at_1", round(passAt1));
            ObjectNode runs = n.putObject("runs");
            runs.put("solved", total - stopped - failed);
            runs.put("stopped", stopped);
            runs.put("failed", failed);
            n.putObject("iterations_per_solved")
                    .put("mean", round(meanIterationsSolved))
                    .put("median", round(medianIterationsSolved));
            n.putObject("tokens_per_solved")
                    .put("mean", round(meanTokensSolved))
                    .put("median", round(medianTokensSolved));
            n.put("tokens", tokens);
            n.put("cost", round(cost));
            n.put("memory_hit_rate", round(memoryHitRate));
            n.put("fix_reused", fixReused);
            n.put("mean_wall_s", round(meanWallSeconds));
            n.put("mean_run_s", round(meanRunSeconds));
        }
    }

    Figures overall() {
        return Figures.of(results);
    }

    /** Results per memory mode, in the enum's order. */
    Map<MemoryMode, List<TaskResult>> byMemory() {
        Map<MemoryMode, List<TaskResult>> out = new java.util.EnumMap<>(MemoryMode.class);
        results.forEach(
                r -> out.computeIfAbsent(r.memory(), m -> new ArrayList<>()).add(r));
        return out;
    }

    /** Results per project, by name. */
    Map<String, List<TaskResult>> byProject() {
        Map<String, List<TaskResult>> out = new TreeMap<>();
        results.forEach(
                r -> out.computeIfAbsent(r.project(), p -> new ArrayList<>()).add(r));
        return out;
    }

    /** Localization of the results that have one (repository instances naming their gold files), per project. */
    Map<String, LocalizationFigures> localizationByProject() {
        Map<String, LocalizationFigures> out = new TreeMap<>();
        byProject().forEach((project, rs) -> {
            List<Localization> ls = localizations(rs);
            if (!ls.isEmpty()) {
                out.put(project, LocalizationFigures.of(ls));
            }
        });
        return out;
    }

    /** Localization of all the results that have one; empty when none has. */
    java.util.Optional<LocalizationFigures> localization() {
        List<Localization> ls = localizations(results);
        return ls.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(LocalizationFigures.of(ls));
    }

    private static List<Localization> localizations(List<TaskResult> rs) {
        return rs.stream().flatMap(r -> r.localization().stream()).toList();
    }

    /** What the command prints at the end: the headline figures, what did not run, where the files are. */
    public List<String> lines(java.nio.file.Path dir) {
        Figures f = overall();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(String.format(
                java.util.Locale.ROOT,
                "%d of %d solved, pass@1 %s%s; per solved task: iterations mean %s, median %s; tokens mean %d, median"
                        + " %d; cost %s.",
                f.solved(),
                f.total(),
                BatchCounts.percent(f.passAt1()),
                gold ? " (gold patches)" : "",
                Charts.number(round(f.meanIterationsSolved())),
                Charts.number(f.medianIterationsSolved()),
                Math.round(f.meanTokensSolved()),
                Math.round(f.medianTokensSolved()),
                dev.agentloop.cli.output.Text.cost(f.cost())));
        localization()
                .ifPresent(l -> out.add("Localization (" + l.instances() + " repository instances): the"
                        + " repository map put the gold file first in " + l.percent(l.fileTop1()) + ", in its top 5 in "
                        + l.percent(l.fileTop5()) + "; the runs read it in " + l.percent(l.readGold())
                        + " and changed it in "
                        + l.percent(l.editedGold()) + "."));
        if (notRunCount() > 0) {
            StringBuilder s = new StringBuilder("Not run: " + notRunCount() + " (");
            notRun.forEach((reason, n) ->
                    s.append(reason.replace('_', ' ')).append(' ').append(n).append(", "));
            s.setLength(s.length() - 2);
            out.add(s.append(").").toString());
        }
        if (!invalid.isEmpty()) {
            out.add("Invalid: " + invalid.size() + " instance(s), listed above and in summary.json.");
        }
        out.add("Results: " + dir.resolve(OutputFolder.RESULTS) + "; summary: " + dir.resolve(OutputFolder.SUMMARY)
                + "; report: " + dir.resolve(OutputFolder.REPORT));
        return out;
    }

    /** The JSON text of {@code summary.json}. */
    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("batch", input);
        n.put("sha256", sha256);
        n.put("memory", memory.id());
        n.put("gold", gold);
        n.put("workers", workers);
        costCap.ifPresentOrElse(c -> n.put("cost_cap", c), () -> n.putNull("cost_cap"));
        tokenCap.ifPresentOrElse(c -> n.put("token_cap", c), () -> n.putNull("token_cap"));
        overall().writeTo(n);
        ObjectNode notRunNode = n.putObject("not_run");
        notRunNode.put("count", notRunCount());
        ObjectNode reasons = notRunNode.putObject("reasons");
        notRun.forEach(reasons::put);
        ArrayNode invalidNode = n.putArray("invalid");
        for (InvalidInstanceException e : invalid) {
            ObjectNode i = invalidNode.addObject();
            i.put("line", e.line());
            e.id().ifPresentOrElse(id -> i.put("id", id), () -> i.putNull("id"));
            i.put("problem", e.getMessage());
        }
        ObjectNode memories = n.putObject("by_memory");
        byMemory().forEach((mode, rs) -> Figures.of(rs).writeTo(memories.putObject(mode.id())));
        ObjectNode projects = n.putObject("by_project");
        byProject().forEach((project, rs) -> Figures.of(rs).writeTo(projects.putObject(project)));
        localization().ifPresent(l -> {
            ObjectNode loc = n.putObject("localization");
            l.writeTo(loc);
            ObjectNode byProject = loc.putObject("by_project");
            localizationByProject().forEach((project, f) -> f.writeTo(byProject.putObject(project)));
        });
        ObjectNode run = n.putObject("this_run");
        run.put("started_at", startedAt.toString());
        run.put("finished_at", finishedAt.toString());
        double seconds = Math.max(0.001, Duration.between(startedAt, finishedAt).toMillis() / 1000.0);
        run.put("elapsed_s", round(seconds));
        run.put("finished", finishedNow);
        run.put("tasks_per_s", round(finishedNow / seconds));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    static double mean(List<TaskResult> rs, ToDoubleFunction<TaskResult> f) {
        return rs.isEmpty() ? 0 : rs.stream().mapToDouble(f).average().orElse(0);
    }

    static double median(List<TaskResult> rs, ToDoubleFunction<TaskResult> f) {
        if (rs.isEmpty()) {
            return 0;
        }
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
