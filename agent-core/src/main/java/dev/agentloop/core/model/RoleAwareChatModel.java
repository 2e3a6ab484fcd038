package dev.agentloop.core.model;

import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.ChatModel;

/**
 * A model that answers differently per role, such as {@link ScriptedChatModel} or {@link ReplayChatModel}. When one
 * is given to {@code Agent.builder().chatModel(m)}, each role is served by {@link #forRole(Role)}.
 */
public interface RoleAwareChatModel extends ChatModel {

    /**
     * The view of this model that serves one role.
     *
     * @param role the role, never null
     * @return a model answering that role's requests; never null
     */
    ChatModel forRole(Role role);
}
