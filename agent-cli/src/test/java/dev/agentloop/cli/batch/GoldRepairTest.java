package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldRepairTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // the same line twice: only its neighbours tell the two apart
    private static final String FILE = "def a(x):\n    return x - 1\n\n\ndef b(x):\n    return x - 1\n";
    private static final String PATCH = "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -4,3 +4,3 @@\n \n"
            + " def b(x):\n-    return x - 1\n+    return x + 1\n";

    @Test
    void turnsSearchReadReplaceRunAndAnswerAndTheReplacementsYieldThePatchedFile() throws Exception {
        List<String> turns =
                GoldRepair.turns(PATCH, path -> FILE, Language.PYTHON, List.of("tests/test_m.py::test_b"), "");

        assertThat(turns).hasSize(5);
        assertThat(toolName(turns.get(0))).isEqualTo("search");
        assertThat(toolName(turns.get(1))).isEqualTo("read_file");
        assertThat(toolName(turns.get(2))).isEqualTo("replace_text");
        assertThat(toolName(turns.get(3))).isEqualTo("run_command");
        assertThat(args(turns.get(3)).path("command").asText())
                .isEqualTo("python3 -m pytest -q -p no:cacheprovider tests/test_m.py::test_b");
        assertThat(JSON.readTree(turns.get(4)).path("edits")).isEmpty();

        JsonNode replace = args(turns.get(2));
        String search = replace.path("search").asText();
        assertThat(FILE.indexOf(search)).isEqualTo(FILE.lastIndexOf(search));
        String patched = FILE.replace(search, replace.path("replace").asText());
        assertThat(patched).isEqualTo("def a(x):\n    return x - 1\n\n\ndef b(x):\n    return x + 1\n");
    }

    @Test
    void aPatchThatIsNotADiffOrCreatesFilesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> GoldRepair.turns("nonsense", p -> FILE, Language.PYTHON, List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        String create = "--- /dev/null\n+++ b/new.py\n@@ -0,0 +1 @@\n+x = 1\n";
        assertThatThrownBy(() -> GoldRepair.turns(create, p -> "", Language.PYTHON, List.of(), ""))
                .hasMessageContaining("creates new.py");
    }

    @Test
    void theScriptFileHoldsTheCodersTurns() throws Exception {
        String script = GoldRepair.script("x", List.of("{\"edits\": []}"));
        assertThat(JSON.readTree(script).path("responses").path("coder")).hasSize(1);
    }

    private static String toolName(String turn) throws Exception {
        return JSON.readTree(turn).path("$tool_calls").get(0).path("name").asText();
    }

    private static JsonNode args(String turn) throws Exception {
        return JSON.readTree(turn).path("$tool_calls").get(0).path("arguments");
    }
}
