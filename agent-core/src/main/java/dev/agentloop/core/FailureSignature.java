package dev.agentloop.core;

import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes two failures "the same": error type, normalised message and where it happened (the failing test or
 * the innermost frame of the project's own code). Paths, line numbers, addresses, temporary names and numbers are
 * stripped, so the same bug seen in another folder, at another line or with other values has the same signature.
 *
 * <p>{@link #of(TestReport)} is a pure function: no clock, no I/O, no randomness. It reads pytest, {@code node
 * --test} (TAP) and Java stack traces, and understands timeouts, blocked runs and collection errors.
 *
 * @param errorType e.g. {@code AssertionError}, {@code TypeError}, {@code SyntaxError}, {@code Timeout}; never null
 * @param message the normalised message, at most {@value #MAX_MESSAGE} characters; never null, may be empty
 * @param location the failing test ({@code test_solution.py::test_add}) or innermost project frame; may be empty
 */
public record FailureSignature(String errorType, String message, String location) {

    /** Longest normalised message kept. */
    public static final int MAX_MESSAGE = 200;

    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:E\\s+|Caused by:\\s+|Exception in thread \"[^\"]*\"\\s+|Uncaught\\s+|\\[?)?"
                    + "((?:[a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Error|Exception|Exit|Interrupt|Failure|Timeout))"
                    + "(?:\\s*\\[[A-Z_]+\\])?(?::\\s*(.*))?$");
    private static final Pattern PYTEST_ASSERT = Pattern.compile("^E\\s+(assert .*)$");
    private static final Pattern TAP_ERROR = Pattern.compile("^\\s+error:\\s*(?:\\|-?)?\\s*(.*)$");
    private static final Pattern TAP_NAME = Pattern.compile("^\\s+name:\\s*'?([\\w$.]+)'?\\s*$");
    private static final Pattern TAP_NOT_OK = Pattern.compile("^\\s*not ok \\d+ - (.*)$");
    private static final Pattern PY_FRAME =
            Pattern.compile("^(?:\\s*File \"([^\"]+)\", line \\d+, in (\\S+)|([^\\s:]+\\.py):\\d+: in (\\S+))");
    private static final Pattern JAVA_FRAME = Pattern.compile("^\\s*at (?:[\\w.$]+/)?([\\w.$<>]+)\\(([^)]*)\\)");
    private static final Pattern JS_FRAME =
            Pattern.compile("^\\s*(?:at )?([\\w.$<>\\[\\] ]+?) \\((?:file://)?([^)]+?):\\d+:\\d+\\)");
    private static final Pattern PYTEST_FAILED = Pattern.compile("^(?:FAILED|ERROR) (\\S+?)(?: - .*)?$");
    private static final Pattern PYTEST_TIMEOUT_RUNNING = Pattern.compile("^(\\S+\\.py::\\S+)");

    /**
     * Checks the components: none may be null.
     *
     * @param errorType e.g. {@code AssertionError}, {@code TypeError}, {@code SyntaxError}, {@code Timeout}; never null
     * @param message the normalised message, at most {@value #MAX_MESSAGE} characters; never null, may be empty
     * @param location the failing test ({@code test_solution.py::test_add}) or innermost project frame; may be empty
     */
    public FailureSignature {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    /** {@return the signature as one string: {@code errorType | message | location}, the key the breaker compares} */
    public String value() {
        return errorType + " | " + message + " | " + location;
    }

    @Override
    public String toString() {
        return value();
    }

    /**
     * {@return the signature of a failed test run}
     *
     * @param report the report; a passing one gives the signature {@code Passed}
     */
    public static FailureSignature of(TestReport report) {
        Objects.requireNonNull(report, "report");
        String output = report.combinedOutput();
        return switch (report.outcome()) {
            case PASSED -> new FailureSignature("Passed", "", "");
            case TIMED_OUT ->
                new FailureSignature("Timeout", normalise(report.detail()), timeoutLocation(report, output));
            case OUT_OF_MEMORY ->
                new FailureSignature("OutOfMemory", normalise(report.detail()), firstFailingTest(report));
            case BLOCKED -> new FailureSignature("Blocked", normalise(report.detail()), "");
            case SANDBOX_ERROR -> new FailureSignature("SandboxError", normalise(report.detail()), "");
            case NO_TESTS -> new FailureSignature("NoTests", normalise(report.detail()), "");
            case COLLECTION_ERROR, FAILED -> fromFailure(report, output);
        };
    }

    private static FailureSignature fromFailure(TestReport report, String output) {
        List<TestCaseResult> failures = report.failures();
        if (!failures.isEmpty()) {
            TestCaseResult first = failures.get(0);
            String text = first.message() + "\n" + first.trace();
            String[] error = error(text);
            if (error == null) {
                error = error(output);
            }
            String location = testName(first);
            if (error == null) {
                return new FailureSignature(
                        report.outcome() == TestOutcome.COLLECTION_ERROR ? "CollectionError" : "TestFailure",
                        normalise(first.message()),
                        location);
            }
            return new FailureSignature(error[0], normalise(error[1]), location);
        }
        String[] lines = lines(output);
        String[] error = error(lines, output.contains("Traceback (most recent call last)"));
        // A frame in the project's code says where the bug is; a frame in a test file says less than the test's name.
        String location = projectFrame(lines);
        String failedTest = failedTestFromSummary(lines);
        if (location.isEmpty() || (isTestFile(location) && !failedTest.isEmpty() && failedTest.contains("::"))) {
            location = failedTest.isEmpty() ? location : failedTest;
        }
        if (error == null) {
            String fallback = report.detail().isEmpty() ? lastNonBlankLine(lines) : report.detail();
            String type = report.outcome() == TestOutcome.COLLECTION_ERROR ? "CollectionError" : "TestFailure";
            return new FailureSignature(type, normalise(fallback), location);
        }
        return new FailureSignature(error[0], normalise(error[1]), location);
    }

    /** Splits on newlines without a regex (logs run to megabytes); a trailing carriage return is dropped. */
    private static String[] lines(String text) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(Math.max(16, text.length() / 40));
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(start, stop));
            start = end + 1;
        }
        return out.toArray(new String[0]);
    }

    /** Cheap test before the exception regex: an error line names a type ending in one of these words. */
    private static boolean mayNameAnError(String line) {
        return line.contains("Error")
                || line.contains("Exception")
                || line.contains("Exit")
                || line.contains("Interrupt")
                || line.contains("Failure")
                || line.contains("Timeout");
    }

    /** {@code [type, message]} of the most telling error line of a text, or null when there is none. */
    static String[] error(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return error(lines(text), text.contains("Traceback (most recent call last)"));
    }

    private static String[] error(String[] lines, boolean pythonTraceback) {
        // node --test (TAP): the YAML block names the error and its message
        String tapName = null;
        String tapError = null;
        for (int i = 0; i < lines.length; i++) {
            if (tapName == null && lines[i].contains("name:")) {
                Matcher name = TAP_NAME.matcher(lines[i]);
                if (name.matches()) {
                    tapName = name.group(1);
                }
            }
            if (tapError != null || !lines[i].contains("error:")) {
                continue;
            }
            Matcher err = TAP_ERROR.matcher(lines[i]);
            if (err.matches()) {
                String inline = unquote(err.group(1));
                if (inline.isEmpty() && i + 1 < lines.length) {
                    inline = lines[i + 1].strip();
                }
                tapError = inline;
            }
        }
        if (tapName != null && tapError != null) {
            return new String[] {simpleName(tapName), tapError};
        }
        // pytest: the first "E" line naming an exception, else its rewritten assertion
        String pytestAssert = null;
        for (String line : lines) {
            if (line.startsWith("E ")) {
                Matcher m = EXCEPTION_LINE.matcher(line.stripTrailing());
                if (mayNameAnError(line) && m.matches()) {
                    return new String[] {simpleName(m.group(1)), m.group(2) == null ? "" : m.group(2)};
                }
                Matcher a = PYTEST_ASSERT.matcher(line.stripTrailing());
                if (a.matches() && pytestAssert == null) {
                    pytestAssert = a.group(1);
                }
            }
        }
        if (pytestAssert != null) {
            return new String[] {"AssertionError", pytestAssert};
        }
        // Java: the root cause ("Caused by") is the most specific; Python: the last exception line is the one raised
        String[] first = null;
        String[] last = null;
        String[] cause = null;
        for (String line : lines) {
            if (!mayNameAnError(line)) {
                continue;
            }
            String stripped = line.strip();
            Matcher m = EXCEPTION_LINE.matcher(stripped);
            if (m.matches()) {
                String[] found = {simpleName(m.group(1)), m.group(2) == null ? "" : m.group(2)};
                if (first == null) {
                    first = found;
                }
                last = found;
                if (stripped.startsWith("Caused by:")) {
                    cause = found;
                }
            }
        }
        if (cause != null) {
            return cause;
        }
        return pythonTraceback ? last : first;
    }

    /** The innermost frame of the project's own code (not the runtime's, not the test runner's); empty if none. */
    static String projectFrame(String[] lines) {
        String python = null;
        String java = null;
        String js = null;
        for (String line : lines) {
            boolean pythonLike = line.contains("File \"") || hasPythonLineReference(line);
            boolean javaLike = !pythonLike && line.contains("at ") && line.endsWith(")");
            boolean jsLike = !pythonLike && !javaLike && line.endsWith(")") && line.contains(":");
            if (!pythonLike && !javaLike && !jsLike) {
                continue;
            }
            String candidate = line.startsWith("E ") ? line.substring(1) : line;
            Matcher py = PY_FRAME.matcher(candidate);
            if (pythonLike && py.lookingAt()) {
                String file = py.group(1) != null ? py.group(1) : py.group(3);
                String function = py.group(1) != null ? py.group(2) : py.group(4);
                if (isProjectFile(file)) {
                    python = baseName(file) + "::" + function; // innermost = last in a Python traceback
                }
                continue;
            }
            Matcher jv = JAVA_FRAME.matcher(line);
            if (javaLike && jv.find()) {
                String method = jv.group(1);
                if (java == null && !isRuntimeClass(method)) {
                    java = method; // innermost = first in a Java trace
                }
                continue;
            }
            if (js != null) {
                continue;
            }
            Matcher jsm = JS_FRAME.matcher(line);
            if (jsm.find() && isProjectFile(jsm.group(2))) {
                js = jsm.group(1).strip() + " (" + baseName(jsm.group(2)) + ")";
            }
        }
        if (java != null) {
            return java;
        }
        if (python != null) {
            return python;
        }
        return js == null ? "" : js;
    }

    /** {@code name.py:12} somewhere in the line: a pytest frame. Checked without a regex: logs are long. */
    private static boolean hasPythonLineReference(String line) {
        for (int at = line.indexOf(".py:"); at >= 0; at = line.indexOf(".py:", at + 1)) {
            if (at + 4 < line.length() && Character.isDigit(line.charAt(at + 4))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isProjectFile(String file) {
        return !(file.startsWith("node:")
                || file.startsWith("<")
                || file.contains("site-packages")
                || file.contains("dist-packages")
                || file.contains("/lib/python")
                || file.contains("node_modules")
                || file.contains("/_pytest/"));
    }

    private static final Pattern TEST_FILE = Pattern.compile(
            "(?:^|[\\s(/])(?:test_[\\w-]*\\.py|[\\w-]+_test\\.py|[\\w.-]+\\.(?:test|spec)\\.[cm]?js)\\b");

    private static boolean isTestFile(String location) {
        return TEST_FILE.matcher(location).find();
    }

    private static boolean isRuntimeClass(String method) {
        return method.startsWith("java.")
                || method.startsWith("javax.")
                || method.startsWith("jdk.")
                || method.startsWith("sun.")
                || method.startsWith("org.junit.")
                || method.startsWith("org.opentest4j.");
    }

    private static String testName(TestCaseResult c) {
        if (c.suite().isEmpty()) {
            return c.name();
        }
        return baseName(c.suite()) + "::" + c.name();
    }

    private static String firstFailingTest(TestReport report) {
        return report.failures().isEmpty() ? "" : testName(report.failures().get(0));
    }

    private static String timeoutLocation(TestReport report, String output) {
        String failing = firstFailingTest(report);
        if (!failing.isEmpty()) {
            return failing;
        }
        // pytest -v prints "file::test" before running it: the last one printed is the one that hung
        String running = "";
        for (String line : lines(output)) {
            if (!line.contains("::") && !line.contains("not ok")) {
                continue;
            }
            Matcher m = PYTEST_TIMEOUT_RUNNING.matcher(line.strip());
            if (m.find()) {
                running = m.group(1);
            }
            Matcher tap = TAP_NOT_OK.matcher(line);
            if (tap.matches() && running.isEmpty()) {
                running = tap.group(1).strip();
            }
        }
        return running;
    }

    private static String failedTestFromSummary(String[] lines) {
        for (String line : lines) {
            if (!line.startsWith("FAILED") && !line.startsWith("ERROR") && !line.contains("not ok")) {
                continue;
            }
            Matcher m = PYTEST_FAILED.matcher(line.strip());
            if (m.matches()) {
                return m.group(1);
            }
            Matcher tap = TAP_NOT_OK.matcher(line);
            if (tap.matches()) {
                return tap.group(1).strip();
            }
        }
        return "";
    }

    private static String lastNonBlankLine(String[] lines) {
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static final Pattern URL = Pattern.compile("file://\\S+?([^/\\s]+)(?=[\\s:)'\"]|$)");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[\\\\/][\\w.@+~-]+)+[\\\\/]([\\w.@+~-]+)");
    private static final Pattern LINE = Pattern.compile("(?i)\\bline \\d+");
    private static final Pattern POSITION = Pattern.compile(":\\d+(?::\\d+)?\\b");
    private static final Pattern ADDRESS = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern UUID_TEXT =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern TEMP =
            Pattern.compile("\\b(?:tmp[\\w.-]*|temp[\\w-]*\\d[\\w-]*|pytest-(?:of-)?[\\w-]+|junit\\d+)\\b");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?(?=(?:ms|s|m|h|[kKMG]i?B|B)?(?!\\w))");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /**
     * Normalises a message: paths reduced to their file name, line numbers, addresses, ids, temporary names and
     * numbers replaced by placeholders, whitespace collapsed, cut to {@value #MAX_MESSAGE} characters.
     *
     * @param text a message, may be null
     * @return the normalised message; empty for null or empty text
     */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.length() > 4 * MAX_MESSAGE ? text.substring(0, 4 * MAX_MESSAGE) : text;
        s = URL.matcher(s).replaceAll("$1");
        s = PATH.matcher(s).replaceAll("$1");
        s = LINE.matcher(s).replaceAll("line <n>");
        s = ADDRESS.matcher(s).replaceAll("<addr>");
        s = UUID_TEXT.matcher(s).replaceAll("<id>");
        s = TEMP.matcher(s).replaceAll("<tmp>");
        s = POSITION.matcher(s).replaceAll("");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        if (s.length() > MAX_MESSAGE) {
            s = s.substring(0, MAX_MESSAGE);
        }
        return s;
    }
}
