package dev.agentloop.sandbox.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import dev.agentloop.sandbox.spi.TestRunContext;
import dev.agentloop.sandbox.spi.TestRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java tests with JUnit 5: every {@code .java} file of the workspace is compiled with {@code javac} against the JUnit
 * console launcher (Debian's {@code junit5} package), then the launcher runs the test classes (the requested ones, or
 * all it finds) and writes its JUnit XML report, which is parsed. Classes and report go to scratch space outside the
 * workspace. A compile error is a collection error naming javac's first error line. Both JVMs start with the
 * client compiler only and the serial collector: a test run is short, and in a one-CPU container that halves it.
 */
public final class JavaTestRunner implements TestRunner {

    /** Where Debian's junit5 package puts the launcher, with JUnit Jupiter and the platform inside. */
    public static final String LAUNCHER = "/usr/share/java/junit-platform-console-standalone.jar";

    /** javac's and the launcher's exit status when they cannot be found. */
    private static final int NOT_FOUND = 127;

    /** The script's exit status when javac failed (the launcher's own are 0, 1 and 2). */
    private static final int COMPILE_FAILED = 90;

    private static final String SCRIPT = """
            set -u
            classes="$1"; reports="$2"; report="$3"; shift 3
            rm -rf "$classes" "$reports" && mkdir -p "$classes" "$reports" || exit 91
            find . -name '*.java' -type f > "$classes.sources"
            if [ ! -s "$classes.sources" ]; then echo "no .java files in the workspace" >&2; exit 2; fi
            command -v javac >/dev/null || exit 127
            [ -f "%1$s" ] || { echo "the JUnit console launcher %1$s is missing" >&2; exit 127; }
            fast="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
            javac -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -encoding UTF-8 -nowarn -d "$classes" \
              -cp "%1$s" @"$classes.sources" || exit %2$d
            if [ "$#" -gt 0 ]; then
              selection=""; for c in "$@"; do selection="$selection --select-class=$c"; done
            else
              selection="--scan-class-path"
            fi
            java $fast -jar "%1$s" --disable-banner --details=tree --fail-if-no-tests \\
              --class-path "$classes" $selection --reports-dir "$reports"
            status=$?
            cp "$reports/TEST-junit-jupiter.xml" "$report" 2>/dev/null
            exit $status
            """.formatted(LAUNCHER, COMPILE_FAILED);

    private final AtomicLong runs = new AtomicLong();

    @Override
    public Language language() {
        return Language.JAVA;
    }

    @Override
    public TestReport run(TestRequest request, TestRunContext context) {
        long n = runs.incrementAndGet();
        String reportName = "junit-" + n + ".xml";
        List<String> argv = new java.util.ArrayList<>(List.of(
                "sh",
                "-c",
                SCRIPT,
                "sh",
                context.scratchPath("classes-" + n),
                context.scratchPath("reports-" + n),
                context.scratchPath(reportName)));
        request.testFiles().stream().map(JavaTestRunner::className).forEach(argv::add);
        ExecResult run = context.exec(new ExecRequest(argv, "", Map.of(), context.timeout()));
        Optional<TestReport> limit = TestReports.limitHit(run, context.timeout());
        Optional<String> xml = context.readScratch(reportName);
        if (limit.isPresent()) {
            return limit.get();
        }
        int exit = run.exitCode();
        if (exit == NOT_FOUND) {
            return TestReports.sandboxError(
                    run,
                    "javac or the JUnit console launcher is not available in the sandbox: "
                            + TestReports.firstLine(run.stderr()));
        }
        if (exit == COMPILE_FAILED) {
            return report(TestOutcome.COLLECTION_ERROR, List.of(), run, "javac failed: " + compileError(run));
        }
        if (xml.isEmpty() || xml.get().isBlank()) {
            if (exit == 2) {
                return report(TestOutcome.NO_TESTS, List.of(), run, "JUnit found no tests");
            }
            return TestReports.sandboxError(
                    run,
                    "the JUnit console launcher exited with status " + exit + " without writing its report: "
                            + TestReports.firstLine(run.stderr() + "\n" + run.stdout()));
        }
        JUnitXmlParser.Parsed parsed;
        try {
            parsed = JUnitXmlParser.parse(xml.get());
        } catch (IllegalArgumentException e) {
            return TestReports.sandboxError(run, "JUnit's report could not be read: " + e.getMessage());
        }
        List<TestCaseResult> cases = parsed.cases();
        boolean anyFailed =
                cases.stream().anyMatch(c -> c.status() == TestStatus.FAILED || c.status() == TestStatus.ERRORED);
        boolean anyRan = cases.stream().anyMatch(c -> c.status() != TestStatus.SKIPPED);
        if (anyFailed || exit == 1) {
            return report(TestOutcome.FAILED, cases, run, "");
        }
        if (!anyRan || exit == 2) {
            return report(TestOutcome.NO_TESTS, cases, run, "JUnit found no tests that ran");
        }
        return report(TestOutcome.PASSED, cases, run, "");
    }

    /** {@code src/test/java/a/b/FooTest.java} or {@code FooTest.java} to the class name the launcher selects. */
    static String className(String testFile) {
        String path = testFile.replace('\\', '/');
        for (String root : List.of("src/test/java/", "src/main/java/", "test/", "src/")) {
            if (path.startsWith(root)) {
                path = path.substring(root.length());
                break;
            }
        }
        if (path.endsWith(".java")) {
            path = path.substring(0, path.length() - ".java".length());
        }
        return path.replace('/', '.');
    }

    /** javac's first {@code File.java:N: error: ...} line, or its first line. */
    private static String compileError(ExecResult run) {
        String out = run.stderr() + "\n" + run.stdout();
        return out.lines()
                .filter(l -> l.contains(": error:"))
                .findFirst()
                .map(String::strip)
                .orElse(TestReports.firstLine(out));
    }

    private static TestReport report(TestOutcome outcome, List<TestCaseResult> cases, ExecResult run, String detail) {
        return new TestReport(outcome, cases, run.stdout(), run.stderr(), run.exitCode(), run.duration(), detail);
    }
}
