package dev.agentloop.cli.support;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/** A model that records the text of every request (all its messages) before passing it on. */
public final class RecordingModel implements ChatModel {

    private final ChatModel delegate;
    private final List<String> requests;

    public RecordingModel(ChatModel delegate, List<String> requests) {
        this.delegate = delegate;
        this.requests = requests;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            text.append(textOf(m)).append('\n');
        }
        requests.add(text.toString());
        return delegate.chat(request);
    }

    private static String textOf(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof UserMessage u) {
            return u.hasSingleText() ? u.singleText() : u.contents().toString();
        }
        return m.toString();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }
}
