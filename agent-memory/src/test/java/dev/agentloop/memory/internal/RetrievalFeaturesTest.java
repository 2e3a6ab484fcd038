package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetrievalFeaturesTest {

    @Test
    void describesAnOffByOneResult() {
        assertThat(AssertionFeatures.of("E   assert 3 == 4\nE    +  where 3 = f(1)"))
                .contains("rel_offbyone", "kinds_num_num", "rel_smaller");
    }

    @Test
    void describesAMissingReturnValue() {
        assertThat(AssertionFeatures.of("E   AssertionError: assert None == 'is'"))
                .contains("kinds_none_str");
    }

    @Test
    void describesAShorterList() {
        assertThat(AssertionFeatures.of("E   assert [7] == [1, 5, 7, 11]")).contains("rel_shorter", "kinds_list_list");
    }

    @Test
    void readsNodeActualAndExpected() {
        assertThat(AssertionFeatures.of("  ---\n  actual: true\n  expected: false\n"))
                .contains("rel_boolflip");
    }

    @Test
    void saysNothingWithoutAnAssertion() {
        assertThat(AssertionFeatures.of("E   NameError: name 'x' is not defined"))
                .isEmpty();
    }

    @Test
    void abstractsNamesAndNumbersButKeepsKeywordsAndSmallConstants() {
        assertThat(CodePatterns.of("for i in range(len(xs) - 1):")).isEqualTo("for v in range ( len ( v ) - 1 ) :");
        assertThat(CodePatterns.of("total = 100 + \"abc\"")).isEqualTo("v = N + S");
    }

    @Test
    void takesTheRemovedLinesOfADiff() {
        String diff = "--- a/solution.py\n+++ b/solution.py\n@@ -1,3 +1,3 @@\n-    return x\n+    return x + 1\n";
        assertThat(CodePatterns.ofRemovedLines(diff)).containsExactly("return v");
    }

    @Test
    void skipsDocstringsAndComments() {
        String code = "def f(x):\n    \"\"\"\n    Returns x.\n    \"\"\"\n    # note\n    return x\n";
        assertThat(CodePatterns.ofCode(code)).containsExactly("def v ( v ) :", "return v");
    }

    @Test
    void buildsAnOrQueryOfDistinctWords() {
        assertThat(FailureTexts.orQuery("NameError: name 'foo' is not defined; name"))
                .isEqualTo("nameerror | name | foo | is | not | defined");
    }
}
