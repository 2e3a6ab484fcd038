package dev.agentloop.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words describing how a failed equality assertion's actual value relates to the expected one ({@code
 * rel_offbyone}, {@code rel_none}, {@code rel_boolflip}, {@code rel_shorter}, …). Two failures with different values
 * but the same relation often have the same kind of bug (an off-by-one bound, a missing return, a negated
 * condition), which the values themselves hide once numbers are normalised. Reads pytest's {@code assert A == B}
 * lines and node's {@code actual:}/{@code expected:} fields.
 */
public final class AssertionFeatures {

    private static final Pattern PYTEST =
            Pattern.compile("^E\\s+(?:AssertionError: )?assert (.+?) (==|!=|<=|>=|<|>|is not|is|not in|in) (.+)$");
    private static final Pattern NODE_ACTUAL = Pattern.compile("^\\s*actual:\\s*(.+)$");
    private static final Pattern NODE_EXPECTED = Pattern.compile("^\\s*expected:\\s*(.+)$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?");

    private AssertionFeatures() {}

    /** The feature words of the first failed assertion in {@code output}; empty when none is found. */
    public static String of(String output) {
        String actual = null;
        String expected = null;
        String op = null;
        for (String line : output.split("\r?\n")) {
            Matcher m = PYTEST.matcher(line.stripTrailing());
            if (m.matches()) {
                actual = m.group(1);
                op = m.group(2);
                expected = m.group(3);
                break;
            }
            Matcher a = NODE_ACTUAL.matcher(line);
            if (a.matches() && actual == null) {
                actual = a.group(1);
            }
            Matcher e = NODE_EXPECTED.matcher(line);
            if (e.matches() && expected == null) {
                expected = e.group(1);
            }
            if (actual != null && expected != null) {
                op = "==";
                break;
            }
        }
        if (actual == null || expected == null) {
            return "";
        }
        return String.join(" ", features(actual.strip(), op, expected.strip()));
    }

    private enum Kind {
        NONE,
        BOOL,
        NUM,
        STR,
        LIST,
        DICT,
        OTHER
    }

    static List<String> features(String actual, String op, String expected) {
        List<String> f = new ArrayList<>();
        Kind ka = kind(actual);
        Kind kb = kind(expected);
        f.add("assertop_" + opName(op));
        f.add("actual_" + name(ka));
        f.add("expected_" + name(kb));
        f.add("kinds_" + name(ka) + "_" + name(kb));
        if (ka == Kind.NUM && kb == Kind.NUM) {
            double a = Double.parseDouble(actual);
            double b = Double.parseDouble(expected);
            double d = a - b;
            if (d == 0) {
                f.add("rel_equalnum");
            } else if (Math.abs(d) == 1) {
                f.add("rel_offbyone");
            } else if (b != 0 && a == -b) {
                f.add("rel_negated");
            } else if (b != 0 && a != 0 && (a / b == 2 || a / b == 0.5)) {
                f.add("rel_double_half");
            } else if (a == 0) {
                f.add("rel_actualzero");
            } else if (b == 0) {
                f.add("rel_expectedzero");
            }
            f.add(d > 0 ? "rel_bigger" : "rel_smaller");
            if (actual.contains(".") || expected.contains(".")) {
                f.add("rel_float");
            }
        } else if (ka == Kind.BOOL && kb == Kind.BOOL) {
            f.add("rel_boolflip");
        } else if (ka == Kind.LIST && kb == Kind.LIST) {
            List<String> a = elements(actual);
            List<String> b = elements(expected);
            f.add(sizeRelation(a.size(), b.size()));
            if (!a.isEmpty() && a.size() == b.size()) {
                List<String> sa = new ArrayList<>(a);
                List<String> sb = new ArrayList<>(b);
                sa.sort(null);
                sb.sort(null);
                if (sa.equals(sb)) {
                    f.add("rel_reordered");
                }
                List<String> reversed = new ArrayList<>(a);
                java.util.Collections.reverse(reversed);
                if (reversed.equals(b)) {
                    f.add("rel_reversed");
                }
            }
            if (!a.isEmpty() && b.containsAll(a) && a.size() < b.size()) {
                f.add("rel_subset");
            }
        } else if (ka == Kind.STR && kb == Kind.STR) {
            String a = unquote(actual);
            String b = unquote(expected);
            if (a.isEmpty()) {
                f.add("rel_actualempty");
            } else if (a.equalsIgnoreCase(b)) {
                f.add("rel_case");
            } else if (new StringBuilder(a).reverse().toString().equals(b)) {
                f.add("rel_reversed");
            } else {
                f.add(sizeRelation(a.length(), b.length()));
            }
        }
        return f;
    }

    private static String sizeRelation(int a, int b) {
        if (a == 0) {
            return "rel_actualempty";
        }
        if (b == 0) {
            return "rel_expectedempty";
        }
        return a < b ? "rel_shorter" : a > b ? "rel_longer" : "rel_samelen";
    }

    private static String opName(String op) {
        return switch (op) {
            case "==" -> "eq";
            case "!=" -> "ne";
            case "<" -> "lt";
            case ">" -> "gt";
            case "<=" -> "le";
            case ">=" -> "ge";
            default -> op.replace(' ', '_');
        };
    }

    private static String name(Kind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static Kind kind(String v) {
        if (v.equals("None") || v.equals("null") || v.equals("undefined")) {
            return Kind.NONE;
        }
        if (v.equals("True") || v.equals("False") || v.equals("true") || v.equals("false")) {
            return Kind.BOOL;
        }
        if (NUMBER.matcher(v).matches()) {
            return Kind.NUM;
        }
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
            return Kind.STR;
        }
        if (v.startsWith("[") || v.startsWith("(")) {
            return Kind.LIST;
        }
        if (v.startsWith("{")) {
            return Kind.DICT;
        }
        return Kind.OTHER;
    }

    private static String unquote(String v) {
        return v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
    }

    /** Top-level elements of a list or tuple literal. */
    static List<String> elements(String literal) {
        List<String> out = new ArrayList<>();
        String inner = literal.length() >= 2
                ? literal.substring(1, literal.length() - 1).strip()
                : "";
        if (inner.isEmpty()) {
            return out;
        }
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
