package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inverted index of a {@link SymbolIndex}'s term bags: per term number, the ids of the files having it
 * (increasing) and how often each has it. BM25 then reads only the postings of a query's terms instead of every
 * term of every file. Immutable; {@link #with} makes the next snapshot's postings from this one's, rewriting only the
 * terms the changed files have or had.
 */
final class TermPostings {

    /** From this share of the live files changed at once, the postings are made afresh rather than updated. */
    private static final int REBUILD_DIVISOR = 8;

    private static final int[] NONE = new int[0];

    private final int[][] files;
    private final int[][] counts;

    private TermPostings(int[][] files, int[][] counts) {
        this.files = files;
        this.counts = counts;
    }

    /** The postings of these files (by id, null for holes), for terms numbered below {@code terms}. */
    static TermPostings of(IndexedFile[] byId, int terms) {
        int[] size = new int[terms];
        for (IndexedFile file : byId) {
            if (file != null) {
                TermBag bag = file.terms();
                for (int j = 0; j < bag.size(); j++) {
                    size[bag.term(j)]++;
                }
            }
        }
        int[][] files = new int[terms][];
        int[][] counts = new int[terms][];
        for (int t = 0; t < terms; t++) {
            files[t] = size[t] == 0 ? NONE : new int[size[t]];
            counts[t] = size[t] == 0 ? NONE : new int[size[t]];
        }
        int[] filled = new int[terms];
        for (int id = 0; id < byId.length; id++) {
            IndexedFile file = byId[id];
            if (file != null) {
                TermBag bag = file.terms();
                for (int j = 0; j < bag.size(); j++) {
                    int t = bag.term(j);
                    files[t][filled[t]] = id;
                    counts[t][filled[t]++] = bag.count(j);
                }
            }
        }
        return new TermPostings(files, counts);
    }

    /**
     * The postings after the files of {@code touched} changed from {@code before} to {@code after} (null where a file
     * is absent); terms numbered below {@code terms}.
     */
    TermPostings with(IndexedFile[] before, IndexedFile[] after, BitSet touched, int live, int terms) {
        if ((long) touched.cardinality() * REBUILD_DIVISOR > live) {
            return of(after, terms);
        }
        int[][] nextFiles = Arrays.copyOf(files, terms);
        int[][] nextCounts = Arrays.copyOf(counts, terms);
        for (int t = files.length; t < terms; t++) {
            nextFiles[t] = NONE;
            nextCounts[t] = NONE;
        }
        // Per term the touched files have now, their (id, count) pairs in increasing id order.
        Map<Integer, List<int[]>> added = new HashMap<>();
        BitSet affected = new BitSet();
        for (int id = touched.nextSetBit(0); id >= 0; id = touched.nextSetBit(id + 1)) {
            if (id < before.length && before[id] != null) {
                TermBag bag = before[id].terms();
                for (int j = 0; j < bag.size(); j++) {
                    affected.set(bag.term(j));
                }
            }
            if (after[id] != null) {
                TermBag bag = after[id].terms();
                for (int j = 0; j < bag.size(); j++) {
                    affected.set(bag.term(j));
                    added.computeIfAbsent(bag.term(j), k -> new ArrayList<>(2)).add(new int[] {id, bag.count(j)});
                }
            }
        }
        for (int t = affected.nextSetBit(0); t >= 0; t = affected.nextSetBit(t + 1)) {
            int[] oldFiles = nextFiles[t];
            int[] oldCounts = nextCounts[t];
            List<int[]> fresh = added.getOrDefault(t, List.of());
            int[] f = new int[oldFiles.length + fresh.size()];
            int[] c = new int[f.length];
            int n = 0;
            int k = 0;
            for (int i = 0; i < oldFiles.length; i++) {
                if (touched.get(oldFiles[i])) {
                    continue;
                }
                while (k < fresh.size() && fresh.get(k)[0] < oldFiles[i]) {
                    f[n] = fresh.get(k)[0];
                    c[n++] = fresh.get(k++)[1];
                }
                f[n] = oldFiles[i];
                c[n++] = oldCounts[i];
            }
            while (k < fresh.size()) {
                f[n] = fresh.get(k)[0];
                c[n++] = fresh.get(k++)[1];
            }
            nextFiles[t] = n == 0 ? NONE : n == f.length ? f : Arrays.copyOf(f, n);
            nextCounts[t] = n == 0 ? NONE : n == c.length ? c : Arrays.copyOf(c, n);
        }
        return new TermPostings(nextFiles, nextCounts);
    }

    /** The ids of the files having the term, increasing; empty for a term no file has. */
    int[] files(int term) {
        return term >= 0 && term < files.length ? files[term] : NONE;
    }

    /** How often each file of {@link #files} has the term, in the same order. */
    int[] counts(int term) {
        return term >= 0 && term < counts.length ? counts[term] : NONE;
    }
}
