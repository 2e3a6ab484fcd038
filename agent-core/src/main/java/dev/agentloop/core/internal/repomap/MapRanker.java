package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ranks a {@link SymbolIndex} for a {@link RankQuery}: a pure function of the two (no I/O, no state), so a
 * localization scorer can call it on a parsed map directly.
 *
 * <ol>
 *   <li>Seeds ({@link QueryEvidence}): traceback frames, locations and test ids in the text point at files (the
 *       innermost frame weighs most); identifiers in the text that files define (names defined in few files weigh
 *       more); BM25 of the text over each file's identifiers, docstrings and path; the caller's focus files. Each
 *       signal is scaled to a best of 1 and weighted ({@link RankingWeights}).
 *   <li>The failing tests' seeds move, mostly, to the files those tests use ({@link RankSignal#TESTS}).
 *   <li>Personalised PageRank over the reference graph, jumping to the seeds, divided by the square root of each
 *       file's plain PageRank: files the seeds use rise, hubs every file uses do not.
 *   <li>Score = seeds + PageRank + a little plain PageRank (to order files without evidence); test files are
 *       multiplied by the test penalty.
 *   <li>Definitions are ranked by {@link DefinitionRanker}.
 * </ol>
 */
public final class MapRanker {

    /** Highest score first, then by path (written out: a comparator chain of lambdas costs several times more). */
    private static final Comparator<RankedFile> BEST_FIRST = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : a.path().compareTo(b.path());
    };

    private final RankingWeights weights;
    private final DefinitionRanker definitions;

    public MapRanker(RankingWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.definitions = new DefinitionRanker(weights);
    }

    /** A ranker with {@link RankingWeights#DEFAULTS}. */
    public static MapRanker ofDefaults() {
        return new MapRanker(RankingWeights.DEFAULTS);
    }

    public RankingWeights weights() {
        return weights;
    }

    /** Ranks every file of the index, and the most relevant definitions, for the query. */
    public Ranking rank(SymbolIndex index, RankQuery query) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(query, "query");
        int n = index.capacity();
        if (index.size() == 0) {
            return new Ranking(List.of(), List.of());
        }
        QueryEvidence evidence = QueryEvidence.of(index, query.text());
        double[] focus = new double[n];
        for (String path : query.focusFiles()) {
            int id = index.id(path);
            if (id >= 0) {
                focus[id] = 1;
            }
        }
        double[] tb = scaled(evidence.traceback);
        double[] nm = scaled(evidence.names);
        double[] bm = scaled(bm25(index, evidence.terms));
        double[] seeds = new double[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = weights.traceback() * tb[i]
                    + weights.name() * nm[i]
                    + weights.bm25() * bm[i]
                    + weights.focus() * focus[i];
        }
        double[] fromTests = transferFromTests(index, seeds, tb);
        boolean seeded = false;
        for (int i = 0; i < n; i++) {
            seeds[i] += fromTests[i];
            seeded |= seeds[i] > 0;
        }
        double[] central = new double[n];
        for (int i = 0; i < n; i++) {
            central[i] = index.centrality(i);
        }
        double[] graph = new double[n];
        if (seeded) {
            double[] personal = index.graph()
                    .pageRank(
                            seeds,
                            weights.damping(),
                            SymbolIndex.PAGE_RANK_ITERATIONS,
                            SymbolIndex.PAGE_RANK_TOLERANCE);
            // Relative to a file's importance to everyone: a hub every file uses (the test framework, typing) is
            // near any seed, and says little about this query.
            for (int i = 0; i < n; i++) {
                graph[i] = central[i] > 0 ? personal[i] / Math.sqrt(central[i]) : 0;
            }
            graph = scaled(graph);
        }
        central = scaled(central);

        double[] score = new double[n];
        List<RankedFile> files = new ArrayList<>(index.size());
        for (int i = 0; i < n; i++) {
            IndexedFile file = index.file(i);
            if (file == null) {
                continue;
            }
            Map<RankSignal, Double> signals = new EnumMap<>(RankSignal.class);
            // Summed in the signals' order, as listed: the same sum as adding up the map's values.
            double sum = 0;
            sum = put(signals, RankSignal.TRACEBACK, weights.traceback() * tb[i], sum);
            sum = put(signals, RankSignal.NAME, weights.name() * nm[i], sum);
            sum = put(signals, RankSignal.BM25, weights.bm25() * bm[i], sum);
            sum = put(signals, RankSignal.FOCUS, weights.focus() * focus[i], sum);
            if (fromTests[i] != 0) {
                signals.put(RankSignal.TESTS, fromTests[i]);
                sum += fromTests[i];
            }
            sum = put(signals, RankSignal.GRAPH, weights.graph() * graph[i], sum);
            sum = put(signals, RankSignal.CENTRALITY, weights.centrality() * central[i], sum);
            score[i] = file.test() ? sum * weights.testPenalty() : sum;
            files.add(new RankedFile(file.path(), score[i], file.entry().kind(), file.test(), signals));
        }
        files.sort(BEST_FIRST);
        return new Ranking(files, definitions.rank(index, files, score, evidence));
    }

    /**
     * What moves from failing test files' seeds (test files the output's tracebacks point into) to the files they
     * use: {@code testTransfer} of each such test's seed, shared by edge weight times the square of an inverse
     * document frequency of the target (files that few others use: the code under test rather than the test
     * framework every test uses). Negative for the tests themselves.
     */
    private double[] transferFromTests(SymbolIndex index, double[] seeds, double[] traceback) {
        int n = seeds.length;
        double[] moved = new double[n];
        if (weights.testTransfer() == 0) {
            return moved;
        }
        ReferenceGraph graph = index.graph();
        int live = index.size();
        for (int t = 0; t < n; t++) {
            IndexedFile file = index.file(t);
            if (file == null || !file.test() || traceback[t] == 0) {
                continue; // only the failing tests: others matched words of the text, not the failure
            }
            int[] targets = graph.targets(t);
            double[] edge = graph.weights(t);
            double[] share = new double[targets.length];
            double total = 0;
            for (int i = 0; i < targets.length; i++) {
                double idf = Math.log(1 + (double) live / (1 + graph.inDegree(targets[i])));
                share[i] = edge[i] * idf * idf;
                total += share[i];
            }
            if (total == 0) {
                continue;
            }
            double give = seeds[t] * weights.testTransfer();
            moved[t] -= give;
            for (int i = 0; i < targets.length; i++) {
                moved[targets[i]] += give * share[i] / total;
            }
        }
        return moved;
    }

    /**
     * BM25 of the query's terms over each file's terms, read from the snapshot's postings: only the files having a
     * term of the query are visited. Terms go in increasing order, so each file's score adds its terms' parts in the
     * order of its own sorted term bag: the same sum, to the last bit, as scanning every file's bag.
     */
    static double[] bm25(SymbolIndex index, double[] terms) {
        double[] scores = new double[index.capacity()];
        if (terms.length == 0) {
            return scores;
        }
        double[] norms = index.bm25Norms();
        TermPostings postings = index.postings();
        for (int term = 0; term < terms.length; term++) {
            if (!(terms[term] > 0)) {
                continue;
            }
            double weight = terms[term] * index.idf(term);
            if (!(weight > 0)) {
                continue;
            }
            int[] files = postings.files(term);
            int[] counts = postings.counts(term);
            for (int k = 0; k < files.length; k++) {
                scores[files[k]] += weight * Bm25.tf(counts[k], norms[files[k]]);
            }
        }
        return scores;
    }

    /** Puts a positive value, and returns the sum with it added. */
    private static double put(Map<RankSignal, Double> signals, RankSignal signal, double value, double sum) {
        if (value > 0) {
            signals.put(signal, value);
            return sum + value;
        }
        return sum;
    }

    /** The vector divided by its maximum (all zeros stay zeros). */
    private static double[] scaled(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double[] out = new double[v.length];
        if (max > 0) {
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] / max;
            }
        }
        return out;
    }
}
