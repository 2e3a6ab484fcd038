package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.spi.FailureMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real backends: PostgreSQL/pgvector memory, Docker sandbox, OpenAI-compatible or scripted model. */
public final class DefaultBackends implements Backends {

    private final Map<String, String> env;

    public DefaultBackends() {
        this(System.getenv());
    }

    public DefaultBackends(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public FailureMemory openMemory(CliConfig config) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        throw new CliException(ExitCode.INTERNAL, "The pgvector memory is not wired into this build yet.");
    }

    @Override
    public MemoryAdmin openMemoryAdmin(CliConfig config) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        throw new CliException(ExitCode.INTERNAL, "The pgvector memory is not wired into this build yet.");
    }

    @Override
    public RunHandle startRun(RunRequest request) {
        CliConfig config = request.config();
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        if (config.get(ConfigSchema.SANDBOX_KIND).equals("docker")) {
            ServiceProbes.requireDocker(env);
        }
        if (request.modelScript().isEmpty()) {
            ServiceProbes.requireModelEndpoint(
                    config.get(ConfigSchema.BASE_URL),
                    config.find(ConfigSchema.API_KEY).orElse(""));
        }
        throw new CliException(ExitCode.INTERNAL, "The agent loop is not wired into this build yet.");
    }

    @Override
    public List<DoctorCheck> doctorChecks(CliConfig config) {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(DoctorCheck.of("database reachable", () -> {
            try {
                ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
                return DoctorCheck.Result.ok(config.get(ConfigSchema.DB_URL));
            } catch (CliException e) {
                return DoctorCheck.Result.fail(
                        e.getMessage().replace(" Fix: " + ServiceProbes.DB_FIX, ""), ServiceProbes.DB_FIX);
            }
        }));
        checks.add(DoctorCheck.of("Docker engine", () -> {
            try {
                return DoctorCheck.Result.ok(ServiceProbes.requireDocker(env));
            } catch (CliException e) {
                return DoctorCheck.Result.fail(
                        e.getMessage().replace(" Fix: " + ServiceProbes.DOCKER_FIX, ""), ServiceProbes.DOCKER_FIX);
            }
        }));
        config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX)
                .forEach((language, image) -> checks.add(DoctorCheck.of("sandbox image " + image, () -> {
                    try {
                        return ServiceProbes.dockerImageExists(env, image)
                                ? DoctorCheck.Result.ok("present (" + language + ")")
                                : DoctorCheck.Result.fail(
                                        "missing (" + language + " tasks need it)", "scripts/provision");
                    } catch (java.io.IOException e) {
                        return new DoctorCheck.Result(DoctorCheck.Status.SKIPPED, "engine not reachable", "");
                    }
                })));
        return checks;
    }
}
