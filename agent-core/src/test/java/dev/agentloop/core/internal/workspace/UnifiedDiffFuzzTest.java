package dev.agentloop.core.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.Fuzz;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The unified-diff applier on diffs a model could write: only its documented IllegalArgumentException, no hang. */
class UnifiedDiffFuzzTest {

    private static final String ORIGINAL = "def add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n";
    private static final String CHANGED = "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n";

    @Test
    void appliesOrRejectsEveryGeneratedDiffWithItsDocumentedException() {
        List<String> samples = List.of(
                UnifiedDiff.diff("solution.py", ORIGINAL, CHANGED),
                UnifiedDiff.diff("solution.py", ORIGINAL, ""),
                UnifiedDiff.diff("solution.py", "", CHANGED),
                "--- a/solution.py\n+++ b/solution.py\n@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n",
                "@@ -5 +5 @@\n-    return a * b\n+    return b * a\n\\ No newline at end of file\n");
        Fuzz fuzz = Fuzz.seeded(20_261_130L);

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                diff -> {
                    String out = UnifiedDiff.apply(ORIGINAL, diff);
                    assertThat(out).isNotNull();
                    UnifiedDiff.changedLines(diff);
                },
                Set.of(IllegalArgumentException.class));

        System.out.println("fuzz unified-diff applier: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
        assertThat(report.accepted()).as("some mutated diffs still apply").isPositive();
    }
}
