package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureSignatureTest {

    static String fixture(String name) {
        try (InputStream in = FailureSignatureTest.class.getResourceAsStream("/signatures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestReport rawReport(TestOutcome outcome, String stdout, String detail) {
        return new TestReport(outcome, List.of(), stdout, "", 1, Duration.ofSeconds(1), detail);
    }

    @Test
    void readsPytestAssertionRewriting() {
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("pytest-assertion.txt"), ""));

        assertThat(s.errorType()).isEqualTo("AssertionError");
        assertThat(s.message()).isEqualTo("assert <n> == <n>");
        assertThat(s.location()).isEqualTo("test_solution.py::test_add");
    }

    @Test
    void sameBugInAnotherFolderAtOtherLinesHasTheSameSignature() {
        FailureSignature first =
                FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("pytest-assertion.txt"), ""));
        FailureSignature moved =
                FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("pytest-assertion-moved.txt"), ""));

        assertThat(moved.value()).isEqualTo(first.value());
    }

    @Test
    void readsPytestTypeErrorAndItsInnermostProjectFrame() {
        String output = fixture("pytest-typeerror.txt");
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.FAILED, output, ""));

        assertThat(s.errorType()).isEqualTo("TypeError");
        assertThat(s.message()).isEqualTo("unsupported operand type(s) for +=: 'int' and 'str'");
        assertThat(s.location()).isEqualTo("solution.py::total");
    }

    @Test
    void prefersTheFailingTestCaseOfAParsedReport() {
        TestCaseResult failing = new TestCaseResult(
                "test_total",
                "/workspace/test_solution.py",
                TestStatus.FAILED,
                "TypeError: unsupported operand type(s) for +=: 'int' and 'str'",
                "solution.py:4: in total",
                Duration.ZERO);
        TestReport report = new TestReport(
                TestOutcome.FAILED,
                List.of(TestCaseResult.passed("test_solution.py", "test_empty"), failing),
                fixture("pytest-typeerror.txt"),
                "",
                1,
                Duration.ofSeconds(1),
                "");

        FailureSignature s = FailureSignature.of(report);

        assertThat(s.value())
                .isEqualTo(
                        "TypeError | unsupported operand type(s) for +=: 'int' and 'str' | test_solution.py::test_total");
    }

    @Test
    void readsAPythonSyntaxErrorAtCollectionWithoutPathsOrLineNumbers() {
        FailureSignature s =
                FailureSignature.of(rawReport(TestOutcome.COLLECTION_ERROR, fixture("pytest-syntax-error.txt"), ""));

        assertThat(s.errorType()).isEqualTo("SyntaxError");
        assertThat(s.message()).isEqualTo("expected ':'");
        assertThat(s.location()).isEqualTo("test_solution.py::<module>");
        assertThat(s.value()).doesNotContain("/tmp", "line 2");
    }

    @Test
    void readsNodeTestAssertion() {
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("node-assertion.txt"), ""));

        assertThat(s.errorType()).isEqualTo("AssertionError");
        assertThat(s.message()).isEqualTo("Expected values to be strictly equal:");
        assertThat(s.location()).isEqualTo("TestContext.<anonymous> (solution.test.js)");
    }

    @Test
    void readsNodeTypeErrorAtTheProjectFrame() {
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("node-typeerror.txt"), ""));

        assertThat(s.errorType()).isEqualTo("TypeError");
        assertThat(s.message()).isEqualTo("Cannot read properties of undefined (reading '<n>')");
        assertThat(s.location()).isEqualTo("first (solution.js)");
    }

    @Test
    void readsAJavaStackTraceByItsRootCause() {
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.FAILED, fixture("java-stacktrace.txt"), ""));

        assertThat(s.errorType()).isEqualTo("NumberFormatException");
        assertThat(s.message()).isEqualTo("For input string: \"x7\"");
        assertThat(s.location()).isEqualTo("com.example.orders.Main.parse");
    }

    @Test
    void namesTheTestThatWasRunningWhenATimeoutHit() {
        FailureSignature s = FailureSignature.of(
                rawReport(TestOutcome.TIMED_OUT, fixture("pytest-timeout.txt"), "tests timed out after 30s"));

        assertThat(s.errorType()).isEqualTo("Timeout");
        assertThat(s.message()).isEqualTo("tests timed out after <n>s");
        assertThat(s.location()).isEqualTo("test_solution.py::test_slow");
    }

    @Test
    void blockedRunsAreSignedByTheirRule() {
        FailureSignature s = FailureSignature.of(rawReport(TestOutcome.BLOCKED, "", "python.eval in solution.py:3"));

        assertThat(s.value()).isEqualTo("Blocked | python.eval in solution.py | ");
    }

    @Test
    void isAPureFunctionOfTheReport() {
        TestReport report = rawReport(TestOutcome.FAILED, fixture("pytest-typeerror.txt"), "");

        assertThat(FailureSignature.of(report)).isEqualTo(FailureSignature.of(report));
    }

    @Test
    void normalisesPathsAddressesIdsTempNamesAndNumbers() {
        assertThat(FailureSignature.normalise(
                        "<function f at 0x7fda8c821a80> in /tmp/pytest-of-ci/pytest-12/test_x0/solution.py line 14:"
                                + " 3 != 4 (id 123e4567-e89b-12d3-a456-426614174000)"))
                .isEqualTo("<function f at <addr>> in solution.py line <n>: <n> != <n> (id <id>)");
    }

    /** Every real pytest output of the sample (one per kind of bug) gets a typed error, and no two are alike. */
    @Test
    void signsEveryRealHumanEvalOutput() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> byClass = new HashMap<>();
        List<String> untyped = new ArrayList<>();
        for (String line : fixture("humaneval-sample.jsonl").split("\n")) {
            JsonNode item = json.readTree(line);
            String output = item.get("output").asText();
            TestOutcome outcome =
                    output.contains("error during collection") ? TestOutcome.COLLECTION_ERROR : TestOutcome.FAILED;
            FailureSignature s = FailureSignature.of(rawReport(outcome, output, ""));
            if (s.errorType().equals("TestFailure") || s.errorType().equals("CollectionError")) {
                untyped.add(item.get("id").asText());
            }
            assertThat(s.value()).doesNotContain("/workspace", "0x7f");
            byClass.put(item.get("fix_class").asText(), s.value());
        }
        assertThat(untyped).isEmpty();
        Set<String> distinct = new HashSet<>(byClass.values());
        assertThat(distinct).hasSize(byClass.size());
    }
}
