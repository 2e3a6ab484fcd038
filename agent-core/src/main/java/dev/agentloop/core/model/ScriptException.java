package dev.agentloop.core.model;

import dev.agentloop.core.AgentException;

/**
 * A scripted or replayed model cannot answer: its script file is malformed, a role's responses are used up, or a
 * replay diverged from its recording. The message is one sentence naming the file, role or step.
 */
public class ScriptException extends AgentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the script and what is wrong with it.
     *
     * @param message one sentence naming the script and the problem
     */
    public ScriptException(String message) {
        super(message);
    }

    /**
     * An exception naming the script and what is wrong with it, with its cause.
     *
     * @param message one sentence naming the script and the problem
     * @param cause the underlying exception
     */
    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
