package dev.agentloop.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One HumanEval problem as pytest files: {@code solution.py} (reference or wrong) and {@code test_solution.py}.
 * The wrong solution is the first failbench buggy variant of the problem, or the prompt with a body returning
 * {@code None} when failbench has none.
 */
public record HumanEvalProblem(String id, String reference, String wrong, String wrongSource, String test) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads {@code humaneval/HumanEval.jsonl.gz} and {@code failbench/humaneval.jsonl} below {@code sharedDir}.
     */
    public static List<HumanEvalProblem> load(Path sharedDir) throws IOException {
        Map<String, String> buggy = new HashMap<>();
        Path failbench = sharedDir.resolve("failbench/humaneval.jsonl");
        if (Files.exists(failbench)) {
            for (String line : Files.readAllLines(failbench, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode item = JSON.readTree(line);
                    buggy.putIfAbsent(
                            item.path("problem").asText(), item.path("code").asText());
                }
            }
        }
        List<HumanEvalProblem> problems = new ArrayList<>();
        Path file = sharedDir.resolve("humaneval/HumanEval.jsonl.gz");
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode p = JSON.readTree(line);
                String id = p.path("task_id").asText();
                String prompt = p.path("prompt").asText();
                String test = "from solution import *\n" + p.path("test").asText() + "\n\ndef test_it():\n    check("
                        + p.path("entry_point").asText() + ")\n";
                String wrong = buggy.get(id);
                String wrongSource = "failbench";
                if (wrong == null) {
                    wrong = prompt + "    return None\n";
                    wrongSource = "returns-None";
                }
                problems.add(new HumanEvalProblem(
                        id, prompt + p.path("canonical_solution").asText(), wrong, wrongSource, test));
            }
        }
        return problems;
    }
}
