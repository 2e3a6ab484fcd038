package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line format the parser scripts print and the {@link SymbolCache} stores: one record per line, fields
 * separated by tabs, with tab, newline, carriage return and backslash escaped as {@code \t}, {@code \n}, {@code \r}
 * and {@code \\}.
 *
 * <pre>
 * F path status message                        one per file, first; status OK, SYNTAX or ERROR
 * D kind name line endLine parent signature doc kind c(lass), f(unction), m(ethod), v(ariable)
 * I module names                               an import; names comma-separated
 * R name[:count] name[:count] ...              identifiers used, space-separated, count omitted when 1
 * </pre>
 */
final class SymbolRecords {

    private SymbolRecords() {}

    /**
     * Decodes the parser's output: path to what was found, in output order.
     *
     * @throws IllegalArgumentException naming the line when a record is malformed
     */
    static Map<String, FileSymbols> decode(String text) {
        Map<String, FileSymbols> files = new LinkedHashMap<>();
        Block block = null;
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            start = end + 1;
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                char type = line.charAt(0);
                if (line.length() < 2 || line.charAt(1) != '\t') {
                    throw new IllegalArgumentException("no record type");
                }
                if (type == 'F') {
                    if (block != null) {
                        files.put(block.path, block.symbols());
                    }
                    block = new Block(split(line, 4));
                } else if (block == null) {
                    throw new IllegalArgumentException("a record before the first file record");
                } else if (type == 'D') {
                    block.definition(split(line, 8));
                } else if (type == 'I') {
                    block.importRef(split(line, 3));
                } else if (type == 'R') {
                    block.references(line.substring(2));
                } else {
                    throw new IllegalArgumentException("unknown record type '" + type + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "malformed symbol record on line " + lineNumber + " (" + e.getMessage() + "): "
                                + (line.length() > 120 ? line.substring(0, 120) + "..." : line),
                        e);
            }
        }
        if (block != null) {
            files.put(block.path, block.symbols());
        }
        return files;
    }

    /** Encodes one file's symbols under a path (the cache stores them under an empty one). */
    static String encode(String path, FileSymbols symbols) {
        StringBuilder out = new StringBuilder(256);
        out.append("F\t")
                .append(escape(path))
                .append('\t')
                .append(statusCode(symbols.status()))
                .append('\t');
        out.append(escape(symbols.message())).append('\n');
        for (Definition d : symbols.definitions()) {
            out.append("D\t")
                    .append(d.kind().code())
                    .append('\t')
                    .append(escape(d.name()))
                    .append('\t');
            out.append(d.line()).append('\t').append(d.endLine()).append('\t').append(escape(d.parent()));
            out.append('\t')
                    .append(escape(d.signature()))
                    .append('\t')
                    .append(escape(d.doc()))
                    .append('\n');
        }
        for (ImportRef i : symbols.imports()) {
            out.append("I\t").append(escape(i.module())).append('\t');
            out.append(escape(String.join(",", i.names()))).append('\n');
        }
        if (!symbols.references().isEmpty()) {
            out.append("R\t");
            boolean first = true;
            for (Map.Entry<String, Integer> e : symbols.references().entrySet()) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(e.getKey());
                if (e.getValue() != 1) {
                    out.append(':').append(e.getValue());
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String statusCode(ParseStatus status) {
        return switch (status) {
            case PARSED -> "OK";
            case SYNTAX_ERROR -> "SYNTAX";
            case FAILED -> "ERROR";
        };
    }

    private static ParseStatus status(String code) {
        return switch (code) {
            case "OK" -> ParseStatus.PARSED;
            case "SYNTAX" -> ParseStatus.SYNTAX_ERROR;
            case "ERROR" -> ParseStatus.FAILED;
            default -> throw new IllegalArgumentException("unknown status '" + code + "'");
        };
    }

    /** The tab-separated fields after the record type, unescaped; exactly {@code count - 1} of them. */
    private static String[] split(String line, int count) {
        String[] fields = new String[count - 1];
        int from = 2;
        for (int i = 0; i < fields.length; i++) {
            int tab = i == fields.length - 1 ? -1 : line.indexOf('\t', from);
            if (tab < 0 && i < fields.length - 1) {
                throw new IllegalArgumentException("expected " + (count - 1) + " fields, found " + (i + 1));
            }
            String raw = tab < 0 ? line.substring(from) : line.substring(from, tab);
            fields[i] = unescape(raw);
            from = tab + 1;
        }
        return fields;
    }

    static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(
                        switch (next) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The records of one file while they are read. */
    private static final class Block {
        final String path;
        final ParseStatus status;
        final String message;
        final List<Definition> definitions = new ArrayList<>();
        final List<ImportRef> imports = new ArrayList<>();
        final Map<String, Integer> references = new HashMap<>();

        Block(String[] fields) {
            path = fields[0];
            status = status(fields[1]);
            message = fields[2];
        }

        void definition(String[] f) {
            definitions.add(new Definition(
                    SymbolKind.ofCode(f[0].charAt(0)),
                    f[1],
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]),
                    f[4],
                    f[5],
                    f[6]));
        }

        void importRef(String[] f) {
            imports.add(new ImportRef(f[0], f[1].isEmpty() ? List.of() : List.of(f[1].split(","))));
        }

        void references(String list) {
            int from = 0;
            while (from < list.length()) {
                int space = list.indexOf(' ', from);
                if (space < 0) {
                    space = list.length();
                }
                if (space > from) {
                    int colon = list.lastIndexOf(':', space - 1);
                    if (colon > from) {
                        references.merge(
                                list.substring(from, colon),
                                Integer.parseInt(list.substring(colon + 1, space)),
                                Integer::sum);
                    } else {
                        references.merge(list.substring(from, space), 1, Integer::sum);
                    }
                }
                from = space + 1;
            }
        }

        FileSymbols symbols() {
            if (status != ParseStatus.PARSED) {
                return FileSymbols.failed(status, message);
            }
            return new FileSymbols(status, message, definitions, imports, references);
        }
    }
}
