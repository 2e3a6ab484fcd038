package dev.agentloop.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.Language;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The gold answer of a task in an empty folder: every role answers in JSON, the coder writes the files of the gold
 * patch and the tester a smoke test that loads them (the hidden tests, which judge the run afterwards, are never
 * part of an answer).
 *
 * @param title the task's first line (the reprompter's goal)
 * @param language the instance's language (picks the smoke test)
 * @param files the files the gold patch yields: workspace path → full content
 */
public record GoldFiles(String title, Language language, Map<String, String> files) implements GoldAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApproxTokenCountEstimator ESTIMATOR = new ApproxTokenCountEstimator();
    private static final Pattern PYTHON_MODULE =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*\\.py");

    public GoldFiles {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    @Override
    public ChatResponse respond(Role role, ChatRequest request) {
        String text = answer(role);
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(
                        ESTIMATOR.estimateTokenCountInMessages(request.messages()),
                        ESTIMATOR.estimateTokenCountInText(text)))
                .modelName(GoldModel.MODEL_NAME)
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** The JSON text the role answers with. */
    String answer(Role role) {
        ObjectNode n = JSON.createObjectNode();
        switch (role) {
            case REPROMPTER -> {
                n.put("goal", title);
                n.putArray("inputs");
                ArrayNode outputs = n.putArray("outputs");
                files.keySet().forEach(outputs::add);
                n.putArray("constraints");
                n.putArray("acceptance_tests");
                n.putArray("open_questions");
            }
            case PLANNER -> {
                n.put("approach", "Write the files of the instance's gold patch.");
                ArrayNode planned = n.putArray("files");
                files.keySet().forEach(p -> planned.addObject().put("path", p).put("purpose", "from the gold patch"));
                n.putArray("steps").add("write the files of the gold patch");
                n.put("test_strategy", "load every module the patch writes");
            }
            case CODER -> {
                ArrayNode edits = n.putArray("edits");
                files.forEach(
                        (path, content) -> edits.addObject().put("path", path).put("content", content));
                n.put("notes", "the gold patch");
            }
            case TESTER -> {
                ArrayNode tests = n.putArray("files");
                smokeTest()
                        .forEach((path, content) ->
                                tests.addObject().put("path", path).put("content", content));
            }
            case REVIEWER -> {
                n.put("approved", true);
                n.putArray("findings");
            }
            case AUDITOR -> n.putArray("findings");
            case REFLECTOR -> {
                n.put("diagnosis", "The files of the gold patch do not pass the run's tests.");
                n.put("hypothesis", "The gold patch does not fit this instance.");
                n.put("next_step", "Write the files of the gold patch again.");
                n.put("revise_tests", false);
            }
        }
        return n.toString();
    }

    /** A test that loads what the patch writes: the run proves its files are there and load in the sandbox. */
    private Map<String, String> smokeTest() {
        return switch (language) {
            case PYTHON -> {
                List<String> modules = files.keySet().stream()
                        .filter(p -> PYTHON_MODULE.matcher(p).matches() && !isPythonTest(p))
                        .map(p -> p.substring(0, p.length() - 3).replace('/', '.'))
                        .toList();
                StringBuilder s = new StringBuilder("import importlib\n\n\ndef test_gold_patch_modules_load():\n");
                if (modules.isEmpty()) {
                    s.append("    pass\n");
                }
                modules.forEach(m ->
                        s.append("    importlib.import_module(\"").append(m).append("\")\n"));
                yield Map.of("test_gold_patch.py", s.toString());
            }
            case JAVASCRIPT -> {
                StringBuilder s = new StringBuilder(
                        "const test = require('node:test');\n\ntest('the gold patch modules load', () => {\n");
                files.keySet().stream()
                        .filter(p -> (p.endsWith(".js") || p.endsWith(".cjs")) && !p.matches(".*\\.(test|spec)\\.c?js"))
                        .forEach(p -> s.append("  require('./").append(p).append("');\n"));
                s.append("});\n");
                yield Map.of("gold_patch.test.js", s.toString());
            }
            case JAVA ->
                Map.of(
                        "GoldPatchTest.java",
                        "import org.junit.jupiter.api.Test;\n\nclass GoldPatchTest {\n    @Test\n"
                                + "    void theGoldPatchCompiles() {}\n}\n");
        };
    }

    private static boolean isPythonTest(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py");
    }
}
