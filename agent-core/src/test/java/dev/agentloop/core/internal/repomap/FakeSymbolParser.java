package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parser for tests that reads a toy language, one statement per line, and records what it was asked to parse:
 *
 * <pre>
 * class Name            a class; the following indented "def" lines are its methods
 * def name(args)        a function (a method when indented under a class)
 * import module         an import
 * !syntax               makes the file a syntax error
 * anything else         its words are references
 * </pre>
 */
final class FakeSymbolParser implements SymbolParser {

    private final List<List<String>> calls = new ArrayList<>();

    @Override
    public String version() {
        return "fake-1";
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.PYTHON, Language.JAVASCRIPT);
    }

    @Override
    public synchronized Map<String, FileSymbols> parse(Path root, List<String> paths) {
        calls.add(List.copyOf(paths));
        Map<String, FileSymbols> result = new LinkedHashMap<>();
        for (String path : paths) {
            try {
                result.put(path, parse(Files.readString(root.resolve(path))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /** Every path parsed so far, in order. */
    synchronized List<String> parsed() {
        return calls.stream().flatMap(List::stream).toList();
    }

    /** How many times parse was called. */
    synchronized int calls() {
        return calls.size();
    }

    static FileSymbols parse(String content) {
        List<Definition> definitions = new ArrayList<>();
        List<ImportRef> imports = new ArrayList<>();
        Map<String, Integer> references = new HashMap<>();
        String[] lines = content.split("\n", -1);
        int classIndex = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            int number = i + 1;
            boolean indented = line.startsWith(" ");
            if (trimmed.equals("!syntax")) {
                return FileSymbols.failed(ParseStatus.SYNTAX_ERROR, "line " + number + ": invalid syntax");
            }
            if (!indented) {
                classIndex = -1;
            }
            if (trimmed.startsWith("class ")) {
                String name = trimmed.substring(6).split("[(:\\s]")[0];
                definitions.add(new Definition(SymbolKind.CLASS, name, number, end(lines, i), "", trimmed, ""));
                classIndex = definitions.size() - 1;
            } else if (trimmed.startsWith("def ")) {
                String name = trimmed.substring(4).split("[(:\\s]")[0];
                boolean method = indented && classIndex >= 0;
                definitions.add(new Definition(
                        method ? SymbolKind.METHOD : SymbolKind.FUNCTION,
                        name,
                        number,
                        end(lines, i),
                        method ? definitions.get(classIndex).name() : "",
                        trimmed,
                        ""));
            } else if (trimmed.startsWith("import ")) {
                imports.add(new ImportRef(trimmed.substring(7).strip(), List.of()));
            } else {
                Tokens.words(trimmed, w -> references.merge(w, 1, Integer::sum));
            }
        }
        return new FileSymbols(ParseStatus.PARSED, "", definitions, imports, references);
    }

    /** The last line of the block opened at line i: up to the next line indented no deeper. */
    private static int end(String[] lines, int i) {
        int indent = indent(lines[i]);
        int last = i;
        for (int j = i + 1; j < lines.length; j++) {
            if (lines[j].isBlank()) {
                continue;
            }
            if (indent(lines[j]) <= indent) {
                break;
            }
            last = j;
        }
        return last + 1;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
