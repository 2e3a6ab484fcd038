package dev.agentloop.memory;

/** Progress of {@link ManagedFailureMemory#reindex}: called about once a second while an index is built. */
@FunctionalInterface
public interface ReindexListener {

    /** Does nothing. */
    ReindexListener NONE = progress -> {};

    /**
     * Told how far one index's build has come; the last call for an index has phase {@link IndexBuildProgress#DONE}.
     *
     * @param progress the index, its phase and how far it has come
     */
    void progress(IndexBuildProgress progress);
}
