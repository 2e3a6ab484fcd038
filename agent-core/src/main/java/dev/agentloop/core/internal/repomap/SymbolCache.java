package dev.agentloop.core.internal.repomap;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Parsed symbols by content: an entry is keyed by the parser's version, the language and the file's git blob id, so
 * it is shared by every commit and every path holding the same content, and an edited file misses it. A cache is an
 * optimisation: failing to read or write an entry never fails a build. A build calls {@link #get} and {@link #put}
 * from several threads at once.
 */
public interface SymbolCache {

    /** The entry for this content, if present and readable. */
    Optional<FileSymbols> get(CacheKey key);

    /** Stores an entry (best effort: a failure to write is logged, not thrown). */
    void put(CacheKey key, FileSymbols symbols);

    /**
     * A cache in a folder the caller owns (created when missing), one small file per entry.
     *
     * @throws IllegalArgumentException when the path exists and is not a folder
     */
    static SymbolCache inFolder(Path folder) {
        return new FolderSymbolCache(folder);
    }

    /** No cache: every build parses every file. */
    static SymbolCache none() {
        return NoSymbolCache.INSTANCE;
    }

    /**
     * What identifies a cache entry.
     *
     * @param parserVersion {@link SymbolParser#version()}
     * @param language the parser language's id ({@code python}, {@code javascript})
     * @param blobId the content's git blob id
     */
    record CacheKey(String parserVersion, String language, String blobId) {

        public CacheKey {
            for (String[] field :
                    new String[][] {{"parserVersion", parserVersion}, {"language", language}, {"blobId", blobId}}) {
                if (field[1] == null || !field[1].matches("[A-Za-z0-9._-]+")) {
                    throw new IllegalArgumentException(field[0]
                            + " must be a non-empty word of letters, digits, '.', '_' or '-', was '" + field[1] + "'");
                }
            }
        }
    }
}
