package dev.agentloop.core.internal.role;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template parsed once: literal text, {@code {{variable}}} slots and {@code {{#variable}}…{{/variable}}}
 * sections (kept only when the variable is not blank, so an empty part leaves neither its heading nor blank lines
 * behind), split into a system and a user part at the template's own {@code <!-- user -->} line. Rendering only
 * appends strings, so its cost is the prompt's length and not a regex replacement per variable; and because the split
 * is found in the template, text filled into a variable (a file, a test log) can never move part of the prompt into
 * the system message. Where a dropped section or an empty variable would leave more than one blank line between two
 * literal parts, the extra ones are left out; a variable's own text is never changed.
 *
 * <p>Immutable and thread-safe.
 */
final class Template {

    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#/]?)\\s*([a-z_]+)\\s*}}");
    private static final Pattern SPLIT = Pattern.compile("(?m)^<!--\\s*user\\s*-->\\s*$");

    private enum Kind {
        TEXT,
        VARIABLE,
        OPEN,
        CLOSE
    }

    /** One part of a template: literal text, a variable, or the start or end of a section on a variable. */
    private record Piece(Kind kind, String text) {}

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
            length += p.kind() == Kind.TEXT ? p.text().length() : 0;
        }
        for (Piece p : user) {
            length += p.kind() == Kind.TEXT ? p.text().length() : 0;
        }
        this.literalLength = length;
    }

    /**
     * Parses a template; a text without a {@code <!-- user -->} line is all user part.
     *
     * @throws IllegalArgumentException when a section is not closed, or closed without being opened
     */
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
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        Matcher m = TAG.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Piece(Kind.TEXT, text.substring(at, m.start())));
            }
            String name = m.group(2);
            switch (m.group(1)) {
                case "#" -> {
                    open.push(name);
                    out.add(new Piece(Kind.OPEN, name));
                }
                case "/" -> {
                    if (!name.equals(open.peek())) {
                        throw new IllegalArgumentException("{{/" + name + "}} closes "
                                + (open.isEmpty() ? "no open section" : "the section {{#" + open.peek() + "}}"));
                    }
                    open.pop();
                    out.add(new Piece(Kind.CLOSE, name));
                }
                default -> out.add(new Piece(Kind.VARIABLE, name));
            }
            variables.add(name);
            at = m.end();
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException(
                    "the section {{#" + open.peek() + "}} is never closed with {{/" + open.peek() + "}}");
        }
        if (at < text.length()) {
            out.add(new Piece(Kind.TEXT, text.substring(at)));
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
            if (p.kind() == Kind.VARIABLE) {
                capacity += values.getOrDefault(p.text(), "").length();
            }
        }
        StringBuilder out = new StringBuilder(capacity);
        int skipping = 0;
        for (Piece p : pieces) {
            switch (p.kind()) {
                case OPEN -> {
                    if (skipping > 0 || values.getOrDefault(p.text(), "").isBlank()) {
                        skipping++;
                    }
                }
                case CLOSE -> skipping = Math.max(0, skipping - 1);
                case VARIABLE -> {
                    if (skipping == 0) {
                        out.append(values.getOrDefault(p.text(), ""));
                    }
                }
                case TEXT -> {
                    if (skipping == 0) {
                        appendLiteral(out, p.text());
                    }
                }
            }
        }
        return out.toString().strip();
    }

    /** Appends literal text, leaving out the newlines that would make more than one blank line in a row. */
    private static void appendLiteral(StringBuilder out, String literal) {
        int trailing = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            trailing++;
        }
        int leading = 0;
        while (leading < literal.length() && literal.charAt(leading) == '\n') {
            leading++;
        }
        int drop = Math.max(0, Math.min(leading, trailing + leading - 2));
        out.append(literal, drop, literal.length());
    }
}
