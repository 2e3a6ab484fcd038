package dev.agentloop.cli.config;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.ExitCode;

/**
 * The configuration is wrong (exit 2). The message names the file and line (or the variable or flag), the key, and
 * what values are allowed.
 */
public class ConfigException extends CliException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
