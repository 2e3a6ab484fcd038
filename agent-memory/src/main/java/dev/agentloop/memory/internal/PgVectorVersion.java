package dev.agentloop.memory.internal;

/**
 * An installed pgvector's version ({@code pg_extension.extversion}) and what the memory may use of it: half-precision
 * vectors from 0.7, iterative index scans from 0.8.
 *
 * @param major the first number
 * @param minor the second number; 0 when absent
 */
public record PgVectorVersion(int major, int minor) {

    /** The oldest pgvector the memory runs on: the first with {@code halfvec}. */
    public static final PgVectorVersion MINIMUM = new PgVectorVersion(0, 7);

    /**
     * Reads {@code 0.8.0}, {@code 0.7}, {@code 1.0.1-dev}.
     *
     * @throws IllegalArgumentException when the text does not start with a number
     */
    public static PgVectorVersion parse(String text) {
        String[] parts = text.trim().split("[.\\-+]");
        try {
            return new PgVectorVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pgvector version: '" + text + "'", e);
        }
    }

    /** Whether this version is {@code other} or newer. */
    public boolean atLeast(PgVectorVersion other) {
        return major != other.major ? major > other.major : minor >= other.minor;
    }

    /** Whether {@code hnsw.iterative_scan} exists (0.8+). */
    public boolean iterativeScans() {
        return atLeast(new PgVectorVersion(0, 8));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
