package dev.agentloop.core.internal.repomap;

/**
 * How {@link MapRanker} weighs its evidence. Each signal is scaled so that its best file scores 1 before weighting;
 * the weighted sum seeds personalised PageRank, whose result (again scaled to a best of 1) is added with
 * {@code graph}'s weight.
 *
 * @param traceback weight of traceback frames, locations and test ids (default 1.0)
 * @param name weight of exact matches of defined names in the query (default 0.6)
 * @param bm25 weight of BM25 over identifiers, docstrings and paths (default 0.4)
 * @param focus weight of the caller's focus files (default 1.0)
 * @param graph weight of personalised PageRank over the reference graph (default 0.5)
 * @param centrality weight of plain PageRank, the tie-breaker (default 0.05)
 * @param damping PageRank's probability of following an edge rather than jumping to a seed (default 0.85)
 * @param testPenalty factor applied to test files' scores (default 0.5): a fix belongs in the code under test
 * @param testTransfer the share of a test file's seed evidence moved to the files it uses, by edge weight and
 *     preferring files few others use (default 0.7)
 * @param definitionFiles how many of the best files have all their definitions ranked (default 15)
 * @param maxDefinitions how many definitions a ranking lists at most (default 200)
 */
public record RankingWeights(
        double traceback,
        double name,
        double bm25,
        double focus,
        double graph,
        double centrality,
        double damping,
        double testPenalty,
        double testTransfer,
        int definitionFiles,
        int maxDefinitions) {

    /** The defaults listed above. */
    public static final RankingWeights DEFAULTS =
            new RankingWeights(1.0, 0.6, 0.4, 1.0, 0.5, 0.05, 0.85, 0.5, 0.7, 15, 200);

    public RankingWeights {
        nonNegative("traceback", traceback);
        nonNegative("name", name);
        nonNegative("bm25", bm25);
        nonNegative("focus", focus);
        nonNegative("graph", graph);
        nonNegative("centrality", centrality);
        if (!(damping >= 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be in [0, 1), was " + damping);
        }
        if (!(testPenalty > 0 && testPenalty <= 1)) {
            throw new IllegalArgumentException("testPenalty must be in (0, 1], was " + testPenalty);
        }
        if (!(testTransfer >= 0 && testTransfer <= 1)) {
            throw new IllegalArgumentException("testTransfer must be in [0, 1], was " + testTransfer);
        }
        if (definitionFiles < 0) {
            throw new IllegalArgumentException("definitionFiles must be >= 0, was " + definitionFiles);
        }
        if (maxDefinitions < 0) {
            throw new IllegalArgumentException("maxDefinitions must be >= 0, was " + maxDefinitions);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
    }

    /** These weights with another traceback weight. */
    public RankingWeights withTraceback(double value) {
        return new RankingWeights(
                value,
                name,
                bm25,
                focus,
                graph,
                centrality,
                damping,
                testPenalty,
                testTransfer,
                definitionFiles,
                maxDefinitions);
    }

    /** These weights with another name-match weight. */
    public RankingWeights withName(double value) {
        return new RankingWeights(
                traceback,
                value,
                bm25,
                focus,
                graph,
                centrality,
                damping,
                testPenalty,
                testTransfer,
                definitionFiles,
                maxDefinitions);
    }

    /** These weights with another BM25 weight. */
    public RankingWeights withBm25(double value) {
        return new RankingWeights(
                traceback,
                name,
                value,
                focus,
                graph,
                centrality,
                damping,
                testPenalty,
                testTransfer,
                definitionFiles,
                maxDefinitions);
    }

    /** These weights with another graph weight. */
    public RankingWeights withGraph(double value) {
        return new RankingWeights(
                traceback,
                name,
                bm25,
                focus,
                value,
                centrality,
                damping,
                testPenalty,
                testTransfer,
                definitionFiles,
                maxDefinitions);
    }

    /** These weights with another test penalty. */
    public RankingWeights withTestPenalty(double value) {
        return new RankingWeights(
                traceback,
                name,
                bm25,
                focus,
                graph,
                centrality,
                damping,
                value,
                testTransfer,
                definitionFiles,
                maxDefinitions);
    }

    /** These weights with another share of test evidence moved to the code the tests use. */
    public RankingWeights withTestTransfer(double value) {
        return new RankingWeights(
                traceback,
                name,
                bm25,
                focus,
                graph,
                centrality,
                damping,
                testPenalty,
                value,
                definitionFiles,
                maxDefinitions);
    }
}
