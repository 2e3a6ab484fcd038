package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.spi.ScanFinding;
import org.junit.jupiter.api.Test;

class JavaRulesTest {

    private static java.util.List<String> rules(String source) {
        return JavaRules.scan("Solution.java", source).findings().stream()
                .map(ScanFinding::rule)
                .toList();
    }

    @Test
    void findsProgramsStartedFromJava() {
        assertThat(rules("Process p = Runtime.getRuntime().exec(\"ls\");")).containsExactly("java.runtime-exec");
        assertThat(rules("rt.exec(new String[] {\"sh\", \"-c\", cmd});")).containsExactly("java.runtime-exec");
        assertThat(rules("var p = new ProcessBuilder(\"sh\", \"-c\", cmd).start();"))
                .containsExactly("java.process-builder");
    }

    @Test
    void findsReflectionDeserialisationAndSecrets() {
        assertThat(rules("field.setAccessible(true);")).containsExactly("java.set-accessible");
        assertThat(rules("Object o = new ObjectInputStream(in).readObject();")).contains("java.deserialization");
        assertThat(rules("String apiKey = \"sk-abcdefghijklmnopqrstuvwx\";")).containsExactly("java.hardcoded-secret");
    }

    @Test
    void namesTheLineAndSkipsCommentsAndOrdinaryCode() {
        String source = "class Solution {\n    // Runtime.getRuntime().exec(\"ls\") is not used\n"
                + "    int add(int a, int b) { return a + b; }\n    void run() { new ProcessBuilder(\"ls\"); }\n}\n";

        assertThat(JavaRules.scan("Solution.java", source).findings())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("java.process-builder");
                    assertThat(f.line()).isEqualTo(4);
                    assertThat(f.file()).isEqualTo("Solution.java");
                });
        assertThat(rules("String s = matcher.group(1); int n = list.size();")).isEmpty();
    }

    @Test
    void startingProgramsBlocksByDefault() {
        assertThat(dev.agentloop.sandbox.ScanPolicy.DEFAULT_BLOCKING)
                .contains("java.runtime-exec", "java.process-builder");
    }
}
