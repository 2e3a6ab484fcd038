package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.ReembedListener;
import dev.agentloop.memory.RetrievalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Embeds every stored failure and pattern again with the configured model. When the dimension changes, the vector
 * columns are retyped and their HNSW indexes rebuilt after the rows are filled (faster than maintaining them).
 */
public final class PgReembed {

    private final DataSource dataSource;
    private final String s;
    private final MemoryEmbeddingModel model;
    private final RetrievalSettings settings;
    private final PgSchema schema;

    public PgReembed(
            DataSource dataSource,
            String schema,
            MemoryEmbeddingModel model,
            RetrievalSettings settings,
            PgSchema schemaManager) {
        this.dataSource = dataSource;
        this.s = schema;
        this.model = model;
        this.settings = settings;
        this.schema = schemaManager;
    }

    public int run(ReembedListener listener) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int stored =
                    schema.storedModel(c).map(PgSchema.StoredModel::dimension).orElse(model.dimension());
            boolean retype = stored != model.dimension();
            if (retype) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX IF EXISTS " + s + "." + PgIndexes.FAILURES);
                    st.execute("DROP INDEX IF EXISTS " + s + "." + PgIndexes.PATTERNS);
                    st.execute("ALTER TABLE " + s + ".failures ALTER COLUMN embedding TYPE " + PgIndexes.VECTOR_TYPE
                            + "(" + model.dimension() + ") USING NULL");
                    st.execute("ALTER TABLE " + s + ".failures ALTER COLUMN pending_embedding TYPE "
                            + PgIndexes.VECTOR_TYPE + "(" + model.dimension() + ") USING NULL");
                    st.execute("ALTER TABLE " + s + ".patterns ALTER COLUMN embedding TYPE " + PgIndexes.VECTOR_TYPE
                            + "(" + model.dimension() + ") USING NULL");
                }
            }
            List<UUID> failures = ids(c, "failures");
            List<UUID> patterns = ids(c, "patterns");
            int total = failures.size() + patterns.size();
            int done = 0;
            listener.progress(0, total);
            try (PreparedStatement read = c.prepareStatement(
                            "SELECT " + HistoryQueries.FAILURE_COLUMNS + " FROM " + s + ".failures f WHERE f.id = ?");
                    PreparedStatement update =
                            c.prepareStatement("UPDATE " + s + ".failures SET embedding = ?::halfvec,"
                                    + " pending_embedding = NULL, embedded_text = ? WHERE id = ?")) {
                for (UUID id : failures) {
                    read.setObject(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            FailureRecord f = HistoryQueries.failure(rs);
                            String text = settings.embeddedText().of(f);
                            update.setString(1, Sql.vector(model.embed(text)));
                            update.setString(2, text);
                            update.setObject(3, id);
                            update.executeUpdate();
                        }
                    }
                    listener.progress(++done, total);
                }
            }
            try (PreparedStatement read = c.prepareStatement("SELECT task_text FROM " + s + ".patterns WHERE id = ?");
                    PreparedStatement update =
                            c.prepareStatement("UPDATE " + s + ".patterns SET embedding = ?::halfvec WHERE id = ?")) {
                for (UUID id : patterns) {
                    read.setObject(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            update.setString(1, Sql.vector(model.embed(rs.getString(1))));
                            update.setObject(2, id);
                            update.executeUpdate();
                        }
                    }
                    listener.progress(++done, total);
                }
            }
            if (retype) {
                try (Statement st = c.createStatement()) {
                    st.execute(PgIndexes.create(s, PgIndexes.FAILURES, PgIndexes.FAILURES, false));
                    st.execute(PgIndexes.create(s, PgIndexes.PATTERNS, PgIndexes.PATTERNS, false));
                }
            }
            schema.recordModel(c, model);
            return total;
        }
    }

    private List<UUID> ids(Connection c, String table) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM " + s + "." + table + " ORDER BY recorded_at, id")) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }
}
