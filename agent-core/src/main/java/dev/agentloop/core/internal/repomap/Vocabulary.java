package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the BM25 terms a map has seen, and remembers how each identifier splits into terms, so that indexing
 * tens of thousands of identifiers splits each distinct one once. Shared by the snapshots of one map; only grows.
 * Thread-safe.
 */
final class Vocabulary {

    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, int[]> wordTerms = new HashMap<>();

    /** The term's number, assigning the next one when it is new. */
    synchronized int id(String term) {
        Integer id = ids.get(term);
        if (id == null) {
            id = ids.size();
            ids.put(term, id);
        }
        return id;
    }

    /** The term's number, or -1 when no file has it. */
    synchronized int find(String term) {
        Integer id = ids.get(term);
        return id == null ? -1 : id;
    }

    /** How many terms are numbered. */
    synchronized int size() {
        return ids.size();
    }

    /** The numbers of a word's terms (see {@link Tokens#terms}), split once per distinct word. */
    synchronized int[] termsOfWord(String word) {
        int[] terms = wordTerms.get(word);
        if (terms == null) {
            List<String> split = new ArrayList<>(4);
            Tokens.terms(word, split::add);
            terms = new int[split.size()];
            for (int i = 0; i < terms.length; i++) {
                terms[i] = id(split.get(i));
            }
            wordTerms.put(word, terms);
        }
        return terms;
    }
}
