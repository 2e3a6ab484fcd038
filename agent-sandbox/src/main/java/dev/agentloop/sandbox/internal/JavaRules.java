package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.ScanSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The static rules for generated Java (line based): starting other programs, reflection that breaks encapsulation,
 * deserialising objects and secrets in the code. Comments ({@code //}, and lines of a block comment starting with
 * {@code *}) are skipped.
 */
final class JavaRules {

    private record Rule(String id, ScanSeverity severity, Pattern pattern, String message) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    "java.runtime-exec",
                    ScanSeverity.HIGH,
                    Pattern.compile("\\bRuntime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec\\s*\\("
                            + "|\\b\\w+\\s*\\.\\s*exec\\s*\\(\\s*(?:new\\s+String\\s*\\[|\")"),
                    "Runtime.exec runs other programs"),
            new Rule(
                    "java.process-builder",
                    ScanSeverity.HIGH,
                    Pattern.compile("\\bnew\\s+ProcessBuilder\\s*\\(|\\bProcessBuilder\\s*\\.\\s*startPipeline\\b"),
                    "ProcessBuilder runs other programs"),
            new Rule(
                    "java.set-accessible",
                    ScanSeverity.MEDIUM,
                    Pattern.compile("\\.\\s*(?:setAccessible|trySetAccessible)\\s*\\("),
                    "reflection with setAccessible breaks encapsulation"),
            new Rule(
                    "java.deserialization",
                    ScanSeverity.HIGH,
                    Pattern.compile(
                            "\\bnew\\s+ObjectInputStream\\s*\\(|\\.\\s*readObject\\s*\\(\\s*\\)|\\bXMLDecoder\\b"),
                    "deserialising objects from a stream can run attacker-chosen code"),
            new Rule(
                    "java.hardcoded-secret",
                    ScanSeverity.HIGH,
                    Pattern.compile(
                            "(?i)\\b\\w*(?:password|passwd|secret|api_?key|token)\\w*\\s*=\\s*\"[^\"\\s]{8,}\""
                                    + "|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|ghp_[A-Za-z0-9]{36}|-----BEGIN [A-Z ]*PRIVATE KEY-----"),
                    "a secret is written into the code"));

    private JavaRules() {}

    static SourceScan scan(String file, String source) {
        List<ScanFinding> findings = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
                continue;
            }
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(line).find()) {
                    findings.add(new ScanFinding(rule.id(), rule.severity(), file, i + 1, rule.message(), false));
                }
            }
        }
        return new SourceScan(findings, List.of());
    }
}
