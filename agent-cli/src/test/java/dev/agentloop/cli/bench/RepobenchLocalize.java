package dev.agentloop.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.batch.BatchFile;
import dev.agentloop.cli.batch.BatchInstance;
import dev.agentloop.cli.batch.Localization;
import dev.agentloop.cli.batch.LocalizationFigures;
import dev.agentloop.cli.batch.RepositoryInstances;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.internal.project.ProjectTests;
import dev.agentloop.core.internal.project.TestCommand;
import dev.agentloop.core.internal.project.TestCommandDetector;
import dev.agentloop.core.internal.repomap.Bm25ContentBaseline;
import dev.agentloop.core.internal.repomap.FileKind;
import dev.agentloop.core.internal.repomap.RankQuery;
import dev.agentloop.core.internal.repomap.Ranking;
import dev.agentloop.core.internal.repomap.RepoMap;
import dev.agentloop.core.internal.repomap.SandboxSymbolParser;
import dev.agentloop.core.internal.repomap.SymbolCache;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.sandbox.DockerSandbox;
import dev.agentloop.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Localization on repobench without a model: for each instance, what a run's first CODE step would rank — the task
 * text and the baseline's failing tests with their output, from the instance's test command run in the Docker sandbox
 * on a clone at its base — by the repository map and by BM25 over the source files' contents (the SWE-bench retrieval
 * baseline), against the gold patch's files and functions. Prints the table per project (file top-1 / top-5 and
 * function top-1 / top-5 for the map, file top-1 / top-5 for BM25) in Markdown. Run by {@code
 * scripts/repobench-localize}.
 *
 * <p>Arguments: {@code INSTANCES.jsonl ID_PATHS.tsv JOBS OUT.jsonl [runner]}: the instances, the fetched repositories
 * ({@code scripts/repobench-fetch}'s output: id, path, base), instances at a time, where each instance's line goes;
 * {@code runner} ranks Python instances with the pytest runner's report (JUnit XML with tracebacks) instead of their
 * own test command, to show what the richer failure output is worth.
 */
public final class RepobenchLocalize {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP = 10;

    private RepobenchLocalize() {}

    /** One instance's rankings against its gold. */
    record Row(String id, String project, Localization map, Localization bm25, String query, double seconds) {}

    public static void main(String[] args) throws Exception {
        BatchFile batch = BatchFile.read(Path.of(args[0]));
        Map<String, Path> repos = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] parts = line.split("\t");
            if (parts.length >= 2) {
                repos.put(parts[0], Path.of(parts[1]));
            }
        }
        int jobs = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        boolean runner = args.length > 4 && args[4].equals("runner");
        if (!batch.invalid().isEmpty()) {
            throw new IllegalArgumentException("invalid lines in " + args[0] + ": " + batch.invalid());
        }
        Path scratch = Files.createTempDirectory("repobench-localize");
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (DockerSandbox sandbox = DockerSandbox.builder()
                        .config(SandboxConfig.builder()
                                .commandTimeout(Duration.ofMinutes(5))
                                .build())
                        .build();
                PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            List<Future<Row>> futures = new ArrayList<>();
            for (BatchInstance instance : batch.instances()) {
                Path repo = repos.get(instance.id());
                if (repo == null) {
                    throw new IllegalArgumentException("no fetched repository for " + instance.id());
                }
                futures.add(pool.submit(() -> localize(instance, repo, scratch, sandbox, runner)));
            }
            for (Future<Row> f : futures) {
                Row row = f.get();
                rows.add(row);
                lines.println(line(row));
                lines.flush();
                System.err.printf(
                        Locale.ROOT,
                        "%-16s map file %s, function %s; bm25 file %s (%.1f s)%n",
                        row.id(),
                        place(row.map().fileRank()),
                        place(row.map().functionRank()),
                        place(row.bm25().fileRank()),
                        row.seconds());
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } finally {
            delete(scratch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(table(rows));
        System.out.printf(
                Locale.ROOT,
                "%n%d instances, %d at a time, %.0f s%s%n",
                rows.size(),
                jobs,
                seconds,
                runner ? "; ranked with the Python runner's report (tracebacks)" : "");
    }

    private static Row localize(BatchInstance instance, Path repo, Path scratch, DockerSandbox sandbox, boolean runner)
            throws Exception {
        long t0 = System.nanoTime();
        Path dir = scratch.resolve(instance.id());
        git(scratch, "clone", "--quiet", "--no-checkout", repo.toString(), dir.toString());
        git(
                dir,
                "checkout",
                "--quiet",
                "--detach",
                instance.repo().orElseThrow().base());
        try (SandboxSession session = sandbox.open(new SandboxSpec(
                UUID.randomUUID(),
                instance.language(),
                ProjectType.LIBRARY,
                dir,
                null,
                ApprovalHandler.denyAll(),
                true))) {
            // the runner's report carries tracebacks; JavaScript projects keep their command (mocha is no node --test)
            String command = runner && instance.language() == Language.PYTHON ? "" : instance.testCommand();
            TestTargets targets = TestTargets.DEFAULT.withCommand(command).fixing(instance.failingTests());
            TestCommand testCommand = TestCommandDetector.detect(dir, instance.language(), command)
                    .orElseThrow(() -> new IllegalStateException("no test command for " + instance.id()));
            ProjectTests tests = new ProjectTests(testCommand, dir, targets, Duration.ofMinutes(5));
            TestReport baseline = session.runTests(tests.suite());
            tests.baseline(baseline);
            // the query of a run's first CODE step (ProjectCodeStep): the task, then the baseline's failures
            String query = RepositoryInstances.taskText(instance) + "\n" + tests.baselineFailures();
            RepoMap map = RepoMap.build(dir, SandboxSymbolParser.of(session), SymbolCache.none());
            Ranking ranking = map.rank(RankQuery.of(query));
            Localization byMap = Localization.ofRanking(
                    instance.goldFiles(),
                    instance.goldFunctions(),
                    ranking.topFiles(TOP),
                    ranking.definitions().stream()
                            .limit(TOP)
                            .map(d -> new Localization.Definition(
                                    d.path(), d.definition().qualifiedName()))
                            .toList());
            List<String> sources = map.index().files().stream()
                    .filter(f -> f.entry().kind() == FileKind.SOURCE)
                    .map(f -> f.path())
                    .toList();
            List<String> bm25 = Bm25ContentBaseline.of(dir, sources).rank(query);
            Localization byBm25 = Localization.ofRanking(
                    instance.goldFiles(), List.of(), bm25.subList(0, Math.min(TOP, bm25.size())), List.of());
            return new Row(instance.id(), instance.group(), byMap, byBm25, query, (System.nanoTime() - t0) / 1e9);
        } finally {
            delete(dir);
        }
    }

    /** The Markdown table: per project and in total. */
    static String table(List<Row> rows) {
        Map<String, List<Row>> byProject = new TreeMap<>();
        rows.forEach(r ->
                byProject.computeIfAbsent(r.project(), p -> new ArrayList<>()).add(r));
        StringBuilder s = new StringBuilder();
        s.append("| project | instances | map: file top-1 | file top-5 | function top-1 | function top-5 |"
                + " BM25: file top-1 | file top-5 |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        byProject.forEach((project, rs) -> s.append(tableRow(project, rs)));
        s.append(tableRow("**all**", rows));
        return s.toString();
    }

    private static String tableRow(String name, List<Row> rs) {
        LocalizationFigures map =
                LocalizationFigures.of(rs.stream().map(Row::map).toList());
        LocalizationFigures bm25 =
                LocalizationFigures.of(rs.stream().map(Row::bm25).toList());
        return "| " + name + " | " + rs.size() + " | " + map.percent(map.fileTop1()) + " | "
                + map.percent(map.fileTop5()) + " | " + map.percent(map.functionTop1()) + " | "
                + map.percent(map.functionTop5()) + " | " + bm25.percent(bm25.fileTop1()) + " | "
                + bm25.percent(bm25.fileTop5()) + " |\n";
    }

    private static String line(Row row) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", row.id());
        n.put("project", row.project());
        row.map().goldFiles().forEach(n.putArray("gold_files")::add);
        row.map().rankedFiles().forEach(n.putArray("map_files")::add);
        n.put("map_file_rank", row.map().fileRank());
        n.put("map_function_rank", row.map().functionRank());
        row.bm25().rankedFiles().forEach(n.putArray("bm25_files")::add);
        n.put("bm25_file_rank", row.bm25().fileRank());
        n.put("query_chars", row.query().length());
        n.put("seconds", Math.round(row.seconds() * 10) / 10.0);
        return JSON.writeValueAsString(n);
    }

    private static String place(int rank) {
        return rank == 0 ? "-" : "#" + rank;
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
