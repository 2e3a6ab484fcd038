package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import dev.agentloop.core.testing.Fuzz;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Failure signatures of reports with any text in them: never an exception, never a hang, always bounded. */
class FailureSignatureFuzzTest {

    @Test
    void everyReportGetsABoundedSignature() {
        List<String> samples = List.of(
                "AssertionError: assert 'hello---world-' == 'hello-world'",
                "Traceback (most recent call last):\n  File \"/tmp/ws/solution.py\", line 12, in add\n"
                        + "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n3 !== 4\n    at "
                        + "TestContext.<anonymous> (/work/solution.test.js:5:10)",
                "org.opentest4j.AssertionFailedError: expected: <3> but was: <4>\n\tat SolutionTest.adds"
                        + "(SolutionTest.java:9)",
                "E   ModuleNotFoundError: No module named 'requests' 0x7ffd5e8a 2026-11-30T20:00:00Z");
        Fuzz fuzz = Fuzz.seeded(404L);
        TestOutcome[] outcomes = TestOutcome.values();

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                text -> {
                    TestOutcome outcome = outcomes[Math.floorMod(text.hashCode(), outcomes.length)];
                    TestReport report1 = new TestReport(
                            outcome,
                            List.of(new TestCaseResult(
                                    text.length() > 40 ? text.substring(0, 40) : text,
                                    "test_solution.py",
                                    TestStatus.FAILED,
                                    text,
                                    text,
                                    Duration.ZERO)),
                            text,
                            text,
                            1,
                            Duration.ZERO,
                            text);
                    FailureSignature signature = FailureSignature.of(report1);
                    assertThat(signature.value()).isNotNull();
                    assertThat(FailureSignature.normalise(text)).isNotNull();
                },
                Set.of());

        System.out.println("fuzz FailureSignature: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
    }
}
