package dev.agentloop.cli.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns one line of a batch file into a {@link BatchInstance}, or says in one sentence what is wrong with it. */
final class InstanceParser {

    /** Every field the format knows, in the order docs/benchmarks.md lists them. */
    static final List<String> FIELDS = List.of(
            "id",
            "language",
            "task",
            "repo",
            "base",
            "failing_tests",
            "test_command",
            "tests",
            "hidden_tests",
            "gold_patch",
            "project",
            "version",
            "gold_files",
            "gold_functions");

    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private InstanceParser() {}

    /**
     * @param text the line's text
     * @param line its 1-based number
     * @throws InvalidInstanceException naming the line (and the id when there is one) and the problem
     */
    static BatchInstance parse(String text, int line) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInstanceException(
                    line, Optional.empty(), "not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInstanceException(
                    line, Optional.empty(), "not a JSON object; each line must be one task object.");
        }
        Optional<String> id = Optional.ofNullable(root.get("id"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(s -> !s.isBlank());
        Fields f = new Fields(root, line, id);
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw f.invalid((unknown.size() == 1 ? "unknown field '" : "unknown fields '")
                    + String.join("', '", unknown) + "'; the fields are " + String.join(", ", FIELDS) + ".");
        }
        if (id.isEmpty()) {
            throw f.invalid("no id: every task needs an \"id\" string, unique in the file.");
        }
        String languageId = f.string("language")
                .orElseThrow(() -> f.invalid("no language: give \"language\": one" + " of " + languages() + "."));
        Language language;
        try {
            language = Language.fromId(languageId);
        } catch (IllegalArgumentException e) {
            throw f.invalid("language '" + languageId + "' is not one of " + languages() + ".");
        }
        Optional<String> task = f.string("task");
        if (task.isPresent() && task.get().isBlank()) {
            throw f.invalid("the task text is empty.");
        }
        Optional<String> repo = f.string("repo");
        Optional<String> base = f.string("base");
        if (repo.isEmpty() && base.isPresent()) {
            throw f.invalid("base is given without repo: a base commit belongs to a repository.");
        }
        if (repo.isPresent() && (base.isEmpty() || base.get().isBlank())) {
            throw f.invalid("repo needs base: the commit the instance starts from.");
        }
        if (repo.isEmpty() && task.isEmpty()) {
            throw f.invalid("needs either task (the text of a task in an empty folder) or repo + base.");
        }
        List<String> failing = f.strings("failing_tests");
        Optional<String> testCommand = f.string("test_command");
        if (repo.isEmpty() && (!failing.isEmpty() || testCommand.isPresent())) {
            throw f.invalid("failing_tests and test_command belong to repository instances (repo + base).");
        }
        Map<String, String> tests = f.files("tests");
        Map<String, String> hidden = f.files("hidden_tests");
        for (String path : hidden.keySet()) {
            if (tests.containsKey(path)) {
                throw f.invalid("hidden_tests and tests both name " + path + "; a hidden test must be another file.");
            }
        }
        return new BatchInstance(
                line,
                id.get(),
                language,
                task,
                repo.map(r -> new BatchInstance.RepoRef(r, base.orElseThrow())),
                failing,
                testCommand.orElse(""),
                tests,
                hidden,
                f.string("gold_patch"),
                f.string("project").orElse(""),
                f.string("version").orElse(""),
                f.strings("gold_files"),
                f.strings("gold_functions"));
    }

    private static String languages() {
        List<String> ids = new ArrayList<>();
        for (Language l : Language.values()) {
            ids.add(l.id());
        }
        return String.join(", ", ids);
    }

    /** Typed reads of one line's fields, each failing with a sentence naming the field. */
    private record Fields(JsonNode root, int line, Optional<String> id) {

        InvalidInstanceException invalid(String problem) {
            return new InvalidInstanceException(line, id, problem);
        }

        Optional<String> string(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                throw invalid(name + " must be a string, was " + kind(node) + ".");
            }
            return Optional.of(node.asText());
        }

        List<String> strings(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw invalid(name + " must be a list of strings, was " + kind(node) + ".");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw invalid(name + " must hold non-empty strings only.");
                }
                out.add(item.asText());
            }
            return out;
        }

        Map<String, String> files(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw invalid(name + " must be an object of file path -> content, was " + kind(node) + ".");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = e.getKey();
                if (!isRelativeInside(path)) {
                    throw invalid(name + ": '" + path + "' is not a relative path inside the workspace.");
                }
                if (!e.getValue().isTextual()) {
                    throw invalid(name + ": the content of " + path + " must be a string.");
                }
                out.put(
                        Path.of(path).normalize().toString().replace('\\', '/'),
                        e.getValue().asText());
            }
            return out;
        }

        private static boolean isRelativeInside(String path) {
            if (path.isBlank() || path.startsWith("/") || path.startsWith("\\") || path.contains("\0")) {
                return false;
            }
            try {
                Path p = Path.of(path).normalize();
                return !p.isAbsolute() && !p.startsWith("..") && !p.toString().isEmpty();
            } catch (java.nio.file.InvalidPathException e) {
                return false;
            }
        }

        private static String kind(JsonNode node) {
            return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
