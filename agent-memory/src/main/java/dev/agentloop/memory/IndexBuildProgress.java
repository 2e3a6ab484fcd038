package dev.agentloop.memory;

/**
 * How far an index build has come, as PostgreSQL reports it in {@code pg_stat_progress_create_index}.
 *
 * @param index the index being built, e.g. {@code failures_embedding_hnsw}
 * @param phase PostgreSQL's name of the build's phase, e.g. {@code building index: loading tuples}; {@code done} when
 *     the index is in place
 * @param done tuples or blocks done so far, as {@code unit} says
 * @param total tuples or blocks to do; 0 when the phase does not say
 * @param unit what {@code done} and {@code total} count
 */
public record IndexBuildProgress(String index, String phase, long done, long total, Unit unit) {

    /** What a phase counts: the table's blocks while they are read, or tuples. */
    public enum Unit {
        /** Table blocks, while the table is read. */
        BLOCKS,
        /** Tuples, while they are loaded into the index. */
        TUPLES
    }

    /** The phase {@link #phase()} reports once the index is in place. */
    public static final String DONE = "done";

    /** {@return the share done, 0..1; 0 when the total is unknown} */
    public double fraction() {
        return total <= 0 ? 0 : Math.min(1, (double) done / total);
    }
}
