package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.approval.Prompter;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.demo.Scenario;
import dev.agentloop.cli.demo.Scenarios;
import dev.agentloop.cli.output.Text;
import dev.agentloop.cli.progress.Cancellation;
import dev.agentloop.cli.progress.RunExecutor;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.Task;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.PatchApplier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Carries out {@code agent run}: one task, one scenario, or the whole demo. Also used by the REPL. */
public final class RunPlan {

    private final CliContext context;
    private final boolean json;
    private final RunExecutor executor;
    private final Cancellation cancellation;

    /** Asks where the context asks (not in --json mode), cancels the way the context cancels. */
    public RunPlan(CliContext context, boolean json, boolean yes) {
        this(context, json, yes, json ? Optional.empty() : context.prompter(), context.cancellation());
    }

    /**
     * @param prompter where approvals and clarifications are asked; empty when nobody can answer
     * @param cancellation how Ctrl-C reaches the run
     */
    public RunPlan(
            CliContext context, boolean json, boolean yes, Optional<Prompter> prompter, Cancellation cancellation) {
        this.context = context;
        this.json = json;
        this.executor = new RunExecutor(context, json, yes, prompter);
        this.cancellation = cancellation;
    }

    /** A task typed by the person, with the real model. */
    public ExitCode single(CliConfig config, String text) {
        return single(config, text, Map.of());
    }

    /**
     * A task typed by the person, with the real model.
     *
     * @param givenTests acceptance tests the model reads but cannot change (workspace path → content); may be empty
     */
    public ExitCode single(CliConfig config, String text, Map<String, String> givenTests) {
        return run(withGiven(task(config, text), givenTests), config, Optional.empty())
                .exitCode();
    }

    /**
     * A task on an existing project: a private copy, the project's tests as the oracle, and at the end a branch (or,
     * with {@code --apply}, the patch applied to the user's working tree).
     *
     * @param languageGiven the language was given on the command line; else it is detected from the project
     * @param script a scripted model's script instead of the configured endpoint
     * @param givenTests acceptance tests the model reads but cannot change (workspace path → content); may be empty
     */
    public ExitCode repository(
            CliConfig config,
            RepositoryOptions options,
            String text,
            boolean languageGiven,
            Optional<Path> script,
            Map<String, String> givenTests) {
        RepositorySource made = RepositorySource.of(config, options, Path.of("").toAbsolutePath(), context.userDir());
        Language language = Language.fromId(config.get(ConfigSchema.LANGUAGE));
        if (!languageGiven && made.folder().isPresent()) {
            language = Language.ofProject(made.folder().get()).orElse(language);
        }
        TestTargets tests = TestTargets.DEFAULT
                .withCommand(options.testCommand().orElse(""))
                .withTestChangesAllowed(options.allowTestChanges());
        if (options.fixTests().isPresent()) {
            tests = tests.fixing(options.fixTests().get());
        }
        if (!givenTests.isEmpty()) {
            tests = tests.withGiven(givenTests);
        }
        Task task = new Task(
                        java.util.UUID.randomUUID(),
                        text,
                        language,
                        ProjectType.fromId(config.get(ConfigSchema.PROJECT_TYPE)),
                        made.name())
                .withSource(made.source())
                .withTests(tests);
        script.ifPresent(s -> say("model: scripted model (" + s + ")"));
        RunExecutor.Outcome outcome = run(task, config, script);
        ExitCode code = outcome.exitCode();
        Optional<Handoff> handoff = outcome.result()
                .filter(AgentResult.Solved.class::isInstance)
                .flatMap(r -> ((AgentResult.Solved) r).handoff());
        if (handoff.isEmpty()) {
            return code;
        }
        if (options.apply() && made.folder().isPresent()) {
            try {
                List<String> applied = PatchApplier.ofDefaults()
                        .apply(handoff.get(), made.folder().get());
                say("applied to " + made.folder().get() + ": " + String.join(", ", applied)
                        + " (working tree only; review with: git -C "
                        + made.folder().get() + " diff)");
            } catch (SourceException e) {
                context.err().println("The patch was not applied: " + e.getMessage());
                context.err()
                        .println("It is kept in " + handoff.get().patchFile() + "; apply it later with: git -C "
                                + made.folder().get() + " apply "
                                + handoff.get().patchFile());
                return ExitCode.STOPPED;
            }
        } else {
            HandoffLines.of(handoff.get(), made.where()).forEach(this::say);
        }
        return code;
    }

    /** One scripted scenario; {@code taskOverride} replaces its task, {@code givenTests} are added to it. */
    public ExitCode scenario(
            CliConfig config, Path folder, Optional<String> taskOverride, Map<String, String> givenTests) {
        Scenario scenario = Scenarios.load(folder);
        return runScenario(config, scenario, taskOverride, givenTests).exitCode();
    }

    private static Task withGiven(Task task, Map<String, String> givenTests) {
        return givenTests.isEmpty() ? task : task.withTests(task.tests().withGiven(givenTests));
    }

    /** Every scenario in order; 0 when each ended as it is meant to, else the first unexpected exit code. */
    public ExitCode demo(CliConfig config, Path examples) {
        List<Scenario> scenarios = Scenarios.all(examples);
        say("agentloop demo: " + scenarios.size() + " scenarios with the SCRIPTED MODEL shipped in examples/"
                + " (no model endpoint is called); the Docker sandbox and the pgvector memory are real.");
        List<String> results = new ArrayList<>();
        ExitCode worst = ExitCode.SOLVED;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            say("");
            say("=== " + (i + 1) + "/" + scenarios.size() + " " + s.title() + " [scripted model: " + s.name() + "]");
            RunExecutor.Outcome outcome = runScenario(config, s, Optional.empty(), Map.of());
            ExitCode expected = s.expected() == Scenario.Expected.SOLVED ? ExitCode.SOLVED : ExitCode.STOPPED;
            Optional<StopReason> stopReason = outcome.result()
                    .filter(AgentResult.Stopped.class::isInstance)
                    .map(r -> ((AgentResult.Stopped) r).reason());
            boolean asExpected = outcome.exitCode() == expected
                    && (s.stopReason().isEmpty() || s.stopReason().equals(stopReason));
            results.add(String.format(
                    java.util.Locale.ROOT,
                    "  %-32s %-9s %s  %d memory hit(s)  %s",
                    s.name(),
                    outcome.exitCode() == ExitCode.SOLVED
                            ? "solved"
                            : outcome.exitCode() == ExitCode.STOPPED
                                    ? "stopped: " + stopReason.map(Text::words).orElse("?")
                                    : "exit " + outcome.exitCode().code(),
                    asExpected
                            ? "(as scripted)"
                            : "(UNEXPECTED: meant to be " + s.expected().name().toLowerCase(java.util.Locale.ROOT)
                                    + s.stopReason()
                                            .map(r -> ": " + Text.words(r))
                                            .orElse("") + ")",
                    outcome.memoryHits(),
                    outcome.result()
                            .map(r -> "agent show " + Text.shortId(r.taskId()))
                            .orElse("")));
            if (outcome.exitCode() == ExitCode.CANCELLED || outcome.exitCode() == ExitCode.ENVIRONMENT) {
                return outcome.exitCode();
            }
            if (!asExpected && worst == ExitCode.SOLVED) {
                worst = outcome.exitCode() == ExitCode.SOLVED ? ExitCode.STOPPED : outcome.exitCode();
            }
        }
        say("");
        say("Demo finished (scripted model):");
        results.forEach(this::say);
        say("See them with: agent history");
        return worst;
    }

    private RunExecutor.Outcome runScenario(
            CliConfig config, Scenario s, Optional<String> taskOverride, Map<String, String> givenTests) {
        CliConfig scenarioConfig = config.origin(ConfigSchema.MAX_ITERATIONS)
                        .map(o -> o.source() == dev.agentloop.cli.config.ConfigSource.FLAG)
                        .orElse(false)
                ? config
                : config.withFlag(
                        ConfigSchema.MAX_ITERATIONS, Integer.toString(s.maxIterations()), "scenario " + s.name());
        Task task = new Task(
                java.util.UUID.randomUUID(),
                taskOverride.orElse(s.task()),
                s.language(),
                s.projectType(),
                "agentloop-demo");
        say("model: scripted model ("
                + context.projectDir().relativize(s.script().toAbsolutePath()) + ")");
        return run(withGiven(task, givenTests), scenarioConfig, Optional.of(s.script()));
    }

    private RunExecutor.Outcome run(Task task, CliConfig config, Optional<Path> script) {
        dev.agentloop.cli.env.RunHandle[] started = new dev.agentloop.cli.env.RunHandle[1];
        try {
            return executor.run(task, config, script, handle -> {
                started[0] = handle;
                cancellation.register(handle);
            });
        } finally {
            if (started[0] != null) {
                cancellation.unregister(started[0]);
            }
        }
    }

    private Task task(CliConfig config, String text) {
        return new Task(
                java.util.UUID.randomUUID(),
                text,
                Language.fromId(config.get(ConfigSchema.LANGUAGE)),
                ProjectType.fromId(config.get(ConfigSchema.PROJECT_TYPE)),
                "");
    }

    /** Demo narration goes to stdout except in --json mode, where stdout carries only events. */
    private void say(String line) {
        (json ? context.err() : context.out()).println(line);
    }
}
