package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.memory.RetrievalSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Fuses the candidates of the indexes into the final ranking; the same code serves both memory implementations. */
public final class Ranker {

    /** Cosine similarities closer than this count as equal when ranking. */
    static final double SIMILARITY_STEP = 0.002;

    private Ranker() {}

    private record Scored(Candidate candidate, double score) {}

    /**
     * The best {@code limit} candidates.
     *
     * @param probePatterns the line patterns of the probe's code
     */
    public static List<FailureMatch> rank(
            List<Candidate> candidates,
            Set<String> probePatterns,
            RetrievalSettings settings,
            int limit,
            double minSimilarity) {
        List<Candidate> kept =
                candidates.stream().filter(c -> c.similarity() >= minSimilarity).toList();
        // Similarities that differ by less than SIMILARITY_STEP share a rank: they are near-equal, and the
        // verified/useful tie-break below decides between them.
        Map<Candidate, Integer> vectorRank = ranks(kept, c -> (double) Math.round(c.similarity() / SIMILARITY_STEP));
        Map<Candidate, Integer> lexicalRank =
                ranks(kept.stream().filter(c -> c.lexicalScore() > 0).toList(), Candidate::lexicalScore);
        double k = settings.rrfK();
        List<Scored> scored = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            double score = 1.0 / (k + vectorRank.get(c));
            if (settings.hybrid() && lexicalRank.containsKey(c)) {
                score += 1.0 / (k + lexicalRank.get(c));
            }
            if (settings.fixLineMatching() && CodePatterns.overlap(c.fixPatterns(), probePatterns) > 0) {
                score += settings.fixLineWeight() / (k + 1);
            }
            scored.add(new Scored(c, score));
        }
        double best = scored.stream().mapToDouble(Scored::score).max().orElse(0);
        // Near-equal scores fall into one bucket, inside which verified, useful fixes go first.
        double bucket = Math.max(best * settings.nearEqual(), 1e-12);
        scored.sort(Comparator.comparingLong((Scored s) -> -(long) Math.floor(s.score() / bucket))
                .thenComparing(s -> s.candidate().fix().map(f -> !f.verified()).orElse(true))
                .thenComparing(s -> -s.candidate().stats().usefulness())
                .thenComparing(s -> -s.score())
                .thenComparing(s -> s.candidate().failure().id()));
        return scored.stream()
                .limit(limit)
                .map(s -> new FailureMatch(
                        s.candidate().failure(),
                        s.candidate().fix(),
                        s.candidate().similarity(),
                        s.candidate().stats()))
                .toList();
    }

    /** Competition ranks (1, 1, 3, …) by descending key: equal keys share a rank. */
    private static Map<Candidate, Integer> ranks(List<Candidate> list, ToDoubleFunction<Candidate> key) {
        List<Candidate> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingDouble(key).reversed());
        Map<Candidate, Integer> out = new IdentityHashMap<>();
        int rank = 0;
        double previous = Double.NaN;
        for (int i = 0; i < sorted.size(); i++) {
            double k = key.applyAsDouble(sorted.get(i));
            if (k != previous) {
                rank = i + 1;
                previous = k;
            }
            out.put(sorted.get(i), rank);
        }
        return out;
    }
}
