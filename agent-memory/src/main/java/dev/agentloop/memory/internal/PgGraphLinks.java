package dev.agentloop.memory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Links pending failures into the HNSW graph: moves their vector from {@code pending_embedding} to {@code embedding},
 * which PostgreSQL indexes as it writes the row's new version. A failure is written pending (migration V7), so that
 * the write does not wait for the graph's neighbour linking; searches rank pending rows exactly until they are linked.
 */
public final class PgGraphLinks {

    /**
     * Rows linked per transaction: small enough that a concurrent update of one of them (a fix recorded) waits a few
     * hundred milliseconds at most, large enough that the commits do not dominate.
     */
    public static final int BATCH = 32;

    private final String s;

    public PgGraphLinks(String schema) {
        this.s = schema;
    }

    /**
     * Links up to {@code max} pending failures, oldest first, in one transaction. Rows another process is linking
     * are skipped ({@code SKIP LOCKED}), so linkers of several processes sharing the memory never wait for each other
     * or link a row twice.
     *
     * @return how many were linked
     */
    public int linkBatch(Connection c, int max) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE " + s + ".failures f"
                + " SET embedding = f.pending_embedding, pending_embedding = NULL WHERE f.id IN (SELECT p.id FROM "
                + s + ".failures p WHERE p.pending_embedding IS NOT NULL ORDER BY p.recorded_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED)")) {
            st.setInt(1, max);
            return st.executeUpdate();
        }
    }

    /** {@return how many failures wait to be linked} */
    public long pending(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM " + s + ".failures WHERE pending_embedding IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
