package dev.agentloop.memory;

/** Progress of {@link ManagedFailureMemory#reembed}. Called from the re-embedding thread. */
@FunctionalInterface
public interface ReembedListener {

    /** Does nothing. */
    ReembedListener NONE = (done, total) -> {};

    /**
     * @param done rows embedded so far
     * @param total rows to embed
     */
    void progress(int done, int total);
}
