package dev.agentloop.cli;

import java.util.Objects;

/**
 * A service the command needs is not there (exit 3). The message says what is missing; {@link #fix()} is the exact
 * command that makes it available.
 */
public class EnvironmentNotReadyException extends CliException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * @param problem what is wrong, one sentence without the fix
     * @param fix the command (or step) that fixes it, e.g. {@code scripts/provision}
     * @param cause the underlying error, logged but not shown; may be null
     */
    public EnvironmentNotReadyException(String problem, String fix, Throwable cause) {
        super(ExitCode.ENVIRONMENT, problem + " Fix: " + Objects.requireNonNull(fix, "fix"), cause);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
