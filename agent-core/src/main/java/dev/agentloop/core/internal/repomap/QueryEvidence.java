package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a query's text says about an index, gathered once per ranking: where its tracebacks point (per file, and per
 * definition enclosing a frame's line), which defined names it mentions, its BM25 terms, the names of the failing
 * tests, and {@code Class.member} pairs.
 */
final class QueryEvidence {

    /** Names defined in more files than this say little about which one is meant. */
    static final int COMMON_NAME_DEFINERS = 5;

    /** Per file id: the traceback evidence (square root of the frames' weights). */
    final double[] traceback;

    /** Per file id: the weight of the defined names the text mentions. */
    final double[] names;

    /** The text's words as written, with their counts. */
    final Map<String, Integer> words;

    /** Per term number: the term's weight in the text (0 when absent); as long as the largest such number + 1. */
    final double[] terms;

    /** {@code A.b} pairs of the text where {@code b} is defined somewhere. */
    final Set<String> qualified;

    private final Map<DefinitionKey, Double> frameHits = new HashMap<>();
    private final double maxFrameHit;
    private final Set<Set<String>> testNames = new HashSet<>();
    private final Map<String, List<Set<String>>> testNamesByWord = new HashMap<>();

    private QueryEvidence(SymbolIndex index, String text) {
        int n = index.capacity();
        traceback = new double[n];
        names = new double[n];
        frames(index, text);
        maxFrameHit = frameHits.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(1);
        words = new HashMap<>();
        Tokens.words(text, w -> words.merge(w, 1, Integer::sum));
        names(index);
        terms = terms(index, words);
        qualified = qualified(index, text);
    }

    static QueryEvidence of(SymbolIndex index, String text) {
        return new QueryEvidence(index, text);
    }

    /** The files whose definitions frames point into. */
    Set<Integer> filesWithFrameHits() {
        Set<Integer> files = new HashSet<>();
        frameHits.keySet().forEach(k -> files.add(k.file));
        return files;
    }

    /** The weight of the frames inside a definition, scaled so that the most hit definition has 1. */
    double frameHit(int file, Definition d) {
        Double w = frameHits.get(new DefinitionKey(file, d.line(), d.name()));
        return w == null ? 0 : w / maxFrameHit;
    }

    /**
     * How well a definition's name (cut into words) matches a failing test's name (num_addresses and
     * test_num_addresses: 1): the square root of the share of the test name's words it has, when all of its own
     * words are in the test name; 0 otherwise.
     */
    double testNameMatch(List<String> own) {
        if (own.isEmpty()) {
            return 0;
        }
        double best = 0;
        for (Set<String> test : testNamesByWord.getOrDefault(own.get(0), List.of())) {
            if (test.containsAll(own)) {
                best = Math.max(best, Math.sqrt((double) new HashSet<>(own).size() / test.size()));
            }
        }
        return best;
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

    /** Traceback frames: per file, per definition enclosing a frame's line, and the failing tests' names. */
    private void frames(SymbolIndex index, String text) {
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
            traceback[id] += w;
            IndexedFile file = index.file(id);
            if (!frame.function().isEmpty() && (file.test() || frame.kind() == Frame.Kind.TEST_ID)) {
                testName(frame.function());
            }
            FileSymbols symbols = file.symbols().orElse(null);
            if (symbols == null) {
                continue;
            }
            Definition hit = frame.line() > 0
                    ? symbols.enclosing(frame.line()).orElse(null)
                    : frame.function().isEmpty() ? null : byQualifiedName(symbols, frame.function());
            if (hit != null) {
                hit(id, hit, w);
                if (!hit.parent().isEmpty()) {
                    // The class around a method gets a share: it is the method's context.
                    for (Definition d : symbols.definitions()) {
                        if (d.kind() == SymbolKind.CLASS && d.name().equals(hit.parent()) && d.contains(hit.line())) {
                            hit(id, d, w * 0.3);
                        }
                    }
                }
            }
        }
        // Many failures through one file say more than one, but not proportionally more.
        for (int i = 0; i < traceback.length; i++) {
            traceback[i] = Math.sqrt(traceback[i]);
        }
    }

    private void hit(int file, Definition d, double weight) {
        frameHits.merge(new DefinitionKey(file, d.line(), d.name()), weight, Double::sum);
    }

    private void testName(String function) {
        Set<String> own = new HashSet<>(Tokens.pieces(function.substring(function.lastIndexOf('.') + 1)));
        own.remove("test");
        own.remove("tests");
        if (!own.isEmpty() && testNames.add(own)) {
            for (String word : own) {
                testNamesByWord.computeIfAbsent(word, k -> new ArrayList<>()).add(own);
            }
        }
    }

    private static Definition byQualifiedName(FileSymbols symbols, String function) {
        int dot = function.lastIndexOf('.');
        String name = function.substring(dot + 1);
        String parent = dot < 0 ? "" : function.substring(function.lastIndexOf('.', dot - 1) + 1, dot);
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
    private void names(SymbolIndex index) {
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
                names[d] += w;
            }
        });
    }

    /** The text's terms some file has, weighted by 1 + ln(count). */
    private static double[] terms(SymbolIndex index, Map<String, Integer> words) {
        // From the distinct words: test output repeats itself, so this splits far fewer words than the text has.
        Map<String, Integer> counts = new HashMap<>();
        words.forEach((word, times) -> Tokens.terms(word, t -> counts.merge(t, times, Integer::sum)));
        Map<Integer, Double> found = new HashMap<>();
        int max = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int id = index.vocabulary().find(e.getKey());
            if (index.documentFrequency(id) > 0) {
                found.put(id, 1 + Math.log(e.getValue()));
                max = Math.max(max, id);
            }
        }
        double[] weights = new double[max + 1];
        found.forEach((id, w) -> weights[id] = w);
        return weights;
    }

    private static Set<String> qualified(SymbolIndex index, String text) {
        Set<String> found = new HashSet<>();
        qualifiedPairs(text, (owner, member) -> {
            if (index.definers(member).length > 0) {
                found.add(owner + "." + member);
            }
        });
        return found;
    }

    /**
     * Every {@code A.b} of the text ({@code a.b.c} gives {@code a.b} and {@code b.c}), as the pattern
     * {@code ([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)} finds them when each search starts at the previous match's
     * {@code b}: in one pass over the text, where trying the pattern at every position costs a long run of
     * identifier characters once per character of it.
     */
    static void qualifiedPairs(String text, BiConsumer<String, String> sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!identifierPart(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && identifierPart(text.charAt(end))) {
                end++;
            }
            // A match ends where the run of identifier characters does; it starts at its first possible start.
            int start = i;
            while (start < end && !identifierStart(text.charAt(start))) {
                start++;
            }
            if (start < end && end + 1 < n && text.charAt(end) == '.' && identifierStart(text.charAt(end + 1))) {
                int memberEnd = end + 2;
                while (memberEnd < n && identifierPart(text.charAt(memberEnd))) {
                    memberEnd++;
                }
                sink.accept(text.substring(start, end), text.substring(end + 1, memberEnd));
                i = end + 1; // b.c of a.b.c
            } else {
                i = end;
            }
        }
    }

    /** {@code [A-Za-z_$]}. */
    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    /** {@code [\w$]}: {@code [A-Za-z0-9_$]}. */
    private static boolean identifierPart(char c) {
        return identifierStart(c) || (c >= '0' && c <= '9');
    }

    private record DefinitionKey(int file, int line, String name) {}
}
