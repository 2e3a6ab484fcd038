package dev.agentloop.memory.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of code lines, with names, strings and large numbers abstracted away ({@code for i in range(len(xs) -
 * 1):} becomes {@code for v in range ( len ( v ) - 1 ) :}), so a line a past fix changed can be recognised in other
 * code. Keywords, builtins and the numbers 0, 1 and 2 (where off-by-one bugs live) are kept.
 */
public final class CodePatterns {

    /** Patterns longer than this are cut; a line of code rarely is. */
    static final int MAX_PATTERN = 200;

    /** At most this many patterns per text. */
    public static final int MAX_PATTERNS = 400;

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|`[^`\\n]*`|[A-Za-z_$][\\w$]*|\\d+(?:\\.\\d+)?|\\S");

    private static final Set<String> KEEP = Set.of(
            // Python keywords and builtins
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            "abs",
            "all",
            "any",
            "bool",
            "chr",
            "dict",
            "divmod",
            "enumerate",
            "filter",
            "float",
            "int",
            "isinstance",
            "len",
            "list",
            "map",
            "max",
            "min",
            "ord",
            "pow",
            "print",
            "range",
            "reversed",
            "round",
            "set",
            "sorted",
            "str",
            "sum",
            "tuple",
            "zip",
            "append",
            "extend",
            "insert",
            "pop",
            "remove",
            "sort",
            "reverse",
            "join",
            "split",
            "strip",
            "lower",
            "upper",
            "replace",
            "startswith",
            "endswith",
            "find",
            "index",
            "count",
            "items",
            "keys",
            "values",
            "get",
            "isdigit",
            "isalpha",
            "isupper",
            "islower",
            "self",
            // JavaScript and Java keywords
            "function",
            "const",
            "let",
            "var",
            "null",
            "undefined",
            "true",
            "false",
            "new",
            "this",
            "typeof",
            "instanceof",
            "switch",
            "case",
            "default",
            "throw",
            "catch",
            "do",
            "of",
            "public",
            "private",
            "static",
            "void",
            "final",
            "length",
            "push",
            "slice",
            "substring",
            "Math");

    private CodePatterns() {}

    /** The pattern of each code line of {@code code} (comments, blank lines and docstring text left out). */
    public static Set<String> ofCode(String code) {
        Set<String> out = new LinkedHashSet<>();
        boolean inDocstring = false;
        for (String raw : code.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("\"\"\"") || line.startsWith("'''")) {
                boolean closesOnSameLine = line.length() >= 6 && line.endsWith(line.substring(0, 3));
                if (!closesOnSameLine) {
                    inDocstring = !inDocstring;
                }
                continue;
            }
            if (inDocstring || line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            out.add(of(line));
            if (out.size() >= MAX_PATTERNS) {
                break;
            }
        }
        return out;
    }

    /** The patterns of the lines a unified diff removes: the lines that were wrong. */
    public static Set<String> ofRemovedLines(String diff) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : diff.split("\r?\n")) {
            if (raw.startsWith("-") && !raw.startsWith("---")) {
                String line = raw.substring(1).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(of(line));
                }
            }
        }
        return out;
    }

    /** The pattern of one line. */
    public static String of(String line) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            String t = m.group();
            char c = t.charAt(0);
            String abstracted;
            if (c == '"' || c == '\'' || c == '`') {
                abstracted = "S";
            } else if (Character.isDigit(c)) {
                abstracted = t.equals("0") || t.equals("1") || t.equals("2") ? t : "N";
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                abstracted = KEEP.contains(t) ? t : "v";
            } else {
                abstracted = t;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(abstracted);
            if (out.length() > MAX_PATTERN) {
                break;
            }
        }
        return out.length() > MAX_PATTERN ? out.substring(0, MAX_PATTERN) : out.toString();
    }

    /** How many of {@code wanted} occur in {@code have}. */
    public static int overlap(List<String> wanted, Set<String> have) {
        int n = 0;
        for (String w : wanted) {
            if (have.contains(w)) {
                n++;
            }
        }
        return n;
    }
}
