package dev.agentloop.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.Language;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gold answer of a repository instance: the coder takes the turns {@link GoldRepair} made from the gold patch
 * (search, read, replace, run the failing tests, answer), each action as a native tool call when the request offers
 * tools and as the JSON action protocol's object otherwise. Once the turns are used up the coder gives the final
 * answer again (no edits), so a run the gold patch does not solve ends by the breaker instead of an error. Other
 * roles answer as {@link GoldFiles} does. One instance serves one run.
 */
final class GoldActions implements GoldAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApproxTokenCountEstimator ESTIMATOR = new ApproxTokenCountEstimator();

    private final List<JsonNode> turns;
    private final GoldFiles others;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param title the task's first line
     * @param language the project's language
     * @param turns the coder's turns from {@link GoldRepair#turns}: {@code {"$tool_calls": [...]}} or the final
     *     answer's JSON; the last is the final answer
     * @throws IllegalArgumentException when there is no turn or one is not JSON
     */
    GoldActions(String title, Language language, List<String> turns) {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("the gold repair has no turn");
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String turn : turns) {
            try {
                parsed.add(JSON.readTree(turn));
            } catch (IOException e) {
                throw new IllegalArgumentException("a gold turn is not JSON: " + turn, e);
            }
        }
        this.turns = List.copyOf(parsed);
        this.others = new GoldFiles(title, language, Map.of());
    }

    @Override
    public ChatResponse respond(Role role, ChatRequest request) {
        AiMessage message;
        if (role == Role.CODER) {
            int i = next.getAndIncrement();
            message = message(
                    turns.get(Math.min(i, turns.size() - 1)),
                    !request.toolSpecifications().isEmpty());
        } else {
            message = AiMessage.from(others.answer(role));
        }
        String text = message.text() == null ? "" : message.text();
        long out = ESTIMATOR.estimateTokenCountInText(text)
                + (message.hasToolExecutionRequests()
                        ? ESTIMATOR.estimateTokenCountInText(
                                message.toolExecutionRequests().toString())
                        : 0);
        return ChatResponse.builder()
                .aiMessage(message)
                .tokenUsage(new TokenUsage(ESTIMATOR.estimateTokenCountInMessages(request.messages()), (int) out))
                .modelName(GoldModel.MODEL_NAME)
                .finishReason(message.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    /** A turn as the run asks for it: tool calls, or one JSON action per answer, or the final answer. */
    private static AiMessage message(JsonNode turn, boolean nativeTools) {
        JsonNode calls = turn.get("$tool_calls");
        if (calls == null) {
            return AiMessage.from(turn.toString());
        }
        if (nativeTools) {
            List<ToolExecutionRequest> requests = new ArrayList<>();
            for (JsonNode call : calls) {
                requests.add(ToolExecutionRequest.builder()
                        .id("gold_" + (requests.size() + 1))
                        .name(call.path("name").asText())
                        .arguments(call.path("arguments").toString())
                        .build());
            }
            return AiMessage.from(requests);
        }
        // the JSON protocol takes one action per answer; GoldRepair's turns hold one call each
        JsonNode call = calls.get(0);
        ObjectNode action =
                JSON.createObjectNode().put("action", call.path("name").asText());
        call.path("arguments").fields().forEachRemaining(f -> action.set(f.getKey(), f.getValue()));
        try {
            return AiMessage.from(JSON.writeValueAsString(action));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
