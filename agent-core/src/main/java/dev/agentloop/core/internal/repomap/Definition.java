package dev.agentloop.core.internal.repomap;

import java.util.Objects;

/**
 * One definition in a file.
 *
 * @param kind what it defines
 * @param name its name as written ({@code parse}, {@code Parser})
 * @param line the 1-based line of its header (a decorated function's {@code def} line)
 * @param endLine the last line of its body (≥ {@code line})
 * @param parent the enclosing class's name for methods and nested classes; empty at module level
 * @param signature the header as a map line shows it ({@code def parse(self, text) -> Node}); may be empty
 * @param doc the first line of its docstring (or JSDoc comment); empty when it has none
 */
public record Definition(
        SymbolKind kind, String name, int line, int endLine, String parent, String signature, String doc) {

    public Definition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
        endLine = Math.max(line, endLine);
        parent = parent == null ? "" : parent;
        signature = signature == null ? "" : signature;
        doc = doc == null ? "" : doc;
    }

    /** {@code Parent.name} for members, else the name. */
    public String qualifiedName() {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** True when {@code lineNumber} lies within this definition. */
    public boolean contains(int lineNumber) {
        return lineNumber >= line && lineNumber <= endLine;
    }

    /** The header as map lines show it: the signature, or the kind and the name when there is none. */
    public String header() {
        return signature.isEmpty() ? kind.keyword() + " " + name : signature;
    }
}
