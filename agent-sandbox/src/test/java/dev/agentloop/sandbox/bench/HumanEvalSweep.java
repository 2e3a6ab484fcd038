package dev.agentloop.sandbox.bench;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs HumanEval problems through a sandbox with pytest, one pytest run per problem and solution (so a result is
 * never masked by another problem's), on {@code workers} warm sessions that each take the next problem.
 */
public final class HumanEvalSweep {

    /** The per-problem reports of one sweep. */
    public record Result(String problem, TestReport reference, TestReport wrong, String wrongSource) {}

    /** All results and the wall time of the sweep. */
    public record Outcome(List<Result> results, Duration wall, int workers) {
        public double problemsPerSecond() {
            return results.size() / (wall.toNanos() / 1e9);
        }
    }

    private HumanEvalSweep() {}

    public static Outcome run(
            Sandbox sandbox,
            List<HumanEvalProblem> problems,
            int workers,
            Path workRoot,
            Duration perRunTimeout,
            boolean withWrong)
            throws Exception {
        ConcurrentLinkedQueue<HumanEvalProblem> queue = new ConcurrentLinkedQueue<>(problems);
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Path workspace = Files.createDirectories(workRoot.resolve("worker-" + w));
                futures.add(pool.submit(() -> {
                    try (SandboxSession session = sandbox.open(new SandboxSpec(
                            UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null))) {
                        for (HumanEvalProblem p = queue.poll(); p != null; p = queue.poll()) {
                            TestReport ref = attempt(session, p.reference(), p.test(), perRunTimeout);
                            TestReport wrong = withWrong ? attempt(session, p.wrong(), p.test(), perRunTimeout) : null;
                            results.add(new Result(p.id(), ref, wrong, p.wrongSource()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Integer.compare(number(a.problem()), number(b.problem())));
        return new Outcome(sorted, wall, workers);
    }

    private static TestReport attempt(SandboxSession session, String solution, String test, Duration timeout) {
        session.writeFile("solution.py", solution);
        session.writeFile("test_solution.py", test);
        return session.runTests(new TestRequest(Language.PYTHON, List.of("test_solution.py"), timeout));
    }

    /** Problems whose reference did not pass with exactly one passing case, or whose wrong solution passed. */
    public static List<String> violations(Outcome outcome) {
        List<String> bad = new ArrayList<>();
        for (Result r : outcome.results()) {
            TestReport ref = r.reference();
            if (ref.outcome() != TestOutcome.PASSED || ref.total() != 1) {
                bad.add(r.problem() + " reference: " + ref.outcome() + " " + ref.detail() + " cases=" + ref.cases()
                        + " stderr=" + ref.stderr());
            }
            if (r.wrong() != null && (r.wrong().passed() || r.wrong().outcome() == TestOutcome.SANDBOX_ERROR)) {
                bad.add(r.problem() + " wrong (" + r.wrongSource() + "): "
                        + r.wrong().outcome() + " " + r.wrong().detail());
            }
        }
        return bad;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int number(String id) {
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
