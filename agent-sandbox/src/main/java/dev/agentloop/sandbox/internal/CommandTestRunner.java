package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.sandbox.spi.TestRunContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's own test command ({@code make test}, {@code npm test}, a script): run by {@code sh -c} in the
 * workspace. It leaves no machine-readable report, so the report is built from the exit status and the output's
 * failing lines (pytest's {@code FAILED x::y}, TAP's {@code not ok}, {@code FAIL}/{@code ERROR} lines, tracebacks'
 * last line): one failed case per such line, or one case for the whole command.
 */
public final class CommandTestRunner {

    private static final Pattern FAILING_LINE =
            Pattern.compile("^(?:FAILED|ERROR|FAIL:|ERROR:|not ok\\b|✖|\\s*[A-Za-z_.]*(?:Error|Exception):).*");
    private static final int MAX_CASES = 200;

    /** Runs the request's command; never throws for a failing or missing command. */
    public TestReport run(TestRequest request, TestRunContext context) {
        ExecRequest exec = new ExecRequest(
                List.of("sh", "-c", request.command()), "", Map.of("PYTHONDONTWRITEBYTECODE", "1"), context.timeout());
        ExecResult run = context.exec(exec);
        Optional<TestReport> limit = TestReports.limitHit(run, context.timeout());
        if (limit.isPresent()) {
            return limit.get();
        }
        if (run.exitCode() == 127) {
            return TestReports.sandboxError(
                    run,
                    "the test command '" + request.command() + "' was not found in the sandbox: "
                            + TestReports.firstLine(run.stderr()));
        }
        if (run.exitCode() == 0) {
            return new TestReport(
                    TestOutcome.PASSED,
                    List.of(TestCaseResult.passed("", request.command())),
                    run.stdout(),
                    run.stderr(),
                    0,
                    run.duration(),
                    "");
        }
        List<TestCaseResult> cases = new ArrayList<>();
        for (String line : failingLines(run.stdout() + "\n" + run.stderr())) {
            cases.add(TestCaseResult.failed("", line, line, ""));
        }
        if (cases.isEmpty()) {
            cases.add(TestCaseResult.failed(
                    "",
                    request.command(),
                    "exited with status " + run.exitCode(),
                    TestReports.firstLine(run.stderr().isBlank() ? run.stdout() : run.stderr())));
        }
        return new TestReport(
                TestOutcome.FAILED,
                cases,
                run.stdout(),
                run.stderr(),
                run.exitCode(),
                run.duration(),
                "the test command exited with status " + run.exitCode());
    }

    static List<String> failingLines(String output) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            String s = line.stripTrailing();
            if (FAILING_LINE.matcher(s).matches()) {
                lines.add(s.strip().length() > 300 ? s.strip().substring(0, 300) : s.strip());
                if (lines.size() >= MAX_CASES) {
                    break;
                }
            }
        }
        return List.copyOf(lines);
    }
}
