package dev.agentloop.cli;

import dev.agentloop.cli.command.RootCommand;
import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The command tree wired to one {@link CliContext}. Exceptions become exit codes only here: a {@link CliException}
 * prints its one sentence, anything else prints one sentence pointing at the log file where the trace is.
 */
public final class AgentCli {

    private final CliContext context;
    private final CommandLine commandLine;

    private AgentCli(CliContext context) {
        this.context = context;
        this.commandLine = new CommandLine(RootCommand.class, new ContextFactory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd));
        commandLine.setParameterExceptionHandler(AgentCli::usageError);
    }

    /** The command tree for a context. */
    public static AgentCli create(CliContext context) {
        return new AgentCli(Objects.requireNonNull(context, "context"));
    }

    /**
     * Runs one command line.
     *
     * @return the exit code (see {@link ExitCode})
     */
    public int execute(String... args) {
        int code = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** The picocli tree (for the REPL's completion and the completion script). */
    public CommandLine commandLine() {
        return commandLine;
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
