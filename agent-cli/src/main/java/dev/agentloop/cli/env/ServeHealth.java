package dev.agentloop.cli.env;

import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.server.spi.HealthCheck;
import dev.agentloop.server.spi.HealthStatus;
import java.util.Map;
import java.util.Optional;

/** The health checks {@code agent serve} adds to the database's: the Docker engine and the model endpoint. */
final class ServeHealth {

    private ServeHealth() {}

    static HealthCheck docker(Map<String, String> env) {
        return check("docker", () -> HealthStatus.up(ServiceProbes.requireDocker(env)));
    }

    static HealthCheck processSandbox() {
        return check("sandbox", () -> HealthStatus.up("local processes (sandbox.kind: process; isolates less)"));
    }

    /** The endpoint, probed; or the scripted model, which is always up. */
    static HealthCheck model(Optional<String> script, String baseUrl, String apiKey) {
        if (script.isPresent()) {
            return check("model", () -> HealthStatus.up("scripted model " + script.get()));
        }
        return check("model", () -> {
            ServiceProbes.requireModelEndpoint(baseUrl, apiKey);
            return HealthStatus.up(baseUrl);
        });
    }

    private static HealthCheck check(String name, java.util.function.Supplier<HealthStatus> probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthStatus check() {
                try {
                    return probe.get();
                } catch (EnvironmentNotReadyException e) {
                    // the message names the service and the fix; never a secret
                    return HealthStatus.down(e.getMessage());
                } catch (RuntimeException e) {
                    return HealthStatus.down(e.getClass().getSimpleName());
                }
            }
        };
    }
}
