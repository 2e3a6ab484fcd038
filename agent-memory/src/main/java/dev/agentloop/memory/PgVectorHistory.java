package dev.agentloop.memory;

import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.internal.ConnectionFailures;
import dev.agentloop.memory.internal.HistoryQueries;
import dev.agentloop.memory.internal.SchemaVersions;
import dev.agentloop.memory.internal.Spool;
import dev.agentloop.memory.internal.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Read-only access to the failure memory in PostgreSQL: the task history, one task in detail, and the counts. For
 * tools that only look ({@code agent history}, {@code agent show}, {@code agent memory stats}), so that looking costs
 * one connect and a few queries: one plain connection in a read-only session, no pool, no migration and no
 * embedding model.
 *
 * <p>Because it never migrates, it checks on open that the schema is there at the newest version this library
 * ships (from Flyway's history table) and refuses otherwise with a {@link MemorySchemaException}; opening a {@link
 * PgVectorFailureMemory} applies the migrations. Not thread-safe: one connection for one caller.
 *
 * <pre>{@code
 * try (PgVectorHistory history = PgVectorHistory.builder()
 *         .jdbcUrl("jdbc:postgresql://localhost:5432/agent").user("agent").password(System.getenv("AGENT_DB_PASSWORD"))
 *         .build()) {
 *     List<TaskSummary> latest = history.history(HistoryQuery.latest(20));
 * }
 * }</pre>
 */
public final class PgVectorHistory implements AutoCloseable {

    private final Connection connection;
    private final String s;
    private final HistoryQueries queries;
    private final String schemaVersion;
    private final Optional<Spool> spool;

    private PgVectorHistory(Connection connection, String schema, String schemaVersion, Optional<Spool> spool) {
        this.connection = connection;
        this.s = schema;
        this.queries = new HistoryQueries(schema);
        this.schemaVersion = schemaVersion;
        this.spool = spool;
    }

    /** {@return a builder with the defaults documented on its setters} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the newest schema version this library ships, i.e} the one a read-only open requires.
     *
     * @throws IllegalStateException when the jar holds no migration (a broken build)
     */
    public static String requiredSchemaVersion() {
        return SchemaVersions.shipped();
    }

    /** {@return the schema version found on open (at least {@link #requiredSchemaVersion()})} */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * {@return a page of tasks, newest first}
     *
     * @param query the page wanted: size, offset, filters
     * @throws MemoryException when the database cannot be read
     */
    public List<TaskSummary> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            return queries.history(connection, query);
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the task history: " + e.getMessage(), e);
        }
    }

    /**
     * One task with its iterations, failures, fixes, retrievals and approvals.
     *
     * @param idOrPrefix a full task id or a unique prefix of at least 4 characters
     * @return the task; empty when no task has that id
     * @throws IllegalArgumentException when the prefix is shorter than 4 characters or matches several tasks (the
     *     message lists them)
     * @throws MemoryException when the database cannot be read
     */
    public Optional<TaskDetail> task(String idOrPrefix) {
        try {
            return queries.task(connection, idOrPrefix);
        } catch (SQLException e) {
            throw new MemoryException("Cannot read task " + idOrPrefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Row counts, the spool backlog, the schema version and the model the stored vectors were made with.
     *
     * @return the statistics
     * @throws MemoryException when the database or the spool file cannot be read
     */
    public MemoryStats stats() {
        try {
            long[] n = queries.counts(connection);
            Map<String, String> settings = settings();
            String dimension = settings.getOrDefault("embedding_dimension", "0");
            return new MemoryStats(
                    n[0],
                    n[1],
                    n[2],
                    n[3],
                    n[4],
                    n[5],
                    spool.map(Spool::backlog).orElse(0),
                    schemaVersion,
                    settings.getOrDefault("embedding_model", ""),
                    dimension.matches("\\d{1,6}") ? Integer.parseInt(dimension) : 0);
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the memory's counts: " + e.getMessage(), e);
        }
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written through this connection, so there is nothing to lose by ignoring it.
        }
    }

    // ---- rows --------------------------------------------------------------------------------------------------

    private Map<String, String> settings() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value FROM " + s + ".memory_settings")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Settings for {@link PgVectorHistory}; each setter rejects a bad value naming it. */
    public static final class Builder {

        /** Default schema: {@value}. */
        public static final String DEFAULT_SCHEMA = "public";
        /** Default time to wait for the connection. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

        private String jdbcUrl;
        private String user;
        private String password;
        private String schema = DEFAULT_SCHEMA;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Path spoolFile;

        private Builder() {}

        /**
         * The JDBC url, e.g. {@code jdbc:postgresql://localhost:5432/agent}; required.
         *
         * @param value the jdbc url
         * @return this builder
         */
        public Builder jdbcUrl(String value) {
            this.jdbcUrl = Sql.postgresJdbcUrl(value);
            return this;
        }

        /**
         * The database user; default none (the driver's default).
         *
         * @param value the user
         * @return this builder
         */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /**
         * The password, from the environment; never logged. Default none.
         *
         * @param value the password
         * @return this builder
         */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /**
         * The schema the tables live in; a lower-case identifier; default {@code public}.
         *
         * @param value the schema
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = Sql.identifier(value);
            return this;
        }

        /**
         * How long to wait for the connection; default 5 s.
         *
         * @param value 1 ms..5 min, the range the pooled memory's setting shares; the driver counts whole seconds,
         *     so it waits at least 1 s and rounds a fraction up
         * @return this builder
         * @throws IllegalArgumentException outside 1 ms..5 min, naming the value
         */
        public Builder connectTimeout(Duration value) {
            Objects.requireNonNull(value, "connectTimeout");
            if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("connectTimeout must be between 1 ms and 5 min (the driver rounds"
                        + " it up to whole seconds), was " + value);
            }
            this.connectTimeout = value;
            return this;
        }

        /**
         * The spool file whose backlog {@link PgVectorHistory#stats()} counts: the one the writing
         * {@link PgVectorFailureMemory} was given. Default none: the backlog counts as 0.
         *
         * @param value the spool file
         * @return this builder
         */
        public Builder spoolFile(Path value) {
            this.spoolFile = Objects.requireNonNull(value, "spoolFile");
            return this;
        }

        /**
         * Connects (read-only session) and checks the schema version.
         *
         * @return the history, open on one read-only connection
         * @throws IllegalStateException when no JDBC url is set
         * @throws MemorySchemaException when the schema is missing or older than {@link
         *     PgVectorHistory#requiredSchemaVersion()}
         * @throws MemoryException when the database cannot be reached or read
         */
        public PgVectorHistory build() {
            if (jdbcUrl == null) {
                throw new IllegalStateException("set a jdbcUrl");
            }
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(jdbcUrl);
            int seconds = (int) Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
            source.setConnectTimeout(seconds);
            source.setLoginTimeout(seconds);
            source.setApplicationName("agentloop (read-only)");
            // "always": the session itself is read-only, so even an autocommit statement cannot write.
            source.setReadOnly(true);
            source.setReadOnlyMode("always");
            Connection c;
            try {
                c = source.getConnection(user, password);
            } catch (SQLException e) {
                throw ConnectionFailures.rootCause(e, ConnectionFailures.where(jdbcUrl))
                        .map(MemoryException.class::cast)
                        .orElseGet(() -> new MemoryException(
                                "Cannot connect to the memory database at " + ConnectionFailures.where(jdbcUrl) + ": "
                                        + e.getMessage(),
                                e));
            }
            try {
                c.setReadOnly(true);
                String version = checkedVersion(c);
                return new PgVectorHistory(
                        c, schema, version, Optional.ofNullable(spoolFile).map(Spool::new));
            } catch (SQLException | RuntimeException e) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new MemoryException("Cannot read the memory's schema version: " + e.getMessage(), e);
            }
        }

        private String checkedVersion(Connection c) throws SQLException {
            String required = requiredSchemaVersion();
            boolean hasHistory;
            try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                st.setString(1, schema + ".flyway_schema_history");
                try (ResultSet rs = st.executeQuery()) {
                    hasHistory = rs.next() && rs.getBoolean(1);
                }
            }
            if (!hasHistory) {
                throw new MemorySchemaException(schema, null, required);
            }
            List<String> applied = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version FROM " + schema
                            + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            Optional<String> current = SchemaVersions.newest(applied.stream());
            if (current.isEmpty()) {
                throw new MemorySchemaException(schema, null, required);
            }
            if (SchemaVersions.ORDER.compare(current.get(), required) < 0) {
                throw new MemorySchemaException(schema, current.get(), required);
            }
            return current.get();
        }
    }
}
