package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals asked in supervised mode reach the database and {@code agent show}: a scripted scenario whose code
 * imports a package outside the allow-list ({@code requests}), against the real PostgreSQL/pgvector and sandboxes.
 * Each test uses its own database schema.
 */
class ApprovalsIT {

    private static final Path NEEDS_APPROVAL =
            Path.of("src/test/resources/scenarios/needs-approval").toAbsolutePath();

    @TempDir
    Path temp;

    CliHarness cli;
    String schema;

    @BeforeEach
    void setUp() {
        Services.require();
        schema = "cli_it_" + UUID.randomUUID().toString().substring(0, 8);
        cli = new CliHarness(temp, null);
        cli.env.putAll(Services.env(Map.of(
                "AGENT_DATABASE_SCHEMA",
                schema,
                "AGENT_WORKSPACE",
                temp.resolve("ws").toString())));
    }

    @AfterEach
    void dropSchema() {
        if (schema != null && cli != null) {
            Services.dropSchema(schema);
        }
    }

    /** Runs a command in-process in the real project folder with the real backends. */
    private CliHarness.Result agent(String... args) {
        Path project = Path.of("..").toAbsolutePath().normalize();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.of(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]),
                cli.env,
                project,
                cli.home,
                Clock.systemUTC(),
                new DefaultBackends(cli.env, project));
        int code = AgentCli.create(context).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    @Test
    void aDependencyApprovedByYesInSupervisedModeIsStoredAndShownByAgentShow() throws Exception {
        CliHarness.Result run =
                agent("run", "--model-script", NEEDS_APPROVAL.toString(), "--mode", "supervised", "--yes");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("dependency 'requests' approved by --yes");
        String taskId;
        try (Connection c = Services.connect();
                PreparedStatement st = c.prepareStatement("SELECT task_id::text, kind, subject, approved, decided_by"
                        + " FROM " + schema + ".approvals");
                ResultSet rs = st.executeQuery()) {
            assertThat(rs.next()).as("an approval row").isTrue();
            taskId = rs.getString(1);
            assertThat(rs.getString(2)).isEqualTo("DEPENDENCY");
            assertThat(rs.getString(3)).isEqualTo("requests");
            assertThat(rs.getBoolean(4)).isTrue();
            assertThat(rs.getString(5)).isEqualTo("--yes");
            assertThat(rs.next()).as("one approval row").isFalse();
        }

        CliHarness.Result show = agent("show", taskId.substring(0, 8));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("approval dependency 'requests': approved by --yes");
    }

    @Test
    void inTheProcessSandboxTheIsolationWarningShowsOnceAndAnUnansweredDependencyIsDeniedAndStored() throws Exception {
        cli.env.put("AGENT_SANDBOX", "process");

        CliHarness.Result run = agent("run", "--model-script", NEEDS_APPROVAL.toString(), "--max-iterations", "2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out().split("WARNING \\(sandbox\\): The process sandbox runs generated code", -1))
                .as("the warning once per run")
                .hasSize(2);
        try (Connection c = Services.connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*), bool_or(approved) FROM " + schema + ".approvals WHERE subject = 'requests'");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
            assertThat(rs.getBoolean(2))
                    .as("nobody could answer, so it was denied")
                    .isFalse();
        }
        CliHarness.Result history = agent("history", "--status", "stopped");
        assertThat(history.out()).contains("stopped: iteration limit");
    }
}
