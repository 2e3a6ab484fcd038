package dev.agentloop.cli.model;

import dev.agentloop.core.AgentException;

/** A remote model endpoint is configured but no key is in the environment. */
public final class MissingApiKeyException extends AgentException {

    private static final long serialVersionUID = 1L;

    MissingApiKeyException(String baseUrl) {
        super("No API key for " + baseUrl + ": set " + OpenAiModelFactory.KEY_VARIABLES.get(0) + " or "
                + OpenAiModelFactory.KEY_VARIABLES.get(1) + " in the environment.");
    }
}
