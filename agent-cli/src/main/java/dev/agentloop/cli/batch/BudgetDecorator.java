package dev.agentloop.cli.batch;

import dev.agentloop.cli.env.ModelDecorator;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.ModelPrice;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import java.util.function.Consumer;

/**
 * Puts the {@link BatchBudget} in front of every role's model, and remembers the dearest role's price: a task's
 * worst-case first call is priced with it.
 */
final class BudgetDecorator implements ModelDecorator {

    private final BatchBudget budget;
    private final Consumer<BatchBudget.Refusal> onRefused;
    private final ApproxTokenCountEstimator estimator = new ApproxTokenCountEstimator();
    private volatile ModelPrice dearest = ModelPrice.FREE;
    private volatile AgentConfig config;

    BudgetDecorator(BatchBudget budget, Consumer<BatchBudget.Refusal> onRefused) {
        this.budget = budget;
        this.onRefused = onRefused;
    }

    @Override
    public synchronized ChatModel decorate(Role role, ChatModel model, AgentConfig agentConfig) {
        this.config = agentConfig;
        String name = model.defaultRequestParameters() == null
                ? null
                : model.defaultRequestParameters().modelName();
        ModelPrice price = agentConfig.priceOf(name);
        if (price.inputPer1k() + price.outputPer1k() > dearest.inputPer1k() + dearest.outputPer1k()) {
            dearest = price;
        }
        return new BudgetedChatModel(model, agentConfig, budget, estimator, onRefused);
    }

    /**
     * The most a task's first call could use: a prompt as large as the hygiene budget allows (or the task's own text,
     * when larger) and the most output a call asks for.
     *
     * @param taskText the task's text with its given tests
     */
    long worstFirstCallTokens(String taskText) {
        AgentConfig c = config;
        long prompt = Math.max(c.hygiene().maxPromptTokens(), estimator.estimateTokenCountInText(taskText));
        return prompt + c.maxOutputTokens();
    }

    /** That call at the dearest role's price. */
    double worstFirstCallCost(String taskText) {
        AgentConfig c = config;
        long prompt = Math.max(c.hygiene().maxPromptTokens(), estimator.estimateTokenCountInText(taskText));
        return dearest.cost(prompt, c.maxOutputTokens());
    }
}
