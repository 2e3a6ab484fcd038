package dev.agentloop.memory;

import dev.agentloop.core.testing.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;

/**
 * The services memory tests need; a missing one fails the test under {@code CI=true} and skips it elsewhere, by
 * {@link RequiredService}'s one rule.
 */
final class TestServices {

    static final String PGVECTOR_IMAGE = envOr("AGENTLOOP_PGVECTOR_IMAGE", "agentloop/pgvector");

    private TestServices() {}

    /** Connection settings of the provisioned PostgreSQL server. */
    record Db(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** The provisioned server from {@code AGENT_DB_URL}/{@code AGENT_DB_USER}/{@code AGENT_DB_PASSWORD}, or skip/fail. */
    static Db provisionedDb() {
        Db db = new Db(
                envOr("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent"),
                envOr("AGENT_DB_USER", "agent"),
                envOr("AGENT_DB_PASSWORD", "agent"));
        try (Connection connection = db.connect()) {
            if (!connection.isValid(5)) {
                missing("PostgreSQL at " + db.url() + " does not answer");
            }
            return db;
        } catch (SQLException e) {
            missing("PostgreSQL at " + db.url() + " is not reachable (" + e.getMessage() + ")");
            return db; // not reached
        }
    }

    /** Skips or fails unless a Docker engine answers and the pgvector image is present locally. */
    static void requirePgvectorImage() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing("no Docker engine is reachable");
        }
        try {
            DockerClientFactory.instance()
                    .client()
                    .inspectImageCmd(PGVECTOR_IMAGE)
                    .exec();
        } catch (RuntimeException e) {
            missing("the image " + PGVECTOR_IMAGE + " is not present locally");
        }
    }

    static boolean ci() {
        return RequiredService.ci();
    }

    private static void missing(String what) {
        RequiredService.missing(what);
    }

    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
