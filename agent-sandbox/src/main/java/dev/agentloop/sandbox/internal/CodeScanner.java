package dev.agentloop.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.ScanSeverity;
import dev.agentloop.sandbox.ScanPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static scan of generated code. Python is parsed inside the sandbox by {@code scan.py} (its {@code ast}
 * module, so the code is never imported) and optionally checked by {@code bandit}; JavaScript by
 * {@link JavaScriptRules}, Java by {@link JavaRules}. Results are cached per file content, so an unchanged file is not scanned again.
 */
final class CodeScanner {

    private static final Logger LOG = LoggerFactory.getLogger(CodeScanner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN_PY = load("scan.py");
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(60);
    private static final long SCAN_CAP = 16L * 1024 * 1024;

    private final CommandExecutor executor;
    private final WorkspaceFiles files;
    private final ScanPolicy policy;
    private final Map<String, Cached> ours = new HashMap<>();
    private final Map<String, Cached> bandits = new HashMap<>();
    private Boolean banditAvailable;
    private Set<String> nodeBuiltins;

    private record Cached(String hash, SourceScan scan) {}

    CodeScanner(CommandExecutor executor, WorkspaceFiles files, ScanPolicy policy) {
        this.executor = executor;
        this.files = files;
        this.policy = policy;
    }

    /** Scans the given workspace files; {@code withBandit} adds bandit's findings for Python files. */
    SourceScan scan(Collection<String> paths, boolean withBandit) {
        Map<String, String> hashes = new HashMap<>();
        List<String> python = new ArrayList<>();
        List<String> pythonChanged = new ArrayList<>();
        List<String> banditChanged = new ArrayList<>();
        List<ScanFinding> findings = new ArrayList<>();
        List<SourceScan.DependencyUse> deps = new ArrayList<>();
        for (String path : paths) {
            files.resolve(path);
            String source = files.readOrEmpty(path);
            String hash = sha256(source);
            hashes.put(path, hash);
            if (path.endsWith(".py")) {
                python.add(path);
                if (!isCached(ours, path, hash)) {
                    pythonChanged.add(path);
                }
                if (withBandit && !isCached(bandits, path, hash)) {
                    banditChanged.add(path);
                }
            } else if (path.endsWith(".js") || path.endsWith(".mjs") || path.endsWith(".cjs")) {
                if (!isCached(ours, path, hash)) {
                    ours.put(path, new Cached(hash, JavaScriptRules.scan(path, source, this::isNodeBuiltin)));
                }
            } else if (path.endsWith(".java")) {
                if (!isCached(ours, path, hash)) {
                    ours.put(path, new Cached(hash, JavaRules.scan(path, source)));
                }
            }
        }
        if (!pythonChanged.isEmpty()) {
            scanPython(pythonChanged, hashes);
        }
        if (!banditChanged.isEmpty() && banditAvailable != Boolean.FALSE) {
            runBandit(banditChanged, hashes);
        }
        for (String path : paths) {
            collect(ours.get(path), hashes.get(path), findings, deps);
            if (withBandit && python.contains(path)) {
                collect(bandits.get(path), hashes.get(path), findings, deps);
            }
        }
        return new SourceScan(findings, deps);
    }

    private static void collect(
            Cached cached, String hash, List<ScanFinding> findings, List<SourceScan.DependencyUse> deps) {
        if (cached != null && cached.hash().equals(hash)) {
            findings.addAll(cached.scan().findings());
            deps.addAll(cached.scan().dependencies());
        }
    }

    private static boolean isCached(Map<String, Cached> cache, String path, String hash) {
        Cached c = cache.get(path);
        return c != null && c.hash().equals(hash);
    }

    private void scanPython(List<String> paths, Map<String, String> hashes) {
        List<String> argv = new ArrayList<>(List.of("python3", "-c", SCAN_PY));
        argv.addAll(paths);
        ExecResult result = executor.execute(new ExecRequest(argv, "", Map.of(), SCAN_TIMEOUT), SCAN_TIMEOUT, SCAN_CAP);
        Map<String, List<ScanFinding>> byFile = new HashMap<>();
        Map<String, List<SourceScan.DependencyUse>> depsByFile = new HashMap<>();
        if (!result.succeeded()) {
            String why = TestReports.firstLine(result.stderr());
            LOG.warn("The Python scan could not run in the sandbox: {}", why);
            for (String p : paths) {
                byFile.computeIfAbsent(p, k -> new ArrayList<>())
                        .add(new ScanFinding(
                                "scan.unavailable",
                                ScanSeverity.LOW,
                                p,
                                0,
                                "the Python scan could not run: " + why,
                                false));
            }
        } else {
            try {
                JsonNode root = JSON.readTree(result.stdout());
                for (JsonNode f : root.path("findings")) {
                    String rule = f.path("rule").asText();
                    String file = f.path("file").asText();
                    byFile.computeIfAbsent(file, k -> new ArrayList<>())
                            .add(new ScanFinding(
                                    rule,
                                    severity(f.path("severity").asText()),
                                    file,
                                    f.path("line").asInt(),
                                    f.path("message").asText(),
                                    policy.blocks(rule)));
                }
                for (JsonNode d : root.path("imports")) {
                    String file = d.path("file").asText();
                    depsByFile
                            .computeIfAbsent(file, k -> new ArrayList<>())
                            .add(new SourceScan.DependencyUse(
                                    d.path("name").asText(),
                                    file,
                                    d.path("line").asInt()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The Python scan's output could not be read", e);
            }
        }
        for (String p : paths) {
            ours.put(
                    p,
                    new Cached(
                            hashes.get(p),
                            new SourceScan(byFile.getOrDefault(p, List.of()), depsByFile.getOrDefault(p, List.of()))));
        }
    }

    private void runBandit(List<String> paths, Map<String, String> hashes) {
        List<String> argv = new ArrayList<>(List.of("bandit", "-f", "json", "-q"));
        argv.addAll(paths);
        ExecResult result = executor.execute(new ExecRequest(argv, "", Map.of(), SCAN_TIMEOUT), SCAN_TIMEOUT, SCAN_CAP);
        if (result.exitCode() == 127 || (!result.succeeded() && result.stdout().isBlank())) {
            banditAvailable = false;
            LOG.info(
                    "bandit is not available in the sandbox ({}); the Python scan uses its own rules only",
                    TestReports.firstLine(result.stderr()));
            return;
        }
        banditAvailable = true;
        Map<String, List<ScanFinding>> byFile = new HashMap<>();
        try {
            String out = result.stdout();
            int start = out.indexOf('{');
            JsonNode root = JSON.readTree(start >= 0 ? out.substring(start) : out);
            for (JsonNode r : root.path("results")) {
                String rule = "bandit." + r.path("test_id").asText();
                String file = r.path("filename").asText().replaceFirst("^\\./", "");
                byFile.computeIfAbsent(file, k -> new ArrayList<>())
                        .add(new ScanFinding(
                                rule,
                                severity(r.path("issue_severity").asText()),
                                file,
                                r.path("line_number").asInt(),
                                r.path("issue_text").asText(),
                                policy.blocks(rule)));
            }
        } catch (IOException e) {
            LOG.warn("bandit's report could not be read: {}", e.getMessage());
        }
        for (String p : paths) {
            bandits.put(p, new Cached(hashes.get(p), new SourceScan(byFile.getOrDefault(p, List.of()), List.of())));
        }
    }

    private boolean isNodeBuiltin(String name) {
        if (nodeBuiltins == null) {
            ExecResult result = executor.execute(
                    ExecRequest.of("node", "-p", "require('module').builtinModules.join(' ')"), SCAN_TIMEOUT, SCAN_CAP);
            nodeBuiltins =
                    result.succeeded() ? Set.of(result.stdout().trim().split("\\s+")) : JavaScriptRules.CORE_FALLBACK;
        }
        return nodeBuiltins.contains(name);
    }

    private static ScanSeverity severity(String value) {
        try {
            return ScanSeverity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ScanSeverity.MEDIUM;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load(String name) {
        try (InputStream in = CodeScanner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the agent-sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
