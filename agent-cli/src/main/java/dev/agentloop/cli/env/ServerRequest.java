package dev.agentloop.cli.env;

import dev.agentloop.cli.config.CliConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code agent serve} asks the backends for.
 *
 * @param config the effective config (models, limits, database, sandbox, server)
 * @param modelScript a scripted model's script that serves every task (a fresh copy per run); empty for the endpoint
 * @param workerName this process's worker name: its runs' workspaces go in a folder of that name
 * @param workers tasks run at once (sizes the database pool)
 * @param registry where the memory's retrieval and the sandbox's open latencies are recorded (the server's)
 */
public record ServerRequest(
        CliConfig config, Optional<Path> modelScript, String workerName, int workers, MeterRegistry registry) {

    public ServerRequest {
        Objects.requireNonNull(config, "config");
        modelScript = modelScript == null ? Optional.empty() : modelScript;
        Objects.requireNonNull(workerName, "workerName");
        Objects.requireNonNull(registry, "registry");
    }
}
