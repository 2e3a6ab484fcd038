package dev.agentloop.sandbox.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.sandbox.DockerSandbox;
import dev.agentloop.sandbox.SandboxConfig;
import dev.agentloop.sandbox.internal.ContainerLabels;
import dev.agentloop.sandbox.internal.DockerClients;
import dev.agentloop.sandbox.internal.OwnerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox benchmarks, printed as a Markdown table: cold open to first command, warm {@code python3 -c pass}
 * against the same bare host process (interleaved, in one run), a trivial pytest and a trivial {@code node --test}
 * in the warm container. Run by {@code scripts/bench-sandbox}. Arguments: iterations (default 30), the host's
 * python (default /usr/bin/python3).
 */
public final class SandboxBench {

    private SandboxBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String hostPython = args.length > 1 ? args[1] : "/usr/bin/python3";
        String loadBefore = BenchEnv.loadAverage();
        Path root = Files.createTempDirectory("agentloop-bench");
        List<String> rows = new ArrayList<>();
        try (DockerSandbox sandbox = DockerSandbox.ofDefaults()) {
            // Warm-up: first container start after an engine restart is slower than steady state.
            try (SandboxSession s = open(sandbox, root, Language.PYTHON)) {
                s.exec(ExecRequest.of("python3", "-c", "pass"));
            }
            List<Double> cold = new ArrayList<>();
            List<Double> openOnly = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                try (SandboxSession s = open(sandbox, root, Language.PYTHON)) {
                    long t1 = System.nanoTime();
                    check(s.exec(ExecRequest.of("python3", "-c", "pass")));
                    cold.add(ms(t0));
                    openOnly.add((t1 - t0) / 1e6);
                    first.add(ms(t1));
                }
            }
            rows.add(row("cold: open + first `python3 -c pass`", cold, "<= 150 ms p50"));
            rows.add(row("  of which `open` (create, attach, start)", openOnly, "-"));
            rows.add(row("  of which the first command (agent start-up + fork/exec)", first, "-"));
            rows.add(row("engine alone: create + start, no limits, no command (docker-java)", engineFloor(n), "-"));

            List<Double> warm = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            try (SandboxSession s = open(sandbox, root, Language.PYTHON)) {
                for (int i = 0; i < 3; i++) {
                    s.exec(ExecRequest.of("python3", "-c", "pass"));
                    bareRun(hostPython);
                }
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    check(s.exec(ExecRequest.of("python3", "-c", "pass")));
                    warm.add(ms(t0));
                    t0 = System.nanoTime();
                    bareRun(hostPython);
                    bare.add(ms(t0));
                }
                double goal = 1.5 * p(bare, 50) + 40;
                rows.add(row("bare host process `" + hostPython + " -c pass`", bare, "(the floor)"));
                rows.add(row(
                        "warm: `python3 -c pass` by exec in the container",
                        warm,
                        String.format(Locale.ROOT, "<= 1.5 x bare + 40 ms = %.1f ms p50", goal)));

                s.writeFile("test_trivial.py", "def test_trivial():\n    assert 1 + 1 == 2\n");
                List<Double> pytest = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    TestReport r = s.runTests(TestRequest.of(Language.PYTHON, List.of("test_trivial.py")));
                    pytest.add(ms(t0));
                    if (!r.passed()) {
                        throw new IllegalStateException("trivial pytest did not pass: " + r);
                    }
                }
                rows.add(row("warm: trivial pytest file (runTests, report parsed)", pytest, "-"));
            }
            try (SandboxSession s = open(sandbox, root, Language.JAVASCRIPT)) {
                s.writeFile(
                        "trivial.test.js",
                        "const test = require('node:test');\nconst assert = require('node:assert');\n"
                                + "test('trivial', () => { assert.strictEqual(1 + 1, 2); });\n");
                List<Double> node = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    TestReport r = s.runTests(TestRequest.of(Language.JAVASCRIPT, List.of("trivial.test.js")));
                    node.add(ms(t0));
                    if (!r.passed()) {
                        throw new IllegalStateException("trivial node --test did not pass: " + r);
                    }
                }
                rows.add(row("warm: trivial `node --test` file (runTests, TAP parsed)", node, "-"));
            }
        } finally {
            HumanEvalSweep.deleteTree(root);
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "JDK %s; load average before %s, after %s%n",
                BenchEnv.jdk(),
                loadBefore,
                BenchEnv.loadAverage());
        System.out.println("| measurement (n=" + n + ") | p50 ms | p90 ms | min ms | goal |");
        System.out.println("| --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    /**
     * What the engine itself needs to create and start a container of the same image with none of the sandbox's
     * options (network disabled, a `sleep` as PID 1): the bound of the cold start.
     */
    private static List<Double> engineFloor(int n) throws Exception {
        List<Double> times = new ArrayList<>();
        Map<String, String> labels = ContainerLabels.of(UUID.randomUUID(), UUID.randomUUID(), OwnerIdentity.current());
        try (DockerClient docker = DockerClients.create(System.getenv())) {
            for (int i = 0; i < n + 1; i++) {
                long t0 = System.nanoTime();
                String id = docker.createContainerCmd(
                                SandboxConfig.defaults().image(Language.PYTHON).orElseThrow())
                        .withEntrypoint("sleep", "60")
                        .withCmd(List.of())
                        .withLabels(labels)
                        .withNetworkDisabled(true)
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                        .exec()
                        .getId();
                try {
                    docker.startContainerCmd(id).exec();
                    if (i > 0) {
                        times.add(ms(t0));
                    }
                } finally {
                    docker.removeContainerCmd(id).withForce(true).exec();
                }
            }
        }
        return times;
    }

    private static SandboxSession open(DockerSandbox sandbox, Path root, Language language) throws Exception {
        Path ws = Files.createDirectories(root.resolve(UUID.randomUUID().toString()));
        return sandbox.open(new SandboxSpec(UUID.randomUUID(), language, ProjectType.LIBRARY, ws, null, null));
    }

    private static void bareRun(String python) throws Exception {
        Process p = new ProcessBuilder(python, "-c", "pass")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(python + " failed");
        }
    }

    private static void check(ExecResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("command failed: " + r);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double p(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String row(String what, List<Double> values, String goal) {
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %s |",
                what,
                p(values, 50),
                p(values, 90),
                Collections.min(values),
                goal);
    }
}
