package dev.agentloop.core.internal.role;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template parsed once: literal text and {@code {{variable}}} slots, split into a system and a user part at
 * the template's own {@code <!-- user -->} line. Rendering only appends strings, so its cost is the prompt's length
 * and not a regex replacement per variable; and because the split is found in the template, text filled into a
 * variable (a file, a test log) can never move part of the prompt into the system message.
 *
 * <p>Immutable and thread-safe.
 */
final class Template {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final Pattern SPLIT = Pattern.compile("(?m)^<!--\\s*user\\s*-->\\s*$");

    /** One part of a template: literal text, or a variable when {@code variable} is not null. */
    private record Piece(String text, String variable) {}

    private final List<Piece> system;
    private final List<Piece> user;
    private final Set<String> variables;
    private final int literalLength;

    private Template(List<Piece> system, List<Piece> user, Set<String> variables) {
        this.system = system;
        this.user = user;
        this.variables = variables;
        int length = 0;
        for (Piece p : system) {
            length += p.variable() == null ? p.text().length() : 0;
        }
        for (Piece p : user) {
            length += p.variable() == null ? p.text().length() : 0;
        }
        this.literalLength = length;
    }

    /** Parses a template; a text without a {@code <!-- user -->} line is all user part. */
    static Template parse(String text) {
        Set<String> variables = new LinkedHashSet<>();
        Matcher split = SPLIT.matcher(text);
        if (split.find()) {
            return new Template(
                    pieces(text.substring(0, split.start()), variables),
                    pieces(text.substring(split.end()), variables),
                    orderedCopy(variables));
        }
        return new Template(List.of(), pieces(text, variables), orderedCopy(variables));
    }

    /** A fragment without a system part (a note of {@code notes.md}). */
    static Template fragment(String text) {
        Set<String> variables = new LinkedHashSet<>();
        return new Template(List.of(), pieces(text, variables), orderedCopy(variables));
    }

    private static Set<String> orderedCopy(Set<String> variables) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(variables));
    }

    private static List<Piece> pieces(String text, Set<String> variables) {
        List<Piece> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Piece(text.substring(at, m.start()), null));
            }
            out.add(new Piece(null, m.group(1)));
            variables.add(m.group(1));
            at = m.end();
        }
        if (at < text.length()) {
            out.add(new Piece(text.substring(at), null));
        }
        return List.copyOf(out);
    }

    /** The variables the template uses, in the order they first appear. */
    Set<String> variables() {
        return variables;
    }

    /** The system part (empty when the template has none) with the variables filled in (missing ones empty). */
    String system(Map<String, String> values) {
        return fill(system, values);
    }

    /** The user part with the variables filled in (missing ones empty). */
    String user(Map<String, String> values) {
        return fill(user, values);
    }

    private String fill(List<Piece> pieces, Map<String, String> values) {
        int capacity = literalLength;
        for (Piece p : pieces) {
            if (p.variable() != null) {
                capacity += values.getOrDefault(p.variable(), "").length();
            }
        }
        StringBuilder out = new StringBuilder(capacity);
        for (Piece p : pieces) {
            out.append(p.variable() == null ? p.text() : values.getOrDefault(p.variable(), ""));
        }
        return out.toString().strip();
    }
}
