package dev.agentloop.core.internal.repomap;

import java.time.Duration;

/**
 * What building a {@link RepoMap} took.
 *
 * @param files files in the map
 * @param sourceFiles of which source files of a parsed language
 * @param cacheHits source files whose symbols came from the cache
 * @param parsed source files the parser was asked to parse
 * @param listing time to list and inspect (classify, hash) the files
 * @param parsing time the parser took
 * @param indexing time to build the index (names, BM25 statistics, reference graph)
 */
public record BuildStats(
        int files, int sourceFiles, int cacheHits, int parsed, Duration listing, Duration parsing, Duration indexing) {}
