package dev.agentloop.memory.internal;

/**
 * The memory's vector indexes, defined once: the migrations create them on a small memory, {@code agent memory
 * reindex} and re-embedding rebuild them. HNSW over half-precision vectors with cosine distance; m = {@value #M} and
 * ef_construction = {@value #EF_CONSTRUCTION} (recall and build time at a million rows: docs/benchmarks.md).
 */
public final class PgIndexes {

    /** The index over the failures' vectors. */
    public static final String FAILURES = "failures_embedding_hnsw";

    /** The index over the success patterns' vectors. */
    public static final String PATTERNS = "patterns_embedding_hnsw";

    /** The SQL type the vectors are stored in (half precision, pgvector 0.7+). */
    public static final String VECTOR_TYPE = "halfvec";

    static final int M = 16;
    static final int EF_CONSTRUCTION = 128;

    /** The HNSW search breadth of a memory of up to {@value #LARGE} failures. */
    static final int EF_SEARCH = 100;

    /** The HNSW search breadth of a larger memory. */
    static final int EF_SEARCH_LARGE = 200;

    /** From this many failures on, a search looks wider: a larger graph needs it for the same recall. */
    static final long LARGE = 300_000;

    /** Bytes an element of the graph takes while it is built in memory, besides its vector (neighbour lists). */
    static final long ELEMENT_OVERHEAD = 96 + 2L * M * 16 + M * 16;

    private PgIndexes() {}

    /** The table an index of the memory belongs to. */
    public static String table(String index) {
        return switch (index) {
            case FAILURES -> "failures";
            case PATTERNS -> "patterns";
            default -> throw new IllegalArgumentException("not an index of the memory: " + index);
        };
    }

    /** {@code CREATE INDEX [CONCURRENTLY] name ON schema.table USING hnsw ...} for one of the memory's indexes. */
    public static String create(String schema, String index, String name, boolean concurrently) {
        return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + name + " ON " + schema + "." + table(index)
                + " USING hnsw (embedding " + VECTOR_TYPE + "_cosine_ops) WITH (m = " + M + ", ef_construction = "
                + EF_CONSTRUCTION + ")";
    }

    /** About what building the graph of {@code rows} vectors of {@code dimension} takes in memory, in bytes. */
    public static long buildBytes(long rows, int dimension) {
        return rows * (2L * dimension + 8 + ELEMENT_OVERHEAD);
    }

    /**
     * {@code hnsw.ef_search} for a memory of about {@code rows} failures: recall@5 stays at 0.95 or more (0.999 at
     * 100,000 rows, 0.981 at 300,000 with {@value #EF_SEARCH}; at a million with {@value #EF_SEARCH_LARGE}: see
     * docs/benchmarks.md) while small memories keep the shorter search.
     */
    public static int efSearch(long rows) {
        return rows < LARGE ? EF_SEARCH : EF_SEARCH_LARGE;
    }

    /** A probe vector as a literal of the stored type, for {@code embedding <=> ?::halfvec}. */
    public static String cast() {
        return "::" + VECTOR_TYPE;
    }
}
