package dev.agentloop.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL settings the memory's speed depends on, with what the memory holds, so that {@code agent doctor}
 * can say when they are far from what it needs. Sizes in bytes.
 *
 * @param sharedBuffers {@code shared_buffers}
 * @param effectiveCacheSize {@code effective_cache_size}
 * @param workMem {@code work_mem}
 * @param maintenanceWorkMem {@code maintenance_work_mem}
 * @param parallelMaintenanceWorkers {@code max_parallel_maintenance_workers}
 * @param failures stored failures (the planner's estimate)
 * @param indexBytes size of the failures' vector index; 0 when it is missing
 * @param indexState whether that index is there and usable
 * @param buildBytes about what building that index takes in memory for the stored failures
 */
public record ServerSettings(
        long sharedBuffers,
        long effectiveCacheSize,
        long workMem,
        long maintenanceWorkMem,
        int parallelMaintenanceWorkers,
        long failures,
        long indexBytes,
        IndexState indexState,
        long buildBytes) {

    /** Below this many failures nothing is worth tuning: every setting's default does. */
    public static final long SMALL = 10_000;

    /** The least {@code work_mem} the full-text part of a search sorts its matches in. */
    public static final long MIN_WORK_MEM = 4L << 20;

    /** Whether the failures' vector index can serve searches. */
    public enum IndexState {
        /** Built and valid. */
        READY,
        /** Not there (left out by a migration on a large memory, or dropped). */
        MISSING,
        /** There but invalid: a concurrent build was interrupted. */
        INVALID
    }

    /**
     * {@return one sentence per setting that is far from what the memory needs, with what to do; empty when all is well}
     */
    public List<String> advice() {
        List<String> out = new ArrayList<>();
        if (indexState == IndexState.MISSING && failures > 0) {
            out.add("the failures' vector index is missing, so every search scans all " + failures
                    + " rows: run `agent memory reindex`");
        } else if (indexState == IndexState.INVALID) {
            out.add("the failures' vector index is invalid (an interrupted build): run `agent memory reindex`");
        }
        if (failures < SMALL) {
            return out;
        }
        if (indexBytes > sharedBuffers) {
            out.add("shared_buffers (" + size(sharedBuffers) + ") is smaller than the failures' vector index ("
                    + size(indexBytes) + "), so searches read the graph through the operating system: set"
                    + " shared_buffers to at least " + size(indexBytes) + " (scripts/provision sizes it to a quarter"
                    + " of the machine's memory) and restart PostgreSQL");
        }
        if (effectiveCacheSize < indexBytes) {
            out.add("effective_cache_size (" + size(effectiveCacheSize) + ") is below the vector index's size ("
                    + size(indexBytes) + "); the planner may then prefer scanning every row: set it to about three"
                    + " quarters of the machine's memory (scripts/provision does)");
        }
        if (maintenanceWorkMem * 2 < buildBytes) {
            out.add("maintenance_work_mem (" + size(maintenanceWorkMem) + ") is far below what building the index of "
                    + failures + " failures takes (about " + size(buildBytes) + "): `agent memory reindex` raises it"
                    + " for its own build, but any other rebuild would spill to disk and take many times longer;"
                    + " scripts/provision sets it from the machine's memory");
        }
        if (workMem < MIN_WORK_MEM) {
            out.add("work_mem (" + size(workMem) + ") is below " + size(MIN_WORK_MEM)
                    + ", which the full-text part of a search sorts its matches in: raise it");
        }
        return out;
    }

    /**
     * {@return a size for people: {@code 1.5 GiB}, {@code 512 MiB}, {@code 64 KiB}}
     *
     * @param bytes a number of bytes
     */
    public static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
        }
        return String.format(Locale.ROOT, "%d KiB", bytes >> 10);
    }
}
