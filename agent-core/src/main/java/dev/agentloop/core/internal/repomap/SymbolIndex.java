package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of a parsed repository: its files, and what ranking needs across them — which files define
 * each name, document frequencies for BM25, the reference graph and each file's importance in it. A {@link RepoMap}
 * replaces its snapshot on every update with {@link #with}, which recomputes only what the changed files touch;
 * {@link MapRanker} ranks a snapshot for a query.
 *
 * <p>Files keep a stable id across snapshots (a removed file's id stays empty), so per-file data carries over.
 */
public final class SymbolIndex {

    /** PageRank's stopping rule: at most this many iterations ... */
    static final int PAGE_RANK_ITERATIONS = 30;

    /** ... or until the ranks change by less than this in total (ranks only need their order). */
    static final double PAGE_RANK_TOLERANCE = 1e-5;

    private static final int[] NONE = new int[0];

    private final Vocabulary vocabulary;
    private final IndexedFile[] byId;
    private final Map<String, Integer> ids;
    private final List<IndexedFile> sorted;
    private final int[] documentFrequency;
    private final long totalLength;
    private final Map<String, int[]> definers;
    private final ImportResolver resolver;
    private final PathLookup paths;
    private final ReferenceGraph graph;
    private final double[] centrality;
    private final TermPostings postings;
    private volatile double[] idf;
    private volatile double[] bm25Norms;

    private SymbolIndex(
            Vocabulary vocabulary,
            IndexedFile[] byId,
            Map<String, Integer> ids,
            int[] documentFrequency,
            long totalLength,
            Map<String, int[]> definers,
            ImportResolver resolver,
            PathLookup paths,
            ReferenceGraph graph,
            TermPostings postings) {
        this.vocabulary = vocabulary;
        this.byId = byId;
        this.ids = ids;
        this.documentFrequency = documentFrequency;
        this.totalLength = totalLength;
        this.definers = definers;
        this.resolver = resolver;
        this.paths = paths;
        this.graph = graph;
        this.postings = postings;
        List<IndexedFile> live = new ArrayList<>(ids.size());
        for (IndexedFile file : byId) {
            if (file != null) {
                live.add(file);
            }
        }
        live.sort(Comparator.comparing(IndexedFile::path));
        this.sorted = Collections.unmodifiableList(live);
        double[] uniform = new double[byId.length];
        for (int i = 0; i < byId.length; i++) {
            uniform[i] = byId[i] == null ? 0 : 1;
        }
        this.centrality =
                live.isEmpty() ? uniform : graph.pageRank(uniform, 0.85, PAGE_RANK_ITERATIONS, PAGE_RANK_TOLERANCE);
    }

    /** An index without files, whose files' terms are numbered by the vocabulary. */
    static SymbolIndex empty(Vocabulary vocabulary) {
        List<String> none = List.of();
        return new SymbolIndex(
                vocabulary,
                new IndexedFile[0],
                Map.of(),
                new int[0],
                0,
                Map.of(),
                new ImportResolver(none),
                new PathLookup(none),
                ReferenceGraph.empty(),
                TermPostings.of(new IndexedFile[0], 0));
    }

    /**
     * A snapshot with some files replaced or added and some removed; the others are carried over as they are.
     *
     * @param changed new or changed files (their terms numbered by this index's vocabulary)
     * @param removed paths of files gone
     */
    SymbolIndex with(Collection<IndexedFile> changed, Collection<String> removed) {
        Map<String, Integer> nextIds = new HashMap<>(ids);
        int capacity = byId.length;
        for (IndexedFile file : changed) {
            if (!nextIds.containsKey(file.path())) {
                nextIds.put(file.path(), capacity++);
            }
        }
        IndexedFile[] next = Arrays.copyOf(byId, capacity);
        int[] df = Arrays.copyOf(documentFrequency, Math.max(documentFrequency.length, vocabulary.size()));
        long length = totalLength;
        BitSet touched = new BitSet(capacity);
        Set<String> names = new HashSet<>();
        boolean pathsChanged = false;
        for (String path : removed) {
            Integer id = nextIds.remove(path);
            if (id != null && next[id] != null) {
                length -= count(next[id], df, -1);
                next[id].definitions().forEach(d -> names.add(d.name()));
                next[id] = null;
                touched.set(id);
                pathsChanged = true;
            }
        }
        for (IndexedFile file : changed) {
            int id = nextIds.get(file.path());
            IndexedFile old = next[id];
            if (old != null) {
                length -= count(old, df, -1);
                old.definitions().forEach(d -> names.add(d.name()));
            } else {
                pathsChanged = true;
            }
            if (df.length < vocabulary.size()) {
                df = Arrays.copyOf(df, vocabulary.size());
            }
            length += count(file, df, 1);
            file.definitions().forEach(d -> names.add(d.name()));
            next[id] = file;
            touched.set(id);
        }
        // Ids in increasing order, a file's definitions together: a repeated name of one file is its last entry.
        Map<String, List<Integer>> definedNow = new HashMap<>();
        for (int id = touched.nextSetBit(0); id >= 0; id = touched.nextSetBit(id + 1)) {
            if (next[id] != null) {
                for (Definition d : next[id].definitions()) {
                    List<Integer> ids = definedNow.computeIfAbsent(d.name(), k -> new ArrayList<>(2));
                    if (ids.isEmpty() || ids.get(ids.size() - 1) != id) {
                        ids.add(id);
                    }
                }
            }
        }
        Map<String, int[]> nextDefiners = new HashMap<>(definers);
        Set<String> moved = new HashSet<>();
        for (String name : names) {
            int[] before = definers.getOrDefault(name, NONE);
            int[] after = definersOf(before, touched, definedNow.getOrDefault(name, List.of()));
            if (after.length == 0) {
                nextDefiners.remove(name);
            } else {
                nextDefiners.put(name, after);
            }
            if (!Arrays.equals(before, after)) {
                moved.add(name);
            }
        }
        ImportResolver nextResolver = resolver;
        PathLookup nextPaths = paths;
        Set<Integer> rows = null; // all
        if (pathsChanged) {
            List<String> byIdPaths = new ArrayList<>(next.length);
            for (IndexedFile file : next) {
                byIdPaths.add(file == null ? null : file.path());
            }
            nextResolver = new ImportResolver(byIdPaths);
            nextPaths = new PathLookup(byIdPaths);
        } else {
            // Only files whose own content changed, or that use a name whose definers changed, get new edges.
            rows = new HashSet<>();
            touched.stream().forEach(rows::add);
            if (!moved.isEmpty()) {
                for (int id = 0; id < next.length; id++) {
                    FileSymbols symbols =
                            next[id] == null ? null : next[id].symbols().orElse(null);
                    if (symbols != null && usesAny(symbols, moved)) {
                        rows.add(id);
                    }
                }
            }
        }
        ReferenceGraph nextGraph = graph.with(next, rows, nextDefiners, nextResolver);
        TermPostings nextPostings = postings.with(byId, next, touched, nextIds.size(), df.length);
        return new SymbolIndex(
                vocabulary, next, nextIds, df, length, nextDefiners, nextResolver, nextPaths, nextGraph, nextPostings);
    }

    private static boolean usesAny(FileSymbols symbols, Set<String> names) {
        Map<String, Integer> refs = symbols.references();
        if (names.size() < refs.size()) {
            for (String name : names) {
                if (refs.containsKey(name)) {
                    return true;
                }
            }
            return false;
        }
        for (String name : refs.keySet()) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Adds (sign 1) or removes (sign -1) a file's terms to the document frequencies; returns its length. */
    private static long count(IndexedFile file, int[] df, int sign) {
        TermBag bag = file.terms();
        for (int i = 0; i < bag.size(); i++) {
            df[bag.term(i)] += sign;
        }
        return bag.length();
    }

    /** The definers of a name after an update: those untouched by it, and the touched files defining it now. */
    private static int[] definersOf(int[] before, BitSet touched, List<Integer> now) {
        int[] ids = new int[before.length + now.size()];
        int count = 0;
        for (int id : before) {
            if (!touched.get(id)) {
                ids[count++] = id;
            }
        }
        for (int id : now) {
            ids[count++] = id;
        }
        int[] result = Arrays.copyOf(ids, count);
        Arrays.sort(result);
        return result;
    }

    /** The files, sorted by path. */
    public List<IndexedFile> files() {
        return sorted;
    }

    /** The file at this path, if the map has it. */
    public Optional<IndexedFile> file(String path) {
        Integer id = ids.get(path);
        return id == null ? Optional.empty() : Optional.of(byId[id]);
    }

    /** The number of files. */
    public int size() {
        return sorted.size();
    }

    /** One more than the largest id; ids without a file are holes left by removed files. */
    int capacity() {
        return byId.length;
    }

    /** The id of a path; -1 when the map lacks it. */
    int id(String path) {
        Integer id = ids.get(path);
        return id == null ? -1 : id;
    }

    /** The file with this id; null for a hole. */
    IndexedFile file(int id) {
        return byId[id];
    }

    /** The ids of the files defining this name; empty when none does. */
    int[] definers(String name) {
        int[] ds = definers.get(name);
        return ds == null ? NONE : ds;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** In how many files a term (by number) occurs. */
    int documentFrequency(int term) {
        return term >= 0 && term < documentFrequency.length ? documentFrequency[term] : 0;
    }

    /** BM25's inverse document frequency of a term (by number), computed once per snapshot. */
    double idf(int term) {
        double[] table = idf;
        if (table == null) {
            table = new double[documentFrequency.length];
            for (int t = 0; t < table.length; t++) {
                table[t] = Bm25.idf(sorted.size(), documentFrequency[t]);
            }
            idf = table; // a race computes the same table twice, harmlessly
        }
        return term >= 0 && term < table.length ? table[term] : Bm25.idf(sorted.size(), 0);
    }

    double averageLength() {
        return sorted.isEmpty() ? 0 : (double) totalLength / sorted.size();
    }

    /** Which files have each term, and how often. */
    TermPostings postings() {
        return postings;
    }

    /** Per file id: BM25's length normalisation of its term bag ({@link Bm25#norm}), computed once per snapshot. */
    double[] bm25Norms() {
        double[] norms = bm25Norms;
        if (norms == null) {
            double average = averageLength();
            norms = new double[byId.length];
            for (int id = 0; id < byId.length; id++) {
                norms[id] = byId[id] == null ? 0 : Bm25.norm(byId[id].terms().length(), average);
            }
            bm25Norms = norms; // a race computes the same table twice, harmlessly
        }
        return norms;
    }

    ReferenceGraph graph() {
        return graph;
    }

    /** Each file's PageRank with uniform jumps: its importance when a query says nothing. */
    double centrality(int id) {
        return centrality[id];
    }

    PathLookup paths() {
        return paths;
    }
}
