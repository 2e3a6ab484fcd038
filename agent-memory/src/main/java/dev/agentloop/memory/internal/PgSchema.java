package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.memory.MemoryEmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/** Creates and upgrades the schema (Flyway, migrations in this jar) and guards the embedding model it was built for. */
public final class PgSchema {

    /** The command that re-embeds the memory, named in the mismatch message. */
    public static final String REEMBED_COMMAND = "agent memory reembed";

    static final String MODEL_KEY = "embedding_model";
    static final String DIMENSION_KEY = "embedding_dimension";

    private final DataSource dataSource;
    private final String schema;

    public PgSchema(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The model and dimension the stored vectors were made with; empty before the first start. */
    public record StoredModel(String name, int dimension) {}

    /**
     * Makes sure pgvector is installed, applies the migrations (idempotent) and records or checks the model.
     *
     * @param acceptModelChange start even when the stored vectors come from another model (for re-embedding)
     * @return the stored model after the check
     * @throws MemoryException when the extension cannot be created, a migration fails, or the stored vectors come
     *     from another model (the message names both and the re-embed command)
     */
    public StoredModel migrate(MemoryEmbeddingModel model, boolean acceptModelChange) {
        String where = ConnectionFailures.where(dataSource);
        try (Connection c = dataSource.getConnection()) {
            if (extensionVersion(c).isEmpty()) {
                // asked first: the pool closes the connection on some of the failures below (0A000)
                String user = c.getMetaData().getUserName();
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE EXTENSION IF NOT EXISTS vector");
                } catch (SQLException e) {
                    throw ConnectionFailures.vectorExtension(e, where, user)
                            .map(MemoryException.class::cast)
                            .map(MemoryException.class::cast)
                            .orElseGet(() -> new MemoryException(
                                    "Creating the vector extension (pgvector) failed in " + where + ": "
                                            + e.getMessage(),
                                    e));
                }
            }
            String installed = extensionVersion(c).orElse("0");
            if (!PgVectorVersion.parse(installed).atLeast(PgVectorVersion.MINIMUM)) {
                throw new MemoryException("pgvector " + installed + " is installed in " + where
                        + " but the memory stores half-precision vectors, which need pgvector "
                        + PgVectorVersion.MINIMUM + " or newer: install a newer pgvector and run"
                        + " ALTER EXTENSION vector UPDATE.");
            }
        } catch (SQLException e) {
            throw ConnectionFailures.rootCause(e, where)
                    .map(MemoryException.class::cast)
                    .orElseGet(() -> new MemoryException(
                            "Cannot connect to the memory database at " + where + ": " + e.getMessage(), e));
        }
        try {
            Flyway.configure(PgSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .locations("classpath:dev/agentloop/memory/db")
                    .placeholders(Map.of("dimension", Integer.toString(model.dimension())))
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new MemoryException(
                    "Cannot apply the memory schema migrations to schema '" + schema + "': " + e.getMessage(), e);
        }
        try (Connection c = dataSource.getConnection()) {
            Optional<StoredModel> stored = storedModel(c);
            if (stored.isEmpty()) {
                recordModel(c, model);
                return new StoredModel(model.name(), model.dimension());
            }
            StoredModel s = stored.get();
            if (!acceptModelChange && (!s.name().equals(model.name()) || s.dimension() != model.dimension())) {
                throw new MemoryException(mismatch(s, model));
            }
            return s;
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the memory's settings: " + e.getMessage(), e);
        }
    }

    static String mismatch(StoredModel stored, MemoryEmbeddingModel configured) {
        return "The failure memory was embedded with '" + stored.name() + "' (" + stored.dimension()
                + " dimensions) but '" + configured.name() + "' (" + configured.dimension()
                + " dimensions) is configured; run `" + REEMBED_COMMAND + "` to re-embed it with '"
                + configured.name() + "', or configure '" + stored.name() + "' again.";
    }

    public Optional<StoredModel> storedModel(Connection c) throws SQLException {
        String name = null;
        int dimension = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT key, value FROM " + schema + ".memory_settings");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (MODEL_KEY.equals(rs.getString(1))) {
                    name = rs.getString(2);
                } else if (DIMENSION_KEY.equals(rs.getString(1))) {
                    dimension = Integer.parseInt(rs.getString(2));
                }
            }
        }
        return name == null ? Optional.empty() : Optional.of(new StoredModel(name, dimension));
    }

    public void recordModel(Connection c, MemoryEmbeddingModel model) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + schema + ".memory_settings (key, value)"
                + " VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
            st.setString(1, MODEL_KEY);
            st.setString(2, model.name());
            st.addBatch();
            st.setString(1, DIMENSION_KEY);
            st.setString(2, Integer.toString(model.dimension()));
            st.addBatch();
            st.executeBatch();
        }
    }

    /** The installed pgvector version, empty when it is not installed. */
    public static Optional<String> extensionVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** The applied migration version, empty when none. */
    public Optional<String> schemaVersion() {
        MigrationInfo current = Flyway.configure(PgSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:dev/agentloop/memory/db")
                .placeholders(Map.of("dimension", "1"))
                .loggers("slf4j")
                .load()
                .info()
                .current();
        return current == null
                ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }
}
