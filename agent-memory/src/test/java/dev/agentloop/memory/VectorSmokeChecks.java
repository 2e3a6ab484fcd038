package dev.agentloop.memory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The smoke query both foundation ITs run: a vector(3) table, an HNSW index, and a nearest-neighbour query. */
final class VectorSmokeChecks {

    /** What the query found: the nearest row to {@code [0.1,0.9,0.05]}, its cosine distance, and the plan used. */
    record Nearest(boolean found, int id, double distance, String plan) {}

    private VectorSmokeChecks() {}

    /** Creates a throw-away table of three unit vectors, finds the one nearest {@code [0.1,0.9,0.05]}, drops it. */
    static Nearest nearestRow(Connection connection) throws SQLException {
        String table = "smoke_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, embedding vector(3) NOT NULL)");
            try {
                st.execute("CREATE INDEX ON " + table + " USING hnsw (embedding vector_cosine_ops)");
                st.execute("INSERT INTO " + table + " VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0,0,1]')");
                // The planner would pick a sequential scan on three rows; force the index so it is exercised.
                st.execute("SET enable_seqscan = off");
                boolean found;
                int id = 0;
                double distance = Double.NaN;
                try (ResultSet rs = st.executeQuery("SELECT id, embedding <=> '[0.1,0.9,0.05]' AS d FROM " + table
                        + " ORDER BY embedding <=> '[0.1,0.9,0.05]' LIMIT 1")) {
                    found = rs.next();
                    if (found) {
                        id = rs.getInt("id");
                        distance = rs.getDouble("d");
                    }
                }
                try (ResultSet rs = st.executeQuery(
                        "EXPLAIN SELECT id FROM " + table + " ORDER BY embedding <=> '[0.1,0.9,0.05]' LIMIT 1")) {
                    StringBuilder plan = new StringBuilder();
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                    return new Nearest(found, id, distance, plan.toString());
                }
            } finally {
                st.execute("RESET enable_seqscan");
                st.execute("DROP TABLE " + table);
            }
        }
    }
}
