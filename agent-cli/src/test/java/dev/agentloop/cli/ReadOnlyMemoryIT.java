package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * history, show and memory stats read the real PostgreSQL without migrating: a missing or older schema is refused
 * with exit 3 naming {@code agent memory migrate}, and nothing is created by looking. Its own schema per test.
 */
class ReadOnlyMemoryIT {

    @TempDir
    Path temp;

    CliHarness cli;
    String schema;

    @BeforeEach
    void setUp() {
        Services.require();
        schema = "cli_it_" + UUID.randomUUID().toString().substring(0, 8);
        cli = new CliHarness(temp, null);
        cli.env.putAll(Services.env(Map.of("AGENT_DATABASE_SCHEMA", schema)));
        cli.backends = new DefaultBackends(cli.env, cli.projectDir);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null && cli != null) {
            Services.dropSchema(schema);
        }
    }

    @Test
    void aMissingSchemaIsRefusedWithoutCreatingItAndMigrateCreatesIt() throws Exception {
        for (String[] args : new String[][] {{"history"}, {"show", "3f2a9c1e"}, {"memory", "stats"}}) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(3);
            assertThat(r.err())
                    .contains("has no tables in schema '" + schema + "' yet")
                    .contains("Fix: agent memory migrate");
        }
        assertThat(tables()).as("looking created nothing").isZero();

        CliHarness.Result migrate = cli.run("memory", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).containsPattern("is at schema version \\d+\\.");

        CliHarness.Result history = cli.run("history");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("No runs yet");
        CliHarness.Result stats = cli.run("memory", "stats");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.out()).containsPattern("tasks\\s+0").contains("embedding model   all-minilm-l6-v2 (384");
        CliHarness.Result show = cli.run("show", "3f2a9c1e");
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).contains("No run has the id '3f2a9c1e'");
    }

    @Test
    void aSchemaOlderThanThisVersionIsRefusedNamingBothVersions() throws Exception {
        assertThat(cli.run("memory", "migrate").exitCode()).isZero();
        try (Connection c = Services.connect();
                Statement st = c.createStatement()) {
            // as if the newest migration had not been applied
            st.executeUpdate("UPDATE " + schema + ".flyway_schema_history SET success = false WHERE installed_rank ="
                    + " (SELECT max(installed_rank) FROM " + schema + ".flyway_schema_history)");
        }

        CliHarness.Result r = cli.run("history");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err())
                .containsPattern(
                        "is at schema version \\d+, older than version \\d+ that this version of agentloop" + " reads")
                .contains("Fix: agent memory migrate");
    }

    private long tables() throws Exception {
        try (Connection c = Services.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
