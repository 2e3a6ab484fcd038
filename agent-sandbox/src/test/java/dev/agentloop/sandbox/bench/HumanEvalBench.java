package dev.agentloop.sandbox.bench;

import dev.agentloop.sandbox.DockerSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * HumanEval throughput through {@link DockerSandbox}: all 164 reference solutions and their wrong solutions, one
 * pytest run each, with 1 and then 2 concurrent tasks (warm sessions). Run by {@code scripts/humaneval}.
 * Argument: the folder holding {@code humaneval/} and {@code failbench/} (the repository's {@code benchmarks/};
 * {@code scripts/humaneval} passes it).
 */
public final class HumanEvalBench {

    private HumanEvalBench() {}

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : System.getenv("AGENTLOOP_SHARED_DIR");
        if (dir == null || dir.isBlank()) {
            System.err.println("Give the folder holding humaneval/ and failbench/, e.g. benchmarks.");
            System.exit(2);
        }
        List<HumanEvalProblem> problems = HumanEvalProblem.load(Path.of(dir));
        System.out.println("JDK " + BenchEnv.jdk());
        System.out.println("| concurrent tasks | problems | pytest runs | wall s | problems/s | runs/s | all correct "
                + "| load before | load after |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        try (DockerSandbox sandbox = DockerSandbox.ofDefaults()) {
            for (int workers : new int[] {1, 2}) {
                String loadBefore = BenchEnv.loadAverage();
                Path work = Files.createTempDirectory("agentloop-humaneval");
                try {
                    HumanEvalSweep.Outcome o =
                            HumanEvalSweep.run(sandbox, problems, workers, work, Duration.ofSeconds(20), true);
                    List<String> bad = HumanEvalSweep.violations(o);
                    double seconds = o.wall().toNanos() / 1e9;
                    System.out.println(String.format(
                            Locale.ROOT,
                            "| %d | %d | %d | %.1f | %.2f | %.2f | %s | %s | %s |",
                            workers,
                            o.results().size(),
                            o.results().size() * 2,
                            seconds,
                            o.problemsPerSecond(),
                            o.results().size() * 2 / seconds,
                            bad.isEmpty() ? "yes" : "NO: " + bad,
                            loadBefore,
                            BenchEnv.loadAverage()));
                } finally {
                    HumanEvalSweep.deleteTree(work);
                }
            }
        }
    }
}
