package dev.agentloop.server.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentloop.core.testing.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The provisioned PostgreSQL of an IT, with a fresh schema per test. When it is missing the test fails under
 * {@code CI=true} (naming scripts/provision) and is skipped with the reason elsewhere.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String URL =
            System.getenv().getOrDefault("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
    public static final String USER = System.getenv().getOrDefault("AGENT_DB_USER", "agent");
    public static final String PASSWORD = System.getenv().getOrDefault("AGENT_DB_PASSWORD", "agent");

    private final String schema;
    private final HikariDataSource pool;

    private TestDatabase(String schema, int poolSize) {
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("test-" + schema);
        this.pool = new HikariDataSource(config);
    }

    /** A new empty schema on the provisioned server, dropped by {@link #close()}. */
    public static TestDatabase fresh(int poolSize) {
        require();
        return new TestDatabase(
                "server_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), poolSize);
    }

    /** Fails (CI) or skips (elsewhere) unless PostgreSQL answers. */
    public static void require() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.isValid(5);
        } catch (SQLException e) {
            RequiredService.missing("PostgreSQL at " + URL + " is not reachable (" + e.getMessage() + ")");
        }
    }

    public String schema() {
        return schema;
    }

    public HikariDataSource dataSource() {
        return pool;
    }

    /** Runs one statement on the schema's tables ({@code %s} stands for the schema). */
    public long queryLong(String sql) {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery(sql.replace("%s", schema))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #queryLong}, for a text (null when the one row's value is null). */
    public String queryText(String sql) {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery(sql.replace("%s", schema))) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.close();
        }
    }
}
