package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the places a test run's output points at: Python tracebacks ({@code File "x.py", line 3, in f}), pytest's
 * {@code x.py:3: in f} lines and node ids ({@code tests/test_x.py::test_y}), JavaScript stacks
 * ({@code at f (/workspace/x.js:3:5)}, and the same without {@code at} in node's TAP {@code stack:}), any other
 * {@code file.ext:line}, and bare file names. Reading a traceback is reading text a test runner printed, so patterns
 * are the right tool here (unlike for source code). unittest's
 * failure headers ({@code FAIL: test_x (pkg.test_mod.Case.test_x)}) count as test ids of {@code pkg/test_mod.py}.
 */
final class TracebackParser {

    private static final String EXT = "(?:py|js|mjs|cjs|jsx|ts|tsx)";
    private static final Pattern PYTHON = Pattern.compile("File \"([^\"\\n]+)\", line (\\d+)(?:, in ([^\\s]+))?");
    private static final Pattern PYTEST = Pattern.compile("(?m)^([^\\s:\"'()<>]+\\.py):(\\d+): ?(in (\\S+)|\\w+)?");
    private static final Pattern JS_STACK = Pattern.compile(
            "\\bat (?:async )?(?:([^\\s()]+) )?\\(?((?:file://)?[^\\s()'\"]+?\\." + EXT + "):(\\d+)(?::\\d+)?\\)?");
    /** A frame of node's TAP reporter's {@code stack: |-} block: {@code TestContext.<anonymous> (/w/t.js:5:10)}. */
    private static final Pattern TAP_STACK = Pattern.compile(
            "(?m)^[ \\t]+([^\\s()]+) \\(((?:file://)?[^\\s()'\"]+?\\." + EXT + "):(\\d+):\\d+\\)[ \\t]*$");

    private static final Pattern LOCATION =
            Pattern.compile("(?<![\\w./\\\\-])((?:file://)?[\\w./\\\\@+-]*[\\w-]\\." + EXT + "):(\\d+)");
    private static final Pattern TEST_ID = Pattern.compile(
            "(?<![\\w./-])([\\w./-]+\\.py)::((?:[\\w.-]+(?:\\[[^\\]\\s]*\\])?)(?:::[\\w.-]+(?:\\[[^\\]\\s]*\\])?)*)");
    /** unittest's header of a failure: {@code FAIL: test_x (pkg.test_mod.TestCase.test_x)}. */
    private static final Pattern UNITTEST =
            Pattern.compile("(?m)^(?:FAIL|ERROR): (\\w+) \\(((?:\\w+\\.)+)\\w+\\.\\w+\\)");

    private static final Pattern MENTION =
            Pattern.compile("(?<![\\w./\\\\-])([\\w.-]+(?:/[\\w.-]+)*\\." + EXT + ")(?![\\w/:])");

    /*
     * Every pattern matches within one line (none can match a newline), and each needs a piece of fixed text a line
     * without a match lacks: a pattern only looks at the lines holding such a piece, found by String.indexOf, which is
     * far cheaper than trying the pattern at every position of a long test output.
     */
    private static final List<String> PYTHON_NEEDS = List.of("File \"");
    /** {@code .ext:} (a location's line number follows): PYTEST, JS_STACK, TAP_STACK, LOCATION. */
    private static final List<String> LOCATION_NEEDS =
            List.of(".py:", ".js:", ".mjs:", ".cjs:", ".jsx:", ".ts:", ".tsx:");

    private static final List<String> TEST_ID_NEEDS = List.of(".py::");
    private static final List<String> UNITTEST_NEEDS = List.of("FAIL: ", "ERROR: ");
    /** {@code .ext} ({@code .jsx} and {@code .tsx} hold {@code .js} and {@code .ts}). */
    private static final List<String> MENTION_NEEDS = List.of(".py", ".js", ".mjs", ".cjs", ".ts");

    /** Lines a Python or JavaScript stack's frames may be apart and still be one stack. */
    private static final int STACK_GAP_LINES = 5;

    /** Lines pytest's frames may be apart (it prints each frame's source) and still be one traceback. */
    private static final int PYTEST_GAP_LINES = 60;

    private TracebackParser() {}

    /** The places, in the order they appear. */
    static List<Frame> parse(String text) {
        return parse(text, true);
    }

    /**
     * The places, in the order they appear.
     *
     * @param byLine true to try each pattern on the lines holding its fixed text only; false to try it everywhere
     *     (the same places, slower: for tests)
     */
    static List<Frame> parse(String text, boolean byLine) {
        int[] lineStarts = lineStarts(text);
        Lines lines = new Lines(text, lineStarts, byLine);
        BitSet locations = lines.holding(LOCATION_NEEDS);
        List<Found> found = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];
        collect(
                PYTHON,
                lines,
                lines.holding(PYTHON_NEEDS),
                taken,
                found,
                m -> new Found(m.start(1), m.group(1), number(m.group(2)), m.group(3), Style.PYTHON, false));
        collect(PYTEST, lines, locations, taken, found, m -> {
            boolean error = m.group(3) != null && m.group(4) == null;
            return new Found(m.start(1), m.group(1), number(m.group(2)), m.group(4), Style.PYTEST, error);
        });
        collect(
                JS_STACK,
                lines,
                locations,
                taken,
                found,
                m -> new Found(m.start(2), m.group(2), number(m.group(3)), m.group(1), Style.JS, false));
        collect(
                TAP_STACK,
                lines,
                locations,
                taken,
                found,
                m -> new Found(m.start(2), m.group(2), number(m.group(3)), m.group(1), Style.JS, false));
        collect(
                TEST_ID,
                lines,
                lines.holding(TEST_ID_NEEDS),
                taken,
                found,
                m -> new Found(m.start(1), m.group(1), 0, testName(m.group(2)), Style.TEST_ID, false));
        collect(
                LOCATION,
                lines,
                locations,
                taken,
                found,
                m -> new Found(m.start(1), m.group(1), number(m.group(2)), null, Style.LOCATION, false));
        collect(
                UNITTEST,
                lines,
                lines.holding(UNITTEST_NEEDS),
                taken,
                found,
                m -> new Found(m.start(2), unittestModule(m.group(2)), 0, m.group(1), Style.TEST_ID, false));
        collect(
                MENTION,
                lines,
                lines.holding(MENTION_NEEDS),
                taken,
                found,
                m -> new Found(m.start(1), m.group(1), 0, null, Style.MENTION, false));
        found.sort(Comparator.comparingInt(Found::offset));
        return frames(found, lineStarts);
    }

    private static List<Frame> frames(List<Found> found, int[] lineStarts) {
        boolean[] innermost = new boolean[found.size()];
        for (Style style : Style.values()) {
            int previous = -1;
            for (int i = 0; i < found.size(); i++) {
                Found f = found.get(i);
                if (f.style != style) {
                    continue;
                }
                int line = lineOf(lineStarts, f.offset);
                boolean newStack = previous < 0 || line - lineOf(lineStarts, found.get(previous).offset) > gap(style);
                if (style == Style.JS) {
                    innermost[i] = newStack; // a JavaScript stack starts with the innermost frame
                } else if (style == Style.PYTHON || style == Style.PYTEST) {
                    if (newStack && previous >= 0) {
                        innermost[previous] = true; // a Python traceback ends with it
                    }
                    innermost[i] |= f.errorLine;
                }
                previous = i;
            }
            if (previous >= 0 && (style == Style.PYTHON || style == Style.PYTEST)) {
                innermost[previous] = true;
            }
        }
        List<Frame> frames = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            Frame.Kind kind = switch (f.style) {
                case PYTHON, PYTEST, JS -> Frame.Kind.STACK;
                case LOCATION -> Frame.Kind.LOCATION;
                case TEST_ID -> Frame.Kind.TEST_ID;
                case MENTION -> Frame.Kind.MENTION;
            };
            frames.add(new Frame(f.path, f.line, f.function, innermost[i], kind));
        }
        return frames;
    }

    private static int gap(Style style) {
        return style == Style.PYTEST ? PYTEST_GAP_LINES : STACK_GAP_LINES;
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** {@code test.test_json.test_decode.} (the module of a unittest id, with its dot) → its file. */
    private static String unittestModule(String dotted) {
        return dotted.substring(0, dotted.length() - 1).replace('.', '/') + ".py";
    }

    /** {@code TestX::test_y[param]} → {@code TestX.test_y}. */
    private static String testName(String id) {
        return id.replaceAll("\\[[^\\]]*\\]", "").replace("::", ".");
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Adds the pattern's matches on the given lines whose place no earlier pattern has taken. */
    private static void collect(
            Pattern pattern,
            Lines lines,
            BitSet candidates,
            boolean[] taken,
            List<Found> found,
            java.util.function.Function<Matcher, Found> make) {
        // Transparent, non-anchoring bounds: look-arounds, \b and ^ see past the line as they do in the whole text.
        Matcher m = pattern.matcher(lines.text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int line = candidates.nextSetBit(0); line >= 0; line = candidates.nextSetBit(line + 1)) {
            m.region(lines.start(line), lines.end(line));
            while (m.find()) {
                Found f = make.apply(m);
                if (taken[f.offset]) {
                    continue;
                }
                for (int i = m.start(); i < m.end(); i++) {
                    taken[i] = true;
                }
                found.add(f);
            }
        }
    }

    /** The text's lines, and which of them hold some fixed text. */
    private static final class Lines {
        final String text;
        private final int[] starts;
        private final boolean byLine;

        Lines(String text, int[] starts, boolean byLine) {
            this.text = text;
            this.starts = starts;
            this.byLine = byLine;
        }

        /** The lines holding any of the pieces of text; with byLine off, one "line": the whole text. */
        BitSet holding(List<String> pieces) {
            BitSet lines = new BitSet();
            if (!byLine) {
                lines.set(0);
                return lines;
            }
            for (String piece : pieces) {
                for (int at = text.indexOf(piece); at >= 0; ) {
                    int line = lineOf(starts, at);
                    lines.set(line);
                    at = line + 1 < starts.length ? text.indexOf(piece, Math.max(at + 1, starts[line + 1])) : -1;
                }
            }
            return lines;
        }

        int start(int line) {
            return byLine ? starts[line] : 0;
        }

        /** Where the line ends (its newline, or the end of the text). */
        int end(int line) {
            return byLine && line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        }
    }

    private enum Style {
        PYTHON,
        PYTEST,
        JS,
        TEST_ID,
        LOCATION,
        MENTION
    }

    private record Found(int offset, String path, int line, String function, Style style, boolean errorLine) {}
}
