package dev.agentloop.memory.bench;

import java.util.List;

/**
 * One way to index the failures' vectors for {@code scripts/bench-memory --compare}: the index it builds, and how a
 * top-5 query reads through it (with an exact re-ranking where the index is approximate in its distances too).
 *
 * @param key names the variant on the command line ({@code --variants halfvec-16-128,binary-400})
 * @param name as printed
 * @param createIndex the CREATE INDEX statement; {@code %s} stands for the schema
 * @param topFive the top-5 query; {@code %s} stands for the schema, the one parameter is the probe's vector text
 */
record IndexVariant(String key, String name, String createIndex, String topFive) {

    /** The float vector column under HNSW, as the memory had it before halfvec. */
    static IndexVariant vector(int m, int efConstruction) {
        return new IndexVariant(
                "vector-" + m + "-" + efConstruction,
                "vector, HNSW m=" + m + " ef_construction=" + efConstruction,
                "CREATE INDEX bench_idx ON %s.failures USING hnsw (embedding vector_cosine_ops) WITH (m = " + m
                        + ", ef_construction = " + efConstruction + ")",
                "SELECT id FROM %s.failures ORDER BY embedding <=> ?::vector LIMIT 5");
    }

    /** Half-precision vectors (an expression index over the float column), searched in half precision. */
    static IndexVariant halfvec(int dimension, int m, int efConstruction) {
        String half = "(embedding::halfvec(" + dimension + "))";
        return new IndexVariant(
                "halfvec-" + m + "-" + efConstruction,
                "halfvec, HNSW m=" + m + " ef_construction=" + efConstruction,
                "CREATE INDEX bench_idx ON %s.failures USING hnsw (" + half + " halfvec_cosine_ops) WITH (m = " + m
                        + ", ef_construction = " + efConstruction + ")",
                "SELECT id FROM %s.failures ORDER BY " + half + " <=> ?::halfvec(" + dimension + ") LIMIT 5");
    }

    /**
     * One bit per dimension under HNSW (Hamming distance), the best {@code overFetch} re-ranked by the exact cosine
     * distance of the float column.
     */
    static IndexVariant binary(int dimension, int overFetch) {
        String bits = "(binary_quantize(embedding)::bit(" + dimension + "))";
        return new IndexVariant(
                "binary-" + overFetch,
                "binary quantized, HNSW, best " + overFetch + " re-ranked",
                "CREATE INDEX bench_idx ON %s.failures USING hnsw (" + bits + " bit_hamming_ops)",
                "SELECT id FROM (SELECT id, embedding FROM %s.failures ORDER BY " + bits
                        + " <~> binary_quantize(?::vector)::bit(" + dimension + ") LIMIT " + overFetch
                        + ") c ORDER BY c.embedding <=> ?::vector LIMIT 5");
    }

    /** Every variant, or those whose keys {@code keys} lists (all when empty). */
    static List<IndexVariant> selected(int dimension, List<String> keys) {
        List<IndexVariant> all = all(dimension);
        if (keys.isEmpty()) {
            return all;
        }
        for (String k : keys) {
            if (all.stream().noneMatch(v -> v.key().equals(k))) {
                throw new IllegalArgumentException("no index variant '" + k + "'; known: "
                        + all.stream().map(IndexVariant::key).toList());
            }
        }
        return all.stream().filter(v -> keys.contains(v.key())).toList();
    }

    static List<IndexVariant> all(int dimension) {
        return List.of(
                vector(16, 64),
                halfvec(dimension, 16, 64),
                halfvec(dimension, 16, 128),
                halfvec(dimension, 16, 200),
                halfvec(dimension, 24, 64),
                binary(dimension, 100),
                binary(dimension, 400));
    }

    /** How many times the probe is bound in {@link #topFive()}. */
    int probeParameters() {
        return topFive.split("\\?", -1).length - 1;
    }
}
