package dev.agentloop.core.internal.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.event.ActionKind;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One action a model asked for, whichever way it asked: a native tool call or a JSON object with an
 * {@code "action"} field. The arguments are the same in both.
 *
 * @param kind what to do
 * @param arguments its arguments (an object; unknown fields are ignored)
 * @param callId the tool call's id, to answer it; empty for the JSON protocol
 */
public record ActionCall(ActionKind kind, JsonNode arguments, String callId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ActionCall {
        Objects.requireNonNull(kind, "kind");
        arguments = arguments == null || !arguments.isObject() ? JSON.createObjectNode() : arguments;
        callId = callId == null ? "" : callId;
    }

    /**
     * Reads a tool call.
     *
     * @throws IllegalArgumentException with a sentence for the model when the tool is unknown or the arguments are
     *     not a JSON object
     */
    public static ActionCall ofTool(String name, String argumentsJson, String id) {
        ActionKind kind = kindOf(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no tool '" + name + "'; the tools are " + names() + "."));
        JsonNode args;
        try {
            args = argumentsJson == null || argumentsJson.isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The arguments of " + name + " are not valid JSON: " + e.getOriginalMessage() + ".");
        }
        if (!args.isObject()) {
            throw new IllegalArgumentException("The arguments of " + name + " must be a JSON object.");
        }
        return new ActionCall(kind, args, id);
    }

    /**
     * Reads a JSON-protocol answer when it asks for an action.
     *
     * @return empty when the object has no {@code "action"} field (it is the role's final answer)
     * @throws IllegalArgumentException with a sentence for the model when the action is unknown
     */
    public static Optional<ActionCall> ofJson(JsonNode answer) {
        if (answer == null || !answer.isObject() || !answer.has("action")) {
            return Optional.empty();
        }
        String name = answer.path("action").asText("");
        ActionKind kind = kindOf(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no action '" + name + "'; the actions are " + names() + "."));
        ObjectNode args = ((ObjectNode) answer).deepCopy();
        args.remove("action");
        return Optional.of(new ActionCall(kind, args, ""));
    }

    /** A required string argument. */
    public String text(String field) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw new IllegalArgumentException(kind.id() + " needs a \"" + field + "\" string.");
        }
        return value.asText();
    }

    /** An optional string argument. */
    public String text(String field, String fallback) {
        JsonNode value = arguments.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? fallback : value.asText();
    }

    /** An optional whole-number argument. */
    public int number(String field, int fallback) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.canConvertToInt() || value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
            return value.asInt();
        }
        throw new IllegalArgumentException(kind.id() + ": \"" + field + "\" must be a whole number.");
    }

    /** One line naming what the action acts on, for events and summaries. */
    public String subject() {
        String s = switch (kind) {
            case LIST_FILES -> text("glob", "**");
            case READ_FILE -> text("path", "?") + lineRange();
            case SEARCH -> text("pattern", "?") + (arguments.has("glob") ? " in " + text("glob", "") : "");
            case RUN_COMMAND -> text("command", "?");
            case REPLACE_TEXT, WRITE_FILE, APPLY_DIFF -> text("path", "?");
            case OTHER -> "";
        };
        s = s.replace('\n', ' ');
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private String lineRange() {
        int from = arguments.path("start_line").asInt(0);
        int to = arguments.path("end_line").asInt(0);
        return from > 0 || to > 0 ? ":" + Math.max(from, 1) + "-" + (to > 0 ? to : "end") : "";
    }

    static Optional<ActionKind> kindOf(String name) {
        return Arrays.stream(ActionKind.values())
                .filter(k -> k != ActionKind.OTHER)
                .filter(k -> k.id().equals(name == null ? "" : name.strip()))
                .findFirst();
    }

    static String names() {
        return Arrays.stream(ActionKind.values())
                .filter(k -> k != ActionKind.OTHER)
                .map(ActionKind::id)
                .collect(Collectors.joining(", "));
    }
}
