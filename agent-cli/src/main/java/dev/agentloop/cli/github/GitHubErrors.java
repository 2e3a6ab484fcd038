package dev.agentloop.cli.github;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.git.github.GitHubException;

/** GitHub's failures as the CLI's exit codes: bad input or setup 2, GitHub out of reach 3, a refusal 1. */
public final class GitHubErrors {

    private GitHubErrors() {}

    /** The same sentence with the exit code its kind calls for. */
    public static CliException toCli(GitHubException e) {
        ExitCode code = switch (e.failure()) {
            case INVALID, NO_TOKEN, NOT_ALLOWED, NOT_FOUND, UNAUTHORIZED -> ExitCode.USAGE;
            case UNREACHABLE, RATE_LIMITED -> ExitCode.ENVIRONMENT;
            case REFUSED -> ExitCode.STOPPED;
        };
        return new CliException(code, e.getMessage(), e);
    }
}
