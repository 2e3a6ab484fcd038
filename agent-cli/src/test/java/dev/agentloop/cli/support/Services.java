package dev.agentloop.cli.support;

import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.env.ServiceProbes;
import dev.agentloop.core.testing.RequiredService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The real PostgreSQL/pgvector and Docker engine of an IT. When one is missing the test fails under {@code CI=true}
 * and is skipped with the reason elsewhere, by {@link RequiredService}'s one rule.
 */
public final class Services {

    public static final String DB_URL =
            System.getenv().getOrDefault("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
    public static final String DB_USER = System.getenv().getOrDefault("AGENT_DB_USER", "agent");
    public static final String DB_PASSWORD = System.getenv().getOrDefault("AGENT_DB_PASSWORD", "agent");

    private Services() {}

    /** Fails (CI) or skips (elsewhere) unless PostgreSQL and Docker answer. */
    public static void require() {
        require(true);
    }

    /** Fails (CI) or skips (elsewhere) unless PostgreSQL answers; for tests that start no container. */
    public static void requireDatabase() {
        require(false);
    }

    private static void require(boolean docker) {
        try {
            ServiceProbes.requireDatabase(DB_URL);
            if (docker) {
                ServiceProbes.requireDocker(System.getenv());
            }
        } catch (EnvironmentNotReadyException e) {
            RequiredService.missing(e.getMessage() + " (this test needs PostgreSQL with pgvector"
                    + (docker ? " and Docker" : "") + ")");
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
    }

    public static void dropSchema(String schema) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of containers (running or not) carrying a label with a value starting with {@code prefix}. */
    public static List<String> containersLabelled(String label, String prefix) {
        try {
            Process p = new ProcessBuilder(
                            "docker",
                            "ps",
                            "-a",
                            "--filter",
                            "label=" + label,
                            "--format",
                            "{{.ID}} {{.Label \"" + label + "\"}}")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines()
                    .map(String::trim)
                    .filter(l ->
                            l.contains(" ") && l.substring(l.indexOf(' ') + 1).startsWith(prefix))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The environment an IT's CLI sees: the real one plus the given overrides. */
    public static Map<String, String> env(Map<String, String> overrides) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(overrides);
        return env;
    }
}
