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
        double[] terms = queryTerms(index, text);
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
        double[] fromTests = transferFromTests(index, seeds, tb);
        for (int i = 0; i < n; i++) {
            seeds[i] += fromTests[i];
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
            if (fromTests[i] != 0) {
                signals.put(RankSignal.TESTS, fromTests[i]);
            }
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

    /**
     * What moves from failing test files' seeds (test files the output's tracebacks point into) to the files they
     * use: {@code testTransfer} of each such test's seed, shared by
     * edge weight times an inverse document frequency of the target (files that few others use: the code under test
     * rather than the test framework every test uses). Negative for the tests themselves.
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

    /** Traceback frames: per file, and per definition enclosing a frame's line. */
    private static void frames(SymbolIndex index, String text, Evidence evidence) {
        for (Frame frame : TracebackParser.parse(text)) {
            int id = index.paths().find(frame.path());
            if (id < 0) {
                continue;
            }
            double w = switch (frame.kind()) {
                case STACK -> frame.innermost() ? 1.0 : 0.3;
                case LOCATION -> 0.6;
                case TEST_ID -> 0.5;
                case MENTION -> 0.25;
            };
            evidence.traceback[id] += w;
            if (!frame.function().isEmpty() && (index.file(id).test() || frame.kind() == Frame.Kind.TEST_ID)) {
                evidence.testName(frame.function());
            }
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
        // Many failures through one file say more than one, but not proportionally more.
        for (int i = 0; i < evidence.traceback.length; i++) {
            evidence.traceback[i] = Math.sqrt(evidence.traceback[i]);
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

    /**
     * Query terms some file has, by term number: a weight growing slowly with their count in the text (0 for terms
     * not in the text). As long as the largest such number, plus one.
     */
    private static double[] queryTerms(SymbolIndex index, String text) {
        Map<String, Integer> counts = new HashMap<>();
        Tokens.textTerms(text, t -> counts.merge(t, 1, Integer::sum));
        Map<Integer, Double> terms = new HashMap<>();
        int max = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int id = index.vocabulary().find(e.getKey());
            if (index.documentFrequency(id) > 0) {
                terms.put(id, 1 + Math.log(e.getValue()));
                max = Math.max(max, id);
            }
        }
        double[] weights = new double[max + 1];
        terms.forEach((id, w) -> weights[id] = w);
        return weights;
    }

    static double idf(SymbolIndex index, int term) {
        return Bm25.idf(index.size(), index.documentFrequency(term));
    }

    private static double[] bm25(SymbolIndex index, double[] terms) {
        int n = index.capacity();
        double[] scores = new double[n];
        if (terms.length == 0) {
            return scores;
        }
        int maxTerm = terms.length - 1;
        double[] qw = new double[terms.length];
        for (int term = 0; term < terms.length; term++) {
            if (terms[term] > 0) {
                qw[term] = terms[term] * idf(index, term);
            }
        }
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
            double[] terms,
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
        List<Scored> scored = new ArrayList<>();
        double maxName = 0;
        for (int id : candidates) {
            IndexedFile file = index.file(id);
            double fileShare = best > 0 ? score[id] / best : 0;
            List<Definition> defs = file.definitions();
            for (int k = 0; k < defs.size(); k++) {
                Definition d = defs.get(k);
                Double frame = evidence.frameHits.get(new DefKey(id, d.line(), d.name()));
                double name = 0;
                Integer mentions = words.get(d.name());
                if (mentions != null) {
                    int ds = Math.max(1, index.definers(d.name()).length);
                    name = specificity(d.name()) * Math.log1p(mentions) / Math.sqrt(ds);
                }
                if (!d.parent().isEmpty() && qualified.contains(d.parent() + "." + d.name())) {
                    name *= 1.5;
                }
                maxName = Math.max(maxName, name);
                scored.add(new Scored(
                        file,
                        d,
                        fileShare,
                        frame == null ? 0 : frame / maxFrame,
                        name,
                        evidence.testNameMatch(d.name()),
                        overlap(index, file.definitionTerms(k), terms)));
            }
        }
        List<RankedDefinition> ranked = new ArrayList<>();
        for (Scored c : scored) {
            // Each part is scaled to at most 1: the frames inside a definition say most, a name in the text (often
            // an exception's) less, its file's rank and its words' overlap with the text least.
            // A name or a test's name matching says more in a file that is a likely place anyway.
            double plausible = Math.sqrt(c.fileShare);
            double s = 0.5 * c.fileShare
                    + c.frame
                    + plausible * (0.6 * (maxName > 0 ? c.name / maxName : 0) + 0.6 * c.testName)
                    + 0.3 * c.overlap;
            if (c.definition.kind() == SymbolKind.VARIABLE) {
                s *= 0.5;
            }
            if (c.file.test()) {
                // Twice: a test function is where a failure shows, almost never what to fix.
                s *= weights.testPenalty() * weights.testPenalty();
            }
            if (s > 0) {
                ranked.add(new RankedDefinition(c.file.path(), c.definition, s));
            }
        }
        ranked.sort(Comparator.comparingDouble(RankedDefinition::score)
                .reversed()
                .thenComparing(RankedDefinition::path)
                .thenComparingInt(r -> r.definition().line()));
        return ranked.size() > weights.maxDefinitions() ? ranked.subList(0, weights.maxDefinitions()) : ranked;
    }

    private record Scored(
            IndexedFile file,
            Definition definition,
            double fileShare,
            double frame,
            double name,
            double testName,
            double overlap) {}

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
    private static double overlap(SymbolIndex index, int[] own, double[] terms) {
        double total = 0;
        double found = 0;
        for (int term : own) {
            double idf = index.documentFrequency(term) > 0 ? idf(index, term) : 1;
            total += idf;
            if (term < terms.length && terms[term] > 0) {
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

        /** The words of failing tests' names, without "test": test_parse_header names parse and header. */
        final List<Set<String>> testNames = new ArrayList<>();

        void frameHit(int file, Definition d, double weight) {
            frameHits.merge(new DefKey(file, d.line(), d.name()), weight, Double::sum);
        }

        void testName(String function) {
            Set<String> words = new HashSet<>(Tokens.pieces(function.substring(function.lastIndexOf('.') + 1)));
            words.remove("test");
            words.remove("tests");
            if (!words.isEmpty() && !testNames.contains(words)) {
                testNames.add(words);
            }
        }

        /**
         * How well a definition's name matches a failing test's name (test_num_addresses and num_addresses: 1): the
         * square root of the share of the test name's words it has, when all of its own words are in the test name.
         */
        double testNameMatch(String name) {
            if (testNames.isEmpty()) {
                return 0;
            }
            List<String> own = Tokens.pieces(name);
            double best = 0;
            for (Set<String> test : testNames) {
                if (!own.isEmpty() && test.containsAll(own)) {
                    best = Math.max(best, Math.sqrt((double) new HashSet<>(own).size() / test.size()));
                }
            }
            return best;
        }
    }
}
