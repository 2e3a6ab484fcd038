package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Splits text into the terms BM25 counts: every identifier-like word lower-cased whole, plus its parts when it is
 * a compound ({@code parse_header} gives {@code parse_header}, {@code parse}, {@code header}; {@code HTTPServer}
 * gives {@code httpserver}, {@code http}, {@code server}). Terms shorter than two characters and common English
 * words are dropped.
 */
final class Tokens {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if", "in", "into",
            "is", "it", "its", "not", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this",
            "to", "was", "were", "when", "which", "will", "with", "we", "you", "should", "must", "can", "does", "do");

    private Tokens() {}

    /** The identifier-like words of the text, as written (letters, digits, {@code _} and {@code $}). */
    static void words(CharSequence text, Consumer<String> sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$') {
                        i++;
                    } else {
                        break;
                    }
                }
                sink.accept(text.subSequence(start, i).toString());
            } else {
                i++;
            }
        }
    }

    /** The identifier-like words of the text, as written. */
    static List<String> words(CharSequence text) {
        List<String> out = new ArrayList<>();
        words(text, out::add);
        return out;
    }

    /** The BM25 terms of one word: the whole word lower-cased and, for compounds, its parts. */
    static void terms(String word, Consumer<String> sink) {
        String whole = word.toLowerCase(Locale.ROOT);
        if (keep(whole)) {
            sink.accept(whole);
        }
        for (String piece : pieces(word)) {
            if (keep(piece) && !piece.equals(whole)) {
                sink.accept(piece);
            }
        }
    }

    /** The parts of a compound word, lower-cased: cut at {@code _}, {@code $}, case changes and digit runs. */
    static List<String> pieces(String word) {
        List<String> out = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '_' || c == '$') {
                if (start >= 0) {
                    out.add(word.substring(start, i).toLowerCase(Locale.ROOT));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            } else if (boundary(word, i)) {
                out.add(word.substring(start, i).toLowerCase(Locale.ROOT));
                start = i;
            }
        }
        if (start >= 0) {
            out.add(word.substring(start).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The BM25 terms of a whole text. */
    static void textTerms(CharSequence text, Consumer<String> sink) {
        words(text, word -> terms(word, sink));
    }

    private static boolean boundary(String word, int i) {
        char prev = word.charAt(i - 1);
        char c = word.charAt(i);
        if (Character.isUpperCase(c)) {
            // fooBar | FOOBar (before the last capital of a run followed by a lower-case letter)
            return Character.isLowerCase(prev)
                    || Character.isDigit(prev)
                    || (Character.isUpperCase(prev)
                            && i + 1 < word.length()
                            && Character.isLowerCase(word.charAt(i + 1)));
        }
        if (Character.isDigit(c)) {
            return !Character.isDigit(prev);
        }
        return Character.isDigit(prev) && Character.isLetter(c);
    }

    private static boolean keep(String term) {
        return term.length() >= 2 && !STOP_WORDS.contains(term) && !allDigits(term);
    }

    private static boolean allDigits(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (!Character.isDigit(term.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
