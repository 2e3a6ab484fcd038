package dev.agentloop.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.event.CommandBlocked;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.sandbox.CommandRule;
import dev.agentloop.sandbox.SandboxConfig;
import dev.agentloop.sandbox.spi.TestRunContext;
import dev.agentloop.sandbox.spi.TestRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session both sandboxes hand out: the policy (execution hooks, dependency gate, static scan, test runners)
 * around a {@link CommandExecutor} that only knows how to run a command.
 */
public final class GuardedSession implements SandboxSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxSpec spec;
    private final SandboxConfig config;
    private final CommandExecutor executor;
    private final Map<Language, TestRunner> runners;
    private final Clock clock;
    private final Runnable onClose;
    private final WorkspaceFiles files;
    private final Events events;
    private final CodeScanner scanner;
    private final DependencyGate gate;
    private boolean closed;
    private volatile String environment = "";
    private final Map<String, ApprovalDecision> riskyDecisions = new java.util.concurrent.ConcurrentHashMap<>();
    /** On an existing project, only files changed after this are the model's: they alone are scanned. */
    private final java.nio.file.attribute.FileTime openedAt;

    public GuardedSession(
            SandboxSpec spec,
            SandboxConfig config,
            CommandExecutor executor,
            WorkspaceFiles files,
            Map<Language, TestRunner> runners,
            Clock clock,
            Runnable onClose) {
        this.spec = spec;
        this.config = config;
        this.executor = executor;
        this.files = files;
        this.runners = Map.copyOf(runners);
        this.clock = clock;
        this.onClose = onClose;
        this.events = new Events(spec.listener());
        this.scanner = new CodeScanner(executor, files, config.scanPolicy());
        this.gate = new DependencyGate(spec, config.allowedDependencies(), clock, events);
        // the file system's clock, not the run's (which a test may fix): modification times are real time
        this.openedAt = spec.existingProject() ? java.nio.file.attribute.FileTime.from(java.time.Instant.now()) : null;
    }

    /** Sets what {@link #environment()} says: the sandbox's description, probed once per image by its owner. */
    public void useEnvironment(String description) {
        this.environment = description == null ? "" : description;
    }

    @Override
    public String environment() {
        return environment;
    }

    @Override
    public Path workspace() {
        return files.root();
    }

    @Override
    public void writeFile(String relativePath, String content) {
        files.write(relativePath, content);
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        Optional<CommandRule> refused = config.commandPolicy().check(request.command());
        if (refused.isPresent()) {
            CommandRule rule = refused.get();
            events.publish(new CommandBlocked(
                    spec.taskId(), 0, clock.instant(), String.join(" ", request.command()), rule.name()));
            return ExecResult.blocked(
                    rule.name(),
                    "refused by the execution hooks: the command " + rule.explanation() + " (rule " + rule.name()
                            + ")");
        }
        Optional<CommandRule> risky = config.commandPolicy().risky(request.command());
        if (risky.isPresent()) {
            CommandRule rule = risky.get();
            String command = String.join(" ", request.command());
            ApprovalDecision decision = riskyDecisions.computeIfAbsent(command, c -> askRisky(c, rule));
            if (!decision.approved()) {
                events.publish(new CommandBlocked(spec.taskId(), 0, clock.instant(), command, rule.name()));
                return ExecResult.blocked(
                        rule.name(),
                        "not run: the command " + rule.explanation() + " (rule " + rule.name()
                                + "), which needs an approval, and " + decision.decidedBy() + " denied it"
                                + (decision.note().isEmpty() ? "" : ": " + decision.note()));
            }
        }
        return run(request);
    }

    private ApprovalDecision askRisky(String command, CommandRule rule) {
        ApprovalRequest request = new ApprovalRequest(
                spec.taskId(),
                ApprovalKind.RISKY_COMMAND,
                command,
                "the command " + rule.explanation() + " (rule " + rule.name() + ")");
        ApprovalDecision decision;
        try {
            decision = spec.approvals().decide(request);
        } catch (RuntimeException e) {
            decision = ApprovalDecision.deny("default", "the approval handler failed: " + e.getMessage());
        }
        if (decision == null) {
            decision = ApprovalDecision.deny("default", "the approval handler gave no answer");
        }
        events.publish(new ApprovalDecided(spec.taskId(), 0, clock.instant(), request, decision));
        return decision;
    }

    private ExecResult run(ExecRequest request) {
        String directory = files.relativeDirectory(request.workingDirectory());
        ExecRequest resolved =
                new ExecRequest(request.command(), directory, request.environment(), request.timeout(), request.cpus());
        Duration timeout = request.timeout() == null ? config.commandTimeout() : request.timeout();
        return executor.execute(resolved, timeout, config.outputCapBytes());
    }

    @Override
    public TestReport runTests(TestRequest request) {
        TestRunner runner = runners.get(request.language());
        if (runner == null && !request.isCommand()) {
            return new TestReport(
                    TestOutcome.SANDBOX_ERROR,
                    List.of(),
                    "",
                    "",
                    -1,
                    Duration.ZERO,
                    "no test runner is available for " + request.language().id());
        }
        for (String file : request.testFiles()) {
            files.resolve(file);
        }
        if (config.scanPolicy().beforeTests()) {
            Optional<String> refusal = preflight(request.language());
            if (refusal.isPresent()) {
                return TestReports.blocked(refusal.get());
            }
        }
        Duration timeout = request.timeout() == null ? config.commandTimeout() : request.timeout();
        if (request.isCommand()) {
            // the project's own command: the hooks check it like any command the model could have typed
            Optional<CommandRule> refused = config.commandPolicy().check(List.of("sh", "-c", request.command()));
            if (refused.isPresent()) {
                return TestReports.blocked("the test command is refused by the execution hooks: "
                        + refused.get().explanation() + " (rule "
                        + refused.get().name() + ")");
            }
            return new CommandTestRunner().run(request, new Context(timeout));
        }
        return runner.run(request, new Context(timeout));
    }

    /** Static scan and dependency check of the language's sources before anything of theirs runs. */
    private Optional<String> preflight(Language language) {
        List<String> sources = files.sources(extensions(language), openedAt);
        boolean banditBlocks = config.scanPolicy().blockingRules().stream().anyMatch(r -> r.startsWith("bandit."));
        SourceScan scan =
                scanner.scan(sources, banditBlocks && config.scanPolicy().bandit());
        List<ScanFinding> blocking =
                scan.findings().stream().filter(ScanFinding::blocking).toList();
        if (!blocking.isEmpty()) {
            ScanFinding first = blocking.get(0);
            return Optional.of("blocked by the static scan: " + first.rule() + " at " + first.file() + ":"
                    + first.line() + " (" + first.message() + ")"
                    + (blocking.size() > 1 ? " and " + (blocking.size() - 1) + " more" : ""));
        }
        // On an existing project, an edited file's imports are mostly the project's own dependencies, which the user
        // chose: only changed requirement files are checked there (a new import the image lacks fails the tests).
        List<SourceScan.DependencyUse> uses = new ArrayList<>(spec.existingProject() ? List.of() : scan.dependencies());
        uses.addAll(requirementFiles(language));
        return gate.check(uses);
    }

    @Override
    public List<ScanFinding> scan(Collection<String> relativePaths) {
        return scanner.scan(List.copyOf(relativePaths), config.scanPolicy().bandit())
                .findings();
    }

    /** Approval decisions about dependencies taken in this session. */
    public Map<String, dev.agentloop.core.spi.ApprovalDecision> dependencyDecisions() {
        return gate.decisions();
    }

    /** The executor, for the sandbox that created this session. */
    public CommandExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            executor.close();
        } finally {
            onClose.run();
        }
    }

    private static Set<String> extensions(Language language) {
        return switch (language) {
            case PYTHON -> Set.of(".py");
            case JAVASCRIPT -> Set.of(".js", ".mjs", ".cjs");
            case JAVA -> Set.of(".java");
        };
    }

    /** Packages named in {@code requirements*.txt} (Python) or {@code package.json} (JavaScript). */
    private List<SourceScan.DependencyUse> requirementFiles(Language language) {
        List<SourceScan.DependencyUse> uses = new ArrayList<>();
        if (language == Language.PYTHON) {
            for (String file : files.sources(Set.of(".txt"), openedAt)) {
                if (!Path.of(file).getFileName().toString().startsWith("requirements")) {
                    continue;
                }
                String[] lines = files.readOrEmpty(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].replaceFirst("#.*", "").strip();
                    if (line.isEmpty() || line.startsWith("-")) {
                        continue;
                    }
                    String name = line.split("[\\s<>=!~;\\[@]", 2)[0];
                    if (!name.isEmpty()) {
                        uses.add(new SourceScan.DependencyUse(name, file, i + 1));
                    }
                }
            }
        } else if (language == Language.JAVASCRIPT) {
            for (String file : files.sources(Set.of("package.json"), openedAt)) {
                try {
                    JsonNode root = JSON.readTree(files.readOrEmpty(file));
                    for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
                        for (Iterator<String> names = root.path(section).fieldNames(); names.hasNext(); ) {
                            uses.add(new SourceScan.DependencyUse(names.next(), file, 0));
                        }
                    }
                } catch (IOException e) {
                    // An unreadable package.json fails the test run itself, with node's own message.
                }
            }
        }
        return uses;
    }

    private final class Context implements TestRunContext {
        private final Duration timeout;

        Context(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public ExecResult exec(ExecRequest request) {
            return run(request.timeout() == null ? request.withTimeout(timeout) : request);
        }

        @Override
        public String workspacePath() {
            return executor.workspacePath();
        }

        @Override
        public String scratchPath(String name) {
            return executor.scratchPath(name);
        }

        @Override
        public Optional<String> readScratch(String name) {
            return executor.readScratch(name);
        }

        @Override
        public Duration timeout() {
            return timeout;
        }
    }

    @Override
    public String toString() {
        return "session of task " + spec.taskId() + " in " + executor.describe() + " ("
                + runners.keySet().stream().map(Language::id).collect(Collectors.joining(",")) + ")";
    }
}
