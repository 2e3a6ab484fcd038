package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The file reference graph: an edge from A to B when A uses a name B defines, or imports B. Weights follow what
 * makes a reference telling (Aider's heuristics, adapted): a name defined in one file points there with full weight,
 * one defined in several spreads over them — over those the file imports (directly or one step further) when there
 * are such, the others getting {@link #OTHER_DEFINER_SHARE} — and, in more than {@link #COMMON_NAME_DEFINERS}
 * files, counts a tenth; long
 * compound names count triple, private ones half, dunders almost nothing; repeated use counts by its square root;
 * an import resolved to a file adds {@link #IMPORT_WEIGHT}. Each file keeps its {@link #MAX_EDGES} heaviest edges
 * that weigh at least {@link #MIN_EDGE_SHARE} of its heaviest: the long tail of common names only slows PageRank.
 *
 * <p>Files are numbered by the index's stable ids (removed files leave an empty row). Immutable; an update
 * recomputes only the rows it must.
 */
final class ReferenceGraph {

    /** Weight an import statement resolved to a file adds to the edge. */
    static final double IMPORT_WEIGHT = 2.0;

    /** Names defined in more files than this count a tenth. */
    static final int COMMON_NAME_DEFINERS = 5;

    /** Names defined in more files than this are not followed at all: they point nowhere in particular. */
    static final int IGNORED_NAME_DEFINERS = 50;

    /**
     * When some of a name's definers are files the user imports (or files those import), the others get this share:
     * {@code self.assertEqual} in a test means unittest's, not a helper of that name in another test file.
     */
    static final double OTHER_DEFINER_SHARE = 0.1;

    /** The most edges a file keeps. */
    static final int MAX_EDGES = 64;

    /** An edge lighter than this share of its file's heaviest edge is dropped. */
    static final double MIN_EDGE_SHARE = 0.01;

    /** From this many rows to compute on, they are computed in parallel. */
    static final int PARALLEL_ROWS = 256;

    private static final int[] NO_TARGETS = new int[0];
    private static final double[] NO_WEIGHTS = new double[0];

    private final int[][] targets;
    private final double[][] weights;
    private final double[] outWeight;
    private final int[] inDegree;
    private final int[][] imports;
    // The edges by target, for PageRank: file b's in-edges are inSource/inWeight[inStart[b] .. inStart[b + 1]),
    // their sources in increasing order.
    private final int[] inStart;
    private final int[] inSource;
    private final double[] inWeight;

    private ReferenceGraph(int[][] targets, double[][] weights, int[][] imports) {
        int n = targets.length;
        this.targets = targets;
        this.weights = weights;
        this.imports = imports;
        this.outWeight = new double[n];
        this.inDegree = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (double w : weights[i]) {
                sum += w;
            }
            outWeight[i] = sum;
            for (int t : targets[i]) {
                inDegree[t]++;
            }
        }
        inStart = new int[n + 1];
        for (int b = 0; b < n; b++) {
            inStart[b + 1] = inStart[b] + inDegree[b];
        }
        inSource = new int[inStart[n]];
        inWeight = new double[inStart[n]];
        int[] fill = Arrays.copyOf(inStart, n);
        for (int a = 0; a < n; a++) {
            int[] t = targets[a];
            double[] w = weights[a];
            for (int i = 0; i < t.length; i++) {
                int k = fill[t[i]]++;
                inSource[k] = a;
                inWeight[k] = w[i];
            }
        }
    }

    static ReferenceGraph empty() {
        return new ReferenceGraph(new int[0][], new double[0][], new int[0][]);
    }

    /**
     * This graph with the rows of {@code recompute} (and every row beyond the old size) computed afresh.
     *
     * @param files the index's files by stable id (null for removed ones)
     * @param recompute the ids whose rows must be recomputed; null for all
     */
    ReferenceGraph with(
            IndexedFile[] files, Collection<Integer> recompute, Map<String, int[]> definers, ImportResolver resolver) {
        int n = files.length;
        int[][] t = Arrays.copyOf(targets, n);
        double[][] w = Arrays.copyOf(weights, n);
        int[][] im = Arrays.copyOf(imports, n);
        BitSet rows = new BitSet(n);
        if (recompute == null) {
            rows.set(0, n);
        } else {
            recompute.forEach(rows::set);
            rows.set(Math.min(targets.length, n), n);
        }
        BitSet importsChanged = new BitSet(n);
        for (int a = rows.nextSetBit(0); a >= 0 && a < n; a = rows.nextSetBit(a + 1)) {
            int[] resolved = resolveImports(a, files, resolver);
            if (a >= imports.length || !Arrays.equals(resolved, imports[a])) {
                importsChanged.set(a);
            }
            im[a] = resolved;
        }
        if (recompute != null && !importsChanged.isEmpty()) {
            // A file's edges depend on what its imports import: their importers are recomputed too.
            for (int a = 0; a < n; a++) {
                for (int b : im[a] == null ? NO_TARGETS : im[a]) {
                    if (importsChanged.get(b)) {
                        rows.set(a);
                        break;
                    }
                }
            }
        }
        int[] ids = rows.stream().filter(a -> a < n).toArray();
        // Rows are independent: a whole build computes them on all cores, each worker with its own scratch row.
        int workers = ids.length < PARALLEL_ROWS ? 1 : Runtime.getRuntime().availableProcessors();
        IntStream.range(0, workers).parallel().forEach(worker -> {
            Row row = new Row(n);
            for (int k = worker; k < ids.length; k += workers) {
                int a = ids[k];
                row.compute(a, files, definers, im);
                t[a] = row.targets();
                w[a] = row.weights();
            }
        });
        return new ReferenceGraph(t, w, im);
    }

    /** The files a file's import statements resolve to (sorted, without itself). */
    private static int[] resolveImports(int a, IndexedFile[] files, ImportResolver resolver) {
        IndexedFile file = files[a];
        FileSymbols symbols = file == null ? null : file.symbols().orElse(null);
        Language language =
                file == null ? null : SourceLanguages.of(file.path()).orElse(null);
        if (symbols == null || language == null || symbols.imports().isEmpty()) {
            return NO_TARGETS;
        }
        java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
        for (ImportRef ref : symbols.imports()) {
            for (int d : resolver.resolve(file.path(), language, ref)) {
                if (d != a) {
                    found.add(d);
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The out-edges of one file, gathered in a scratch array as large as the graph. Weights are summed in fixed
     * point: a file's references come in an order that differs between JVMs (an immutable map's), and integer sums,
     * unlike floating-point ones, do not depend on it, so the same repository gives the same graph every time.
     */
    static final class Row {
        private static final double SCALE = 1e9;
        private final long[] scratch;
        private final int[] touched;
        private final boolean[] near;
        private final int[] nearList;
        private int nearCount;
        private int count;
        private int[] keptTargets;
        private double[] keptWeights;

        Row(int n) {
            scratch = new long[n];
            touched = new int[n];
            near = new boolean[n];
            nearList = new int[n];
        }

        void compute(int a, IndexedFile[] files, Map<String, int[]> definers, int[][] imports) {
            count = 0;
            IndexedFile file = files[a];
            FileSymbols symbols = file == null ? null : file.symbols().orElse(null);
            if (symbols != null) {
                markImported(a, imports);
                for (Map.Entry<String, Integer> ref : symbols.references().entrySet()) {
                    int[] ds = definers.get(ref.getKey());
                    if (ds == null || ds.length > IGNORED_NAME_DEFINERS || (ds.length == 1 && ds[0] == a)) {
                        continue;
                    }
                    double weight = nameWeight(ref.getKey(), ds.length) * Math.sqrt(ref.getValue());
                    int imported = 0;
                    for (int d : ds) {
                        if (near[d]) {
                            imported++;
                        }
                    }
                    for (int d : ds) {
                        if (imported == 0) {
                            add(a, d, weight / ds.length);
                        } else if (near[d]) {
                            add(a, d, weight / imported);
                        } else {
                            // Defined where the file does not import from: probably another thing of that name.
                            add(a, d, weight * OTHER_DEFINER_SHARE / ds.length);
                        }
                    }
                }
                for (int d : imports[a]) {
                    add(a, d, IMPORT_WEIGHT);
                }
                clearImported();
            }
            keep();
        }

        /** Marks the files {@code a} imports and the files those import. */
        private void markImported(int a, int[][] imports) {
            nearCount = 0;
            for (int b : imports[a]) {
                mark(b);
                int[] next = imports[b];
                if (next != null) {
                    for (int c : next) {
                        mark(c);
                    }
                }
            }
        }

        private void mark(int id) {
            if (!near[id]) {
                near[id] = true;
                nearList[nearCount++] = id;
            }
        }

        private void clearImported() {
            for (int i = 0; i < nearCount; i++) {
                near[nearList[i]] = false;
            }
            nearCount = 0;
        }

        void add(int a, int d, double weight) {
            if (d == a) {
                return;
            }
            long units = Math.round(weight * SCALE);
            if (units <= 0) {
                return;
            }
            if (scratch[d] == 0) {
                touched[count++] = d;
            }
            scratch[d] += units;
        }

        /** Keeps the heaviest edges (see the class comment) and clears the scratch array. */
        void keep() {
            if (count == 0) {
                keptTargets = NO_TARGETS;
                keptWeights = NO_WEIGHTS;
                return;
            }
            long max = 0;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, scratch[touched[i]]);
            }
            Integer[] order = new Integer[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (scratch[touched[i]] >= max * MIN_EDGE_SHARE) {
                    order[kept++] = touched[i];
                }
            }
            Integer[] heaviest = Arrays.copyOf(order, kept);
            // equal weights in the files' order, not in the order they were touched
            Arrays.sort(heaviest, (x, y) -> scratch[x] != scratch[y] ? Long.compare(scratch[y], scratch[x]) : x - y);
            int size = Math.min(kept, MAX_EDGES);
            keptTargets = new int[size];
            keptWeights = new double[size];
            for (int i = 0; i < size; i++) {
                keptTargets[i] = heaviest[i];
                keptWeights[i] = scratch[heaviest[i]] / SCALE;
            }
            for (int i = 0; i < count; i++) {
                scratch[touched[i]] = 0;
            }
        }

        int[] targets() {
            return keptTargets;
        }

        double[] weights() {
            return keptWeights;
        }
    }

    /** How telling a use of this name is, before it is spread over its definers. */
    static double nameWeight(String name, int definerCount) {
        double w = 1.0;
        if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) {
            w *= 0.05;
        } else if (name.startsWith("_")) {
            w *= 0.5;
        }
        if (name.length() >= 8 && (name.indexOf('_', 1) > 0 || hasInnerCapital(name))) {
            w *= 3;
        }
        if (definerCount > COMMON_NAME_DEFINERS) {
            w *= 0.1;
        }
        return w;
    }

    private static boolean hasInnerCapital(String name) {
        for (int i = 1; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i)) && Character.isLowerCase(name.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return targets.length;
    }

    /** The files {@code a} has edges to. */
    int[] targets(int a) {
        return targets[a];
    }

    /** The weights of {@code a}'s edges, in the order of {@link #targets}. */
    double[] weights(int a) {
        return weights[a];
    }

    /** How many files have an edge to {@code b}. */
    int inDegree(int b) {
        return inDegree[b];
    }

    /** The weight of the edge from {@code a} to {@code b}; 0 when there is none. */
    double weight(int a, int b) {
        for (int i = 0; i < targets[a].length; i++) {
            if (targets[a][i] == b) {
                return weights[a][i];
            }
        }
        return 0;
    }

    /**
     * Personalised PageRank by power iteration: with probability {@code damping} a walker follows an edge (by
     * weight), otherwise (and from a file without edges) it jumps to a file drawn from {@code personalization}.
     *
     * <p>Each file's new rank is summed over its in-edges, sources in increasing order: the same additions in the
     * same order as spreading every file's rank over its out-edges file after file, so the same ranks to the last
     * bit, with reads in order instead of writes all over the array.
     *
     * @param personalization non-negative, not all zero, one entry per id
     * @return the stationary distribution (sums to 1)
     */
    double[] pageRank(double[] personalization, double damping, int maxIterations, double tolerance) {
        int n = targets.length;
        double sum = 0;
        for (double x : personalization) {
            if (!(x >= 0)) {
                throw new IllegalArgumentException("personalization must be non-negative, was " + x);
            }
            sum += x;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("personalization must not be all zero");
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = personalization[i] / sum;
        }
        double[] rank = p.clone();
        double[] next = new double[n];
        double[] share = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double dangling = 0;
            for (int a = 0; a < n; a++) {
                if (outWeight[a] == 0) {
                    dangling += rank[a];
                    share[a] = 0;
                } else {
                    share[a] = damping * rank[a] / outWeight[a];
                }
            }
            pull(share, next);
            double jump = (1 - damping) + damping * dangling;
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] += jump * p[i];
                change += Math.abs(next[i] - rank[i]);
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (change < tolerance) {
                break;
            }
        }
        return rank;
    }

    /**
     * Each file's sum of {@code share[source] * weight} over its in-edges, in order. Four files are summed side by
     * side: one sum is a chain of dependent additions, four chains keep the processor busy (each still adds in its
     * own order).
     */
    private void pull(double[] share, double[] into) {
        int n = into.length;
        int b = 0;
        for (; b + 4 <= n; b += 4) {
            int k0 = inStart[b];
            int k1 = inStart[b + 1];
            int k2 = inStart[b + 2];
            int k3 = inStart[b + 3];
            int end3 = inStart[b + 4];
            int together = Math.min(Math.min(k1 - k0, k2 - k1), Math.min(k3 - k2, end3 - k3));
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < together; j++) {
                s0 += share[inSource[k0 + j]] * inWeight[k0 + j];
                s1 += share[inSource[k1 + j]] * inWeight[k1 + j];
                s2 += share[inSource[k2 + j]] * inWeight[k2 + j];
                s3 += share[inSource[k3 + j]] * inWeight[k3 + j];
            }
            into[b] = rest(s0, k0 + together, k1, share);
            into[b + 1] = rest(s1, k1 + together, k2, share);
            into[b + 2] = rest(s2, k2 + together, k3, share);
            into[b + 3] = rest(s3, k3 + together, end3, share);
        }
        for (; b < n; b++) {
            into[b] = rest(0, inStart[b], inStart[b + 1], share);
        }
    }

    /** The sum continued over the in-edges {@code from .. to}. */
    private double rest(double sum, int from, int to, double[] share) {
        for (int k = from; k < to; k++) {
            sum += share[inSource[k]] * inWeight[k];
        }
        return sum;
    }
}
