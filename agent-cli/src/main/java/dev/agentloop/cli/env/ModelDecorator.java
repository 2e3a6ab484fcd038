package dev.agentloop.cli.env;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.ChatModel;

/** Wraps each role's model before the agent gets it (the batch puts its global budget in front). */
@FunctionalInterface
public interface ModelDecorator {

    /** Leaves every model as it is. */
    ModelDecorator NONE = (role, model, config) -> model;

    /**
     * @param config the agent's config: prices, the most output tokens a call asks for
     * @return the model the agent uses for {@code role}
     */
    ChatModel decorate(Role role, ChatModel model, AgentConfig config);
}
