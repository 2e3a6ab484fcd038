package dev.agentloop.core.internal.repomap;

/** One kind of evidence behind a file's rank; {@link RankedFile#signals()} says how much each contributed. */
public enum RankSignal {
    /** Frames of a traceback, locations and test ids in the test output point into it. */
    TRACEBACK,
    /** The query names something it defines. */
    NAME,
    /** BM25 of the query over its identifiers, docstrings and path. */
    BM25,
    /** The caller named it as a focus file. */
    FOCUS,
    /**
     * Evidence moved from failing test files to the code they use: positive for that code, negative for the tests
     * (a test shows where a failure surfaces, rarely where the fault is).
     */
    TESTS,
    /** Personalised PageRank: the seeds above reference it. */
    GRAPH,
    /** Plain PageRank: many files reference it (a tie-breaker when the query says nothing). */
    CENTRALITY
}
