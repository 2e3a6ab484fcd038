package dev.agentloop.core.internal.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.model.ApproxTokenCountEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextBudgetTest {

    private final ApproxTokenCountEstimator estimator = new ApproxTokenCountEstimator();
    private final ContextBudget budget = new ContextBudget(estimator);

    @Test
    void a200IterationHistoryAndA5MegabyteLogFitTheBudget() {
        List<String> history = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            history.add("#" + i
                    + " TESTS_FAILED: 3/5 tests passed; AssertionError | assert <n> == <n> | test_x.py::test_" + i);
        }
        String failing = "FAILED test_solution.py::test_edges: AssertionError: assert 3 == 4\n";
        StringBuilder log = new StringBuilder(failing);
        while (log.length() < 5 * 1024 * 1024) {
            log.append("DEBUG some noisy line of runner output that goes on and on ")
                    .append(log.length())
                    .append('\n');
        }
        log.append("=== 1 failed, 4 passed in 9.1s ===\n");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("solution.py", "x = 1\n".repeat(20_000));
        files.put("small.py", "y = 2\n");

        int limit = 8_000;
        Map<String, String> fitted = budget.fit(
                List.of(
                        new Section.Text("spec", 60, "Goal: do the thing"),
                        new Section.Files("files", 40, files),
                        new Section.Text("test_report", 30, log.toString()),
                        new Section.Lines("history", 10, history, 8)),
                limit);

        int total = fitted.values().stream()
                .mapToInt(estimator::estimateTokenCountInText)
                .sum();
        assertThat(total).isLessThanOrEqualTo(limit);
        assertThat(fitted.get("spec")).isEqualTo("Goal: do the thing");
        assertThat(fitted.get("test_report"))
                .startsWith(failing)
                .contains("characters cut")
                .endsWith("in 9.1s ===\n");
        assertThat(fitted.get("history"))
                .contains("#200 ")
                .doesNotContain("#100 ")
                .contains("earlier iteration(s) not listed");
        assertThat(fitted.get("files")).contains("small.py", "y = 2", "solution.py");
    }

    @Test
    void leavesEverythingAloneWhenItFits() {
        Map<String, String> fitted = budget.fit(List.of(new Section.Text("spec", 60, "short")), 1_000);

        assertThat(fitted).containsEntry("spec", "short");
    }

    @Test
    void trimsTheLargestFileFirst() {
        Map<String, String> files = Map.of("big.py", "z = 3\n".repeat(5_000), "small.py", "keep = True\n");

        Map<String, String> fitted = budget.fit(List.of(new Section.Files("files", 40, files)), 2_000);

        assertThat(fitted.get("files")).contains("keep = True").contains("characters cut");
        assertThat(estimator.estimateTokenCountInText(fitted.get("files"))).isLessThanOrEqualTo(2_000);
    }
}
