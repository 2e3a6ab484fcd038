package dev.agentloop.sandbox.bench;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.internal.repomap.BuildStats;
import dev.agentloop.core.internal.repomap.MapChange;
import dev.agentloop.core.internal.repomap.RankQuery;
import dev.agentloop.core.internal.repomap.Ranking;
import dev.agentloop.core.internal.repomap.RenderedMap;
import dev.agentloop.core.internal.repomap.RepoMap;
import dev.agentloop.core.internal.repomap.SandboxSymbolParser;
import dev.agentloop.core.internal.repomap.SymbolCache;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.DockerSandbox;
import dev.agentloop.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The repository-map benchmarks on a large real repository (CPython's {@code Lib/}), printed as a Markdown table:
 * a cold build (empty cache: every file parsed in the Docker sandbox), a warm build (everything from the cache), an
 * update after one file changed (re-hash, re-parse that file, re-index), and prompt assembly for one task (rank for
 * a real test failure, render into 8,000 tokens), wall-clock and CPU time (the JVM thread's; for the parse, the
 * sandbox container's), so that figures from a busy machine can be read too. Run by {@code scripts/bench-repomap}.
 * Arguments: the {@code Lib}
 * folder (copied, never changed), runs of each measurement (default 3 builds, 10 times that many of the rest), the
 * sandbox's CPUs (default 1, the sandbox's default), the CPUs the parser may use for its commands (default the
 * machine's, {@link SandboxConfig#DEFAULT_TOOL_CPUS}; the sandbox's CPUs to keep the parse within the sandbox's limit).
 * CPU times: the JVM process's (every thread: the build reads, hashes and indexes on all cores), the container's for
 * the parse, the calling thread's for the update and prompt assembly.
 */
public final class RepoMapBench {

    /** The file edited for the update measurement and broken for the task. */
    private static final String TARGET = "json/decoder.py";

    /** The one-line bug behind the task: every document gets "Extra data". */
    private static final String BUG_FROM = "        if end != len(s):";

    private static final String BUG_TO = "        if end != len(s) - 1:";

    private RepoMapBench() {}

    public static void main(String[] args) throws Exception {
        Path lib = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double cpus = args.length > 2 ? Double.parseDouble(args[2]) : SandboxConfig.DEFAULT_CPUS;
        double toolCpus = args.length > 3 ? Double.parseDouble(args[3]) : SandboxConfig.DEFAULT_TOOL_CPUS;
        String loadBefore = BenchEnv.loadAverage();
        Path scratch = Files.createTempDirectory("agentloop-repomap-bench");
        Path workspace = scratch.resolve("Lib");
        copy(lib, workspace);
        List<String> rows = new ArrayList<>();
        String files;
        try (DockerSandbox sandbox = DockerSandbox.builder()
                        .config(SandboxConfig.builder()
                                .cpus(cpus)
                                .toolCpus(toolCpus)
                                .commandTimeout(Duration.ofMinutes(5))
                                .build())
                        .build();
                SandboxSession session = sandbox.open(new SandboxSpec(
                        UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null))) {
            check(session.exec(ExecRequest.of("python3", "-c", "pass")));
            SandboxSymbolParser parser = SandboxSymbolParser.of(session);

            List<Double> cold = new ArrayList<>();
            List<Double> coldCpu = new ArrayList<>();
            List<Double> coldParse = new ArrayList<>();
            List<Double> coldParseCpu = new ArrayList<>();
            List<Double> coldList = new ArrayList<>();
            List<Double> coldIndex = new ArrayList<>();
            Path cache = null;
            RepoMap map = null;
            for (int i = 0; i < runs; i++) {
                cache = Files.createTempDirectory(scratch, "cache");
                long container = containerCpuNanos(session);
                long c0 = processCpu();
                long t0 = System.nanoTime();
                map = RepoMap.build(workspace, parser, SymbolCache.inFolder(cache));
                cold.add(ms(t0));
                coldCpu.add((processCpu() - c0) / 1e6);
                coldParseCpu.add((containerCpuNanos(session) - container) / 1e6);
                BuildStats stats = map.buildStats();
                coldList.add(stats.listing().toNanos() / 1e6);
                coldParse.add(stats.parsing().toNanos() / 1e6);
                coldIndex.add(stats.indexing().toNanos() / 1e6);
            }
            BuildStats stats = map.buildStats();
            files = stats.files() + " files, " + stats.sourceFiles() + " Python files parsed, "
                    + String.format(Locale.ROOT, "%.1f", bytes(workspace) / 1e6) + " MB";
            rows.add(row(
                    "cold build (empty cache: list, hash, parse all in the sandbox, index)", cold, coldCpu, "<= 10 s"));
            rows.add(row("  of which listing and hashing", coldList, null, "-"));
            rows.add(row(
                    "  of which parsing in the sandbox (limit " + cpus + " CPU, " + Math.max(cpus, toolCpus)
                            + " for the parser's commands; CPU: the container's)",
                    coldParse,
                    coldParseCpu,
                    "-"));
            rows.add(row("  of which indexing (terms, names, graph, PageRank)", coldIndex, null, "-"));

            List<Double> warm = new ArrayList<>();
            List<Double> warmCpu = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long c0 = processCpu();
                long t0 = System.nanoTime();
                map = RepoMap.build(workspace, parser, SymbolCache.inFolder(cache));
                warm.add(ms(t0));
                warmCpu.add((processCpu() - c0) / 1e6);
                if (map.buildStats().parsed() != 0) {
                    throw new IllegalStateException(
                            "a warm build parsed " + map.buildStats().parsed() + " files");
                }
            }
            rows.add(row("warm build (every file from the cache)", warm, warmCpu, "-"));

            Path target = workspace.resolve(TARGET);
            String original = Files.readString(target);
            List<Double> update = new ArrayList<>();
            List<Double> updateCpu = new ArrayList<>();
            for (int i = 0; i < runs * 10; i++) {
                Files.writeString(target, original + "\n\ndef _bench_added_" + i + "(x):\n    return x + " + i + "\n");
                long c0 = threadCpu();
                long t0 = System.nanoTime();
                MapChange change = map.update(List.of(TARGET));
                update.add(ms(t0));
                updateCpu.add((threadCpu() - c0) / 1e6);
                if (change.parsed() != 1) {
                    throw new IllegalStateException("the update parsed " + change.parsed() + " files");
                }
            }
            rows.add(row(
                    "update after one file changed (`" + TARGET + "`: hash, parse, re-index)",
                    update,
                    updateCpu,
                    "<= 200 ms"));

            if (!original.contains(BUG_FROM)) {
                throw new IllegalStateException(TARGET + " no longer has the line the bug is injected into");
            }
            Files.writeString(target, original.replace(BUG_FROM, BUG_TO));
            map.update(List.of(TARGET));
            ExecResult tests = session.exec(new ExecRequest(
                    List.of("python3", "-m", "unittest", "test.test_json"),
                    "",
                    Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                    Duration.ofMinutes(2)));
            String output = tests.stdout() + tests.stderr();
            RankQuery query = RankQuery.of("Make the failing tests of test.test_json pass.", output);
            ApproxTokenCountEstimator estimator = new ApproxTokenCountEstimator();
            long firstCpu = threadCpu();
            long first = System.nanoTime();
            map.render(map.rank(query), 8000, estimator); // a run's first: ranking's code not yet compiled
            List<Double> firstAssembly = List.of(ms(first));
            List<Double> firstAssemblyCpu = List.of((threadCpu() - firstCpu) / 1e6);
            for (int i = 0; i < 20; i++) {
                map.render(map.rank(query), 8000, estimator);
            }
            List<Double> assembly = new ArrayList<>();
            List<Double> assemblyCpu = new ArrayList<>();
            Ranking ranking = null;
            RenderedMap rendered = null;
            for (int i = 0; i < runs * 10; i++) {
                long c0 = threadCpu();
                long t0 = System.nanoTime();
                ranking = map.rank(query);
                rendered = map.render(ranking, 8000, estimator);
                assembly.add(ms(t0));
                assemblyCpu.add((threadCpu() - c0) / 1e6);
            }
            rows.add(row(
                    "prompt assembly: rank for the failing test output (" + output.length() / 1024
                            + " KiB) + render into 8,000 tokens",
                    assembly,
                    assemblyCpu,
                    "<= 50 ms"));
            rows.add(row(
                    "  the first in the JVM (before the JIT compiler has seen ranking)",
                    firstAssembly,
                    firstAssemblyCpu,
                    "-"));
            Files.writeString(target, original);

            System.out.println();
            System.out.println("Repository: CPython " + lib.toAbsolutePath() + " (" + files + ")");
            System.out.println("JDK: " + BenchEnv.jdk() + "; load average before: " + loadBefore + ", after: "
                    + BenchEnv.loadAverage() + "; " + Runtime.getRuntime().availableProcessors() + " CPUs");
            System.out.println("Task: `" + BUG_FROM.strip() + "` -> `" + BUG_TO.strip() + "` in " + TARGET
                    + "; `python3 -m unittest test.test_json` exit " + tests.exitCode());
            System.out.println("Top files: " + ranking.topFiles(5));
            System.out.println("Top definitions: "
                    + ranking.definitions().stream()
                            .limit(3)
                            .map(d -> d.path() + ":" + d.definition().qualifiedName())
                            .toList());
            System.out.println("Rendered: " + rendered.tokens() + " tokens, whole " + rendered.wholeFiles() + ", "
                    + rendered.mappedFiles().size() + " files as map lines");
            System.out.println();
            System.out.println("| measurement (ms) | n | p50 | p90 | max | CPU p50 | goal |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            rows.forEach(System.out::println);
        } finally {
            delete(scratch);
        }
    }

    private static void check(ExecResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the sandbox command failed: " + result);
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** A table row: wall-clock percentiles, and the CPU time's median (the JVM thread's unless said) if given. */
    private static String row(String what, List<Double> samples, List<Double> cpu, String goal) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        String cpuP50 = "-";
        if (cpu != null) {
            List<Double> cpuSorted = new ArrayList<>(cpu);
            Collections.sort(cpuSorted);
            cpuP50 = String.format(Locale.ROOT, "%.1f", percentile(cpuSorted, 0.5));
        }
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %s | %s |",
                what,
                sorted.size(),
                percentile(sorted, 0.5),
                percentile(sorted, 0.9),
                sorted.get(sorted.size() - 1),
                cpuP50,
                goal);
    }

    /** CPU time of the whole JVM (every thread, the JIT compiler's and the collector's too), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU time used by the container so far (cgroup v1 cpuacct, or v2 cpu.stat), in nanoseconds. */
    private static long containerCpuNanos(SandboxSession session) {
        ExecResult r = session.exec(ExecRequest.shell("cat /sys/fs/cgroup/cpuacct/cpuacct.usage 2>/dev/null"
                + " || sed -n 's/^usage_usec //p' /sys/fs/cgroup/cpu.stat | awk '{print $1 * 1000}'"));
        check(r);
        return Long.parseLong(r.stdout().strip());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
