package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.Role;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "def add(a, b):\n    return a - b\n";
    private static final String PATCH = "--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1,2 @@\n def add(a, b):\n"
            + "-    return a - b\n+    return a + b\n";

    private static GoldActions actions() {
        return new GoldActions(
                "Fix add",
                Language.PYTHON,
                GoldRepair.turns(PATCH, p -> FILE, Language.PYTHON, List.of("tests/test_calc.py::test_add"), ""));
    }

    private static ChatRequest withTools() {
        return ChatRequest.builder()
                .messages(UserMessage.from("fix it"))
                .toolSpecifications(
                        ToolSpecification.builder().name("read_file").build())
                .build();
    }

    private static ChatRequest withoutTools() {
        return ChatRequest.builder().messages(UserMessage.from("fix it")).build();
    }

    @Test
    void withNativeToolsEachActionIsAToolCallAndTheLastTurnIsTheFinalAnswer() throws Exception {
        GoldActions gold = actions();
        List<String> names = new java.util.ArrayList<>();
        ChatResponse response;
        while ((response = gold.respond(Role.CODER, withTools())).aiMessage().hasToolExecutionRequests()) {
            assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
            names.add(response.aiMessage().toolExecutionRequests().get(0).name());
            assertThat(response.tokenUsage().outputTokenCount()).isPositive();
        }
        assertThat(names).containsExactly("search", "read_file", "replace_text", "run_command");
        assertThat(JSON.readTree(response.aiMessage().text()).path("edits")).isEmpty();
    }

    @Test
    void withoutToolsEachActionIsOneJsonActionObject() throws Exception {
        GoldActions gold = actions();
        gold.respond(Role.CODER, withoutTools()); // search
        gold.respond(Role.CODER, withoutTools()); // read_file
        JsonNode replace = JSON.readTree(
                gold.respond(Role.CODER, withoutTools()).aiMessage().text());

        assertThat(replace.path("action").asText()).isEqualTo("replace_text");
        assertThat(replace.path("path").asText()).isEqualTo("calc.py");
        assertThat(FILE.replace(
                        replace.path("search").asText(), replace.path("replace").asText()))
                .isEqualTo("def add(a, b):\n    return a + b\n");
    }

    @Test
    void onceTheTurnsAreUsedUpTheCoderGivesTheFinalAnswerAgainAndOtherRolesAnswerInTheirFormat() throws Exception {
        GoldActions gold = actions();
        for (int i = 0; i < 5; i++) {
            gold.respond(Role.CODER, withTools());
        }
        ChatResponse again = gold.respond(Role.CODER, withTools());
        assertThat(again.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(JSON.readTree(again.aiMessage().text()).has("edits")).isTrue();
        JsonNode reflection = JSON.readTree(
                gold.respond(Role.REFLECTOR, withoutTools()).aiMessage().text());
        assertThat(reflection.path("diagnosis").asText()).isNotBlank();
    }
}
