package dev.agentloop.cli;

import dev.agentloop.cli.command.AuditCommand;
import dev.agentloop.cli.command.BatchCommand;
import dev.agentloop.cli.command.CompletionCommand;
import dev.agentloop.cli.command.ConfigCommand;
import dev.agentloop.cli.command.DoctorCommand;
import dev.agentloop.cli.command.HistoryCommand;
import dev.agentloop.cli.command.IssueCommand;
import dev.agentloop.cli.command.MemoryCommand;
import dev.agentloop.cli.command.RootCommand;
import dev.agentloop.cli.command.RunCommand;
import dev.agentloop.cli.command.ServeCommand;
import dev.agentloop.cli.command.ShowCommand;
import dev.agentloop.cli.command.WatchCommand;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;

/**
 * The command tree wired to one {@link CliContext}. Exceptions become exit codes only here: a {@link CliException}
 * prints its one sentence, anything else prints one sentence pointing at the log file where the trace is.
 */
public final class AgentCli {

    /** The subcommands, in the order {@code agent --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            IssueCommand.class,
            WatchCommand.class,
            AuditCommand.class,
            BatchCommand.class,
            ServeCommand.class,
            HistoryCommand.class,
            ShowCommand.class,
            MemoryCommand.class,
            DoctorCommand.class,
            ConfigCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** These describe the whole tree, so they always get all of it. */
    private static final Set<String> NEED_WHOLE_TREE = Set.of("help", "completion");

    private final CliContext context;
    private CommandLine whole;

    private AgentCli(CliContext context) {
        this.context = context;
    }

    /** The command tree for a context. */
    public static AgentCli create(CliContext context) {
        return new AgentCli(Objects.requireNonNull(context, "context"));
    }

    /**
     * Runs one command line. A line that starts with a subcommand's name gets a tree with only that subcommand:
     * building picocli's model of every command is a good part of the start-up time of a quick command.
     *
     * @return the exit code (see {@link ExitCode})
     */
    public int execute(String... args) {
        String first = args.length == 0 ? "" : args[0];
        Class<?> only = NEED_WHOLE_TREE.contains(first) ? null : subcommand(first);
        int code;
        if (only == null && !NEED_WHOLE_TREE.contains(first) && !first.isEmpty() && !first.startsWith("-")) {
            // The root takes no arguments: without this, "agent UNKNOWN --help" printed the root's help and exited 0.
            code = unknownCommand(first);
        } else {
            CommandLine tree = only == null ? commandLine() : build(List.of(only));
            code = tree.execute(args);
        }
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** The whole picocli tree (for the REPL's completion and the completion script). */
    public CommandLine commandLine() {
        if (whole == null) {
            whole = build(SUBCOMMANDS);
        }
        return whole;
    }

    private static Class<?> subcommand(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c.getAnnotation(CommandLine.Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private CommandLine build(List<Class<?>> subcommands) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine root = new CommandLine(RootCommand.class, factory);
        for (Class<?> c : subcommands) {
            root.addSubcommand(new CommandLine(c, factory));
        }
        root.setOut(context.out());
        root.setErr(context.err());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd));
        root.setParameterExceptionHandler(AgentCli::usageError);
        return root;
    }

    private int handle(Exception e, CommandLine cmd) {
        if (e instanceof CommandLine.ParameterException pe) {
            return usageError(pe, new String[0]);
        }
        CliException cli = asCliException(e);
        if (cli != null) {
            log().info("{} (exit {})", cli.getMessage(), cli.exitCode().code(), cli.getCause());
            cmd.getErr().println("agent: " + cli.getMessage());
            return cli.exitCode().code();
        }
        log().error("Internal error in '{}'", cmd.getCommandName(), e);
        cmd.getErr()
                .println("agent: internal error (" + describe(e) + "); the details are in logs/agent.log. "
                        + "Please report it with that file.");
        return ExitCode.INTERNAL.code();
    }

    private static CliException asCliException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CliException cli) {
                return cli;
            }
        }
        return null;
    }

    private int unknownCommand(String name) {
        List<String> names = SUBCOMMANDS.stream()
                .map(c -> c.getAnnotation(CommandLine.Command.class).name())
                .toList();
        context.err()
                .println("agent: unknown command '" + name + "'; the commands are " + String.join(", ", names) + ".");
        context.err().println("Try 'agent --help' for the commands and examples.");
        return ExitCode.USAGE.code();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        cmd.getErr().println("agent: " + message + (message.endsWith(".") ? "" : "."));
        String path = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println("Try '" + path + " --help' for the options and examples.");
        return ExitCode.USAGE.code();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    // Loaded on first use only: configuring Logback costs startup time that --help should not pay.
    private static org.slf4j.Logger log() {
        return org.slf4j.LoggerFactory.getLogger(AgentCli.class);
    }

    /** Creates commands with the context; everything else with picocli's default factory. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> constructor = cls.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
