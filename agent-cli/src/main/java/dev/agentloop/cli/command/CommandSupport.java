package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader;
import java.util.Map;

/** What the commands share: the exit-code table for help footers and loading the config. */
final class CommandSupport {

    /** The exit codes, in every command's help. */
    static final String EXIT_CODES = "Exit codes: 0 solved/ok, 1 stopped by the breaker, 2 usage or config error,%n"
            + "  3 environment not ready (database, Docker, model), 4 internal error (see logs/agent.log),"
            + " 130 cancelled.";

    private CommandSupport() {}

    /** Loads the effective config and prints its warnings on stderr. */
    static CliConfig loadConfig(CliContext context, Map<String, ConfigLoader.Flag> flags) {
        CliConfig config = new ConfigLoader(context.projectDir(), context.userHome(), context.env()).load(flags);
        config.warnings().forEach(w -> context.err().println("warning: " + w));
        // Logback reads the level when it first starts, which is after this (nothing logs before the config).
        System.setProperty(
                "agent.log.level",
                System.getProperty("agent.log.level", config.get(dev.agentloop.cli.config.ConfigSchema.LOG_LEVEL)));
        return config;
    }

    static CliConfig loadConfig(CliContext context) {
        return loadConfig(context, Map.of());
    }
}
