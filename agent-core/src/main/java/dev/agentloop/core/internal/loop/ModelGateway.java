package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.ModelException;
import dev.agentloop.core.ModelPrice;
import dev.agentloop.core.Role;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.model.ModelFailures;
import dev.agentloop.core.model.TrajectoryRecorder;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model call of a run goes through here: the breaker is asked first with the call's worst case, the request
 * asks for JSON, usage and cost are counted per phase, the call is recorded to the trajectory and published.
 */
final class ModelGateway implements dev.agentloop.core.internal.role.ModelCaller {

    private static final Logger LOG = LoggerFactory.getLogger(ModelGateway.class);

    private final Map<Role, ChatModel> models;
    private final AgentConfig config;
    private final CircuitBreaker breaker;
    private final TokenCountEstimator estimator;
    private final Events events;
    private final Clock clock;
    private final Optional<TrajectoryRecorder> trajectory;
    private final RunState state;
    private final UUID taskId;
    private final BooleanSupplier cancelled;

    ModelGateway(
            Map<Role, ChatModel> models,
            AgentConfig config,
            CircuitBreaker breaker,
            TokenCountEstimator estimator,
            Events events,
            Clock clock,
            Optional<TrajectoryRecorder> trajectory,
            RunState state,
            UUID taskId,
            BooleanSupplier cancelled) {
        this.models = models;
        this.config = config;
        this.breaker = breaker;
        this.estimator = estimator;
        this.events = events;
        this.clock = clock;
        this.trajectory = trajectory;
        this.state = state;
        this.taskId = taskId;
        this.cancelled = cancelled;
    }

    @Override
    public String call(Role role, List<ChatMessage> messages) {
        AiMessage answer = converse(role, messages, List.of());
        return answer.text() == null ? "" : answer.text();
    }

    /**
     * With tools, the request does not ask for JSON: a model answering with tool calls has no JSON text, and some
     * OpenAI-compatible servers refuse the two together. The role's final answer is still asked for as JSON by its
     * prompt and parsed as such.
     */
    @Override
    public AiMessage converse(Role role, List<ChatMessage> messages, List<ToolSpecification> tools) {
        ChatModel model = models.get(role);
        String configuredName = nameOf(model);
        ModelPrice price = config.priceOf(configuredName);
        long estimate = estimator.estimateTokenCountInMessages(messages);
        int maxOutput = config.maxOutputTokens();
        Optional<Trip> trip = breaker.beforeCall(estimate, maxOutput, price.inputPer1k(), price.outputPer1k());
        if (trip.isPresent()) {
            throw new StopSignal(trip.get());
        }
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages).maxOutputTokens(maxOutput);
        if (tools.isEmpty()) {
            builder.responseFormat(ResponseFormat.JSON);
        } else {
            builder.toolSpecifications(tools);
        }
        ChatRequest request = builder.build();
        Instant started = clock.instant();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            Duration took = Duration.between(started, clock.instant());
            events.publish(new ModelCalled(
                    taskId, state.iteration(), clock.instant(), role, configuredName, estimate, 0, took, false));
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new StopSignal(new Trip(StopReason.CANCELLED, "cancelled during a " + role.id() + " model call"));
            }
            LOG.debug("Model call for {} failed", role.id(), e);
            throw new ModelException(
                    role, role.id() + ": " + ModelFailures.describe(e), e, ModelFailures.isTransient(e));
        }
        AiMessage answer = response.aiMessage() == null ? AiMessage.from("") : response.aiMessage();
        String text = answer.text() == null ? "" : answer.text();
        TokenUsage usage = response.tokenUsage();
        long in = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : estimate;
        long out = usage != null && usage.outputTokenCount() != null
                ? usage.outputTokenCount()
                : estimator.estimateTokenCountInText(text);
        String reportedName = response.modelName() != null ? response.modelName() : configuredName;
        double cost = config.priceOf(reportedName).equals(ModelPrice.FREE)
                ? price.cost(in, out)
                : config.priceOf(reportedName).cost(in, out);
        breaker.recordUsage(in, out, cost);
        state.addTokens(in + out);
        trajectory.ifPresent(t -> t.record(role, request, response, in, out));
        Duration took = Duration.between(started, clock.instant());
        LOG.debug("Model call for {}: {} in, {} out, {} ms", role.id(), in, out, took.toMillis());
        events.publish(
                new ModelCalled(taskId, state.iteration(), clock.instant(), role, reportedName, in, out, took, true));
        return answer;
    }

    private static String nameOf(ChatModel model) {
        try {
            String name = model.defaultRequestParameters() == null
                    ? null
                    : model.defaultRequestParameters().modelName();
            return name == null ? "unknown" : name;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
