package dev.agentloop.core.internal.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes and applies unified diffs of text files, line by line (Myers' algorithm, 3 lines of context).
 *
 * <p>Applying is lenient where models are sloppy and strict where it matters: the counts in a hunk header are not
 * trusted (the hunk's lines are), a hunk may sit up to {@value #MAX_OFFSET} lines away from where its header says,
 * but every context and removed line must match exactly (ignoring trailing whitespace).
 */
public final class UnifiedDiff {

    static final int CONTEXT = 3;
    static final int MAX_OFFSET = 200;
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    private static final String NO_EOL = "\u0000";

    private UnifiedDiff() {}

    private static List<String> marked(TextLines text) {
        List<String> lines = new ArrayList<>(text.lines());
        if (!lines.isEmpty() && !text.trailingNewline()) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + NO_EOL);
        }
        return lines;
    }

    /**
     * The unified diff turning {@code before} into {@code after}; empty when they are equal.
     *
     * @param before the old content, empty for a new file
     */
    public static String diff(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        TextLines a = TextLines.of(before);
        TextLines b = TextLines.of(after);
        // A last line without its newline differs from the same line with one: mark it so Myers sees that.
        List<Op> ops = myers(marked(a), marked(b));
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before.isEmpty() ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ ").append("b/").append(path).append('\n');
        int i = 0;
        while (i < ops.size()) {
            // find the next change
            while (i < ops.size() && ops.get(i).kind == ' ') {
                i++;
            }
            if (i >= ops.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT of each other
            while (end < ops.size()) {
                if (ops.get(end).kind != ' ') {
                    end++;
                    continue;
                }
                int run = end;
                while (run < ops.size() && ops.get(run).kind == ' ') {
                    run++;
                }
                if (run >= ops.size() || run - end > 2 * CONTEXT) {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
                end = run;
            }
            int oldStart = ops.get(start).oldIndex;
            int newStart = ops.get(start).newIndex;
            int oldCount = 0;
            int newCount = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                Op op = ops.get(k);
                boolean noEol = op.text.endsWith(NO_EOL);
                String text = noEol ? op.text.substring(0, op.text.length() - NO_EOL.length()) : op.text;
                body.append(op.kind).append(text).append('\n');
                if (noEol) {
                    body.append("\\ No newline at end of file\n");
                }
                if (op.kind != '+') {
                    oldCount++;
                }
                if (op.kind != '-') {
                    newCount++;
                }
            }
            out.append("@@ -")
                    .append(oldCount == 0 ? oldStart : oldStart + 1)
                    .append(',')
                    .append(oldCount)
                    .append(" +")
                    .append(newCount == 0 ? newStart : newStart + 1)
                    .append(',')
                    .append(newCount)
                    .append(" @@\n")
                    .append(body);
            i = end;
        }
        return out.toString();
    }

    /** Lines added plus lines removed in a diff made by {@link #diff}. */
    public static int changedLines(String diff) {
        int n = 0;
        for (String line : diff.split("\n", -1)) {
            if ((line.startsWith("+") && !line.startsWith("+++"))
                    || (line.startsWith("-") && !line.startsWith("---"))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Applies a unified diff to {@code original}.
     *
     * @throws IllegalArgumentException with a sentence naming the hunk when the diff has no hunk or a hunk does not
     *     match the text
     */
    public static String apply(String original, String diff) {
        TextLines source = TextLines.of(original);
        List<String> lines = new ArrayList<>(source.lines());
        boolean trailingNewline = source.trailingNewline() || original.isEmpty();
        List<Hunk> hunks = parse(diff);
        if (hunks.isEmpty()) {
            throw new IllegalArgumentException("the diff has no hunk (no line starting with \"@@ -\")");
        }
        int shift = 0;
        int searchFrom = 0;
        for (int h = 0; h < hunks.size(); h++) {
            Hunk hunk = hunks.get(h);
            int expected = Math.max(0, hunk.oldStart - 1 + shift);
            int at = locate(lines, hunk.oldLines, expected, searchFrom);
            if (at < 0) {
                throw new IllegalArgumentException("hunk " + (h + 1) + " of " + hunks.size() + " (@@ -" + hunk.oldStart
                        + " @@) does not match the file: its context and removed lines were not found near line "
                        + (expected + 1));
            }
            for (int k = 0; k < hunk.oldLines.size(); k++) {
                lines.remove(at);
            }
            lines.addAll(at, hunk.newLines);
            shift += hunk.newLines.size() - hunk.oldLines.size();
            searchFrom = at + hunk.newLines.size();
            if (hunk.noNewlineAtEnd) {
                trailingNewline = false;
            } else if (at + hunk.newLines.size() == lines.size() && !hunk.newLines.isEmpty()) {
                trailingNewline = true;
            }
        }
        return new TextLines(lines, trailingNewline).join();
    }

    private static int locate(List<String> lines, List<String> wanted, int expected, int searchFrom) {
        if (wanted.isEmpty()) {
            return Math.min(Math.max(expected, searchFrom), lines.size());
        }
        for (int offset = 0; offset <= MAX_OFFSET; offset++) {
            int below = expected + offset;
            if (below >= searchFrom && matches(lines, wanted, below)) {
                return below;
            }
            int above = expected - offset;
            if (offset > 0 && above >= searchFrom && matches(lines, wanted, above)) {
                return above;
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, List<String> wanted, int at) {
        if (at < 0 || at + wanted.size() > lines.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!lines.get(at + i).stripTrailing().equals(wanted.get(i).stripTrailing())) {
                return false;
            }
        }
        return true;
    }

    private static List<Hunk> parse(String diff) {
        List<Hunk> hunks = new ArrayList<>();
        Hunk current = null;
        for (String raw : TextLines.of(diff).lines()) {
            Matcher m = HUNK.matcher(raw);
            if (m.matches()) {
                current = new Hunk(Integer.parseInt(m.group(1)));
                hunks.add(current);
                continue;
            }
            if (current == null || raw.startsWith("--- ") || raw.startsWith("+++ ")) {
                if (current != null && (raw.startsWith("--- ") || raw.startsWith("+++ "))) {
                    current = null; // the header of another file's diff
                }
                continue;
            }
            if (raw.startsWith("\\")) {
                // annotates the line before it: only a missing newline in the new text matters
                current.noNewlineAtEnd |= current.lastKind != '-';
            } else if (raw.startsWith("+")) {
                current.newLines.add(raw.substring(1));
                current.lastKind = '+';
            } else if (raw.startsWith("-")) {
                current.oldLines.add(raw.substring(1));
                current.lastKind = '-';
            } else {
                current.lastKind = ' ';
                // context; models often drop the leading space of an empty context line
                String text = raw.startsWith(" ") ? raw.substring(1) : raw;
                current.oldLines.add(text);
                current.newLines.add(text);
            }
        }
        return hunks;
    }

    private static final class Hunk {
        final int oldStart;
        final List<String> oldLines = new ArrayList<>();
        final List<String> newLines = new ArrayList<>();
        boolean noNewlineAtEnd;
        char lastKind = ' ';

        Hunk(int oldStart) {
            this.oldStart = oldStart;
        }
    }

    /** One line of an edit script: ' ' kept, '-' removed, '+' added, with its index in the old and new text. */
    private record Op(char kind, String text, int oldIndex, int newIndex) {}

    /** Myers' O((N+M)D) shortest edit script, after trimming the common prefix and suffix. */
    private static List<Op> myers(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> x = a.subList(prefix, a.size() - suffix);
        List<String> y = b.subList(prefix, b.size() - suffix);
        int n = x.size();
        int m = y.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int xi;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    xi = v[offset + k + 1];
                } else {
                    xi = v[offset + k - 1] + 1;
                }
                int yi = xi - k;
                while (xi < n && yi < m && x.get(xi).equals(y.get(yi))) {
                    xi++;
                    yi++;
                }
                v[offset + k] = xi;
                if (xi >= n && yi >= m) {
                    found = d;
                    break;
                }
            }
        }
        // backtrack
        List<Op> middle = new ArrayList<>();
        int xi = n;
        int yi = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = xi - yi;
            int prevK = (k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = prev[offset + prevK];
            int prevY = prevX - prevK;
            while (xi > prevX && yi > prevY) {
                xi--;
                yi--;
                middle.add(new Op(' ', x.get(xi), prefix + xi, prefix + yi));
            }
            if (xi == prevX) {
                yi--;
                middle.add(new Op('+', y.get(yi), prefix + xi, prefix + yi));
            } else {
                xi--;
                middle.add(new Op('-', x.get(xi), prefix + xi, prefix + yi));
            }
        }
        while (xi > 0 && yi > 0) {
            xi--;
            yi--;
            middle.add(new Op(' ', x.get(xi), prefix + xi, prefix + yi));
        }
        List<Op> ops = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < prefix; i++) {
            ops.add(new Op(' ', a.get(i), i, i));
        }
        for (int i = middle.size() - 1; i >= 0; i--) {
            ops.add(middle.get(i));
        }
        for (int i = 0; i < suffix; i++) {
            int ai = a.size() - suffix + i;
            int bi = b.size() - suffix + i;
            ops.add(new Op(' ', a.get(ai), ai, bi));
        }
        return ops;
    }
}
