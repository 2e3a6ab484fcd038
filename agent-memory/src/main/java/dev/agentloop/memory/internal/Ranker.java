package dev.agentloop.memory.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.memory.RankedMatch;
import dev.agentloop.memory.RetrievalSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Fuses the candidates of the indexes into the final ranking; the same code serves both memory implementations. */
public final class Ranker {

    /** Cosine similarities closer than this count as equal when ranking. */
    static final double SIMILARITY_STEP = 0.002;

    /** Votes for a fix kind weigh {@code 1/(VOTE_OFFSET + rank)}: the first few count most, but not alone. */
    static final int VOTE_OFFSET = 5;

    private Ranker() {}

    /** A candidate's running score, with its fused part and its fix kind's consensus share kept for {@link Ranked}. */
    record Scored(Candidate candidate, double score, double fused, double consensus) {

        Scored(Candidate candidate, double score) {
            this(candidate, score, score, 0);
        }

        Scored withScore(double value) {
            return new Scored(candidate, value, fused, consensus);
        }
    }

    /**
     * A candidate in its final place, with what placed it there.
     *
     * @param candidate the candidate
     * @param score its score when it was picked (fused ranks, bonuses, consensus, less the diversity penalty), in
     *     units of a first rank
     * @param fused its fused ranks and bonuses before consensus and diversity, in units of a first rank
     * @param consensus the share of the best candidates' votes that went to its kind of fix, 0..1
     * @param fixLineMatch whether its fix changed a line shaped like one of the probe's code
     */
    public record Ranked(Candidate candidate, double score, double fused, double consensus, boolean fixLineMatch) {

        /** The match as the SPI hands it out. */
        public FailureMatch match() {
            return new FailureMatch(candidate.failure(), candidate.fix(), candidate.similarity(), candidate.stats());
        }
    }

    /**
     * What a query prefers among candidates of similar rank: its repository, then its language.
     *
     * @param repository the preferred repository's name; empty for none
     * @param language the probe's language; empty for none
     */
    public record Preference(Optional<String> repository, Optional<Language> language) {

        /** No preference. */
        public static final Preference NONE = new Preference(Optional.empty(), Optional.empty());

        /** The query's preferred repository and its probe's language. */
        public static Preference of(FailureQuery query) {
            return new Preference(
                    query.preferredRepository(), Optional.of(query.probe().language()));
        }

        boolean sameRepository(Candidate c) {
            return repository.isPresent() && repository.equals(c.failure().repositoryName());
        }

        boolean sameLanguage(Candidate c) {
            return language.isPresent() && language.get() == c.failure().language();
        }
    }

    /**
     * The best {@code limit} candidates, without a preference, leaving out those below {@code minSimilarity}; no
     * abstention (for measuring the ranking alone).
     *
     * @param probePatterns the line patterns of the probe's code
     */
    public static List<FailureMatch> rank(
            List<Candidate> candidates,
            Set<String> probePatterns,
            RetrievalSettings settings,
            int limit,
            double minSimilarity) {
        return rank(candidates, Preference.NONE, probePatterns, settings, limit, minSimilarity);
    }

    /**
     * The best {@code limit} candidates, those {@code preference} names first among near ones, leaving out those below
     * {@code minSimilarity}; no abstention (for measuring the ranking alone).
     *
     * @param probePatterns the line patterns of the probe's code
     */
    public static List<FailureMatch> rank(
            List<Candidate> candidates,
            Preference preference,
            Set<String> probePatterns,
            RetrievalSettings settings,
            int limit,
            double minSimilarity) {
        return ranked(candidates, preference, probePatterns, settings, limit).stream()
                .filter(r -> r.candidate().similarity() >= minSimilarity)
                .map(Ranked::match)
                .toList();
    }

    /**
     * What the memory hands out of a ranking: each match is shown while the scores reach {@code minScore} (the list
     * stops at the first that does not: below it the memory abstains rather than offer a probable distraction) and
     * its similarity reaches {@code minSimilarity}.
     */
    public static List<RankedMatch> judged(List<Ranked> ranked, double minScore, double minSimilarity) {
        List<RankedMatch> out = new ArrayList<>(ranked.size());
        boolean confident = true;
        for (Ranked r : ranked) {
            confident = confident && r.score() >= minScore;
            out.add(new RankedMatch(
                    r.match(), r.score(), confident && r.candidate().similarity() >= minSimilarity));
        }
        return out;
    }

    /**
     * The best {@code limit} candidates with their scores, those {@code preference} names first among near ones.
     *
     * @param probePatterns the line patterns of the probe's code
     */
    public static List<Ranked> ranked(
            List<Candidate> candidates,
            Preference preference,
            Set<String> probePatterns,
            RetrievalSettings settings,
            int limit) {
        // A preference met by every candidate (or by none) ranks nothing: leaving it out keeps such rankings exactly
        // as they were without it.
        boolean byRepository = discriminates(candidates, preference::sameRepository);
        boolean byLanguage = discriminates(candidates, preference::sameLanguage);
        // Similarities that differ by less than SIMILARITY_STEP share a rank: they are near-equal, and the
        // verified/useful tie-break below decides between them.
        Map<Candidate, Integer> vectorRank =
                ranks(candidates, c -> (double) Math.round(c.similarity() / SIMILARITY_STEP));
        Map<Candidate, Integer> lexicalRank =
                ranks(candidates.stream().filter(c -> c.lexicalScore() > 0).toList(), Candidate::lexicalScore);
        double k = settings.rrfK();
        double unit = 1.0 / (k + 1);
        List<Scored> fused = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            double score = 1.0 / (k + vectorRank.get(c));
            if (settings.hybrid() && lexicalRank.containsKey(c)) {
                score += 1.0 / (k + lexicalRank.get(c));
            }
            if (fixLineMatch(c, probePatterns, settings)) {
                score += settings.fixLineWeight() * unit;
            }
            if (byRepository && preference.sameRepository(c)) {
                score += settings.sameRepositoryWeight() * unit;
            }
            if (byLanguage && preference.sameLanguage(c)) {
                score += settings.sameLanguageWeight() * unit;
            }
            fused.add(new Scored(c, score));
        }
        fused.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Scored> distinct = collapsed(fused, settings.nearEqual());
        List<Scored> scored = withConsensus(distinct, settings.consensusWeight() * unit);
        return diversified(scored, settings.diversityPenalty() * unit, settings.nearEqual(), limit).stream()
                .map(s -> new Ranked(
                        s.candidate(),
                        s.score() / unit,
                        s.fused() / unit,
                        s.consensus(),
                        fixLineMatch(s.candidate(), probePatterns, settings)))
                .toList();
    }

    private static boolean fixLineMatch(Candidate c, Set<String> probePatterns, RetrievalSettings settings) {
        return settings.fixLineMatching() && CodePatterns.overlap(c.fixPatterns(), probePatterns) > 0;
    }

    /**
     * Keeps one candidate per failure in substance (same signature and same fix, or both without one): repeated runs
     * of one task, and a stuck run that stores its failure every iteration, would otherwise fill the list with copies
     * and hide other fixes; copies would also vote more than once for their fix kind. The kept copy is the best
     * scored; among near-equal scores (within {@code nearEqual} of the best), the one with a verified, then more
     * useful, fix. Keeps the order of {@code sorted} (best score first).
     */
    static List<Scored> collapsed(List<Scored> sorted, double nearEqual) {
        double best = sorted.stream().mapToDouble(Scored::score).max().orElse(0);
        double bucket = Math.max(best * nearEqual, 1e-12);
        Comparator<Scored> better = Comparator.comparingLong((Scored s) -> (long) Math.floor(s.score() / bucket))
                .thenComparing(s -> s.candidate().fix().map(f -> f.verified()).orElse(false))
                .thenComparingDouble(s -> s.candidate().stats().usefulness())
                .thenComparingDouble(Scored::score);
        Map<DuplicateKey, Integer> slot = new HashMap<>();
        List<Scored> out = new ArrayList<>(sorted.size());
        for (Scored s : sorted) {
            DuplicateKey key = DuplicateKey.of(s.candidate());
            Integer at = slot.get(key);
            if (at == null) {
                slot.put(key, out.size());
                out.add(s);
            } else if (better.compare(s, out.get(at)) > 0) {
                out.set(at, s);
            }
        }
        return out;
    }

    /** What makes two stored failures the same in substance; {@code fix} is null for a failure without a fix. */
    private record DuplicateKey(String signature, String fix) {
        static DuplicateKey of(Candidate c) {
            return new DuplicateKey(
                    c.failure().signature(),
                    c.fix().map(f -> normalisedDiff(f.diff())).orElse(null));
        }
    }

    /**
     * The lines a unified diff removes and adds, without file headers, hunk positions, context or trailing blanks:
     * the same change made to the same code in another run, or a few lines lower, is the same fix.
     */
    static String normalisedDiff(String diff) {
        String[] lines = diff.split("\r?\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean fileHeader = line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")
                    || line.startsWith("+++ ") && i > 0 && lines[i - 1].startsWith("--- ");
            if (!fileHeader && (line.startsWith("+") || line.startsWith("-"))) {
                out.append(line.stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Adds to each candidate {@code weight} times the share of votes its fix kind got among the best {@value
     * RetrievalSettings#CONSENSUS_DEPTH}: what most near failures needed is the likelier fix. Candidates without a fix
     * vote for nothing but count in the total, and a kind only one candidate has is no consensus and gets nothing.
     */
    private static List<Scored> withConsensus(List<Scored> best, double weight) {
        Map<String, Double> votes = new HashMap<>();
        Map<String, Integer> voters = new HashMap<>();
        double total = 0;
        for (int i = 0; i < Math.min(RetrievalSettings.CONSENSUS_DEPTH, best.size()); i++) {
            double vote = 1.0 / (VOTE_OFFSET + i + 1);
            total += vote;
            String kind = best.get(i).candidate().fixKind();
            if (!kind.isEmpty()) {
                votes.merge(kind, vote, Double::sum);
                voters.merge(kind, 1, Integer::sum);
            }
        }
        if (total == 0) {
            return best;
        }
        List<Scored> out = new ArrayList<>(best.size());
        for (Scored s : best) {
            String kind = s.candidate().fixKind();
            double share = voters.getOrDefault(kind, 0) >= 2 ? votes.get(kind) / total : 0.0;
            out.add(new Scored(s.candidate(), s.score() + weight * share, s.fused(), share));
        }
        return out;
    }

    /**
     * Picks results one at a time: the best score after subtracting {@code penalty} per already picked result with
     * the same fix kind, so the list offers different fixes rather than one fix many times. Near-equal scores (within
     * {@code nearEqual} of the best) go to verified, then more useful, fixes.
     */
    private static List<Scored> diversified(List<Scored> pool, double penalty, double nearEqual, int limit) {
        double best = pool.stream().mapToDouble(Scored::score).max().orElse(0);
        double bucket = Math.max(best * nearEqual, 1e-12);
        List<Scored> remaining = new ArrayList<>(pool);
        List<Scored> picked = new ArrayList<>();
        Map<String, Integer> kindsPicked = new HashMap<>();
        Comparator<Scored> order = Comparator.comparingLong((Scored s) -> (long) Math.floor(s.score() / bucket))
                .thenComparing(s -> s.candidate().fix().map(f -> f.verified()).orElse(false))
                .thenComparingDouble(s -> s.candidate().stats().usefulness())
                .thenComparingDouble(Scored::score)
                .thenComparing(s -> s.candidate().failure().id(), Comparator.reverseOrder());
        while (picked.size() < limit && !remaining.isEmpty()) {
            Scored top = null;
            Scored topAdjusted = null;
            for (Scored s : remaining) {
                String kind = s.candidate().fixKind();
                int same = kind.isEmpty() ? 0 : kindsPicked.getOrDefault(kind, 0);
                Scored adjusted = s.withScore(s.score() - penalty * same);
                if (topAdjusted == null || order.compare(adjusted, topAdjusted) > 0) {
                    top = s;
                    topAdjusted = adjusted;
                }
            }
            remaining.remove(top);
            picked.add(topAdjusted);
            if (!top.candidate().fixKind().isEmpty()) {
                kindsPicked.merge(top.candidate().fixKind(), 1, Integer::sum);
            }
        }
        return picked;
    }

    private static boolean discriminates(List<Candidate> candidates, Predicate<Candidate> preferred) {
        boolean some = false;
        boolean others = false;
        for (Candidate c : candidates) {
            if (preferred.test(c)) {
                some = true;
            } else {
                others = true;
            }
            if (some && others) {
                return true;
            }
        }
        return false;
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
