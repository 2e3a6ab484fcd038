package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent memory reindex} and {@code agent doctor}'s server-settings check against the real PostgreSQL, in a
 * schema of their own.
 */
class MemoryReindexIT {

    @TempDir
    Path temp;

    CliHarness cli;
    String schema;

    @BeforeEach
    void setUp() {
        Services.requireDatabase();
        schema = "cli_reindex_" + UUID.randomUUID().toString().substring(0, 8);
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
    void rebuildsBothVectorIndexesPrintingEachBuildsProgressUntilDone() {
        CliHarness.Result r = cli.run("memory", "reindex", "--memory", "128MiB", "--workers", "0");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("failures_embedding_hnsw: done").contains("patterns_embedding_hnsw: done");
        assertThat(r.out()).contains("Rebuilt failures_embedding_hnsw and patterns_embedding_hnsw.");
    }

    @Test
    void doctorReportsTheServerSettingsOfAMemoryThatNeedsNothing() {
        assertThat(cli.run("memory", "migrate").exitCode()).isZero();

        CliHarness.Result r = cli.run("doctor");

        assertThat(r.out())
                .containsPattern("ok +memory server settings: 0 failures, vector index ready, shared_buffers");
    }
}
