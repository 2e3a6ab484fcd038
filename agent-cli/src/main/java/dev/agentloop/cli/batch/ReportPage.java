package dev.agentloop.cli.batch;

import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.cli.output.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, nothing fetched) with the summary and the charts —
 * pass@1 by project, iterations and tokens per task, spend over time against the cap, and with vs without memory
 * side by side when both were run — then every result.
 */
final class ReportPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;"
            + "color:#222}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse}"
            + "td,th{padding:.2em .7em;text-align:left;border-bottom:1px solid #ddd}td.n,th.n{text-align:right}"
            + ".chart{width:100%;max-width:44em;height:auto;display:block}.legend span{margin-right:1.5em}"
            + ".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}"
            + "h3{font-size:1em;margin:1em 0 .3em}";

    private ReportPage() {}

    static String render(BatchSummary s) {
        BatchSummary.Figures all = s.overall();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>agent batch: ")
                .append(Html.escape(fileName(s.input())))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        h.append("<h1>agent batch: ").append(Html.escape(fileName(s.input()))).append("</h1>");
        h.append("<p id=\"headline\"><strong>")
                .append(all.solved())
                .append(" of ")
                .append(all.total())
                .append(" solved, pass@1 ")
                .append(BatchCounts.percent(all.passAt1()))
                .append("</strong>")
                .append(s.gold() ? " (gold patches, no model)" : "")
                .append("</p>");
        summaryTable(h, s, all);
        h.append("<h2>pass@1 by project</h2>");
        List<Charts.Bar> projects = new ArrayList<>();
        s.byProject().forEach((project, rs) -> {
            BatchSummary.Figures f = BatchSummary.Figures.of(rs);
            projects.add(new Charts.Bar(
                    project,
                    f.passAt1() * 100,
                    BatchCounts.percent(f.passAt1()) + " (" + f.solved() + "/" + f.total() + ")"));
        });
        h.append(Charts.bars("pass-by-project", "pass@1 by project", projects, 100, Charts.SOLVED_COLOUR));
        legend(h);
        projectTable(h, s);
        h.append("<h2>Iterations per task</h2>");
        h.append(Charts.histogram("iterations", "Iterations per task", iterationBins(s.results()), "iterations"));
        h.append("<h2>Tokens per task</h2>");
        h.append(Charts.histogram(
                "tokens", "Tokens per task", tokenBins(s.results()), "tokens (each column from the value under it)"));
        spend(h, s);
        memoryComparison(h, s);
        resultsTable(h, s);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summaryTable(StringBuilder h, BatchSummary s, BatchSummary.Figures f) {
        h.append("<table id=\"summary\">");
        row(h, "batch file", s.input());
        row(h, "memory (this run)", s.memory().id());
        row(h, "workers", Integer.toString(s.workers()));
        row(h, "instances finished", Integer.toString(f.total()));
        row(h, "solved", f.solved() + " (pass@1 " + BatchCounts.percent(f.passAt1()) + ")");
        row(h, "runs stopped / failed", f.stopped() + " / " + f.failed());
        row(
                h,
                "iterations per solved task",
                "mean " + Charts.number(BatchSummary.round(f.meanIterationsSolved())) + ", median "
                        + Charts.number(f.medianIterationsSolved()));
        row(
                h,
                "tokens per solved task",
                "mean " + Math.round(f.meanTokensSolved()) + ", median " + Math.round(f.medianTokensSolved()));
        row(
                h,
                "cost",
                Text.cost(f.cost())
                        + s.costCap().map(c -> " (cap " + Text.cost(c) + ")").orElse("") + ", "
                        + Text.count(f.tokens()) + " tokens"
                        + s.tokenCap().map(c -> " (cap " + Text.count(c) + ")").orElse(""));
        row(
                h,
                "memory-hit rate",
                BatchCounts.percent(f.memoryHitRate()) + ", " + f.fixReused() + " solved after a retrieved fix");
        StringBuilder notRun = new StringBuilder(Integer.toString(s.notRunCount()));
        if (s.notRunCount() > 0) {
            notRun.append(" (");
            s.notRun()
                    .forEach((reason, n) -> notRun.append(reason.replace('_', ' '))
                            .append(": ")
                            .append(n)
                            .append("; "));
            notRun.setLength(notRun.length() - 2);
            notRun.append(')');
        }
        row(h, "not run", notRun.toString());
        row(h, "invalid instances", Integer.toString(s.invalid().size()));
        h.append("</table>");
        if (!s.invalid().isEmpty()) {
            h.append("<h2>Invalid instances</h2><ul id=\"invalid\">");
            s.invalid()
                    .forEach(e ->
                            h.append("<li>").append(Html.escape(e.describe())).append("</li>"));
            h.append("</ul>");
        }
    }

    private static void legend(StringBuilder h) {
        h.append("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:")
                .append(Charts.SOLVED_COLOUR)
                .append("\"></i>solved</span><span><i class=\"swatch\" style=\"background:")
                .append(Charts.UNSOLVED_COLOUR)
                .append("\"></i>not solved</span></p>");
    }

    private static List<Charts.Bin> iterationBins(List<TaskResult> rs) {
        int max = rs.stream().mapToInt(TaskResult::iterations).max().orElse(0);
        List<Charts.Bin> bins = new ArrayList<>();
        for (int i = 0; i <= Math.max(1, max); i++) {
            int n = i;
            if (n == 0 && rs.stream().noneMatch(r -> r.iterations() == 0)) {
                continue;
            }
            bins.add(new Charts.Bin(
                    Integer.toString(n),
                    (int) rs.stream()
                            .filter(r -> r.iterations() == n && r.solved())
                            .count(),
                    (int) rs.stream()
                            .filter(r -> r.iterations() == n && !r.solved())
                            .count()));
        }
        return bins;
    }

    /** Eight equal bins from the smallest to the largest token count, each labelled by where it starts. */
    private static List<Charts.Bin> tokenBins(List<TaskResult> rs) {
        long min = rs.stream().mapToLong(TaskResult::tokens).min().orElse(0);
        long max = rs.stream().mapToLong(TaskResult::tokens).max().orElse(0);
        int count = 8;
        long width = Math.max(1, (max - min + count) / count);
        List<Charts.Bin> bins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long from = min + i * width;
            long to = from + width;
            boolean last = i == count - 1;
            bins.add(new Charts.Bin(
                    compact(from),
                    (int) rs.stream()
                            .filter(r -> r.tokens() >= from && (r.tokens() < to || last) && r.solved())
                            .count(),
                    (int) rs.stream()
                            .filter(r -> r.tokens() >= from && (r.tokens() < to || last) && !r.solved())
                            .count()));
        }
        return bins;
    }

    /** 1760 → 1.8k, 950 → 950. */
    private static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        return n < 1_000_000
                ? String.format(Locale.ROOT, "%.1fk", n / 1000.0)
                : String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
    }

    private static void spend(StringBuilder h, BatchSummary s) {
        List<TaskResult> byTime = s.results().stream()
                .sorted(Comparator.comparing(TaskResult::finishedAt))
                .toList();
        Instant first = byTime.isEmpty()
                ? s.startedAt()
                : byTime.stream()
                        .map(TaskResult::startedAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
        // spend in money when there is a cost cap or a price; in tokens when only tokens are capped or nothing is
        // priced
        boolean tokens = s.costCap().isEmpty()
                && (s.tokenCap().isPresent() || s.results().stream().allMatch(r -> r.cost() == 0));
        List<Charts.Point> points = new ArrayList<>();
        double sum = 0;
        for (TaskResult r : byTime) {
            sum += tokens ? r.tokens() : r.cost();
            points.add(new Charts.Point(Duration.between(first, r.finishedAt()).toMillis() / 1000.0, sum));
        }
        double limit = tokens
                ? s.tokenCap().map(Long::doubleValue).orElse(-1.0)
                : s.costCap().orElse(-1.0);
        String title = tokens ? "Tokens used over time against the cap" : "Spend over time against the cap";
        h.append("<h2>").append(title).append("</h2>");
        h.append(Charts.spend("spend", title, points, limit, tokens ? " tokens" : ""));
        if (limit < 0) {
            h.append("<p>No cap was set (--cost-cap, --token-cap).</p>");
        }
    }

    private static void memoryComparison(StringBuilder h, BatchSummary s) {
        Map<MemoryMode, List<TaskResult>> modes = s.byMemory();
        if (modes.size() < 2) {
            return;
        }
        h.append("<h2>With and without memory</h2><div id=\"memory-comparison\">");
        List<Charts.Bar> pass = new ArrayList<>();
        List<Charts.Bar> iterations = new ArrayList<>();
        List<Charts.Bar> tokens = new ArrayList<>();
        modes.forEach((mode, rs) -> {
            BatchSummary.Figures f = BatchSummary.Figures.of(rs);
            String label = "memory " + mode.id();
            pass.add(new Charts.Bar(label, f.passAt1() * 100, BatchCounts.percent(f.passAt1())));
            iterations.add(new Charts.Bar(
                    label, f.meanIterationsSolved(), Charts.number(BatchSummary.round(f.meanIterationsSolved()))));
            tokens.add(new Charts.Bar(label, f.meanTokensSolved(), Long.toString(Math.round(f.meanTokensSolved()))));
        });
        h.append("<h3>pass@1</h3>").append(Charts.bars("memory-pass", "pass@1", pass, 100, Charts.SOLVED_COLOUR));
        h.append("<h3>Mean iterations per solved task</h3>")
                .append(Charts.bars(
                        "memory-iterations",
                        "Mean iterations per solved task",
                        iterations,
                        max(iterations),
                        Charts.NEUTRAL_COLOUR));
        h.append("<h3>Mean tokens per solved task</h3>")
                .append(Charts.bars(
                        "memory-tokens", "Mean tokens per solved task", tokens, max(tokens), Charts.NEUTRAL_COLOUR));
        h.append("</div>");
    }

    private static double max(List<Charts.Bar> bars) {
        return bars.stream().mapToDouble(Charts.Bar::value).max().orElse(0);
    }

    /**
     * Per project: solved, time, and for repository instances where the repository map and the runs looked (the gold
     * file first / in the top 5 of the map's first ranking, the gold function likewise, the gold file read / changed).
     */
    private static void projectTable(StringBuilder h, BatchSummary s) {
        Map<String, LocalizationFigures> localization = s.localizationByProject();
        boolean withLocalization = !localization.isEmpty();
        h.append("<table id=\"by-project\"><tr><th>project</th><th class=\"n\">instances</th>")
                .append("<th class=\"n\">solved</th><th class=\"n\">pass@1</th><th class=\"n\">mean time</th>")
                .append("<th class=\"n\">of which tests</th>");
        if (withLocalization) {
            h.append("<th class=\"n\">map: file top-1</th><th class=\"n\">file top-5</th>")
                    .append("<th class=\"n\">function top-1</th><th class=\"n\">function top-5</th>")
                    .append("<th class=\"n\">gold file read</th><th class=\"n\">gold file changed</th>");
        }
        h.append("</tr>");
        s.byProject().forEach((project, rs) -> {
            BatchSummary.Figures f = BatchSummary.Figures.of(rs);
            double tests = BatchSummary.mean(rs, r -> r.testTime().toMillis() / 1000.0);
            h.append("<tr><td>").append(Html.escape(project)).append("</td>");
            cell(h, Integer.toString(f.total()));
            cell(h, Integer.toString(f.solved()));
            cell(h, BatchCounts.percent(f.passAt1()));
            cell(h, String.format(Locale.ROOT, "%.1f s", f.meanWallSeconds()));
            cell(h, String.format(Locale.ROOT, "%.1f s", tests));
            if (withLocalization) {
                LocalizationFigures l = localization.get(project);
                for (java.util.function.ToIntFunction<LocalizationFigures> part :
                        List.<java.util.function.ToIntFunction<LocalizationFigures>>of(
                                LocalizationFigures::fileTop1,
                                LocalizationFigures::fileTop5,
                                LocalizationFigures::functionTop1,
                                LocalizationFigures::functionTop5,
                                LocalizationFigures::readGold,
                                LocalizationFigures::editedGold)) {
                    cell(h, l == null ? "-" : l.percent(part.applyAsInt(l)));
                }
            }
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static void cell(StringBuilder h, String value) {
        h.append("<td class=\"n\">").append(Html.escape(value)).append("</td>");
    }

    private static void resultsTable(StringBuilder h, BatchSummary s) {
        h.append("<h2>Results</h2><table id=\"results\"><tr><th>id</th><th>project</th><th>memory</th>")
                .append("<th>solved</th><th>run</th><th class=\"n\">iterations</th><th class=\"n\">tokens</th>")
                .append("<th class=\"n\">cost</th><th class=\"n\">time</th><th>task</th></tr>");
        for (TaskResult r : s.results()) {
            h.append("<tr><td>")
                    .append(Html.escape(r.id()))
                    .append("</td><td>")
                    .append(Html.escape(r.project()))
                    .append("</td><td>")
                    .append(r.memory().id())
                    .append("</td><td>")
                    .append(r.solved() ? "yes" : "no")
                    .append(
                            r.verdict().judge() == Verdict.Judge.HIDDEN_TESTS
                                    ? " (" + r.verdict().passed() + "/"
                                            + r.verdict().total() + ")"
                                    : "")
                    .append("</td><td>")
                    .append(Html.escape(Text.words(r.status())
                            + r.stopReason().map(x -> ": " + Text.words(x)).orElse("")))
                    .append("</td><td class=\"n\">")
                    .append(r.iterations())
                    .append("</td><td class=\"n\">")
                    .append(r.tokens())
                    .append("</td><td class=\"n\">")
                    .append(Text.cost(r.cost()))
                    .append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.1f s", r.wall().toMillis() / 1000.0))
                    .append("</td><td>")
                    .append(Text.shortId(r.taskId()))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>")
                .append(Html.escape(key))
                .append("</th><td>")
                .append(Html.escape(value))
                .append("</td></tr>");
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
