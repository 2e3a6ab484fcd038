package dev.agentloop.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feature hashing of words and adjacent word pairs into a fixed number of buckets (signed, log-scaled counts). Fast
 * and deterministic; lexical only.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

    private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*|\\p{N}+");
    private final int dimension;

    public HashingEmbeddingModel(int dimension) {
        if (dimension < 8) {
            throw new IllegalArgumentException("dimension must be >= 8, was " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(new Embedding(vector(s.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    float[] vector(String text) {
        float[] counts = new float[dimension];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        String previous = null;
        while (m.find()) {
            String word = m.group();
            add(counts, word);
            if (previous != null) {
                add(counts, previous + ' ' + word);
            }
            previous = word;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (float) (Math.signum(counts[i]) * Math.log1p(Math.abs(counts[i])));
        }
        return counts;
    }

    private void add(float[] counts, String feature) {
        int h = fnv(feature);
        counts[Math.floorMod(h, dimension)] += (h & 0x40000000) == 0 ? 1f : -1f;
    }

    private static int fnv(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x01000193;
        }
        return h;
    }
}
