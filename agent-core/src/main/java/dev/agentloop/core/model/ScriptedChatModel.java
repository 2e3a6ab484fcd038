package dev.agentloop.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Role;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deterministic {@link ChatModel} for tests and offline demos: each role gets its responses from an ordered list,
 * and every request is recorded. Zero latency, no network.
 *
 * <h2>Script file format (JSON)</h2>
 *
 * <pre>{@code
 * {
 *   "description": "fails once on an edge case, then passes",      // optional, free text
 *   "onExhausted": "fail",                                         // optional: "fail" (default) or "repeat-last"
 *   "responses": {
 *     "reprompter": [ { "goal": "...", "inputs": [], ... } ],
 *     "planner":    [ { "approach": "...", "files": [ ... ] } ],
 *     "coder":      [ { "edits": [ { "path": "solution.py", "content": "..." } ] },
 *                     { "edits": [ { "path": "solution.py", "diff": "--- a/solution.py\n+++ b/solution.py\n@@ ..." } ]
 * } ],
 *     "tester":     [ { "files": [ { "path": "test_solution.py", "content": "..." } ] } ],
 *     "reflector":  [ { "diagnosis": "...", "next_step": "..." } ],
 *     "reviewer":   [ ... ], "auditor": [ ... ]
 *   }
 * }
 * }</pre>
 *
 * <p>Keys under {@code responses} are role ids ({@link Role#id()}: reprompter, planner, coder, reviewer, auditor,
 * tester, reflector). Each entry of a role's list answers that role's next request, in order:
 *
 * <ul>
 *   <li>a JSON <b>object</b> is returned as its JSON text (what a model in JSON mode returns);
 *   <li>a JSON <b>string</b> is returned verbatim, which is how prose, truncated JSON or an empty answer are scripted;
 *   <li>{@code {"$reply": {"text": "...", "inputTokens": 120, "outputTokens": 40}}} gives the text and the token
 *       usage to report; without it, usage is estimated with {@link ApproxTokenCountEstimator}.
 * </ul>
 *
 * <p>When a role's list is used up, {@code "onExhausted": "fail"} makes the next request of that role throw a
 * {@link ScriptException} naming the role (the run then fails with that sentence); {@code "repeat-last"} answers
 * with the last entry again, which is how a loop stuck on one failure is scripted. A role with no list at all always
 * fails. The model reports its name as {@value #MODEL_NAME}. The roles' prompts and schemas are described in
 * {@code config/prompts/README.md}.
 *
 * <p>Give the model to {@code Agent.builder().chatModel(model)}: as a {@link RoleAwareChatModel}, each role is served
 * by {@link #forRole(Role)}. Thread-safe.
 */
public final class ScriptedChatModel implements RoleAwareChatModel {

    /** The model name reported in responses and events. */
    public static final String MODEL_NAME = "scripted";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApproxTokenCountEstimator ESTIMATOR = new ApproxTokenCountEstimator();

    private final Map<Role, List<Reply>> replies;
    private final Exhausted onExhausted;
    private final Map<Role, Integer> used = new EnumMap<>(Role.class);
    private final List<RecordedRequest> requests = new ArrayList<>();

    private ScriptedChatModel(Map<Role, List<Reply>> replies, Exhausted onExhausted) {
        this.replies = replies;
        this.onExhausted = onExhausted;
    }

    /** What happens when a role's responses are used up. */
    public enum Exhausted {
        /** The request throws a {@link ScriptException} naming the role. */
        FAIL,
        /** The last response is given again. */
        REPEAT_LAST
    }

    /**
     * One scripted answer.
     *
     * @param text the text the model returns, never null (may be empty)
     * @param inputTokens prompt tokens to report; 0 to estimate
     * @param outputTokens completion tokens to report; 0 to estimate
     * @param toolCalls tool calls the answer asks for; empty for a text answer
     */
    public record Reply(String text, long inputTokens, long outputTokens, List<ToolExecutionRequest> toolCalls) {
        /**
         * Checks the components; null tool calls become none.
         *
         * @param text the text the model returns, never null (may be empty)
         * @param inputTokens prompt tokens to report; 0 to estimate
         * @param outputTokens completion tokens to report; 0 to estimate
         * @param toolCalls tool calls the answer asks for; null or empty for a text answer
         * @throws IllegalArgumentException when a token count is negative
         */
        public Reply {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            Objects.requireNonNull(text, "text");
            if (inputTokens < 0 || outputTokens < 0) {
                throw new IllegalArgumentException(
                        "token counts must be >= 0, were " + inputTokens + " and " + outputTokens);
            }
        }

        /**
         * A text answer with estimated usage.
         *
         * @param text the answer's text
         * @param inputTokens input tokens reported
         * @param outputTokens output tokens reported
         */
        public Reply(String text, long inputTokens, long outputTokens) {
            this(text, inputTokens, outputTokens, List.of());
        }

        /**
         * {@return an answer asking for tool calls (repository mode's actions through native tool calling)}
         *
         * @param calls each call's tool name and its arguments as a JSON object's text
         */
        public static Reply toolCalls(List<ToolExecutionRequest> calls) {
            return new Reply("", 0, 0, calls);
        }

        /**
         * {@return a text answer with no usage reported}
         *
         * @param text the answer's text
         */
        public static Reply of(String text) {
            return new Reply(text, 0, 0);
        }
    }

    /**
     * A request the model received.
     *
     * @param step 1-based position among all requests
     * @param role the role that asked; empty when the model was called directly rather than through
     *     {@link #forRole(Role)}
     * @param request the request as received
     */
    public record RecordedRequest(int step, Optional<Role> role, ChatRequest request) {}

    /** {@return a builder of a script in code} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a script file in the format described above.
     *
     * @param file the script file
     * @return the model answering from it
     * @throws ScriptException naming the file and the problem when it is missing, not JSON or not in the format
     */
    public static ScriptedChatModel fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScriptException("Script file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new ScriptException("Script file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return fromJson(json, file.toString());
    }

    /**
     * Parses a script in the format described above.
     *
     * @param json the script
     * @param source names the script in error messages (a file name, a resource)
     * @return the model answering from it
     * @throws ScriptException naming the source and the problem
     */
    public static ScriptedChatModel fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // a limit of the parser (nesting depth, string length) has no location
            throw new ScriptException("Script " + source + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " at line " + e.getLocation().getLineNr()) + ".");
        }
        if (root == null || !root.isObject()) {
            throw new ScriptException("Script " + source + " must be a JSON object with a \"responses\" field.");
        }
        Builder builder = builder();
        JsonNode exhausted = root.get("onExhausted");
        if (exhausted != null) {
            String value = exhausted.asText("");
            switch (value) {
                case "fail" -> builder.onExhausted(Exhausted.FAIL);
                case "repeat-last" -> builder.onExhausted(Exhausted.REPEAT_LAST);
                default ->
                    throw new ScriptException("Script " + source + ": onExhausted must be \"fail\" or"
                            + " \"repeat-last\", was \"" + value + "\".");
            }
        }
        JsonNode responses = root.get("responses");
        if (responses == null || !responses.isObject()) {
            throw new ScriptException("Script " + source + " has no \"responses\" object (role id -> list).");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Role role = roleOf(entry.getKey(), source);
            if (!entry.getValue().isArray()) {
                throw new ScriptException(
                        "Script " + source + ": responses." + entry.getKey() + " must be a list of responses.");
            }
            int index = 0;
            for (JsonNode step : entry.getValue()) {
                index++;
                builder.reply(role, replyOf(step, source + ": responses." + entry.getKey() + "[" + index + "]"));
            }
        }
        return builder.build();
    }

    private static Role roleOf(String id, String source) {
        for (Role role : Role.values()) {
            if (role.id().equals(id.toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new ScriptException("Script " + source + ": unknown role \"" + id + "\"; roles are "
                + Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", ")) + ".");
    }

    private static Reply replyOf(JsonNode step, String where) {
        if (step.isTextual()) {
            return Reply.of(step.asText());
        }
        if (step.isObject() && step.has("$reply")) {
            JsonNode reply = step.get("$reply");
            if (!reply.isObject() || !reply.path("text").isTextual()) {
                throw new ScriptException("Script " + where + ": \"$reply\" needs a \"text\" string.");
            }
            long in = reply.path("inputTokens").asLong(0);
            long out = reply.path("outputTokens").asLong(0);
            if (in < 0 || out < 0) {
                throw new ScriptException("Script " + where + ": token counts must be >= 0.");
            }
            return new Reply(reply.get("text").asText(), in, out);
        }
        if (step.isObject() && step.has("$tool_calls")) {
            return toolCallsOf(step.get("$tool_calls"), where);
        }
        if (step.isObject() || step.isArray()) {
            return Reply.of(step.toString());
        }
        throw new ScriptException("Script " + where + " must be an object (returned as JSON) or a string (returned"
                + " verbatim), was " + step.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
    }

    /**
     * {@code {"$tool_calls": [{"name": "read_file", "arguments": {"path": "a.py"}}, ...]}}: the answer asks for these
     * tool calls (ids {@code call_1}, {@code call_2}... in the order given).
     */
    private static Reply toolCallsOf(JsonNode calls, String where) {
        if (!calls.isArray() || calls.isEmpty()) {
            throw new ScriptException("Script " + where + ": \"$tool_calls\" must be a non-empty list.");
        }
        List<ToolExecutionRequest> requests = new ArrayList<>();
        int i = 0;
        for (JsonNode call : calls) {
            i++;
            if (!call.path("name").isTextual()) {
                throw new ScriptException("Script " + where + ": $tool_calls[" + i + "] needs a \"name\" string.");
            }
            JsonNode args = call.get("arguments");
            String arguments = args == null ? "{}" : args.isTextual() ? args.asText() : args.toString();
            requests.add(ToolExecutionRequest.builder()
                    .id(call.path("id").asText("call_" + i))
                    .name(call.get("name").asText())
                    .arguments(arguments)
                    .build());
        }
        return Reply.toolCalls(requests);
    }

    @Override
    public ChatModel forRole(Role role) {
        Objects.requireNonNull(role, "role");
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return answer(Optional.of(role), request);
            }

            @Override
            public String toString() {
                return "ScriptedChatModel[" + role.id() + "]";
            }
        };
    }

    /**
     * Answers a request that names no role. Only possible when exactly one role is scripted.
     *
     * @throws ScriptException when the role cannot be told
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        return answer(Optional.empty(), request);
    }

    private synchronized ChatResponse answer(Optional<Role> asked, ChatRequest request) {
        requests.add(new RecordedRequest(requests.size() + 1, asked, request));
        Role role = asked.orElseGet(() -> {
            if (replies.size() == 1) {
                return replies.keySet().iterator().next();
            }
            throw new ScriptException("The scripted model was called without a role; use forRole(role) or give it"
                    + " to Agent.builder().chatModel(model).");
        });
        List<Reply> list = replies.get(role);
        if (list == null || list.isEmpty()) {
            throw new ScriptException("The script has no responses for role " + role.id() + ".");
        }
        int next = used.getOrDefault(role, 0);
        Reply reply;
        if (next < list.size()) {
            reply = list.get(next);
        } else if (onExhausted == Exhausted.REPEAT_LAST) {
            reply = list.get(list.size() - 1);
        } else {
            throw new ScriptException("The script's " + list.size() + " response(s) for role " + role.id()
                    + " are used up; add more or set \"onExhausted\": \"repeat-last\".");
        }
        used.put(role, next + 1);
        long in = reply.inputTokens() > 0
                ? reply.inputTokens()
                : ESTIMATOR.estimateTokenCountInMessages(request.messages());
        long out = reply.outputTokens() > 0
                ? reply.outputTokens()
                : Math.max(1, ESTIMATOR.estimateTokenCountInText(reply.text()));
        AiMessage message =
                reply.toolCalls().isEmpty() ? AiMessage.from(reply.text()) : AiMessage.from(reply.toolCalls());
        return ChatResponse.builder()
                .aiMessage(message)
                .tokenUsage(new TokenUsage(Math.toIntExact(in), Math.toIntExact(out)))
                .modelName(MODEL_NAME)
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** {@return every request received so far, in order} */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * {@return the requests one role made, in order}
     *
     * @param role the role
     */
    public synchronized List<ChatRequest> requests(Role role) {
        return requests.stream()
                .filter(r -> r.role().equals(Optional.of(role)))
                .map(RecordedRequest::request)
                .toList();
    }

    /**
     * {@return how many scripted responses of {@code role} have not been used yet}
     *
     * @param role the role
     */
    public synchronized int remaining(Role role) {
        List<Reply> list = replies.getOrDefault(role, List.of());
        return Math.max(0, list.size() - used.getOrDefault(role, 0));
    }

    @Override
    public String toString() {
        return "ScriptedChatModel" + replies.keySet();
    }

    /** Builds a {@link ScriptedChatModel} in code. */
    public static final class Builder {
        private final Map<Role, List<Reply>> replies = new EnumMap<>(Role.class);
        private Exhausted onExhausted = Exhausted.FAIL;

        private Builder() {}

        /**
         * Appends responses returned verbatim to {@code role}'s list.
         *
         * @param role the role that receives them
         * @param texts the answers, in order
         * @return this builder
         */
        public Builder respond(Role role, String... texts) {
            for (String text : texts) {
                reply(role, Reply.of(text));
            }
            return this;
        }

        /**
         * Appends one response to {@code role}'s list.
         *
         * @param role the role that receives it
         * @param reply the answer
         * @return this builder
         */
        public Builder reply(Role role, Reply reply) {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(reply, "reply");
            replies.computeIfAbsent(role, r -> new ArrayList<>()).add(reply);
            return this;
        }

        /**
         * Default {@link Exhausted#FAIL}.
         *
         * @param value the on exhausted
         * @return this builder
         */
        public Builder onExhausted(Exhausted value) {
            this.onExhausted = Objects.requireNonNull(value, "onExhausted");
            return this;
        }

        /** {@return the model answering from the script} */
        public ScriptedChatModel build() {
            Map<Role, List<Reply>> copy = new EnumMap<>(Role.class);
            replies.forEach((role, list) -> copy.put(role, List.copyOf(list)));
            return new ScriptedChatModel(copy, onExhausted);
        }
    }
}
