package dev.agentloop.cli.repl;

import dev.agentloop.cli.AgentCli;
import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.approval.Prompter;
import dev.agentloop.cli.command.RunPlan;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.output.TerminalInfo;
import dev.agentloop.cli.progress.Cancellation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * The interactive prompt ({@code agent} without a command), like psql's: type a task to run it, or any agent
 * command ({@code history}, {@code show ID}, ...), or a {@code :command}. History is kept in
 * {@code ~/.agentloop/history}. Ctrl-C during a run cancels the run and comes back to the prompt; Ctrl-C at the
 * prompt clears the line; Ctrl-D leaves.
 */
public final class Repl {

    /** The REPL's own commands, for {@code :help} and completion. */
    static final List<String> COMMANDS = List.of(":help", ":history", ":show", ":config", ":quit");

    static final String PROMPT = "agent> ";
    static final String CONTINUATION = "  ...> ";

    private final CliContext context;
    private final CommandLine commands;
    private final Optional<Terminal> givenTerminal;

    /** The REPL on the process's terminal. */
    public Repl(CliContext context, CommandLine commands) {
        this(context, commands, Optional.empty());
    }

    /** The REPL on a given terminal (tests drive it through a pseudo-terminal). */
    public Repl(CliContext context, CommandLine commands, Optional<Terminal> terminal) {
        this.context = context;
        this.commands = commands;
        this.givenTerminal = terminal;
    }

    /** Runs until Ctrl-D or {@code :quit}; returns the exit code (0). */
    public int run() {
        try (Terminal terminal = givenTerminal.isPresent() ? givenTerminal.get() : systemTerminal()) {
            return loop(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the terminal", e);
        }
    }

    private static Terminal systemTerminal() throws IOException {
        return TerminalBuilder.builder().system(true).name("agent").build();
    }

    private int loop(Terminal terminal) {
        Path historyFile = context.userDir().resolve("history");
        try {
            Files.createDirectories(historyFile.getParent());
        } catch (IOException e) {
            context.err().println("warning: cannot create " + historyFile.getParent() + "; history is not kept.");
        }
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("agent")
                .parser(new ReplParser())
                .completer(new ReplCompleter(commands))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.HISTORY_FILE_SIZE, 2000)
                .build();
        PrintWriter out = terminal.writer();
        RunCanceller canceller = new RunCanceller();
        terminal.handle(Terminal.Signal.INT, signal -> canceller.cancelCurrent(out));
        Prompter prompter = question -> {
            try {
                return Optional.of(reader.readLine(question).trim());
            } catch (UserInterruptException | EndOfFileException e) {
                return Optional.empty();
            }
        };
        boolean dumb =
                Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        TerminalInfo info = new TerminalInfo(!dumb, terminal::getWidth);
        CliContext repl = context.forRepl(out, info, canceller, Optional.of(prompter));
        out.println("agentloop REPL: type a task to run it, an agent command (history, show ID, doctor, ...), or"
                + " :help. Ctrl-C cancels a run, Ctrl-D leaves.");
        out.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: a fresh prompt, like a shell
            } catch (EndOfFileException e) {
                out.println();
                out.flush();
                break;
            }
            if (!dispatch(line, reader, repl, out)) {
                break;
            }
            // a run's signal handler may have been replaced by a nested prompt: put ours back
            terminal.handle(Terminal.Signal.INT, signal -> canceller.cancelCurrent(out));
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            context.err().println("warning: cannot save the history (" + e.getMessage() + ").");
        }
        return ExitCode.SOLVED.code();
    }

    /** Handles one entry; false to leave. */
    private boolean dispatch(String line, LineReader reader, CliContext repl, PrintWriter out) {
        String text = ReplParser.text(line);
        if (text.isEmpty()) {
            return true;
        }
        if (text.startsWith(":")) {
            return replCommand(text, repl, out);
        }
        List<String> words = words(reader, text);
        if (!words.isEmpty() && commands.getSubcommands().containsKey(words.get(0))) {
            execute(repl, out, words.toArray(String[]::new));
            return true;
        }
        runTask(text, repl, out);
        return true;
    }

    private boolean replCommand(String text, CliContext repl, PrintWriter out) {
        String[] parts = text.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].trim() : "";
        switch (parts[0]) {
            case ":help", ":h", ":?" -> help(out);
            case ":history" -> execute(repl, out, "history", "--limit", arg.matches("\\d{1,4}") ? arg : "20");
            case ":show" -> {
                if (arg.isEmpty()) {
                    out.println("Usage: :show ID (the id or its first characters, from :history)");
                } else {
                    execute(repl, out, "show", arg);
                }
            }
            case ":config" -> execute(repl, out, "config", "show");
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            default -> out.println("Unknown command " + parts[0] + "; :help lists them.");
        }
        out.flush();
        return true;
    }

    private void help(PrintWriter out) {
        out.println("Type a task and press Enter to run it. End a line with \\ to continue it; \"\"\" opens and"
                + " closes a multi-line block.");
        out.println("Any agent command works here too: run --demo, history, show ID, memory search \"...\", doctor.");
        out.println("  :help          this help");
        out.println("  :history [N]   the last N runs (default 20)");
        out.println("  :show ID       one run in detail");
        out.println("  :config        the effective configuration");
        out.println("  :quit          leave (or Ctrl-D)");
        out.println("Ctrl-C cancels the run in progress; at the prompt it clears the line.");
    }

    private void runTask(String text, CliContext repl, PrintWriter out) {
        int code;
        try {
            CliConfig config = new ConfigLoader(repl.projectDir(), repl.userHome(), repl.env()).load(Map.of());
            code = new RunPlan(repl, false, false).single(config, text).code();
        } catch (CliException e) {
            out.println("agent: " + e.getMessage());
            code = e.exitCode().code();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Repl.class).error("Run failed in the REPL", e);
            out.println("agent: internal error (" + e + "); the details are in logs/agent.log.");
            code = ExitCode.INTERNAL.code();
        }
        if (code != 0) {
            out.println("(exit " + code + ")");
        }
        out.flush();
    }

    private void execute(CliContext repl, PrintWriter out, String... args) {
        int code = AgentCli.create(repl).execute(args);
        if (code != 0) {
            out.println("(exit " + code + ")");
        }
        out.flush();
    }

    private static List<String> words(LineReader reader, String text) {
        try {
            return new ArrayList<>(
                    reader
                            .getParser()
                            .parse(text, text.length(), org.jline.reader.Parser.ParseContext.SPLIT_LINE)
                            .words()
                            .stream()
                            .filter(w -> !w.isEmpty())
                            .toList());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Ctrl-C during a run: cancel it; the run's summary then says "CANCELLED". */
    static final class RunCanceller implements Cancellation {

        private final AtomicReference<RunHandle> current = new AtomicReference<>();

        @Override
        public void register(RunHandle run) {
            current.set(run);
        }

        @Override
        public void unregister(RunHandle run) {
            current.compareAndSet(run, null);
        }

        void cancelCurrent(PrintWriter out) {
            RunHandle run = current.get();
            if (run != null) {
                out.println();
                out.println("Cancelling the run (removing its sandbox)...");
                out.flush();
                run.cancel();
            }
        }
    }
}
