package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FreePort;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real backends facing missing services: each ends with exit 3 and one sentence naming the fix, before anything
 * heavy is opened. A local listening socket stands in for a reachable database, so each test isolates one service.
 */
class EnvironmentErrorsTest {

    @TempDir
    Path temp;

    CliHarness cli;
    ServerSocket fakeDatabase;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliHarness(temp, null);
        fakeDatabase = new ServerSocket(0);
        cli.env.put("AGENT_DB_URL", "jdbc:postgresql://127.0.0.1:" + fakeDatabase.getLocalPort() + "/agent");
    }

    /** Runs with real backends seeing the environment as the test left it. */
    private CliHarness.Result run(String... args) {
        cli.backends = new DefaultBackends(cli.env, cli.projectDir);
        return cli.run(args);
    }

    @AfterEach
    void tearDown() throws IOException {
        fakeDatabase.close();
    }

    @Test
    void databaseDownExitsThreeNamingProvision() {
        cli.env.put("AGENT_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/agent");
        CliHarness.Result r = run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err())
                .contains("failure-memory database", "not reachable (connection refused)")
                .contains("scripts/provision", "docker compose up -d postgres")
                .doesNotContain("\tat ");
    }

    @Test
    void historyShowAndStatsWithTheDatabaseDownExitThreeNamingTheFix() {
        cli.env.put("AGENT_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/agent");
        for (String[] args : new String[][] {{"history"}, {"show", "3f2a9c1e"}, {"memory", "stats"}}) {
            CliHarness.Result r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(r.err())
                    .contains("not reachable (connection refused)", "scripts/provision")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void dockerDownExitsThree() {
        cli.env.put("DOCKER_HOST", "unix://" + temp.resolve("no-docker.sock"));
        CliHarness.Result r = run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("Docker engine at unix://", "not reachable", "scripts/provision");
    }

    @Test
    void modelEndpointRefusingExitsThree() {
        cli.env.put("AGENT_SANDBOX", "process");
        CliHarness.Result r = run("run", "--task", "x", "--base-url", "http://127.0.0.1:" + FreePort.closed() + "/v1");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("model endpoint http://127.0.0.1:", "not reachable", "--base-url", "--demo");
    }

    @Test
    void doctorNamesTheFixForEachMissingService() {
        cli.env.put("AGENT_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/agent");
        cli.env.put("DOCKER_HOST", "unix://" + temp.resolve("no-docker.sock"));
        CliHarness.Result r = run("doctor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out())
                .contains("FAIL  database reachable")
                .contains("fix: run scripts/provision (or: docker compose up -d postgres)")
                .contains("skip  failure memory (pgvector, schema): the database is not reachable")
                .contains("FAIL  Docker engine")
                .contains("skip  sandbox image agentloop/python");
    }
}
