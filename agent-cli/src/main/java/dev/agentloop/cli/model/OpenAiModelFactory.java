package dev.agentloop.cli.model;

import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds one langchain4j {@link OpenAiChatModel} per role for any OpenAI-compatible endpoint: base URL and model
 * names from {@link ModelSettings}, the key from the environment ({@code AGENT_MODEL_API_KEY}, else
 * {@code OPENAI_API_KEY}), JSON response format, the timeout and the retries (langchain4j retries a 429, a
 * 5xx and a timeout; anything else fails at once). Roles that use the same model share one instance.
 *
 * <p>Failed calls throw langchain4j's exceptions; {@code dev.agentloop.core.model.ModelFailures#describe} turns
 * each into one sentence for a person.
 */
public final class OpenAiModelFactory {

    /** The environment variables read for the key, in order. */
    public static final List<String> KEY_VARIABLES = List.of("AGENT_MODEL_API_KEY", "OPENAI_API_KEY");

    /** Sent as the key to a local endpoint that needs none (the client insists on one). */
    static final String NO_KEY = "not-needed";

    private final Function<String, String> environment;

    /** @param environment reads an environment variable, e.g. {@code System::getenv} */
    public OpenAiModelFactory(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static OpenAiModelFactory fromSystemEnvironment() {
        return new OpenAiModelFactory(System::getenv);
    }

    /**
     * The model of every role.
     *
     * @throws MissingApiKeyException when the endpoint is remote and neither key variable is set
     */
    public Map<Role, ChatModel> create(ModelSettings settings) {
        String key = apiKey(settings);
        Map<String, ChatModel> byName = new HashMap<>();
        Map<Role, ChatModel> models = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String name = settings.modelFor(role);
            models.put(role, byName.computeIfAbsent(name, n -> build(settings, n, key)));
        }
        return models;
    }

    /** One model, for a role or a health check. */
    public ChatModel create(ModelSettings settings, String modelName) {
        return build(settings, modelName, apiKey(settings));
    }

    private static ChatModel build(ModelSettings settings, String modelName, String key) {
        return OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(key)
                .modelName(modelName)
                .responseFormat(ResponseFormat.JSON)
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .build();
    }

    private String apiKey(ModelSettings settings) {
        for (String variable : KEY_VARIABLES) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        if (settings.isLocal()) {
            return NO_KEY;
        }
        throw new MissingApiKeyException(settings.baseUrl());
    }
}
