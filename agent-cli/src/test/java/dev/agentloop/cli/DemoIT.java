package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline demo end to end: the shipped scenarios with the scripted model, against the real PostgreSQL/pgvector
 * and Docker engine from scripts/provision. Each run of this test uses its own database schema.
 */
class DemoIT {

    @TempDir
    Path temp;

    CliHarness cli;
    String schema;

    @BeforeEach
    void setUp() {
        Services.require();
        schema = "cli_it_" + UUID.randomUUID().toString().substring(0, 8);
        cli = new CliHarness(temp, null);
        cli.env.putAll(Services.env(java.util.Map.of(
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

    private CliHarness.Result agent(String... args) {
        // the real project folder: its config/agent.yaml, config/prompts and examples/
        return runIn(Path.of("..").toAbsolutePath().normalize(), args);
    }

    private CliHarness.Result runIn(Path project, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliContext context = CliContext.of(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                new java.io.ByteArrayInputStream(new byte[0]),
                cli.env,
                project,
                cli.home,
                java.time.Clock.systemUTC(),
                new DefaultBackends(cli.env, project));
        int code = AgentCli.create(context).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    @Test
    void demoStoresFailuresAndFixesAndTheSecondScenarioRetrievesTheFirstOnesFix() throws Exception {
        CliHarness.Result demo = agent("run", "--demo");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("SCRIPTED MODEL", "scripted model (examples/01-python-slugify/model.json)");

        String second =
                demo.out().substring(demo.out().indexOf("=== 2/5"), demo.out().indexOf("=== 3/5"));
        assertThat(second)
                .containsPattern("memory hit: similarity 0\\.\\d\\d, task [0-9a-f]{8}, fix known:"
                        + " AssertionError: assert 'hello---world-' == 'hello-world'");
        assertThat(demo.out())
                .containsPattern("01-python-slugify\\s+solved\\s+\\(as scripted\\)")
                .containsPattern("03-javascript-chunk\\s+solved\\s+\\(as scripted\\)")
                .containsPattern("04-breaker-stuck\\s+stopped: same failure repeated\\s+\\(as scripted\\)")
                .containsPattern("05-java-clamp\\s+solved\\s+\\(as scripted\\)");

        try (Connection c = Services.connect()) {
            List<String> statuses = strings(c, "SELECT status FROM " + schema + ".tasks ORDER BY started_at");
            assertThat(statuses).hasSize(5);
            assertThat(count(c, "SELECT count(*) FROM " + schema + ".failures")).isGreaterThanOrEqualTo(8);
            assertThat(count(c, "SELECT count(*) FROM " + schema + ".fixes")).isEqualTo(4);
            assertThat(count(c, "SELECT count(*) FROM " + schema + ".failures WHERE embedding IS NOT NULL"))
                    .isEqualTo(count(c, "SELECT count(*) FROM " + schema + ".failures"));
            assertThat(count(c, "SELECT count(*) FROM " + schema + ".retrievals"))
                    .isGreaterThanOrEqualTo(1);
        }

        // Wide enough that the task column, cut to what the other columns leave, shows each task's name.
        cli.env.put("COLUMNS", "200");
        CliHarness.Result history = agent("history");
        assertThat(history.exitCode()).isZero();
        assertThat(history.out())
                .contains("Write a Python module user", "stopped: same failure repeated", "Write a Java class Clamp")
                .doesNotContain("running");
        String secondId = history.out()
                .lines()
                .filter(l -> l.contains("Python module user"))
                .findFirst()
                .orElseThrow()
                .substring(0, 8);
        CliHarness.Result show = agent("show", secondId);
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("failure stored", "past failure retrieved", "fix linked", "diff:");

        CliHarness.Result stuck = agent("run", "--model-script", "examples/04-breaker-stuck");
        assertThat(stuck.exitCode()).isEqualTo(1);
        assertThat(stuck.out()).contains("STOPPED");
        try (Connection c = Services.connect()) {
            for (String id : strings(c, "SELECT id::text FROM " + schema + ".tasks")) {
                assertThat(Services.containersLabelled("dev.agentloop.task", id.toLowerCase(Locale.ROOT)))
                        .as("containers left by task " + id)
                        .isEmpty();
            }
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
