package dev.agentloop.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.memory.PgVectorFailureMemory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory: section reaches the real PgVectorFailureMemory the CLI opens: the spool file it uses and the text it
 * embeds (stored beside each failure) follow the config. Its own schema; the hashing embedding keeps it fast.
 */
class MemorySettingsIT {

    @TempDir
    Path temp;

    String schema;

    @BeforeEach
    void setUp() {
        Services.requireDatabase();
        schema = "cli_mem_it_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            Services.dropSchema(schema);
        }
    }

    @Test
    void theOpenedMemoryUsesTheConfiguredSpoolFileAndEmbeddedText() throws Exception {
        Path project = temp.resolve("project");
        Path home = temp.resolve("home");
        CliHarness.write(project.resolve("config/agent.yaml"), """
                models:
                  embedding: hashing-64
                memory:
                  spool-file: state/<schema>.jsonl
                  write-attempts: 1
                  embedded-text: output
                  hybrid: false
                """);
        Map<String, String> env = Services.env(Map.of("AGENT_DATABASE_SCHEMA", schema));
        CliConfig config = new ConfigLoader(project, home, env).load(Map.of());

        FailureMemory opened = new DefaultBackends(env, project, home).openMemory(config);
        try (PgVectorFailureMemory memory = (PgVectorFailureMemory) opened) {
            assertThat(memory.spoolFile()).isEqualTo(project.resolve("state/" + schema + ".jsonl"));

            UUID task = UUID.randomUUID();
            UUID failure = UUID.randomUUID();
            Instant now = Instant.parse("2025-01-01T10:00:00Z");
            memory.recordTask(new TaskRecord(task, "slugify", Language.PYTHON, ProjectType.LIBRARY, "", now));
            memory.recordFailure(new FailureRecord(
                    failure,
                    task,
                    1,
                    "AssertionError@test_slug",
                    "AssertionError",
                    "assert 'a-b' == 'a_b'",
                    "test_slug",
                    Language.PYTHON,
                    "",
                    "slugify",
                    "def slugify(s): ...",
                    "the raw test output",
                    now));
            assertThat(embeddedText(failure)).isEqualTo("the raw test output");
        }
    }

    private String embeddedText(UUID failure) throws Exception {
        try (Connection c = Services.connect();
                PreparedStatement st =
                        c.prepareStatement("SELECT embedded_text FROM " + schema + ".failures WHERE id = ?")) {
            st.setObject(1, failure);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("the failure was written").isTrue();
                return rs.getString(1);
            }
        }
    }
}
