package dev.agentloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.TestTargets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestGuardTest {

    private static final String TEST = "def test_add():\n    assert add(1, 2) == 3\n";

    @Test
    void changingOrDeletingAnAssertionOfAnExistingTestIsRefused() {
        TestGuard guard = new TestGuard(Language.PYTHON, TestTargets.DEFAULT);
        assertThat(guard.check("tests/test_calc.py", true, TEST, TEST.replace("== 3", "== 4")))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("assert add(1, 2) == 3").contains("weakened"));
        assertThat(guard.check("tests/test_calc.py", true, TEST, null)).isPresent();
    }

    @Test
    void addingTestsAndEditingCodeOrNewTestFilesIsFine() {
        TestGuard guard = new TestGuard(Language.PYTHON, TestTargets.DEFAULT);
        assertThat(guard.check("tests/test_calc.py", true, TEST, TEST + "\n\ndef test_more():\n    assert True\n"))
                .isEmpty();
        assertThat(guard.check("calc.py", true, "x = 1\n", "x = 2\n")).isEmpty();
        assertThat(guard.check("tests/test_new.py", false, "", "def test_x():\n    pass\n"))
                .isEmpty();
    }

    @Test
    void theBaseIsTheContentBeforeTheFirstEditSoALaterEditCannotUndoAnAssertionStepByStep() {
        TestGuard guard = new TestGuard(Language.PYTHON, TestTargets.DEFAULT);
        String added = TEST + "\ndef test_more():\n    assert True\n";
        assertThat(guard.check("tests/test_calc.py", true, TEST, added)).isEmpty();
        // the second edit sees "added" as its before, but the base is still TEST
        assertThat(guard.check("tests/test_calc.py", false, added, "def test_more():\n    assert True\n"))
                .isPresent();
    }

    @Test
    void theTaskMayAllowTestChangesButGivenAcceptanceTestsNeverChange() {
        TestGuard allowing = new TestGuard(
                Language.PYTHON,
                TestTargets.DEFAULT.withTestChangesAllowed(true).withGiven(Map.of("test_given.py", TEST)));
        assertThat(allowing.check("tests/test_calc.py", true, TEST, "")).isEmpty();
        assertThat(allowing.check("test_given.py", true, TEST, TEST + "# more\n"))
                .hasValueSatisfying(m -> assertThat(m).contains("acceptance tests"));
    }

    @Test
    void testFilesAreRecognisedByTheLanguagesConventions() {
        TestGuard py = new TestGuard(Language.PYTHON, TestTargets.DEFAULT);
        assertThat(py.isTestFile("test_x.py")).isTrue();
        assertThat(py.isTestFile("pkg/x_test.py")).isTrue();
        assertThat(py.isTestFile("tests/helpers.py")).isTrue();
        assertThat(py.isTestFile("pkg/contest.py")).isFalse();
        TestGuard js = new TestGuard(Language.JAVASCRIPT, TestTargets.DEFAULT);
        assertThat(js.isTestFile("lib/parse.test.js")).isTrue();
        assertThat(js.isTestFile("__tests__/a.js")).isTrue();
        assertThat(js.isTestFile("lib/parse.js")).isFalse();
    }
}
