package dev.agentloop.cli;

/**
 * The process exit codes of {@code agent}, in the spirit of git's: scripts can tell a stopped run from a broken
 * environment without parsing output.
 */
public enum ExitCode {
    /** The task was solved: its tests pass. Also the code of every command that did what it was asked. */
    SOLVED(0),
    /** The circuit breaker stopped the run before the tests passed. */
    STOPPED(1),
    /** Bad command line or bad configuration. */
    USAGE(2),
    /** The environment is not ready: the database, Docker or the model endpoint cannot be reached. */
    ENVIRONMENT(3),
    /** An internal error; the stack trace is in the log file. */
    INTERNAL(4),
    /** The run was cancelled (Ctrl-C). 128 + SIGINT, like a shell. */
    CANCELLED(130);

    /** The text of the exit-code table shown in {@code --help}. */
    public static final String HELP_TABLE = "Exit codes:%n"
            + "  0    solved (or the command succeeded)%n"
            + "  1    stopped by the circuit breaker%n"
            + "  2    usage or configuration error%n"
            + "  3    environment not ready (database, Docker, model endpoint)%n"
            + "  4    internal error (details in logs/agent.log)%n"
            + "  130  cancelled (Ctrl-C)";

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }
}
