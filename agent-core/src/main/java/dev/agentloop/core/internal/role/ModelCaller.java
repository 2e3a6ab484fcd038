package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/** Sends one role's messages to its model and returns the answer's text; the loop's gateway implements it. */
@FunctionalInterface
public interface ModelCaller {

    /** @return the answer's text, empty when the model returned none */
    String call(Role role, List<ChatMessage> messages);
}
