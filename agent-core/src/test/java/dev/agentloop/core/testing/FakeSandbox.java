package dev.agentloop.core.testing;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link Sandbox} fake whose test reports are scripted, in order (the last one repeats when they run out). It
 * records the files written, the test requests and the scans, runs nothing, and can be told to fail on open, on
 * close, or to run a hook when tests run (e.g. to cancel a run or advance a fake clock). Thread-safe.
 */
public final class FakeSandbox implements Sandbox {

    private final Deque<TestReport> reports = new ArrayDeque<>();
    private final Deque<List<ScanFinding>> scans = new ArrayDeque<>();
    private final List<Session> sessions = new ArrayList<>();
    private RuntimeException openFailure;
    private RuntimeException closeFailure;
    private Consumer<TestRequest> onRunTests = r -> {};
    private String environment = "";

    /** Appends reports to the script. */
    public synchronized FakeSandbox thenReport(TestReport... next) {
        reports.addAll(List.of(next));
        return this;
    }

    /** Appends scan results, one list per scan call (none scripted: no findings). */
    public synchronized FakeSandbox thenScan(List<ScanFinding> findings) {
        scans.add(List.copyOf(findings));
        return this;
    }

    public synchronized FakeSandbox failOnOpen(RuntimeException e) {
        this.openFailure = e;
        return this;
    }

    public synchronized FakeSandbox failOnClose(RuntimeException e) {
        this.closeFailure = e;
        return this;
    }

    /**
     * Reports computed from the request and the session's workspace (the files as they are on disk), instead of the
     * scripted queue: how a test makes the "tests" depend on the code a run wrote.
     */
    public synchronized FakeSandbox reportWith(java.util.function.BiFunction<TestRequest, Path, TestReport> f) {
        this.reportFunction = f;
        return this;
    }

    /** Answers every exec with this function's result (default: exit 0, no output). */
    public synchronized FakeSandbox execWith(java.util.function.Function<ExecRequest, ExecResult> f) {
        this.execFunction = f;
        return this;
    }

    /** What every session's {@code environment()} says, e.g. {@code Python 3.11.2; installed packages: pytest 7.2.1}. */
    public synchronized FakeSandbox environment(String description) {
        this.environment = description;
        return this;
    }

    public synchronized FakeSandbox onRunTests(Consumer<TestRequest> hook) {
        this.onRunTests = hook;
        return this;
    }

    /** A report where {@code passed} tests passed and nothing failed. */
    public static TestReport passing(int passed) {
        List<TestCaseResult> cases = new ArrayList<>();
        for (int i = 1; i <= passed; i++) {
            cases.add(TestCaseResult.passed("test_solution.py", "test_" + i));
        }
        return new TestReport(TestOutcome.PASSED, cases, passed + " passed", "", 0, Duration.ofMillis(5), "");
    }

    /** A report with one passing test and one failure with this message, as pytest would give it. */
    public static TestReport failing(String test, String message) {
        List<TestCaseResult> cases = List.of(
                TestCaseResult.passed("test_solution.py", "test_ok"),
                new TestCaseResult(
                        test,
                        "test_solution.py",
                        TestStatus.FAILED,
                        message,
                        "test_solution.py:5: in " + test + "\nE   " + message,
                        Duration.ZERO));
        String output = "FAILED test_solution.py::" + test + " - " + message + "\n1 failed, 1 passed in 0.05s\n";
        return new TestReport(TestOutcome.FAILED, cases, output, "", 1, Duration.ofMillis(5), "");
    }

    @Override
    public synchronized SandboxSession open(SandboxSpec spec) {
        if (openFailure != null) {
            throw openFailure;
        }
        Session session = new Session(spec);
        sessions.add(session);
        return session;
    }

    @Override
    public String describe() {
        return "fake";
    }

    public synchronized List<Session> sessions() {
        return List.copyOf(sessions);
    }

    public synchronized Session lastSession() {
        return sessions.get(sessions.size() - 1);
    }

    private java.util.function.BiFunction<TestRequest, Path, TestReport> reportFunction;
    private java.util.function.Function<ExecRequest, ExecResult> execFunction;

    private synchronized TestReport nextReport(TestRequest request, Path workspace) {
        if (reportFunction != null) {
            return reportFunction.apply(request, workspace);
        }
        if (reports.isEmpty()) {
            throw new SandboxException("FakeSandbox has no scripted test report");
        }
        return reports.size() == 1 ? reports.peek() : reports.poll();
    }

    private synchronized List<ScanFinding> nextScan() {
        return Optional.ofNullable(scans.poll()).orElse(List.of());
    }

    /** One fake session: what was written, tested, scanned, and whether it was closed. */
    public final class Session implements SandboxSession {
        @Override
        public String environment() {
            synchronized (FakeSandbox.this) {
                return environment;
            }
        }

        private final SandboxSpec spec;
        private final Map<String, String> written = new LinkedHashMap<>();
        private final List<TestRequest> testRequests = new ArrayList<>();
        private final List<ExecRequest> execRequests = new ArrayList<>();

        /** The commands run in this session, in order. */
        public synchronized List<ExecRequest> execRequests() {
            return List.copyOf(execRequests);
        }

        private final List<List<String>> scanned = new ArrayList<>();
        private int closes;

        Session(SandboxSpec spec) {
            this.spec = spec;
        }

        public SandboxSpec spec() {
            return spec;
        }

        @Override
        public Path workspace() {
            return spec.workspace();
        }

        @Override
        public synchronized void writeFile(String relativePath, String content) {
            written.put(relativePath, content);
        }

        @Override
        public ExecResult exec(ExecRequest request) {
            synchronized (this) {
                execRequests.add(request);
            }
            java.util.function.Function<ExecRequest, ExecResult> f;
            synchronized (FakeSandbox.this) {
                f = execFunction;
            }
            if (f != null) {
                return f.apply(request);
            }
            return new ExecResult(dev.agentloop.core.spi.ExecStatus.EXITED, 0, "", "", Duration.ZERO, 0, 0, "");
        }

        @Override
        public TestReport runTests(TestRequest request) {
            synchronized (this) {
                testRequests.add(request);
            }
            Consumer<TestRequest> hook;
            synchronized (FakeSandbox.this) {
                hook = onRunTests;
            }
            hook.accept(request);
            return nextReport(request, spec.workspace());
        }

        @Override
        public synchronized List<ScanFinding> scan(Collection<String> relativePaths) {
            scanned.add(List.copyOf(relativePaths));
            return nextScan();
        }

        @Override
        public void close() {
            synchronized (this) {
                closes++;
            }
            RuntimeException failure;
            synchronized (FakeSandbox.this) {
                failure = closeFailure;
            }
            if (failure != null) {
                throw failure;
            }
        }

        public synchronized Map<String, String> written() {
            return Map.copyOf(written);
        }

        public synchronized List<TestRequest> testRequests() {
            return List.copyOf(testRequests);
        }

        public synchronized List<List<String>> scanned() {
            return List.copyOf(scanned);
        }

        public synchronized boolean closed() {
            return closes > 0;
        }
    }
}
