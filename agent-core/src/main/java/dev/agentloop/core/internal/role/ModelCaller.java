package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/** Sends one role's messages to its model and returns the answer's text; the loop's gateway implements it. */
@FunctionalInterface
public interface ModelCaller {

    /** @return the answer's text, empty when the model returned none */
    String call(Role role, List<ChatMessage> messages);

    /**
     * Sends messages with the tools the model may call (repository mode's actions) and returns the whole answer: its
     * text and the tool calls it asks for. With no tools, the answer is the text of {@link #call}.
     */
    default AiMessage converse(Role role, List<ChatMessage> messages, List<ToolSpecification> tools) {
        return AiMessage.from(call(role, messages));
    }
}
