package dev.agentloop.core;

import java.util.Objects;

/**
 * How models act before they answer in repository mode (read, search, run a command, edit).
 *
 * @param protocol how the model asks for an action
 * @param maxPerPhase actions allowed in one phase (CODE or REFLECT) before the model is told to answer; default 20
 * @param maxResultChars the most of one action's result handed back to the model (the middle is cut); default 12,000
 */
public record ActionConfig(Protocol protocol, int maxPerPhase, int maxResultChars) {

    /** Native tool calls, 20 actions per phase, 12,000 characters per result. */
    public static final ActionConfig DEFAULTS = new ActionConfig(Protocol.NATIVE, 20, 12_000);

    /** How a model asks for an action. */
    public enum Protocol {
        /** The endpoint's own tool calling (langchain4j tool specifications; OpenAI {@code tool_calls}). */
        NATIVE,
        /** One JSON object per answer, {@code {"action": "read_file", "path": "..."}}, for models without tools. */
        JSON
    }

    /**
     * Checks the components.
     *
     * @param protocol how the model asks for an action
     * @param maxPerPhase actions allowed in one phase (CODE or REFLECT) before the model is told to answer; default 20
     * @param maxResultChars the most of one action's result handed back to the model (the middle is cut); default
     *     12,000
     */
    public ActionConfig {
        Objects.requireNonNull(protocol, "protocol");
        if (maxPerPhase < 0) {
            throw new IllegalArgumentException("maxPerPhase must be >= 0, was " + maxPerPhase);
        }
        if (maxResultChars < 200) {
            throw new IllegalArgumentException("maxResultChars must be >= 200, was " + maxResultChars);
        }
    }

    /**
     * {@return a copy with another protocol}
     *
     * @param value how the model asks for an action
     */
    public ActionConfig withProtocol(Protocol value) {
        return new ActionConfig(value, maxPerPhase, maxResultChars);
    }

    /**
     * {@return a copy with another limit of actions per phase}
     *
     * @param value actions allowed in one phase, 0 or more
     */
    public ActionConfig withMaxPerPhase(int value) {
        return new ActionConfig(protocol, value, maxResultChars);
    }
}
