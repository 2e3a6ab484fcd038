package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.ModelPrice;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A role's model with the batch's budget in front: each call reserves its worst case in the {@link BatchBudget}
 * (priced as the loop prices it) and settles with the usage it reports. A call that cannot fit stops its run
 * ({@code onRefused}) and is not made.
 */
final class BudgetedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final AgentConfig config;
    private final BatchBudget budget;
    private final TokenCountEstimator estimator;
    private final Consumer<BatchBudget.Refusal> onRefused;

    /**
     * @param onRefused called on the run's thread before the refused call throws; stops that run
     */
    BudgetedChatModel(
            ChatModel delegate,
            AgentConfig config,
            BatchBudget budget,
            TokenCountEstimator estimator,
            Consumer<BatchBudget.Refusal> onRefused) {
        this.delegate = delegate;
        this.config = config;
        this.budget = budget;
        this.estimator = estimator;
        this.onRefused = onRefused;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return guarded(request, () -> delegate.chat(request));
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return guarded(request, () -> delegate.chat(request, options));
    }

    private ChatResponse guarded(ChatRequest request, Supplier<ChatResponse> call) {
        ModelPrice price = config.priceOf(nameOf(delegate));
        long in = estimator.estimateTokenCountInMessages(request.messages());
        long maxOut = request.maxOutputTokens() != null ? request.maxOutputTokens() : config.maxOutputTokens();
        BatchBudget.Reservation reservation;
        try {
            reservation = budget.reserve(in + maxOut, price.cost(in, maxOut));
        } catch (BatchBudget.RefusedException e) {
            onRefused.accept(e.refusal());
            throw e;
        }
        ChatResponse response;
        try {
            response = call.get();
        } catch (RuntimeException | Error e) {
            budget.settle(reservation, 0, 0); // the loop counts nothing for a failed call either
            throw e;
        }
        TokenUsage usage = response.tokenUsage();
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? ""
                : response.aiMessage().text();
        long usedIn = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : in;
        long usedOut = usage != null && usage.outputTokenCount() != null
                ? usage.outputTokenCount()
                : estimator.estimateTokenCountInText(text);
        ModelPrice reported = response.modelName() == null ? ModelPrice.FREE : config.priceOf(response.modelName());
        double cost = (reported.equals(ModelPrice.FREE) ? price : reported).cost(usedIn, usedOut);
        budget.settle(reservation, usedIn + usedOut, cost);
        return response;
    }

    private static String nameOf(ChatModel model) {
        try {
            ChatRequestParameters p = model.defaultRequestParameters();
            return p == null || p.modelName() == null ? "unknown" : p.modelName();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "budgeted " + delegate;
    }
}
