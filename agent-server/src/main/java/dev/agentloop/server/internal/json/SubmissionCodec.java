package dev.agentloop.server.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.TaskSubmission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a task submission from JSON, strictly: an unknown field, a value of the wrong type or out of range is an
 * {@link InvalidRequestException} naming the field. Writes the normalised form stored with the task (every field
 * explicit), which reads back to the same submission.
 */
public final class SubmissionCodec {

    /** Longest task text accepted. */
    public static final int MAX_TASK_CHARS = 20_000;
    /** Most constraints or acceptance criteria accepted. */
    public static final int MAX_ITEMS = 50;
    /** Largest iteration limit accepted. */
    public static final int MAX_ITERATIONS = 100;

    /** Largest cost limit accepted, in the configured prices' currency. */
    public static final double MAX_COST = 1_000_000;

    /** The fields a submission may have. */
    public static final Set<String> FIELDS = Set.of(
            "task",
            "language",
            "project_type",
            "project",
            "repo",
            "base",
            "enable_review",
            "enable_audit",
            "max_iterations",
            "max_cost",
            "mode",
            "constraints",
            "acceptance_criteria");

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ServerConfig defaults;

    /**
     * @param defaults the language, project type and mode of a submission that names none
     */
    public SubmissionCodec(ServerConfig defaults) {
        this.defaults = defaults;
    }

    /**
     * @throws InvalidRequestException naming the field that is wrong, or {@code body} when it is not a JSON object
     */
    public TaskSubmission read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(
                    "body",
                    "The body is not valid JSON (" + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(
                    "body", "The body must be a JSON object such as {\"task\": \"...\", \"language\": \"python\"}.");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(
                        name,
                        "Unknown field '" + name + "'; allowed: "
                                + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
            }
        }
        String text = text(root, "task")
                .orElseThrow(() -> new InvalidRequestException(
                        "task",
                        "The field 'task' is required: say what to"
                                + " build, e.g. {\"task\": \"Write slugify(text) with tests\"}."));
        if (text.isBlank()) {
            throw new InvalidRequestException("task", "The field 'task' is blank: say what to build.");
        }
        if (text.length() > MAX_TASK_CHARS) {
            throw new InvalidRequestException(
                    "task", "The field 'task' has " + text.length() + " characters; at most " + MAX_TASK_CHARS + ".");
        }
        Language language = text(root, "language")
                .map(v -> parse("language", () -> Language.fromId(v)))
                .orElse(defaults.defaultLanguage());
        ProjectType projectType = text(root, "project_type")
                .map(v -> parse("project_type", () -> ProjectType.fromId(v)))
                .orElse(defaults.defaultProjectType());
        TaskMode mode = text(root, "mode")
                .map(v -> parse("mode", () -> TaskMode.fromId(v)))
                .orElse(defaults.defaultMode());
        Optional<String> repo = text(root, "repo");
        Optional<String> base = text(root, "base");
        if (repo.isPresent() && repo.get().isBlank()) {
            throw new InvalidRequestException("repo", "The field 'repo' is blank: give a folder or a git URL.");
        }
        if (base.isPresent() && repo.isEmpty()) {
            throw new InvalidRequestException("base", "The field 'base' needs 'repo': the project to start from.");
        }
        if (base.isPresent() && !base.get().matches("[A-Za-z0-9._/@^~{}-]{1,200}")) {
            throw new InvalidRequestException(
                    "base", "The field 'base' is not a branch, tag or commit name: letters, digits and ._/@^~- only.");
        }
        Optional<Integer> maxIterations = integer(root, "max_iterations");
        maxIterations.ifPresent(n -> {
            if (n < 1 || n > MAX_ITERATIONS) {
                throw new InvalidRequestException(
                        "max_iterations",
                        "The field 'max_iterations' must be 1 to " + MAX_ITERATIONS + ", was " + n + ".");
            }
        });
        Optional<Double> maxCost = number(root, "max_cost");
        maxCost.ifPresent(c -> {
            if (!(c > 0) || c > MAX_COST) {
                throw new InvalidRequestException(
                        "max_cost",
                        "The field 'max_cost' must be above 0 and at most " + MAX_COST + ", was " + c + ".");
            }
        });
        return new TaskSubmission(
                text,
                language,
                projectType,
                text(root, "project").orElse(""),
                repo.map(String::strip),
                base,
                bool(root, "enable_review"),
                bool(root, "enable_audit"),
                maxIterations,
                mode,
                strings(root, "constraints"),
                strings(root, "acceptance_criteria"),
                maxCost);
    }

    /** The normalised JSON stored with the task. */
    public String write(TaskSubmission s) {
        ObjectNode node = mapper.createObjectNode();
        node.put("task", s.text());
        node.put("language", s.language().id());
        node.put("project_type", s.projectType().id());
        node.put("project", s.project());
        s.repo().ifPresent(v -> node.put("repo", v));
        s.base().ifPresent(v -> node.put("base", v));
        s.enableReview().ifPresent(v -> node.put("enable_review", v));
        s.enableAudit().ifPresent(v -> node.put("enable_audit", v));
        s.maxIterations().ifPresent(v -> node.put("max_iterations", v));
        s.maxCost().ifPresent(v -> node.put("max_cost", v));
        node.put("mode", s.mode().id());
        ArrayNode constraints = node.putArray("constraints");
        s.constraints().forEach(constraints::add);
        ArrayNode criteria = node.putArray("acceptance_criteria");
        s.acceptanceCriteria().forEach(criteria::add);
        return node.toString();
    }

    /** The stored form as a map, for the API's task view. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap(String storedJson) {
        try {
            return mapper.readValue(storedJson, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored submission is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new InvalidRequestException(
                    field,
                    "The field '" + field + "' is wrong: " + Character.toLowerCase(message.charAt(0))
                            + message.substring(1) + (message.endsWith(".") ? "" : "."));
        }
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field, "The field '" + field + "' must be a string.");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Boolean> bool(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidRequestException(field, "The field '" + field + "' must be true or false.");
        }
        return Optional.of(v.asBoolean());
    }

    private static Optional<Integer> integer(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidRequestException(field, "The field '" + field + "' must be a whole number.");
        }
        return Optional.of(v.asInt());
    }

    private static Optional<Double> number(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new InvalidRequestException(field, "The field '" + field + "' must be a number.");
        }
        return Optional.of(v.asDouble());
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidRequestException(field, "The field '" + field + "' must be an array of strings.");
        }
        if (v.size() > MAX_ITEMS) {
            throw new InvalidRequestException(
                    field, "The field '" + field + "' has " + v.size() + " items; at most " + MAX_ITEMS + ".");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidRequestException(
                        field + "[" + i + "]", "Item " + i + " of '" + field + "' must be a non-blank string.");
            }
            out.add(item.asText());
        }
        return out;
    }
}
