package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.ScanSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The static rules for generated JavaScript (line based) and the packages it imports. */
final class JavaScriptRules {

    private record Rule(String id, ScanSeverity severity, Pattern pattern, String message) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    "javascript.eval",
                    ScanSeverity.MEDIUM,
                    Pattern.compile("(?<![\\w.$])eval\\s*\\("),
                    "eval() runs arbitrary code"),
            new Rule(
                    "javascript.new-function",
                    ScanSeverity.MEDIUM,
                    Pattern.compile("\\bnew\\s+Function\\s*\\("),
                    "new Function() builds code from a string"),
            new Rule(
                    "javascript.child-process",
                    ScanSeverity.HIGH,
                    Pattern.compile("(?:require\\s*\\(|from\\s+|import\\s*\\(?)\\s*['\"](?:node:)?child_process['\"]"),
                    "child_process runs other programs"),
            new Rule(
                    "javascript.hardcoded-secret",
                    ScanSeverity.HIGH,
                    Pattern.compile(
                            "(?i)\\b\\w*(?:password|passwd|secret|api_?key|token)\\w*\\s*[:=]\\s*['\"`][^'\"`\\s]{8,}['\"`]"
                                    + "|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|ghp_[A-Za-z0-9]{36}|-----BEGIN [A-Z ]*PRIVATE KEY-----"),
                    "a secret is written into the code"));

    private static final Pattern IMPORT = Pattern.compile("\\brequire\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)"
            + "|\\b(?:import|export)\\s+(?:[\\w*{}\\s,$]+\\s+from\\s+)?['\"]([^'\"]+)['\"]"
            + "|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");

    private JavaScriptRules() {}

    static SourceScan scan(String file, String source, Predicate<String> isBuiltin) {
        List<ScanFinding> findings = new ArrayList<>();
        List<SourceScan.DependencyUse> deps = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("//") || line.strip().startsWith("*")) {
                continue;
            }
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(line).find()) {
                    findings.add(new ScanFinding(rule.id(), rule.severity(), file, i + 1, rule.message(), false));
                }
            }
            Matcher m = IMPORT.matcher(line);
            int lineNo = i + 1;
            while (m.find()) {
                String spec = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                packageOf(spec)
                        .filter(p -> !isBuiltin.test(p))
                        .ifPresent(p -> deps.add(new SourceScan.DependencyUse(p, file, lineNo)));
            }
        }
        return new SourceScan(findings, deps);
    }

    /** The package a module specifier names; empty for relative paths and {@code node:} builtins. */
    static java.util.Optional<String> packageOf(String spec) {
        if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:") || spec.isBlank()) {
            return java.util.Optional.empty();
        }
        String[] parts = spec.split("/");
        if (spec.startsWith("@") && parts.length >= 2) {
            return java.util.Optional.of(parts[0] + "/" + parts[1]);
        }
        return java.util.Optional.of(parts[0]);
    }

    /** Builtins known without asking node (used when node cannot be asked). */
    static final Set<String> CORE_FALLBACK = Set.of(
            "assert",
            "buffer",
            "child_process",
            "crypto",
            "events",
            "fs",
            "http",
            "https",
            "net",
            "os",
            "path",
            "process",
            "stream",
            "string_decoder",
            "timers",
            "url",
            "util",
            "zlib",
            "test",
            "readline",
            "worker_threads",
            "querystring",
            "dns",
            "tty",
            "vm",
            "perf_hooks");
}
