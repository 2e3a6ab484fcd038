package dev.agentloop.core.internal.repomap;

import java.util.Arrays;

/**
 * A document's term frequencies and length, as BM25 counts them: term numbers of a {@link Vocabulary}, sorted, with
 * their counts. Read-only once built.
 */
final class TermBag {

    private final int[] terms;
    private final int[] counts;
    private final int length;

    private TermBag(int[] terms, int[] counts, int length) {
        this.terms = terms;
        this.counts = counts;
        this.length = length;
    }

    /** The number of distinct terms. */
    int size() {
        return terms.length;
    }

    /** The i-th distinct term's number. */
    int term(int i) {
        return terms[i];
    }

    /** How often the i-th distinct term occurs. */
    int count(int i) {
        return counts[i];
    }

    /** How often a term occurs; 0 when it does not. */
    int countOf(int term) {
        int i = Arrays.binarySearch(terms, term);
        return i < 0 ? 0 : counts[i];
    }

    /** The total number of term occurrences. */
    int length() {
        return length;
    }

    /** Collects terms, then {@link #build()}s the bag. */
    static final class Builder {
        private final Vocabulary vocabulary;
        // (term << 32 | times) pairs, summed per term by build(): cheaper than a map of boxed counts.
        private long[] pairs = new long[64];
        private int size;
        private int length;

        Builder(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
        }

        void add(int term, int times) {
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
            }
            pairs[size++] = ((long) term << 32) | times;
            length += times;
        }

        /** Adds every term of the word {@code times} times. */
        Builder addWord(String word, int times) {
            for (int term : vocabulary.termsOfWord(word)) {
                add(term, times);
            }
            return this;
        }

        /** Adds every term of a text once per occurrence. */
        Builder addText(String text, int times) {
            Tokens.words(text, word -> addWord(word, times));
            return this;
        }

        TermBag build() {
            Arrays.sort(pairs, 0, size);
            int[] terms = new int[size];
            int[] tf = new int[size];
            int distinct = -1;
            int last = -1;
            for (int i = 0; i < size; i++) {
                int term = (int) (pairs[i] >>> 32);
                int times = (int) pairs[i];
                if (term != last) {
                    terms[++distinct] = term;
                    last = term;
                }
                tf[distinct] += times;
            }
            return new TermBag(Arrays.copyOf(terms, distinct + 1), Arrays.copyOf(tf, distinct + 1), length);
        }
    }
}
