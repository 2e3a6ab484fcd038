package dev.agentloop.cli.model;

import dev.agentloop.core.Role;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the models are and which model each role uses ({@code models:} in {@code config/agent.yaml}). The key is
 * never here: it comes from the environment.
 *
 * @param baseUrl an OpenAI-compatible endpoint, e.g. {@code https://api.openai.com/v1} or
 *     {@code http://localhost:11434/v1}
 * @param defaultModel the model of every role without its own entry
 * @param roleModels the roles with their own model; may be empty
 * @param timeout limit of one HTTP call; default {@link #DEFAULT_TIMEOUT}
 * @param maxRetries retries after a 429, a 5xx or a timeout (so {@code maxRetries + 1} attempts); default
 *     {@value #DEFAULT_MAX_RETRIES}
 */
public record ModelSettings(
        String baseUrl, String defaultModel, Map<Role, String> roleModels, Duration timeout, int maxRetries) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 2;

    /** @throws IllegalArgumentException naming the setting when a value is unusable */
    public ModelSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("models.base-url is not a URL: '" + baseUrl + "'");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("models.base-url must be an http(s) URL, was '" + baseUrl + "'");
        }
        baseUrl = baseUrl.strip();
        if (defaultModel == null || defaultModel.isBlank()) {
            throw new IllegalArgumentException("models.default must name a model, was '" + defaultModel + "'");
        }
        roleModels = roleModels == null || roleModels.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(roleModels));
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("models.timeout must be positive, was " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("models.max-retries must be in 0..10, was " + maxRetries);
        }
    }

    /** One model for every role, default timeout and retries. */
    public static ModelSettings of(String baseUrl, String defaultModel) {
        return new ModelSettings(baseUrl, defaultModel, Map.of(), DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
    }

    public ModelSettings withRoleModel(Role role, String model) {
        Map<Role, String> copy = new EnumMap<>(Role.class);
        copy.putAll(roleModels);
        copy.put(role, model);
        return new ModelSettings(baseUrl, defaultModel, copy, timeout, maxRetries);
    }

    public ModelSettings withTimeout(Duration value) {
        return new ModelSettings(baseUrl, defaultModel, roleModels, value, maxRetries);
    }

    public ModelSettings withMaxRetries(int value) {
        return new ModelSettings(baseUrl, defaultModel, roleModels, timeout, value);
    }

    /** The model a role uses. */
    public String modelFor(Role role) {
        String model = roleModels.get(role);
        return model == null || model.isBlank() ? defaultModel : model;
    }

    /** Whether the endpoint is on this machine (Ollama, llama.cpp): then no key is needed. */
    public boolean isLocal() {
        String host = URI.create(baseUrl).getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]");
    }
}
