package dev.agentloop.core.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * A tokenizer-free {@link dev.langchain4j.model.TokenCountEstimator}: about one token per 4 characters (rounded up)
 * plus 4 tokens of framing per message. It over-estimates English prose and code slightly compared with OpenAI's
 * tokenizers, which is the safe side for a budget. Use a real tokenizer's estimator (e.g. langchain4j-open-ai's) when
 * one is on the class path; this one has no dependencies and is deterministic.
 */
public final class ApproxTokenCountEstimator implements dev.langchain4j.model.TokenCountEstimator {

    /** Characters per token assumed. */
    public static final int CHARS_PER_TOKEN = 4;

    /** Tokens added per message for its role and framing. */
    public static final int TOKENS_PER_MESSAGE = 4;

    @Override
    public int estimateTokenCountInText(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return TOKENS_PER_MESSAGE + estimateTokenCountInText(textOf(message));
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage message : messages) {
            total += estimateTokenCountInMessage(message);
        }
        return total;
    }

    /** The text of a message, whatever its type; empty when it has none. */
    static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return s.text();
        }
        if (message instanceof UserMessage u) {
            StringBuilder text = new StringBuilder();
            u.contents().forEach(c -> {
                if (c instanceof TextContent t) {
                    text.append(t.text());
                }
            });
            return text.toString();
        }
        if (message instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        if (message instanceof ToolExecutionResultMessage t) {
            return t.text();
        }
        return "";
    }
}
