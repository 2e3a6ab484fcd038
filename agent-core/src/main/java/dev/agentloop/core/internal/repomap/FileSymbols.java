package dev.agentloop.core.internal.repomap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the parser found in one file's content. It depends on the content only (not on the path), which is what
 * lets the {@link SymbolCache} key it by the content's hash.
 *
 * @param status how parsing ended
 * @param message why it failed; empty when parsed
 * @param definitions the module-level definitions and their members, in source order
 * @param imports the import statements, in source order
 * @param references identifiers the file uses (names, attributes, imported names) with how often
 */
public record FileSymbols(
        ParseStatus status,
        String message,
        List<Definition> definitions,
        List<ImportRef> imports,
        Map<String, Integer> references) {

    public FileSymbols {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        definitions = List.copyOf(definitions);
        imports = List.copyOf(imports);
        references = Map.copyOf(references);
    }

    /** A file the parser could not handle, with the reason. */
    public static FileSymbols failed(ParseStatus status, String message) {
        if (status == ParseStatus.PARSED) {
            throw new IllegalArgumentException("a failed parse needs a failure status, was " + status);
        }
        return new FileSymbols(status, message, List.of(), List.of(), Map.of());
    }

    /** The innermost definition containing the line (a method rather than its class), if any. */
    public java.util.Optional<Definition> enclosing(int line) {
        Definition best = null;
        for (Definition d : definitions) {
            if (d.contains(line) && (best == null || d.endLine() - d.line() <= best.endLine() - best.line())) {
                best = d;
            }
        }
        return java.util.Optional.ofNullable(best);
    }
}
