package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real services: a wrong database password and a missing sandbox image end with exit 3, the root cause
 * first (as the libraries word it) and this command line's own fix after it.
 */
class MemoryAndImageErrorsIT {

    @TempDir
    Path temp;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        Services.require();
        cli = new CliHarness(temp, null);
    }

    private CliHarness.Result run(Map<String, String> env, String... args) {
        cli.env.clear();
        cli.env.putAll(Services.env(env));
        cli.backends = new DefaultBackends(cli.env, cli.projectDir);
        return cli.run(args);
    }

    @Test
    void aWrongDatabasePasswordNamesTheAuthenticationFirstAndTheVariablesToSet() {
        Map<String, String> env =
                Map.of("AGENT_DB_PASSWORD", "not-the-password", "AGENT_DATABASE_CONNECT_TIMEOUT", "2s");
        for (String[] args : new String[][] {{"history"}, {"memory", "stats"}}) {
            CliHarness.Result r = run(env, args);

            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(3);
            assertThat(r.err())
                    .startsWith("agent: Authentication failed at jdbc:postgresql://")
                    .contains("password authentication failed for user")
                    .contains("Fix: export AGENT_DB_USER and AGENT_DB_PASSWORD")
                    .doesNotContain("not-the-password")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingSandboxImageNamesTheImageFirstAndHowThisProjectBuildsIt() {
        cli.projectConfig("sandbox:\n  images:\n    python: agentloop/no-such-image\n");

        CliHarness.Result r = run(Map.of(), "run", "--task", "x");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .startsWith("agent: The sandbox image 'agentloop/no-such-image' is not present on the Docker engine")
                .contains("Fix: run scripts/provision (it builds the agentloop images), or set sandbox.images.python");
    }
}
