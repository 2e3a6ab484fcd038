package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the run knows into text for prompts and records: the sources under test, a test report (failing cases
 * first), similar past failures with their fixes, scan and review findings, success patterns, and the Coder's
 * feedback after failed tests. Each piece is bounded here; the roles' {@link ContextBudget} fits the whole prompt.
 */
final class PromptContext {

    /** Failing cases listed in a report; the rest are counted. */
    static final int MAX_FAILURES_SHOWN = 10;

    private final Workspace workspace;
    private final TestState tests;
    private final int maxTestOutputChars;

    PromptContext(Workspace workspace, TestState tests, int maxTestOutputChars) {
        this.workspace = workspace;
        this.tests = tests;
        this.maxTestOutputChars = maxTestOutputChars;
    }

    /** The code under test (every file but the tests), each under a {@code # path} line. */
    String sources() {
        List<String> testFiles = tests.files();
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> file : workspace.files().entrySet()) {
            if (testFiles.contains(file.getKey())) {
                continue;
            }
            if (s.length() > 0) {
                s.append('\n');
            }
            s.append("# ").append(file.getKey()).append('\n').append(file.getValue());
        }
        return s.toString();
    }

    /** The report for a prompt: failing cases first (they matter most), then the output cut in the middle. */
    String report(TestReport report) {
        StringBuilder s = new StringBuilder();
        s.append("Outcome: ")
                .append(report.outcome())
                .append(", ")
                .append(report.count(TestStatus.PASSED))
                .append(" passed, ")
                .append(report.count(TestStatus.FAILED))
                .append(" failed, ")
                .append(report.count(TestStatus.ERRORED))
                .append(" errored");
        if (!report.detail().isEmpty()) {
            s.append(" (").append(report.detail()).append(')');
        }
        s.append('\n');
        List<TestCaseResult> failures = report.failures();
        int shown = 0;
        for (TestCaseResult c : failures) {
            if (shown++ == MAX_FAILURES_SHOWN) {
                s.append("(").append(failures.size() - MAX_FAILURES_SHOWN).append(" more failing tests)\n");
                break;
            }
            s.append("FAILED ")
                    .append(c.suite().isEmpty() ? "" : c.suite() + "::")
                    .append(c.name())
                    .append(": ")
                    .append(ContextBudget.cutMiddle(c.message(), 500))
                    .append('\n');
            if (!c.trace().isEmpty()) {
                s.append(ContextBudget.cutMiddle(c.trace(), 1_000)).append('\n');
            }
        }
        s.append("Output:\n").append(ContextBudget.cutMiddle(report.combinedOutput(), maxTestOutputChars));
        return s.toString();
    }

    /**
     * What the Coder is told after failed tests: the signature, the report (shorter than the Reflector's copy), the
     * Reflector's diagnosis when it gave one, and the breaker's escalation note.
     *
     * @param reflection null when the Reflector's answer was unusable
     */
    static String afterFailedTests(
            String signature, String renderedReport, Outputs.Reflection reflection, String escalationNote) {
        StringBuilder next = new StringBuilder();
        next.append("The tests failed: ").append(signature).append('\n');
        next.append(ContextBudget.cutMiddle(renderedReport, 2_000)).append('\n');
        if (reflection != null) {
            next.append(reflection.render()).append('\n');
        }
        if (!escalationNote.isEmpty()) {
            next.append(escalationNote).append('\n');
        }
        return next.toString().strip();
    }

    /** Similar past failures, numbered, each with the fix that resolved it (cut to size) when one is known. */
    static String similarFailures(List<FailureMatch> similar) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        for (FailureMatch m : similar) {
            i++;
            s.append(String.format(
                    Locale.ROOT,
                    "%d. (similarity %.2f) %s%n",
                    i,
                    m.similarity(),
                    m.failure().headline()));
            if (!m.failure().failingTest().isEmpty()) {
                s.append("   where: ").append(m.failure().failingTest()).append('\n');
            }
            m.fix()
                    .ifPresentOrElse(
                            fix -> s.append("   fix that resolved it:\n")
                                    .append(ContextBudget.cutMiddle(fix.diff(), 1_500))
                                    .append('\n'),
                            () -> s.append("   (no fix known)\n"));
        }
        return s.toString().strip();
    }

    /** Static-scan findings, one per line with severity, rule and place. */
    static String scanFindings(List<ScanFinding> found) {
        StringBuilder s = new StringBuilder();
        for (ScanFinding f : found) {
            if (s.length() > 0) {
                s.append('\n');
            }
            s.append("- [")
                    .append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append("] ")
                    .append(f.rule())
                    .append(' ')
                    .append(f.file())
                    .append(f.line() > 0 ? ":" + f.line() : "")
                    .append(": ")
                    .append(f.message());
        }
        return s.toString();
    }

    /** Review or audit findings, one per line. */
    static String findings(List<Outputs.Finding> list) {
        StringBuilder s = new StringBuilder();
        for (Outputs.Finding f : list) {
            if (s.length() > 0) {
                s.append('\n');
            }
            s.append("- ").append(f.render());
        }
        return s.toString();
    }

    /** Success patterns below this similarity are not shown: at lower scores unrelated tasks come back. */
    static final double MIN_PATTERN_SIMILARITY = 0.7;

    /** Success patterns shown at most. */
    static final int MAX_PATTERNS = 3;

    /** Characters of one pattern's approach shown at most (whole plans make PLAN prompts long). */
    static final int MAX_APPROACH_CHARS = 300;

    /**
     * How similar tasks were solved before, for the Planner: the closest first, each approach once (the same approach
     * recorded for several tasks is listed once), none below {@link #MIN_PATTERN_SIMILARITY}, at most
     * {@link #MAX_PATTERNS}, each cut to {@link #MAX_APPROACH_CHARS}. Empty when none qualifies.
     */
    static String successPatterns(List<PatternMatch> matches) {
        StringBuilder s = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int shown = 0;
        List<PatternMatch> best = matches.stream()
                .sorted(java.util.Comparator.comparingDouble(PatternMatch::similarity)
                        .reversed())
                .toList();
        for (PatternMatch m : best) {
            if (shown == MAX_PATTERNS || m.similarity() < MIN_PATTERN_SIMILARITY) {
                break;
            }
            String approach = m.pattern().approach().strip().replaceAll("\\s+", " ");
            if (approach.isEmpty() || !seen.add(approach.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (s.length() > 0) {
                s.append('\n');
            }
            s.append(String.format(
                    Locale.ROOT,
                    "- (similarity %.2f, solved in %d iteration(s)) %s",
                    m.similarity(),
                    m.pattern().iterations(),
                    shorten(approach)));
            shown++;
        }
        return s.toString();
    }

    /** The approach up to the last sentence end that fits, or cut with an ellipsis. */
    private static String shorten(String approach) {
        if (approach.length() <= MAX_APPROACH_CHARS) {
            return approach;
        }
        String head = approach.substring(0, MAX_APPROACH_CHARS);
        int end = head.lastIndexOf(". ");
        return end > MAX_APPROACH_CHARS / 2 ? head.substring(0, end + 1) : head.strip() + "…";
    }
}
