package dev.agentloop.core.internal.role;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/** A rendered prompt: an optional system part and the user part. */
public record Prompt(String system, String user) {

    public List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!system.isBlank()) {
            messages.add(SystemMessage.from(system));
        }
        messages.add(UserMessage.from(user));
        return messages;
    }
}
