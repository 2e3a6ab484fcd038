package dev.agentloop.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An embedding model with the name and dimension the memory stores next to the vectors, loaded lazily: the model is
 * created on the first {@link #embed} call and then kept, so commands that only read history never load it.
 * Thread-safe.
 */
public final class MemoryEmbeddingModel {

    private final String name;
    private final int dimension;
    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel model;

    private MemoryEmbeddingModel(String name, int dimension, Supplier<EmbeddingModel> loader) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("embedding model name must not be blank");
        }
        if (dimension < 1 || dimension > 16000) {
            throw new IllegalArgumentException("embedding dimension must be in 1..16000, was " + dimension);
        }
        this.name = name;
        this.dimension = dimension;
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * {@return a model loaded on first use}
     *
     * @param name the name stored with the vectors, e.g. {@code all-minilm-l6-v2}
     * @param dimension the length of its vectors
     * @param loader creates the model; called at most once
     */
    public static MemoryEmbeddingModel lazy(String name, int dimension, Supplier<EmbeddingModel> loader) {
        return new MemoryEmbeddingModel(name, dimension, loader);
    }

    /**
     * {@return an already created model; its dimension is asked from the model}
     *
     * @param name the name recorded with the stored vectors, e.g. {@code my-model-v1}
     * @param model the model
     */
    public static MemoryEmbeddingModel of(String name, EmbeddingModel model) {
        Objects.requireNonNull(model, "model");
        MemoryEmbeddingModel result = new MemoryEmbeddingModel(name, model.dimension(), () -> model);
        result.model = model;
        return result;
    }

    /** {@return the name recorded with the stored vectors; a model change is detected by it} */
    public String name() {
        return name;
    }

    /** {@return the vector length} */
    public int dimension() {
        return dimension;
    }

    /** {@return whether the model has been created yet} */
    public boolean loaded() {
        return model != null;
    }

    /**
     * {@return the text's vector, L2-normalised}
     *
     * @param text the text; a blank one is embedded as {@code (empty)}
     * @throws IllegalStateException when the model returns a vector of another length than {@link #dimension()}
     */
    public float[] embed(String text) {
        Embedding embedding = model().embed(text.isBlank() ? "(empty)" : text).content();
        float[] vector = embedding.vector();
        if (vector.length != dimension) {
            throw new IllegalStateException("embedding model '" + name + "' returned " + vector.length
                    + " dimensions, configured " + dimension);
        }
        return normalise(vector);
    }

    private EmbeddingModel model() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    current = Objects.requireNonNull(loader.get(), "embedding model loader returned null");
                    model = current;
                }
            }
        }
        return current;
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " (" + dimension + " dimensions)";
    }
}
