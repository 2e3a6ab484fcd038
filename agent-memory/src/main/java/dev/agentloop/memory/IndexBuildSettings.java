package dev.agentloop.memory;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@link ManagedFailureMemory#reindex} may use. A build whose graph does not fit {@code maintenance_work_mem} goes
 * on graph pages on disk and is many times slower, so by default the session gets the memory the graph needs (from
 * the row count), at most half the server's {@code effective_cache_size} (which scripts/provision sets from the
 * machine's memory), and never less than the server's own setting; and the server's {@code
 * max_parallel_maintenance_workers}.
 *
 * @param memoryBytes {@code maintenance_work_mem} for the build; empty for the default above
 * @param workers {@code max_parallel_maintenance_workers} for the build, 0..64; empty for the server's
 */
public record IndexBuildSettings(OptionalLong memoryBytes, OptionalInt workers) {

    /** The least memory that may be asked for: 64 MiB. */
    public static final long MIN_MEMORY = 64L << 20;

    /**
     * @param memoryBytes {@code maintenance_work_mem} for the build; empty for the default
     * @param workers {@code max_parallel_maintenance_workers} for the build, 0..64; empty for the server's
     * @throws IllegalArgumentException when the memory is under {@link #MIN_MEMORY} or the workers outside 0..64
     */
    public IndexBuildSettings {
        memoryBytes = memoryBytes == null ? OptionalLong.empty() : memoryBytes;
        workers = workers == null ? OptionalInt.empty() : workers;
        if (memoryBytes.isPresent() && memoryBytes.getAsLong() < MIN_MEMORY) {
            throw new IllegalArgumentException("memory must be at least 64MiB, was " + memoryBytes.getAsLong());
        }
        if (workers.isPresent() && (workers.getAsInt() < 0 || workers.getAsInt() > 64)) {
            throw new IllegalArgumentException("workers must be in 0..64, was " + workers.getAsInt());
        }
    }

    /** {@return the defaults described above} */
    public static IndexBuildSettings ofDefaults() {
        return new IndexBuildSettings(OptionalLong.empty(), OptionalInt.empty());
    }

    /**
     * {@return these settings with {@code maintenance_work_mem} {@code value} bytes (at least {@link #MIN_MEMORY})}
     *
     * @param value bytes, at least {@link #MIN_MEMORY}
     */
    public IndexBuildSettings withMemoryBytes(long value) {
        return new IndexBuildSettings(OptionalLong.of(value), workers);
    }

    /**
     * {@return these settings with {@code value} parallel workers (0..64)}
     *
     * @param value parallel workers, 0..64
     */
    public IndexBuildSettings withWorkers(int value) {
        return new IndexBuildSettings(memoryBytes, OptionalInt.of(value));
    }
}
