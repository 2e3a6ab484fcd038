package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranks a {@link SymbolIndex} for a {@link RankQuery}: a pure function of the two (no I/O, no state), so a
 * localization scorer can call it on a parsed map directly.
 *
 * <ol>
 *   <li>Seeds: traceback frames, locations and test ids in the text point at files and, by line, at the definition
 *       enclosing the line (the innermost frame weighs most); identifiers in the text that a file defines (names
 *       defined in few files weigh more); BM25 of the text over each file's identifiers, docstrings and path; the
 *       caller's focus files.
 *   <li>Personalised PageRank over the reference graph, jumping to the seeds: files the seeds use rise.
 *   <li>Score = seeds + PageRank (+ a little plain PageRank to order the rest); test files count half.
 *   <li>Definitions of the best files, and those the text points at directly, are scored by their file, the frames
 *       inside them, their name in the text and the overlap of their name and docstring with it.
 * </ol>
 */
public final class MapRanker {

    /** Names defined in more files than this say little about which one is meant. */
    private static final int COMMON_NAME_DEFINERS = 5;

    private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z_$][\\w$]*)\\.([A-Za-z_$][\\w$]*)");

    private final RankingWeights weights;

    public MapRanker(RankingWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
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
        int n = index.capacity();
        if (index.size() == 0) {
            return new Ranking(List.of(), List.of());
        }
        String text = query.text();
        Evidence evidence = new Evidence(n);
        frames(index, text, evidence);
        Map<String, Integer> words = wordCounts(text);
        names(index, words, evidence);
        Map<Integer, Double> terms = queryTerms(index, text);
        double[] bm25 = bm25(index, terms);
        double[] focus = new double[n];
        for (String path : query.focusFiles()) {
            int id = index.id(path);
            if (id >= 0) {
                focus[id] = 1;
            }
        }

        double[] tb = scaled(evidence.traceback);
        double[] nm = scaled(evidence.names);
        double[] bm = scaled(bm25);
        double[] seeds = new double[n];
        boolean seeded = false;
        for (int i = 0; i < n; i++) {
            seeds[i] = weights.traceback() * tb[i]
                    + weights.name() * nm[i]
                    + weights.bm25() * bm[i]
                    + weights.focus() * focus[i];
            seeded |= seeds[i] > 0;
        }
        double[] graph = seeded
                ? scaled(index.graph()
                        .pageRank(
                                seeds,
                                weights.damping(),
                                SymbolIndex.PAGE_RANK_ITERATIONS,
                                SymbolIndex.PAGE_RANK_TOLERANCE))
                : new double[n];
        double[] central = new double[n];
        for (int i = 0; i < n; i++) {
            central[i] = index.centrality(i);
        }
        central = scaled(central);

        double[] score = new double[n];
        List<RankedFile> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IndexedFile file = index.file(i);
            if (file == null) {
                continue;
            }
            Map<RankSignal, Double> signals = new EnumMap<>(RankSignal.class);
            put(signals, RankSignal.TRACEBACK, weights.traceback() * tb[i]);
            put(signals, RankSignal.NAME, weights.name() * nm[i]);
            put(signals, RankSignal.BM25, weights.bm25() * bm[i]);
            put(signals, RankSignal.FOCUS, weights.focus() * focus[i]);
            put(signals, RankSignal.GRAPH, weights.graph() * graph[i]);
            put(signals, RankSignal.CENTRALITY, weights.centrality() * central[i]);
            double sum =
                    signals.values().stream().mapToDouble(Double::doubleValue).sum();
            score[i] = file.test() ? sum * weights.testPenalty() : sum;
            files.add(new RankedFile(file.path(), score[i], file.entry().kind(), file.test(), signals));
        }
        files.sort(Comparator.comparingDouble(RankedFile::score).reversed().thenComparing(RankedFile::path));
        return new Ranking(
                files, definitions(index, files, score, evidence, words, terms, qualifiedNames(index, text)));
    }

    /** Traceback frames: per file, and per definition enclosing a frame's line. */
    private static void frames(SymbolIndex index, String text, Evidence evidence) {
        for (Frame frame : TracebackParser.parse(text)) {
            int id = index.paths().find(frame.path());
            if (id < 0) {
                continue;
            }
            double w = switch (frame.kind()) {
                case STACK -> frame.innermost() ? 1.0 : 0.5;
                case LOCATION -> 0.6;
                case TEST_ID -> 0.5;
                case MENTION -> 0.25;
            };
            evidence.traceback[id] += w;
            FileSymbols symbols = index.file(id).symbols().orElse(null);
            if (symbols == null) {
                continue;
            }
            Definition hit = null;
            if (frame.line() > 0) {
                hit = symbols.enclosing(frame.line()).orElse(null);
            } else if (!frame.function().isEmpty()) {
                hit = byQualifiedName(symbols, frame.function());
            }
            if (hit != null) {
                evidence.frameHit(id, hit, w);
                if (!hit.parent().isEmpty()) {
                    // The class around a method gets a share: it is the method's context.
                    for (Definition d : symbols.definitions()) {
                        if (d.kind() == SymbolKind.CLASS && d.name().equals(hit.parent()) && d.contains(hit.line())) {
                            evidence.frameHit(id, d, w * 0.3);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < evidence.traceback.length; i++) {
            evidence.traceback[i] = Math.min(evidence.traceback[i], 3.0);
        }
    }

    private static Definition byQualifiedName(FileSymbols symbols, String function) {
        String name = function.substring(function.lastIndexOf('.') + 1);
        int dot = function.lastIndexOf('.');
        String parent = dot < 0 ? "" : function.substring(0, dot);
        parent = parent.substring(parent.lastIndexOf('.') + 1);
        Definition byName = null;
        for (Definition d : symbols.definitions()) {
            if (d.name().equals(name)) {
                if (d.parent().equals(parent)) {
                    return d;
                }
                if (byName == null) {
                    byName = d;
                }
            }
        }
        return byName;
    }

    /** Identifiers of the text that files define: the fewer files define a name, the more it says. */
    private static void names(SymbolIndex index, Map<String, Integer> words, Evidence evidence) {
        words.forEach((word, count) -> {
            int[] ds = index.definers(word);
            if (ds.length == 0) {
                return;
            }
            double w = specificity(word) * (1 + Math.log(count)) / ds.length;
            if (ds.length > COMMON_NAME_DEFINERS) {
                w *= 0.2;
            }
            for (int d : ds) {
                evidence.names[d] += w;
            }
        });
    }

    /** How much a name says on its own: short and lower-case words are often ordinary words of the text. */
    static double specificity(String word) {
        double s = word.length() >= 4 ? 1.0 : 0.3;
        boolean compound = word.indexOf('_', 1) > 0;
        for (int i = 1; i < word.length() && !compound; i++) {
            compound = Character.isUpperCase(word.charAt(i)) && Character.isLowerCase(word.charAt(i - 1));
        }
        return compound ? s * 1.5 : s;
    }

    private static Map<String, Integer> wordCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        Tokens.words(text, w -> counts.merge(w, 1, Integer::sum));
        return counts;
    }

    /** Query terms (by number) some file has, with a weight growing slowly with their count in the text. */
    private static Map<Integer, Double> queryTerms(SymbolIndex index, String text) {
        Map<String, Integer> counts = new HashMap<>();
        Tokens.textTerms(text, t -> counts.merge(t, 1, Integer::sum));
        Map<Integer, Double> terms = new HashMap<>();
        counts.forEach((term, count) -> {
            int id = index.vocabulary().find(term);
            if (index.documentFrequency(id) > 0) {
                terms.put(id, 1 + Math.log(count));
            }
        });
        return terms;
    }

    static double idf(SymbolIndex index, int term) {
        return Bm25.idf(index.size(), index.documentFrequency(term));
    }

    private static double[] bm25(SymbolIndex index, Map<Integer, Double> terms) {
        int n = index.capacity();
        double[] scores = new double[n];
        if (terms.isEmpty()) {
            return scores;
        }
        int maxTerm = terms.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        double[] qw = new double[maxTerm + 1];
        terms.forEach((term, weight) -> qw[term] = weight * idf(index, term));
        double avg = index.averageLength();
        for (int i = 0; i < n; i++) {
            IndexedFile file = index.file(i);
            if (file == null) {
                continue;
            }
            TermBag bag = file.terms();
            double s = 0;
            for (int j = 0; j < bag.size(); j++) {
                int term = bag.term(j);
                if (term > maxTerm) {
                    break; // terms are sorted
                }
                if (qw[term] > 0) {
                    s += qw[term] * Bm25.tf(bag.count(j), bag.length(), avg);
                }
            }
            scores[i] = s;
        }
        return scores;
    }

    private List<RankedDefinition> definitions(
            SymbolIndex index,
            List<RankedFile> files,
            double[] score,
            Evidence evidence,
            Map<String, Integer> words,
            Map<Integer, Double> terms,
            Set<String> qualified) {
        if (weights.maxDefinitions() == 0) {
            return List.of();
        }
        double best = files.isEmpty() ? 0 : files.get(0).score();
        Set<Integer> candidates = new HashSet<>();
        for (int i = 0; i < Math.min(weights.definitionFiles(), files.size()); i++) {
            if (files.get(i).score() > 0) {
                candidates.add(index.id(files.get(i).path()));
            }
        }
        evidence.frameHits.keySet().forEach(k -> candidates.add(k.file));
        words.keySet().forEach(word -> {
            int[] ds = index.definers(word);
            if (ds.length <= COMMON_NAME_DEFINERS) {
                for (int d : ds) {
                    candidates.add(d);
                }
            }
        });
        double maxFrame = evidence.frameHits.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(1);
        List<RankedDefinition> ranked = new ArrayList<>();
        for (int id : candidates) {
            IndexedFile file = index.file(id);
            double fileShare = best > 0 ? score[id] / best : 0;
            for (Definition d : file.definitions()) {
                double s = 0.5 * fileShare;
                Double frame = evidence.frameHits.get(new DefKey(id, d.line(), d.name()));
                if (frame != null) {
                    s += frame / maxFrame;
                }
                Integer mentions = words.get(d.name());
                if (mentions != null) {
                    int ds = Math.max(1, index.definers(d.name()).length);
                    s += 0.5 * specificity(d.name()) * (1 + Math.log(mentions)) / Math.sqrt(ds);
                }
                if (!d.parent().isEmpty() && qualified.contains(d.parent() + "." + d.name())) {
                    s += 0.3;
                }
                s += 0.3 * overlap(index, d, terms);
                if (d.kind() == SymbolKind.VARIABLE) {
                    s *= 0.5;
                }
                if (file.test()) {
                    s *= weights.testPenalty();
                }
                if (s > 0) {
                    ranked.add(new RankedDefinition(file.path(), d, s));
                }
            }
        }
        ranked.sort(Comparator.comparingDouble(RankedDefinition::score)
                .reversed()
                .thenComparing(RankedDefinition::path)
                .thenComparingInt(r -> r.definition().line()));
        return ranked.size() > weights.maxDefinitions() ? ranked.subList(0, weights.maxDefinitions()) : ranked;
    }

    /** {@code A.b} pairs of the text where {@code b} is defined somewhere (a member named with its class). */
    private static Set<String> qualifiedNames(SymbolIndex index, String text) {
        Set<String> found = new HashSet<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            if (index.definers(m.group(2)).length > 0) {
                found.add(m.group(1) + "." + m.group(2));
            }
            m.region(m.start(2), text.length()); // a.b.c also yields b.c
        }
        return found;
    }

    /** The share (0..1) of a definition's name and docstring terms found in the query, weighted by IDF. */
    private static double overlap(SymbolIndex index, Definition d, Map<Integer, Double> terms) {
        if (terms.isEmpty()) {
            return 0;
        }
        double total = 0;
        double found = 0;
        Set<Integer> seen = new HashSet<>();
        List<Integer> own = new ArrayList<>();
        Vocabulary vocabulary = index.vocabulary();
        Tokens.terms(d.name(), t -> own.add(vocabulary.find(t)));
        Tokens.textTerms(d.doc(), t -> own.add(vocabulary.find(t)));
        for (int term : own) {
            if (!seen.add(term)) {
                continue;
            }
            double idf = index.documentFrequency(term) > 0 ? idf(index, term) : 1;
            total += idf;
            if (terms.containsKey(term)) {
                found += idf;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    private static void put(Map<RankSignal, Double> signals, RankSignal signal, double value) {
        if (value > 0) {
            signals.put(signal, value);
        }
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

    private record DefKey(int file, int line, String name) {}

    /** Evidence gathered from the text, per file and per definition. */
    private static final class Evidence {
        final double[] traceback;
        final double[] names;
        final Map<DefKey, Double> frameHits = new HashMap<>();

        Evidence(int n) {
            traceback = new double[n];
            names = new double[n];
        }

        void frameHit(int file, Definition d, double weight) {
            frameHits.merge(new DefKey(file, d.line(), d.name()), weight, Double::sum);
        }
    }
}
