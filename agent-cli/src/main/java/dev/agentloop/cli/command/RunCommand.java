package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader.Flag;
import dev.agentloop.cli.config.ConfigSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent run}: one task, or the scripted demo. */
@Command(
        name = "run",
        header = "Runs a task (or the scripted demo) until its tests pass or the breaker stops it.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one task through the loop (plan, code, [review], [audit], test, reflect) until its tests pass or"
                    + " the circuit breaker stops it. Generated code runs in a Docker sandbox; failures and their"
                    + " fixes go into the pgvector memory.",
            "Without --task on a terminal, asks for the task. Ctrl-C cancels the run cleanly (exit 130)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent run --demo                                 all scripted scenarios (no model endpoint needed)",
            "  agent run --model-script examples/02-python-similar-bug",
            "  agent run --task \"Write slugify(text) with pytest tests\" --enable-review --max-iterations 5",
            "  agent run --task-file task.md -l javascript -p cli_tool --mode autonomous",
            "  agent run --task \"Write parse_date(text)\" --tests acceptance/test_dates.py",
            "  agent run --task \"...\" --base-url http://localhost:11434/v1 --model coder=qwen2.5-coder",
            "  agent run --task \"...\" --json | jq -c 'select(.type == \"IterationFinished\")'",
            "  agent run --repo ~/src/project --task \"Make parse() accept an empty string\"",
            "  agent run --repo ~/src/project --base v1.2 --fix-tests tests/test_parse.py::test_empty",
            "  agent run --repo . --fix-tests --apply        (fix what fails now, apply to the working tree)",
            "  agent run --issue https://github.com/octo/textkit/issues/7   (a pull request; see agent issue)",
            "",
            CommandSupport.EXIT_CODES
        })
public final class RunCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--task", paramLabel = "TEXT", description = "What to build.")
    String task;

    @Option(names = "--task-file", paramLabel = "FILE", description = "Read the task from a file (long tasks).")
    Path taskFile;

    @Option(
            names = "--demo",
            description = "Run every scripted scenario under examples/ with the scripted model shipped with agentloop"
                    + " (the sandbox and the memory are real).")
    boolean demo;

    @Option(
            names = "--model-script",
            paramLabel = "SCENARIO",
            description = "Run one scripted scenario, e.g. examples/01-python-slugify (its task unless --task).")
    Path modelScript;

    @Option(
            names = "--tests",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Acceptance tests the model reads but cannot change (the tester may add its own); each goes"
                    + " into the workspace at the relative path given.")
    List<Path> tests = new ArrayList<>();

    @Option(
            names = "--repo",
            paramLabel = "DIR|URL",
            description = "Work on an existing project (a folder, a git repository or a git URL) in a private copy;"
                    + " a solved run leaves a branch agentloop/<id> with one commit, and the patch.")
    String repo;

    @Option(
            names = "--issue",
            paramLabel = "URL",
            description = "Work on a GitHub issue (its web address or OWNER/REPO#N) and open a pull request, as"
                    + " 'agent issue' does.")
    String issue;

    @Option(
            names = "--base",
            paramLabel = "REF",
            description = "With --repo: the branch, tag or commit to start from (default: HEAD).")
    String base;

    @Option(
            names = "--test-cmd",
            paramLabel = "CMD",
            description = "With --repo: the project's test command (default: detected; config repo.test-command).")
    String testCommand;

    @Option(
            names = "--fix-tests",
            paramLabel = "TEST",
            arity = "0..*",
            description = "With --repo: the task is to make these failing tests pass without weakening them (no"
                    + " TEST: the ones failing now). Test ids as the runner names them, e.g."
                    + " tests/test_x.py::test_y.")
    List<String> fixTests;

    @Option(
            names = "--apply",
            description = "With --repo: apply the patch to your working tree instead of leaving a branch; refused"
                    + " when a file it touches has uncommitted changes.")
    boolean apply;

    @Option(
            names = "--allow-test-changes",
            description = "With --repo: the task may change or remove existing tests (refused otherwise).")
    boolean allowTestChanges;

    @Option(names = "--enable-review", description = "Run the REVIEW phase after CODE.")
    boolean enableReview;

    @Option(names = "--enable-audit", description = "Run the AUDIT phase (security) after CODE.")
    boolean enableAudit;

    @Option(
            names = {"-l", "--language"},
            paramLabel = "LANG",
            description = "python (default), javascript or java.")
    String language;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Hard limit on iterations (default 10).")
    Integer maxIterations;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "manual (ask before every phase), supervised (default: ask before unlisted dependencies"
                    + " and risky commands) or autonomous (ask nothing, deny what would need asking).")
    String mode;

    @Option(
            names = {"-p", "--project-type"},
            paramLabel = "TYPE",
            description = "web_app, data_pipeline, cli_tool or library (default); picks the planner's template and"
                    + " the allowed dependencies.")
    String projectType;

    @Option(
            names = "--model",
            paramLabel = "ROLE=NAME",
            description = "Model for a role (planner, coder, reviewer, auditor, tester, reflector, reprompter) or"
                    + " 'default'; repeatable.")
    Map<String, String> models = new LinkedHashMap<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "An OpenAI-compatible endpoint.")
    String baseUrl;

    @Option(names = "--json", description = "Print the run's events as JSON Lines on stdout, and nothing else there.")
    boolean json;

    @Option(
            names = {"-y", "--yes"},
            description = "Answer yes where the mode would ask.")
    boolean yes;

    public RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CliConfig config = CommandSupport.loadConfig(context, flags());
        if (issue != null) {
            if (task != null || taskFile != null || repo != null || demo || !tests.isEmpty() || fixTests != null) {
                throw CliException.usage("--issue takes the task and the repository from the issue; leave out"
                        + " --task, --task-file, --repo, --fix-tests, --tests and --demo.");
            }
            return dev.agentloop.cli.github.IssueAction.run(
                            context,
                            config,
                            issue,
                            new dev.agentloop.cli.github.IssueOptions(
                                    Optional.empty(),
                                    List.of(),
                                    Optional.ofNullable(modelScript).map(this::resolve),
                                    json,
                                    yes))
                    .code();
        }
        RunPlan plan = new RunPlan(context, json, yes);
        if (demo) {
            if (task != null || taskFile != null || modelScript != null || !tests.isEmpty()) {
                throw CliException.usage("--demo runs the shipped scenarios; leave out --task, --task-file, --tests"
                        + " and --model-script (or use --model-script for one scenario).");
            }
            return plan.demo(config, context.projectDir().resolve("examples")).code();
        }
        if (task != null && taskFile != null) {
            throw CliException.usage("Give the task either with --task or with --task-file, not both.");
        }
        Map<String, String> given = GivenTests.read(tests, this::resolve);
        RepositoryOptions.requireRepoFor(
                repo,
                Optional.ofNullable(base),
                apply,
                Optional.ofNullable(fixTests),
                Optional.ofNullable(testCommand));
        if (repo != null) {
            RepositoryOptions options = new RepositoryOptions(
                    repo,
                    Optional.ofNullable(base),
                    Optional.ofNullable(testCommand).or(() -> config.find(ConfigSchema.REPO_TEST_COMMAND)),
                    Optional.ofNullable(fixTests),
                    apply,
                    allowTestChanges);
            Optional<Path> script = Optional.ofNullable(modelScript).map(this::resolve);
            Optional<String> text = taskText(false);
            return plan.repository(config, options, options.taskText(text), language != null, script, given)
                    .code();
        }
        if (modelScript != null) {
            return plan.scenario(config, resolve(modelScript), taskText(false), given)
                    .code();
        }
        String text = taskText(true).orElseThrow();
        return plan.single(config, text, given).code();
    }

    private java.util.Optional<String> taskText(boolean required) {
        if (taskFile != null) {
            try {
                String text = java.nio.file.Files.readString(resolve(taskFile));
                if (text.isBlank()) {
                    throw CliException.usage("The task file " + taskFile + " is empty.");
                }
                return java.util.Optional.of(text);
            } catch (java.io.IOException e) {
                throw CliException.usage("Cannot read the task file " + taskFile + " (" + e.getMessage() + ").");
            }
        }
        if (task != null) {
            if (task.isBlank()) {
                throw CliException.usage("The task is empty: say what to build with --task \"...\".");
            }
            return java.util.Optional.of(task);
        }
        if (!required) {
            return java.util.Optional.empty();
        }
        if (context.prompter().isPresent() && !json) {
            java.util.Optional<String> asked = context.prompter()
                    .get()
                    .ask("Task (one line; use --task-file for long tasks): ")
                    .filter(t -> !t.isBlank());
            if (asked.isPresent()) {
                return asked;
            }
        }
        throw CliException.usage("Missing task: give --task \"...\" or --task-file FILE"
                + " (or try the offline demo: agent run --demo).");
    }

    private Path resolve(Path path) {
        if (path.isAbsolute() || java.nio.file.Files.exists(path)) {
            return path.toAbsolutePath();
        }
        return context.projectDir().resolve(path);
    }

    private Map<String, Flag> flags() {
        Map<String, Flag> flags = new LinkedHashMap<>();
        if (maxIterations != null) {
            flags.put(ConfigSchema.MAX_ITERATIONS, new Flag(maxIterations.toString(), "--max-iterations"));
        }
        if (language != null) {
            flags.put(ConfigSchema.LANGUAGE, new Flag(language, "--language"));
        }
        if (projectType != null) {
            flags.put(ConfigSchema.PROJECT_TYPE, new Flag(projectType.replace('-', '_'), "--project-type"));
        }
        if (mode != null) {
            flags.put(ConfigSchema.MODE, new Flag(mode, "--mode"));
        }
        if (baseUrl != null) {
            flags.put(ConfigSchema.BASE_URL, new Flag(baseUrl, "--base-url"));
        }
        if (enableReview) {
            flags.put(ConfigSchema.ENABLE_REVIEW, new Flag("true", "--enable-review"));
        }
        if (enableAudit) {
            flags.put(ConfigSchema.ENABLE_AUDIT, new Flag("true", "--enable-audit"));
        }
        models.forEach((role, name) -> flags.put(roleKey(role), new Flag(name, "--model " + role + "=" + name)));
        return flags;
    }

    private static String roleKey(String role) {
        String r = role.trim().toLowerCase(java.util.Locale.ROOT);
        if (r.equals("default")) {
            return ConfigSchema.DEFAULT_MODEL;
        }
        for (dev.agentloop.core.Role known : dev.agentloop.core.Role.values()) {
            if (known.id().equals(r)) {
                return ConfigSchema.roleKey(known);
            }
        }
        throw CliException.usage("--model " + role + "=...: unknown role '" + role + "'; allowed: default, planner,"
                + " coder, reviewer, auditor, tester, reflector, reprompter.");
    }
}
