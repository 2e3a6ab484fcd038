package dev.agentloop.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.Role;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One model call of a recorded trajectory: one line of the JSONL file.
 *
 * @param step 1-based position in the run
 * @param role the role that asked
 * @param messages the request's messages as {@code type: text}, secrets redacted
 * @param responseFormat {@code json} or {@code text}
 * @param maxOutputTokens the limit asked for, 0 when none
 * @param response the model's text
 * @param inputTokens prompt tokens reported
 * @param outputTokens completion tokens reported
 * @param model the model's name as reported
 * @param toolCalls the tool calls the answer asked for (repository mode's actions), secrets redacted; empty for a
 *     text answer
 */
public record TrajectoryStep(
        int step,
        Role role,
        List<Message> messages,
        String responseFormat,
        int maxOutputTokens,
        String response,
        long inputTokens,
        long outputTokens,
        String model,
        List<ToolCall> toolCalls) {

    /** One tool call of an answer: its id, the tool's name and the arguments' JSON text. */
    public record ToolCall(String id, String name, String arguments) {}

    /**
     * A step with a text answer.
     *
     * @param step 1-based position in the run
     * @param role the role that asked
     * @param messages the request's messages, secrets redacted
     * @param responseFormat {@code json} or {@code text}
     * @param maxOutputTokens the limit asked for, 0 when none
     * @param response the model's text
     * @param inputTokens prompt tokens reported
     * @param outputTokens completion tokens reported
     * @param model the model's name as reported
     */
    public TrajectoryStep(
            int step,
            Role role,
            List<Message> messages,
            String responseFormat,
            int maxOutputTokens,
            String response,
            long inputTokens,
            long outputTokens,
            String model) {
        this(
                step,
                role,
                messages,
                responseFormat,
                maxOutputTokens,
                response,
                inputTokens,
                outputTokens,
                model,
                List.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the lists; null tool calls become none.
     *
     * @param step 1-based position in the run
     * @param role the role that asked
     * @param messages the request's messages as {@code type: text}, secrets redacted
     * @param responseFormat {@code json} or {@code text}
     * @param maxOutputTokens the limit asked for, 0 when none
     * @param response the model's text
     * @param inputTokens prompt tokens reported
     * @param outputTokens completion tokens reported
     * @param model the model's name as reported
     * @param toolCalls the tool calls the answer asked for (repository mode's actions), secrets redacted; empty for a
     *     text answer
     */
    public TrajectoryStep {
        Objects.requireNonNull(role, "role");
        messages = List.copyOf(messages);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /**
     * {@return the tool calls of an answer, redacted}
     *
     * @param message the answer
     * @param redactor redacts secrets
     */
    public static List<ToolCall> toolCallsOf(dev.langchain4j.data.message.AiMessage message, SecretRedactor redactor) {
        if (message == null || !message.hasToolExecutionRequests()) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>();
        message.toolExecutionRequests()
                .forEach(r -> calls.add(new ToolCall(
                        r.id() == null ? "" : r.id(),
                        r.name(),
                        redactor.redact(r.arguments() == null ? "" : r.arguments()))));
        return calls;
    }

    /** One message of a request: its type ({@code system}, {@code user}, {@code ai}) and text. */
    public record Message(String type, String text) {}

    /**
     * {@return the request part of a call, redacted, for recording and for comparing with a replayed request}
     *
     * @param request the request
     * @param redactor redacts secrets
     */
    public static List<Message> messagesOf(ChatRequest request, SecretRedactor redactor) {
        List<Message> out = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            String text = ApproxTokenCountEstimator.textOf(message);
            if (message instanceof dev.langchain4j.data.message.AiMessage ai && ai.hasToolExecutionRequests()) {
                StringBuilder calls = new StringBuilder(text);
                ai.toolExecutionRequests()
                        .forEach(r -> calls.append(calls.length() == 0 ? "" : "\n")
                                .append("[tool call ")
                                .append(r.name())
                                .append(' ')
                                .append(r.arguments())
                                .append(']'));
                text = calls.toString();
            }
            out.add(new Message(message.type().name().toLowerCase(Locale.ROOT), redactor.redact(text)));
        }
        return out;
    }

    static String formatOf(ChatRequest request) {
        return request.responseFormat() != null && request.responseFormat().type() == ResponseFormatType.JSON
                ? "json"
                : "text";
    }

    /** {@return the request as text, for divergence messages} */
    public String requestText() {
        return render(role, messages);
    }

    static String render(Role role, List<Message> messages) {
        StringBuilder s = new StringBuilder(role.id()).append(" request:");
        messages.forEach(m ->
                s.append("\n  [").append(m.type()).append("] ").append(m.text().replace("\n", "\n    ")));
        return s.toString();
    }

    String toJsonLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("role", role.id());
        ObjectNode request = line.putObject("request");
        ArrayNode list = request.putArray("messages");
        messages.forEach(m -> list.addObject().put("type", m.type()).put("text", m.text()));
        request.put("maxOutputTokens", maxOutputTokens);
        request.put("responseFormat", responseFormat);
        ObjectNode resp = line.putObject("response");
        resp.put("text", response);
        resp.put("inputTokens", inputTokens);
        resp.put("outputTokens", outputTokens);
        resp.put("model", model);
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = resp.putArray("toolCalls");
            toolCalls.forEach(c ->
                    calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()));
        }
        return line.toString();
    }

    static TrajectoryStep fromJsonLine(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            Role role = null;
            for (Role r : Role.values()) {
                if (r.id().equals(node.path("role").asText())) {
                    role = r;
                }
            }
            if (role == null) {
                throw new ScriptException(
                        where + " names no known role: \"" + node.path("role").asText() + "\".");
            }
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : node.path("request").path("messages")) {
                messages.add(new Message(m.path("type").asText(), m.path("text").asText()));
            }
            JsonNode response = node.path("response");
            if (!response.path("text").isTextual()) {
                throw new ScriptException(where + " has no response text.");
            }
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode c : response.path("toolCalls")) {
                calls.add(new ToolCall(
                        c.path("id").asText(""),
                        c.path("name").asText(""),
                        c.path("arguments").asText("{}")));
            }
            return new TrajectoryStep(
                    node.path("step").asInt(),
                    role,
                    messages,
                    node.path("request").path("responseFormat").asText("text"),
                    node.path("request").path("maxOutputTokens").asInt(0),
                    response.path("text").asText(),
                    response.path("inputTokens").asLong(0),
                    response.path("outputTokens").asLong(0),
                    response.path("model").asText(""),
                    calls);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ScriptException(where + " is not valid JSON: " + e.getOriginalMessage() + ".");
        }
    }
}
