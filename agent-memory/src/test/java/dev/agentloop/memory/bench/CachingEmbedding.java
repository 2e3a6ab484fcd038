package dev.agentloop.memory.bench;

import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A benchmark-only wrapper that embeds each distinct text once, so a sweep ranks the same probes many times. */
final class CachingEmbedding implements EmbeddingModel {

    private final MemoryEmbeddingModel inner;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    private CachingEmbedding(MemoryEmbeddingModel inner) {
        this.inner = inner;
    }

    static MemoryEmbeddingModel of(MemoryEmbeddingModel inner) {
        return MemoryEmbeddingModel.lazy(inner.name(), inner.dimension(), () -> new CachingEmbedding(inner));
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(new Embedding(cache.computeIfAbsent(s.text(), inner::embed)));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }
}
