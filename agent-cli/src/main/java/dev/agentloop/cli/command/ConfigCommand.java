package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigValue;
import dev.agentloop.cli.env.MemorySettings;
import dev.agentloop.cli.env.SandboxPolicies;
import dev.agentloop.cli.output.JsonWriter;
import dev.agentloop.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent config show|validate}. */
@Command(
        name = "config",
        header = "Shows or checks the effective configuration.",
        mixinStandardHelpOptions = true,
        description = "Shows or checks the effective configuration.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Validate.class},
        footerHeading = "%nExamples:%n",
        footer = {"  agent config show", "  agent config validate", "", CommandSupport.EXIT_CODES})
public final class ConfigCommand implements Callable<Integer> {

    private final CliContext context;

    public ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new Show(context).call();
    }

    /** {@code agent config show}. */
    @Command(
            name = "show",
            header = "Prints the effective values and where each came from.",
            mixinStandardHelpOptions = true,
            description = "Prints every effective value and where it came from (flag, environment variable, file and"
                    + " line, or built-in default). Secrets are masked.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent config show", "  AGENT_MAX_ITERATIONS=3 agent config show --json", ""})
    public static final class Show implements Callable<Integer> {

        private final CliContext context;

        @Option(names = "--json", description = "One JSON object per key.")
        boolean json;

        public Show(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliConfig config = CommandSupport.loadConfig(context);
            if (json) {
                for (ConfigValue v : config.values()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", v.key());
                    row.put("value", v.display());
                    row.put("source", v.origin().source());
                    row.put("origin", v.origin().where());
                    context.out().println(JsonWriter.write(row));
                }
                return 0;
            }
            context.out()
                    .println("Files read: " + (config.files().isEmpty() ? "none" : String.join(", ", config.files())));
            Table table = new Table(1, "KEY", "VALUE", "FROM");
            config.values()
                    .forEach(v -> table.row(v.key(), v.display(), v.origin().toString()));
            table.render(context.terminal().width()).forEach(context.out()::println);
            return 0;
        }
    }

    /** {@code agent config validate}. */
    @Command(
            name = "validate",
            header = "Checks the config files and AGENT_* variables.",
            mixinStandardHelpOptions = true,
            description = "Checks config/agent.yaml, ~/.agentloop/agent.yaml and the AGENT_* environment variables."
                    + " An error names the file, line and key and the allowed values (exit 2); unknown keys are"
                    + " warnings.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent config validate", ""})
    public static final class Validate implements Callable<Integer> {

        private final CliContext context;

        public Validate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliConfig config = CommandSupport.loadConfig(context);
            SandboxPolicies.check(config);
            MemorySettings.from(config, context.userHome(), context.projectDir());
            String files =
                    config.files().isEmpty() ? "no config file (built-in defaults)" : String.join(", ", config.files());
            int warnings = config.warnings().size();
            context.out()
                    .println("Config is valid: " + files
                            + (warnings == 0 ? "." : " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")."));
            return 0;
        }
    }
}
