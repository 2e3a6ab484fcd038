package dev.agentloop.cli;

import dev.agentloop.cli.approval.Prompter;
import dev.agentloop.cli.approval.StreamPrompter;
import dev.agentloop.cli.env.Backends;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.output.TerminalInfo;
import dev.agentloop.cli.progress.Cancellation;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command reads from or writes to the outside world, passed in rather than fetched from statics so
 * that every command runs in-process in tests with its own streams, environment, home folder and backends.
 *
 * @param out standard output (results, tables, JSON Lines)
 * @param err standard error (progress on a terminal, warnings, error sentences)
 * @param in standard input (answers to prompts, the REPL when not on a terminal)
 * @param env the environment variables
 * @param projectDir the folder holding {@code config/agent.yaml}, {@code examples/} and {@code logs/}
 * @param userHome the home folder holding {@code .agentloop/}
 * @param terminal whether stdin and stdout are a terminal, and its width
 * @param clock the clock for elapsed times in progress output
 * @param backends opens the failure memory, the sandbox and the model from the effective config
 * @param cancellation how Ctrl-C reaches a run: a shutdown hook for {@code agent run}, a signal handler in the REPL
 * @param prompter where approvals and questions are asked; empty when nobody can answer (pipes, CI)
 */
public record CliContext(
        PrintWriter out,
        PrintWriter err,
        InputStream in,
        Map<String, String> env,
        Path projectDir,
        Path userHome,
        TerminalInfo terminal,
        Clock clock,
        Backends backends,
        Cancellation cancellation,
        Optional<Prompter> prompter) {

    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        env = Map.copyOf(env);
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(prompter, "prompter");
    }

    /** The grace a cancelled run gets to clean up when the JVM is exiting on Ctrl-C. */
    public static final Duration CANCEL_GRACE = Duration.ofSeconds(20);

    /**
     * A context for tests and embedding: no terminal ({@code COLUMNS} wide when set, else 120), no prompter,
     * cancellation by shutdown hook.
     */
    public static CliContext of(
            PrintWriter out,
            PrintWriter err,
            InputStream in,
            Map<String, String> env,
            Path projectDir,
            Path userHome,
            Clock clock,
            Backends backends) {
        return new CliContext(
                out,
                err,
                in,
                env,
                projectDir,
                userHome,
                env.getOrDefault("COLUMNS", "").matches("\\d{2,4}")
                        ? TerminalInfo.plain(Integer.parseInt(env.get("COLUMNS")))
                        : TerminalInfo.plain(),
                clock,
                backends,
                Cancellation.shutdownHook(CANCEL_GRACE),
                Optional.empty());
    }

    /**
     * The real process: System streams, the real environment, the project folder from {@code AGENT_HOME} (set by
     * {@code bin/agent}) or the working directory.
     */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        String home = env.getOrDefault("AGENT_HOME", System.getProperty("agent.home", ""));
        Path projectDir =
                home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home).toAbsolutePath();
        Path userHome = Path.of(System.getProperty("user.home"));
        PrintWriter out = writer(System.out);
        TerminalInfo terminal = TerminalInfo.detect(env);
        Optional<Prompter> prompter =
                terminal.interactive() ? Optional.of(new StreamPrompter(System.in, out, () -> {})) : Optional.empty();
        return new CliContext(
                out,
                writer(System.err),
                System.in,
                env,
                projectDir,
                userHome,
                terminal,
                Clock.systemUTC(),
                new DefaultBackends(env, projectDir, userHome),
                Cancellation.shutdownHook(CANCEL_GRACE),
                prompter);
    }

    /** Same context with other backends (tests swap in fakes). */
    public CliContext withBackends(Backends value) {
        return new CliContext(out, err, in, env, projectDir, userHome, terminal, clock, value, cancellation, prompter);
    }

    /** Same context with another terminal description (tests; the REPL knows its terminal). */
    public CliContext withTerminal(TerminalInfo value) {
        return new CliContext(out, err, in, env, projectDir, userHome, value, clock, backends, cancellation, prompter);
    }

    /** The REPL's context: its terminal's writer, its signal-based cancellation, its line reader for questions. */
    public CliContext forRepl(PrintWriter writer, TerminalInfo value, Cancellation cancel, Optional<Prompter> asking) {
        return new CliContext(writer, writer, in, env, projectDir, userHome, value, clock, backends, cancel, asking);
    }

    /** The per-user folder {@code ~/.agentloop}. */
    public Path userDir() {
        return userHome.resolve(".agentloop");
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
