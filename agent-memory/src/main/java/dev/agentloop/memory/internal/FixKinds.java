package dev.agentloop.memory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of change a unified diff makes: the tokens its removed lines have and its added lines lack ({@code -<}),
 * and the other way round ({@code +<=}), with names, strings and large numbers abstracted as in {@link
 * CodePatterns}. {@code -< +<=} is a boundary fix, {@code +return} a missing return, {@code -not} a negated
 * condition; a diff that only swaps one name for another is {@value #RENAME}.
 */
public final class FixKinds {

    /** The kind of a fix that changed names only. */
    public static final String RENAME = "rename";

    /** Longest kind kept. */
    static final int MAX_KIND = 120;

    private static final Pattern TOKEN =
            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z_$][\\w$]*|\\d+(?:\\.\\d+)?"
                    + "|==|!=|<=|>=|//|\\*\\*|&&|\\|\\||\\S");

    private FixKinds() {}

    /** The kind of {@code diff}; empty for an empty diff. */
    public static String of(String diff) {
        Map<String, Integer> removed = new HashMap<>();
        Map<String, Integer> added = new HashMap<>();
        boolean any = false;
        for (String line : diff.split("\r?\n")) {
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("-")) {
                count(line.substring(1), removed);
                any = true;
            } else if (line.startsWith("+")) {
                count(line.substring(1), added);
                any = true;
            }
        }
        if (!any) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        difference(removed, added).forEach(t -> parts.add("-" + t));
        difference(added, removed).forEach(t -> parts.add("+" + t));
        if (parts.isEmpty()) {
            return RENAME;
        }
        String kind = String.join(" ", parts);
        return kind.length() > MAX_KIND ? kind.substring(0, MAX_KIND) : kind;
    }

    private static void count(String line, Map<String, Integer> into) {
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            into.merge(abstracted(m.group()), 1, Integer::sum);
        }
    }

    /** Names, strings and numbers as {@link CodePatterns} abstracts them; operators as they are. */
    private static String abstracted(String token) {
        char c = token.charAt(0);
        boolean operator = !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '\'');
        return operator ? token : CodePatterns.of(token);
    }

    /** Tokens of {@code a} not matched in {@code b} (as a multiset), sorted. */
    private static List<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> out = new ArrayList<>();
        a.forEach((token, n) -> {
            for (int i = b.getOrDefault(token, 0); i < n; i++) {
                out.add(token);
            }
        });
        out.sort(null);
        return out;
    }
}
