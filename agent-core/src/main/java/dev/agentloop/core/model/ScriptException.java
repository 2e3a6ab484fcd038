package dev.agentloop.core.model;

import dev.agentloop.core.AgentException;

/**
 * A scripted or replayed model cannot answer: its script file is malformed, a role's responses are used up, or a
 * replay diverged from its recording. The message is one sentence naming the file, role or step.
 */
public class ScriptException extends AgentException {

    private static final long serialVersionUID = 1L;

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
