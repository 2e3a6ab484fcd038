package dev.agentloop.git;

/**
 * How large a project repository mode accepts, and from which size a file is kept out of prompts.
 *
 * @param maxFiles the most files a copy may have (default {@value #DEFAULT_MAX_FILES}); a larger project is refused
 *     before anything is copied
 * @param maxBytes the most bytes the copied files may add up to (default {@value #DEFAULT_MAX_BYTES}, 200 MiB); a
 *     larger project is refused before anything is copied
 * @param maxFileBytes files larger than this (default {@value #DEFAULT_MAX_FILE_BYTES}, 1 MiB) are copied but
 *     flagged {@link FileFlag#LARGE} so prompts leave them out
 */
public record SourceLimits(int maxFiles, long maxBytes, long maxFileBytes) {

    /** Default of {@link #maxFiles()}. */
    public static final int DEFAULT_MAX_FILES = 20_000;
    /** Default of {@link #maxBytes()}, 200 MiB. */
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    /** Default of {@link #maxFileBytes()}, 1 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024L * 1024;

    /**
     * @param maxBytes the most bytes the copied files may add up to
     * @param maxFileBytes files larger than this are copied but left out of prompts
     * @param maxFiles the most files a copy may have
     * @throws IllegalArgumentException naming the limit that is not positive
     */
    public SourceLimits {
        if (maxFiles <= 0) {
            throw new IllegalArgumentException("maxFiles must be positive, was " + maxFiles);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
    }

    /**
     * 20,000 files, 200 MiB, 1 MiB per file for prompts.
     *
     * @return the default limits
     */
    public static SourceLimits ofDefaults() {
        return new SourceLimits(DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * {@return a copy with another file limit}
     *
     * @param value the most files, positive
     */
    public SourceLimits withMaxFiles(int value) {
        return new SourceLimits(value, maxBytes, maxFileBytes);
    }

    /**
     * {@return a copy with another size limit}
     *
     * @param value the most bytes in all, positive
     */
    public SourceLimits withMaxBytes(long value) {
        return new SourceLimits(maxFiles, value, maxFileBytes);
    }

    /**
     * {@return a copy with another per-file limit for prompts}
     *
     * @param value bytes, positive
     */
    public SourceLimits withMaxFileBytes(long value) {
        return new SourceLimits(maxFiles, maxBytes, value);
    }
}
