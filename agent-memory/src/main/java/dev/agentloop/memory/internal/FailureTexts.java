package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.FailureRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts derived from a failure for retrieval: the error lines of its output, the words describing its failed
 * assertion, and the words the full-text search matches on.
 */
public final class FailureTexts {

    /** Longest excerpt of error lines kept. */
    static final int MAX_ERROR_TEXT = 1500;

    /** Longest code excerpt put into an embedded text. */
    public static final int MAX_CODE_IN_TEXT = 1200;

    /** At most this many words in a full-text query. */
    public static final int MAX_QUERY_TERMS = 64;

    private static final Pattern GENERIC_ERROR =
            Pattern.compile("(?i)(error|exception|assert|expected|actual|fail|traceback|not ok)");
    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*|[0-9]+");

    private FailureTexts() {}

    /**
     * The lines of a test output that describe the error: pytest's {@code E} lines when there are any, else lines
     * that mention an error, an assertion or expected/actual values; at most {@value #MAX_ERROR_TEXT} characters.
     */
    public static String errorLines(String output) {
        StringBuilder pytest = new StringBuilder();
        StringBuilder generic = new StringBuilder();
        for (String line : output.split("\r?\n")) {
            if (line.startsWith("E ")) {
                pytest.append(line).append('\n');
            } else if (GENERIC_ERROR.matcher(line).find()) {
                generic.append(line.strip()).append('\n');
            }
        }
        String text = pytest.length() > 0 ? pytest.toString() : generic.toString();
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) : text;
    }

    /** The words the full-text index holds for a failure: its error type, message, error lines and assertion words. */
    public static String lexicalText(FailureRecord f) {
        String features = AssertionFeatures.of(f.outputExcerpt());
        return String.join(
                "\n", f.errorType(), f.message(), errorLines(f.outputExcerpt()), features, features, features);
    }

    /**
     * A full-text query (words joined by {@code |}) matching any of the distinct words of {@code text}, at most
     * {@value #MAX_QUERY_TERMS}; empty when the text has no words.
     */
    public static String orQuery(String text) {
        return orQuery(text, Set.of());
    }

    /** {@link #orQuery(String)} without the words in {@code leaveOut}. */
    public static String orQuery(String text, Set<String> leaveOut) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < MAX_QUERY_TERMS) {
            if (!leaveOut.contains(m.group())) {
                words.add(m.group());
            }
        }
        return String.join(" | ", words);
    }

    /** The words of an {@link #orQuery}, in order. */
    public static List<String> queryWords(String orQuery) {
        return orQuery.isEmpty() ? List.of() : List.of(orQuery.split(" \\| "));
    }

    /** The distinct lower-case words of a text, in order. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
