package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the TAP that {@code node --test --test-reporter=tap} writes (node 18 nests tests under one subtest per
 * file, node 20+ does not; both are handled). Leaf entries are test cases; entries with children are suites and
 * are not counted; a top-level leaf that failed with the file's exit code is a file that could not be loaded.
 */
public final class TapParser {

    private static final Pattern ENTRY =
            Pattern.compile("^( *)(not ok|ok) \\d+(?: - (.*?))?(?: # (SKIP|TODO|skip|todo)\\b ?(.*))?$");
    private static final Pattern SUBTEST = Pattern.compile("^( *)# Subtest: (.*)$");
    private static final Pattern KEY = Pattern.compile("^([A-Za-z_]+):(?: (.*))?$");

    private TapParser() {}

    /** Test cases, files that could not be loaded, and the diagnostic comment lines (the files' stderr). */
    public record Parsed(List<TestCaseResult> cases, List<TestCaseResult> loadErrors, List<String> comments) {}

    public static Parsed parse(String tap, String workspacePath) {
        String[] lines = tap.split("\n", -1);
        List<TestCaseResult> cases = new ArrayList<>();
        List<TestCaseResult> loadErrors = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        Map<Integer, Integer> childCount = new HashMap<>();
        Map<Integer, String> subtestNames = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher sub = SUBTEST.matcher(line);
            if (sub.matches()) {
                subtestNames.put(sub.group(1).length() / 4, sub.group(2));
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                String stripped = line.strip();
                if (stripped.startsWith("# ") && !stripped.startsWith("# Subtest:")) {
                    comments.add(stripped.substring(2));
                }
                continue;
            }
            int indent = entry.group(1).length();
            int depth = indent / 4;
            boolean hasChildren = childCount.getOrDefault(depth + 1, 0) > 0;
            childCount.put(depth + 1, 0);
            childCount.merge(depth, 1, Integer::sum);
            Map<String, String> yaml = new LinkedHashMap<>();
            if (i + 1 < lines.length && lines[i + 1].strip().equals("---")) {
                i = readYaml(lines, i + 2, indent + 2, yaml);
            }
            if (hasChildren) {
                continue;
            }
            boolean ok = entry.group(2).equals("ok");
            String name = entry.group(3) == null ? "" : entry.group(3);
            String directive = entry.group(4);
            String suite = suite(yaml.get("location"), workspacePath, depth, subtestNames);
            Duration duration = millis(yaml.get("duration_ms"));
            if (directive != null) {
                String reason = entry.group(5) == null ? "" : entry.group(5).strip();
                cases.add(new TestCaseResult(name, suite, TestStatus.SKIPPED, reason, "", duration));
                continue;
            }
            if (ok) {
                cases.add(new TestCaseResult(name, suite, TestStatus.PASSED, "", "", duration));
                continue;
            }
            String failureType = yaml.getOrDefault("failureType", "");
            String message = yaml.getOrDefault("error", "");
            String trace = yaml.getOrDefault("stack", "");
            if (depth == 0 && yaml.containsKey("exitCode")) {
                loadErrors.add(new TestCaseResult(
                        relative(name, workspacePath),
                        "",
                        TestStatus.ERRORED,
                        loadErrorLine(comments, message),
                        String.join("\n", comments),
                        duration));
                continue;
            }
            TestStatus status = failureType.isEmpty() || failureType.equals("testCodeFailure")
                    ? TestStatus.FAILED
                    : TestStatus.ERRORED;
            cases.add(new TestCaseResult(name, suite, status, message, trace, duration));
        }
        return new Parsed(cases, loadErrors, comments);
    }

    /** Reads the YAML block of an entry into flat keys; returns the index of its closing {@code ...} line. */
    private static int readYaml(String[] lines, int start, int indent, Map<String, String> into) {
        int i = start;
        String blockKey = null;
        StringBuilder block = new StringBuilder();
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().equals("...") && leading(line) <= indent) {
                break;
            }
            if (blockKey != null && (line.isBlank() || leading(line) > indent)) {
                block.append(line.length() > indent + 2 ? line.substring(indent + 2) : "")
                        .append('\n');
                continue;
            }
            if (blockKey != null) {
                into.put(blockKey, block.toString().stripTrailing());
                blockKey = null;
                block.setLength(0);
            }
            Matcher key = KEY.matcher(line.strip());
            if (leading(line) == indent && key.matches()) {
                String value = key.group(2) == null ? "" : key.group(2);
                if (value.equals("|-") || value.equals("|") || value.equals(">-")) {
                    blockKey = key.group(1);
                } else {
                    into.put(key.group(1), unquote(value));
                }
            }
        }
        if (blockKey != null) {
            into.put(blockKey, block.toString().stripTrailing());
        }
        return i;
    }

    private static String loadErrorLine(List<String> comments, String fallback) {
        for (int i = comments.size() - 1; i >= 0; i--) {
            String c = comments.get(i).strip();
            if (c.matches("^[A-Za-z_][\\w.]*(Error|Exception)\\b:?.*")) {
                return c;
            }
        }
        return fallback.isEmpty() ? "the test file could not be loaded" : fallback;
    }

    private static String suite(String location, String workspacePath, int depth, Map<Integer, String> names) {
        if (location != null && !location.isEmpty()) {
            String file = location.replaceFirst(":\\d+:\\d+$", "");
            return relative(file, workspacePath);
        }
        return depth > 0 ? relative(names.getOrDefault(0, ""), workspacePath) : "";
    }

    private static String relative(String path, String workspacePath) {
        String prefix = workspacePath.endsWith("/") ? workspacePath : workspacePath + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (value.equals("~")) {
            return "";
        }
        return value;
    }

    private static int leading(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static Duration millis(String value) {
        try {
            return value == null ? Duration.ZERO : Duration.ofNanos((long) (Double.parseDouble(value) * 1e6));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
