package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.env.DoctorCheck;
import dev.agentloop.cli.env.MemorySettings;
import dev.agentloop.cli.env.SandboxPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code agent doctor}: is everything a run needs there, and how to fix what is not. */
@Command(
        name = "doctor",
        header = "Checks that everything a run needs is there, and says how to fix it.",
        mixinStandardHelpOptions = true,
        description = "Checks Java, the config, the database (reachable, pgvector extension, schema version), the"
                + " Docker engine and each sandbox image, and the model endpoint when one is configured. Prints the"
                + " exact command that fixes each failing check.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent doctor",
            "",
            "Exit codes: 0 everything is ready, 2 the config is broken, 3 something is not ready."
        })
public final class DoctorCommand implements Callable<Integer> {

    /** The oldest Java the library supports. */
    static final int MINIMUM_JAVA = 17;

    private final CliContext context;

    public DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<DoctorCheck.Result> results = new ArrayList<>();
        int javaVersion = Runtime.version().feature();
        results.add(report(
                "Java",
                javaVersion >= MINIMUM_JAVA
                        ? DoctorCheck.Result.ok("Java " + Runtime.version() + " at " + System.getProperty("java.home"))
                        : DoctorCheck.Result.fail(
                                "Java " + javaVersion + " is too old", "install JDK 17 or newer and set JAVA_HOME")));
        CliConfig config;
        try {
            config = CommandSupport.loadConfig(context);
            SandboxPolicies.check(config);
            MemorySettings.from(config, context.userHome(), context.projectDir());
            String files = config.files().isEmpty() ? "built-in defaults" : String.join(", ", config.files());
            report(
                    "config",
                    DoctorCheck.Result.ok(files
                            + (config.warnings().isEmpty()
                                    ? ""
                                    : ", " + config.warnings().size() + " warning(s)")));
        } catch (ConfigException e) {
            report(
                    "config",
                    DoctorCheck.Result.fail(e.getMessage(), "fix the file named above, then: agent config validate"));
            return ExitCode.USAGE.code();
        }
        for (DoctorCheck check : context.backends().doctorChecks(config)) {
            results.add(report(check.name(), check.run()));
        }
        long failed = results.stream()
                .filter(r -> r.status() == DoctorCheck.Status.FAIL)
                .count();
        context.out()
                .println(failed == 0 ? "Ready." : failed + " check(s) failed; run the fixes above, then agent doctor.");
        return failed == 0 ? 0 : ExitCode.ENVIRONMENT.code();
    }

    private DoctorCheck.Result report(String name, DoctorCheck.Result result) {
        String mark = switch (result.status()) {
            case OK -> "ok  ";
            case WARN -> "warn";
            case FAIL -> "FAIL";
            case SKIPPED -> "skip";
        };
        context.out().println(mark + "  " + name + (result.detail().isBlank() ? "" : ": " + result.detail()));
        if (!result.fix().isBlank()) {
            context.out().println("      fix: " + result.fix());
        }
        return result;
    }
}
