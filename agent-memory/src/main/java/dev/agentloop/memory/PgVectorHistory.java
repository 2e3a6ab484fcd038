package dev.agentloop.memory;

import dev.agentloop.core.Language;
import dev.agentloop.core.Phase;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.internal.SchemaVersions;
import dev.agentloop.memory.internal.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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

    private static final String FAILURE_COLUMNS = "f.id, f.task_id, f.iteration, f.signature, f.error_type,"
            + " f.message, f.failing_test, f.language, f.project, f.task_text, f.code_excerpt, f.output_excerpt,"
            + " f.recorded_at";

    private static final String SUMMARY_COLUMNS = "t.id, t.text, t.language, t.project_type, t.project, t.status,"
            + " t.reason, t.iterations, t.tokens, t.cost, t.duration_ms, t.started_at, t.finished_at,"
            + " (SELECT count(*) FROM %1$s.iterations i WHERE i.task_id = t.id) AS recorded_iterations,"
            + " (SELECT count(*) FROM %1$s.retrievals r WHERE r.task_id = t.id) AS memory_hits";

    private final Connection connection;
    private final String s;
    private final String schemaVersion;
    private final Path spoolFile;

    private PgVectorHistory(Connection connection, String schema, String schemaVersion, Path spoolFile) {
        this.connection = connection;
        this.s = schema;
        this.schemaVersion = schemaVersion;
        this.spoolFile = spoolFile;
    }

    /** A builder with the defaults documented on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The newest schema version this library ships, i.e. the one a read-only open requires.
     *
     * @throws IllegalStateException when the jar holds no migration (a broken build)
     */
    public static String requiredSchemaVersion() {
        return SchemaVersions.shipped();
    }

    /** The schema version found on open (at least {@link #requiredSchemaVersion()}). */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * A page of tasks, newest first.
     *
     * @throws MemoryException when the database cannot be read
     */
    public List<TaskSummary> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        Sql.Builder b = new Sql.Builder().sql("SELECT " + SUMMARY_COLUMNS.formatted(s) + " FROM " + s + ".tasks t");
        query.status().ifPresent(status -> b.sql(" WHERE t.status = ?", status.name()));
        b.sql(" ORDER BY t.started_at DESC, t.id LIMIT ? OFFSET ?", query.limit(), query.offset());
        List<TaskSummary> out = new ArrayList<>();
        try (PreparedStatement st = b.prepare(connection);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(summary(rs));
            }
            return out;
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
        String wanted = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (wanted.length() < 4) {
            throw new IllegalArgumentException(
                    "a task id prefix needs at least 4 characters, was '" + idOrPrefix + "'");
        }
        if (!wanted.matches("[0-9a-f-]+")) {
            return Optional.empty();
        }
        try {
            List<TaskSummary> found = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT " + SUMMARY_COLUMNS.formatted(s) + " FROM "
                    + s + ".tasks t WHERE t.id::text LIKE ? ORDER BY t.started_at DESC LIMIT 11")) {
                st.setString(1, wanted + "%");
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(summary(rs));
                    }
                }
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.size() > 1) {
                List<String> ids = found.stream()
                        .map(t -> t.task().id().toString())
                        .limit(10)
                        .toList();
                throw new IllegalArgumentException("'" + idOrPrefix + "' matches several tasks; give more of the id: "
                        + String.join(", ", ids) + (found.size() > 10 ? ", …" : ""));
            }
            TaskSummary summary = found.get(0);
            UUID id = summary.task().id();
            return Optional.of(
                    new TaskDetail(summary, iterations(id), failures(id), fixes(id), retrievals(id), approvals(id)));
        } catch (SQLException e) {
            throw new MemoryException("Cannot read task " + idOrPrefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Row counts, the spool backlog, the schema version and the model the stored vectors were made with.
     *
     * @throws MemoryException when the database or the spool file cannot be read
     */
    public MemoryStats stats() {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM " + s + ".tasks), (SELECT count(*) FROM "
                        + s + ".failures), (SELECT count(*) FROM " + s + ".fixes), (SELECT count(*) FROM " + s
                        + ".fixes WHERE verified), (SELECT count(*) FROM " + s + ".patterns), (SELECT count(*) FROM "
                        + s + ".retrievals)")) {
            rs.next();
            long[] n = new long[6];
            for (int i = 0; i < n.length; i++) {
                n[i] = rs.getLong(i + 1);
            }
            Map<String, String> settings = settings();
            String dimension = settings.getOrDefault("embedding_dimension", "0");
            return new MemoryStats(
                    n[0],
                    n[1],
                    n[2],
                    n[3],
                    n[4],
                    n[5],
                    spoolBacklog(),
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

    /** Complete lines in the spool file: the writes that wait for the database (one JSON line each). */
    private int spoolBacklog() {
        if (!Files.exists(spoolFile)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(spoolFile)) {
            int lines = 0;
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw new MemoryException("Cannot read the memory spool file " + spoolFile + ": " + e.getMessage(), e);
        }
    }

    private static TaskSummary summary(ResultSet rs) throws SQLException {
        TaskRecord task = new TaskRecord(
                rs.getObject("id", UUID.class),
                rs.getString("text"),
                Language.fromId(rs.getString("language")),
                ProjectType.fromId(rs.getString("project_type")),
                rs.getString("project"),
                instant(rs.getTimestamp("started_at")));
        TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
        Optional<TaskCompletion> completion = rs.getTimestamp("finished_at") == null
                ? Optional.empty()
                : Optional.of(new TaskCompletion(
                        task.id(),
                        status,
                        rs.getString("reason"),
                        rs.getInt("iterations"),
                        rs.getLong("tokens"),
                        rs.getDouble("cost"),
                        Duration.ofMillis(rs.getLong("duration_ms")),
                        instant(rs.getTimestamp("finished_at"))));
        return new TaskSummary(task, status, completion, rs.getInt("recorded_iterations"), rs.getInt("memory_hits"));
    }

    private List<IterationRecord> iterations(UUID task) throws SQLException {
        // The per-phase metrics are JSON objects keyed by phase; PostgreSQL unpacks them, so no JSON library loads.
        Map<Integer, Map<Phase, Duration>> durations = new HashMap<>();
        Map<Integer, Map<Phase, Long>> tokens = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT m.iteration, 'd', d.key, d.value FROM " + s
                + ".metrics m, jsonb_each_text(m.phase_durations) d WHERE m.task_id = ?"
                + " UNION ALL SELECT m.iteration, 't', t.key, t.value FROM " + s
                + ".metrics m, jsonb_each_text(m.phase_tokens) t WHERE m.task_id = ?")) {
            st.setObject(1, task);
            st.setObject(2, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Phase phase = Phase.valueOf(rs.getString(3));
                    long value = Long.parseLong(rs.getString(4));
                    if ("d".equals(rs.getString(2))) {
                        durations
                                .computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(Phase.class))
                                .put(phase, Duration.ofMillis(value));
                    } else {
                        tokens.computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(Phase.class))
                                .put(phase, value);
                    }
                }
            }
        }
        List<IterationRecord> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT number, outcome, tests_passed, tests_total," + " diff, summary, started_at, finished_at FROM "
                        + s + ".iterations WHERE task_id = ? ORDER BY number")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int number = rs.getInt("number");
                    out.add(new IterationRecord(
                            task,
                            number,
                            IterationOutcome.valueOf(rs.getString("outcome")),
                            durations.getOrDefault(number, Map.of()),
                            tokens.getOrDefault(number, Map.of()),
                            rs.getInt("tests_passed"),
                            rs.getInt("tests_total"),
                            rs.getString("diff"),
                            rs.getString("summary"),
                            instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("finished_at"))));
                }
            }
        }
        return out;
    }

    private List<FailureRecord> failures(UUID task) throws SQLException {
        List<FailureRecord> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT " + FAILURE_COLUMNS + " FROM " + s
                + ".failures f WHERE f.task_id = ? ORDER BY f.iteration, f.recorded_at")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FailureRecord(
                            rs.getObject("id", UUID.class),
                            rs.getObject("task_id", UUID.class),
                            rs.getInt("iteration"),
                            rs.getString("signature"),
                            rs.getString("error_type"),
                            rs.getString("message"),
                            rs.getString("failing_test"),
                            Language.fromId(rs.getString("language")),
                            rs.getString("project"),
                            rs.getString("task_text"),
                            rs.getString("code_excerpt"),
                            rs.getString("output_excerpt"),
                            instant(rs.getTimestamp("recorded_at"))));
                }
            }
        }
        return out;
    }

    private List<FixRecord> fixes(UUID task) throws SQLException {
        List<FixRecord> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT failure_id, passed_iteration, diff, verified,"
                + " recorded_at FROM " + s + ".fixes WHERE task_id = ? ORDER BY passed_iteration, recorded_at")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FixRecord(
                            rs.getObject("failure_id", UUID.class),
                            task,
                            rs.getInt("passed_iteration"),
                            rs.getString("diff"),
                            rs.getBoolean("verified"),
                            instant(rs.getTimestamp("recorded_at"))));
                }
            }
        }
        return out;
    }

    private List<RetrievalRecord> retrievals(UUID task) throws SQLException {
        Map<Integer, List<RetrievalRecord.Hit>> byIteration = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT iteration, failure_id, similarity FROM " + s
                + ".retrievals WHERE task_id = ? ORDER BY iteration, similarity DESC")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byIteration
                            .computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new RetrievalRecord.Hit(rs.getObject(2, UUID.class), rs.getDouble(3)));
                }
            }
        }
        List<RetrievalRecord> out = new ArrayList<>();
        byIteration.forEach((iteration, hits) -> out.add(new RetrievalRecord(task, iteration, hits)));
        return out;
    }

    private List<ApprovalRecord> approvals(UUID task) throws SQLException {
        List<ApprovalRecord> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT iteration, kind, subject, reason, approved,"
                + " decided_by, note, decided_at FROM " + s + ".approvals WHERE task_id = ? ORDER BY decided_at, id")) {
            st.setObject(1, task);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApprovalRecord(
                            new ApprovalRequest(
                                    task,
                                    ApprovalKind.valueOf(rs.getString("kind")),
                                    rs.getString("subject"),
                                    rs.getString("reason")),
                            new ApprovalDecision(
                                    rs.getBoolean("approved"), rs.getString("decided_by"), rs.getString("note")),
                            rs.getInt("iteration"),
                            instant(rs.getTimestamp("decided_at"))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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

        /** The JDBC url, e.g. {@code jdbc:postgresql://localhost:5432/agent}; required. */
        public Builder jdbcUrl(String value) {
            if (value == null || !value.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was '" + value + "'");
            }
            this.jdbcUrl = value;
            return this;
        }

        /** The database user; default none (the driver's default). */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /** The password, from the environment; never logged. Default none. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** The schema the tables live in; a lower-case identifier; default {@code public}. */
        public Builder schema(String value) {
            this.schema = Sql.identifier(value);
            return this;
        }

        /** How long to wait for the connection; 1 s..5 min (whole seconds, rounded up); default 5 s. */
        public Builder connectTimeout(Duration value) {
            Objects.requireNonNull(value, "connectTimeout");
            if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("connectTimeout must be in 1ms..5m, was " + value);
            }
            this.connectTimeout = value;
            return this;
        }

        /**
         * The spool file whose backlog {@link PgVectorHistory#stats()} counts; default {@code ~/.agentloop/spool/<schema>.jsonl},
         * the same default as {@link PgVectorFailureMemory}.
         */
        public Builder spoolFile(Path value) {
            this.spoolFile = Objects.requireNonNull(value, "spoolFile");
            return this;
        }

        /**
         * Connects (read-only session) and checks the schema version.
         *
         * @throws IllegalStateException when no JDBC url is set
         * @throws MemorySchemaException when the schema is missing or older than {@link PgVectorHistory#requiredSchemaVersion()}
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
                throw new MemoryException(
                        "Cannot connect to the memory database at " + jdbcUrl + ": " + e.getMessage(), e);
            }
            try {
                c.setReadOnly(true);
                String version = checkedVersion(c);
                Path spool = spoolFile != null
                        ? spoolFile
                        : Path.of(System.getProperty("user.home"), ".agentloop", "spool", schema + ".jsonl");
                return new PgVectorHistory(c, schema, version, spool);
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
