package dev.agentloop.memory.bench;

import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A benchmark-only wrapper that embeds each distinct text once, so a sweep ranks the same probes many times. With a
 * cache file ({@code -Dfailbench.embeddingCache=FILE}) the vectors also outlive the run: repeated runs on the same
 * data spend their time ranking, not embedding. The file is keyed by the model's name and the text's SHA-256.
 */
final class CachingEmbedding implements EmbeddingModel {

    private final MemoryEmbeddingModel inner;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final Path file;

    private CachingEmbedding(MemoryEmbeddingModel inner, Path file) {
        this.inner = inner;
        this.file = file;
        if (file != null && Files.isReadable(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(line.substring(tab + 1)));
                        float[] v = new float[b.remaining() / Float.BYTES];
                        b.asFloatBuffer().get(v);
                        cache.put(line.substring(0, tab), v);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding cache " + file, e);
            }
        }
    }

    static MemoryEmbeddingModel of(MemoryEmbeddingModel inner) {
        String cacheFile = System.getProperty("failbench.embeddingCache");
        Path file = cacheFile == null || cacheFile.isBlank() ? null : Path.of(cacheFile);
        return MemoryEmbeddingModel.lazy(inner.name(), inner.dimension(), () -> new CachingEmbedding(inner, file));
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            String key = key(s.text());
            out.add(new Embedding(cache.computeIfAbsent(key, k -> stored(k, inner.embed(s.text())))));
        }
        return Response.from(out);
    }

    private float[] stored(String key, float[] vector) {
        if (file != null) {
            ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES);
            b.asFloatBuffer().put(vector);
            synchronized (this) {
                try (BufferedWriter w = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    w.write(key + "\t" + Base64.getEncoder().encodeToString(b.array()));
                    w.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the embedding cache " + file, e);
                }
            }
        }
        return vector;
    }

    private String key(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(inner.name().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }
}
