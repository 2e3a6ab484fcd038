package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.Fuzz;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The TAP and JUnit XML parsers on what a test run inside the sandbox could print: documented exceptions only. */
class ReportParsersFuzzTest {

    @Test
    void tapParserNeverThrowsNorHangs() {
        List<String> samples = List.of(
                "TAP version 13\n# Subtest: /work/solution.test.js\n    # Subtest: adds\n    ok 1 - adds\n      ---\n"
                        + "      duration_ms: 0.5\n      ...\n    1..1\nok 1 - /work/solution.test.js\n  ---\n"
                        + "  duration_ms: 30\n  ...\n1..1\n# tests 1\n# pass 1\n",
                "TAP version 13\n# Subtest: chunk\nnot ok 1 - chunk\n  ---\n  duration_ms: 1.2\n  location: "
                        + "'/work/solution.test.js:3:1'\n  failureType: 'testCodeFailure'\n  error: |-\n    Expected "
                        + "values to be strictly deep-equal:\n  code: 'ERR_ASSERTION'\n  stack: |-\n    at "
                        + "TestContext.<anonymous> (/work/solution.test.js:4:10)\n  ...\n1..1\n# fail 1\n",
                "TAP version 13\nnot ok 1 - /work/broken.test.js\n  ---\n  error: 'test failed'\n  ...\n"
                        + "# SyntaxError: Unexpected token\n1..1\n");
        Fuzz fuzz = Fuzz.seeded(13L);

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                tap -> assertThat(TapParser.parse(tap, "/work")).isNotNull(),
                Set.of());

        System.out.println("fuzz TAP parser: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
    }

    @Test
    void junitXmlParserParsesOrRejectsWithIllegalArgumentException() {
        List<String> samples = List.of(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites><testsuite name=\"pytest\" errors=\"0\""
                        + " failures=\"1\" tests=\"2\"><testcase classname=\"test_solution\" name=\"test_ok\""
                        + " time=\"0.001\"/><testcase classname=\"test_solution\" name=\"test_add\" time=\"0.002\">"
                        + "<failure message=\"assert -1 == 3\">def test_add():\n&gt;  assert add(1, 2) == 3\n"
                        + "E   assert -1 == 3</failure></testcase></testsuite></testsuites>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"JUnit Jupiter\" tests=\"1\">\n"
                        + "<testcase name=\"adds()\" classname=\"SolutionTest\" time=\"0.01\">\n<failure message="
                        + "\"expected: &lt;3&gt; but was: &lt;4&gt;\" type=\"org.opentest4j.AssertionFailedError\">"
                        + "<![CDATA[org.opentest4j.AssertionFailedError: expected: <3> but was: <4>]]></failure>\n"
                        + "<system-out><![CDATA[unique-id: [engine:junit-jupiter]]]></system-out>\n</testcase>\n"
                        + "</testsuite>",
                "<testsuites><testsuite name=\"pytest\" errors=\"1\"><testcase classname=\"\" name=\"test_solution\">"
                        + "<error message=\"collection failure\">ImportError</error><skipped message=\"x\"/>"
                        + "</testcase></testsuite></testsuites>");
        Fuzz fuzz = Fuzz.seeded(5L);

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                xml -> assertThat(JUnitXmlParser.parse(xml)).isNotNull(),
                Set.of(IllegalArgumentException.class));

        System.out.println("fuzz JUnit XML parser: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
        assertThat(report.accepted()).isPositive();
    }
}
