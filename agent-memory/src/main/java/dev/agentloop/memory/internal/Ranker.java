package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.memory.RetrievalSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fuses the candidates of the indexes into the final ranking; the same code serves both memory implementations. */
public final class Ranker {

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
        Map<Candidate, Integer> vectorRank = ranks(kept, Comparator.comparingDouble(Candidate::similarity));
        Map<Candidate, Integer> lexicalRank = ranks(
                kept.stream().filter(c -> c.lexicalScore() > 0).toList(),
                Comparator.comparingDouble(Candidate::lexicalScore));
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

    private static Map<Candidate, Integer> ranks(List<Candidate> list, Comparator<Candidate> ascending) {
        List<Candidate> sorted = new ArrayList<>(list);
        sorted.sort(ascending.reversed().thenComparing(c -> c.failure().id()));
        Map<Candidate, Integer> out = new IdentityHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.put(sorted.get(i), i + 1);
        }
        return out;
    }
}
