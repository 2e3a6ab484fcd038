package dev.agentloop.memory.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The words so common in stored failures that matching on them says little and costs a scan of most rows: those
 * PostgreSQL's statistics (ANALYZE, run by autovacuum) list in more than {@value #COMMON_FREQUENCY} of the rows.
 * Below {@value #MIN_ROWS} rows nothing is dropped (a scan is cheap there, and the ranking stays independent of when
 * autovacuum ran). Read at most once per {@link #REFRESH}.
 */
public final class PgLexemeStats {

    /** Words in more than this share of rows are left out of full-text queries. */
    public static final double COMMON_FREQUENCY = 0.05;

    /** Tables smaller than this keep every word. */
    public static final long MIN_ROWS = 5000;

    static final Duration REFRESH = Duration.ofMinutes(10);

    private final String schema;
    private final Clock clock;
    private volatile Set<String> common = Set.of();
    private volatile Instant readAt = Instant.MIN;

    public PgLexemeStats(String schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /** The common words, from a cached read of the statistics. */
    public Set<String> common(Connection c) throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(REFRESH) < 0) {
            return common;
        }
        Set<String> found = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT c.reltuples, s.most_common_elems::text::text[],"
                + " s.most_common_elem_freqs FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname"
                + " AND s.attname = 'search_vector' WHERE n.nspname = ? AND c.relname = 'failures'")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && rs.getDouble(1) >= MIN_ROWS) {
                    Array words = rs.getArray(2);
                    Array freqs = rs.getArray(3);
                    if (words != null && freqs != null) {
                        Object[] w = (Object[]) words.getArray();
                        Object f = freqs.getArray();
                        for (int i = 0; i < w.length; i++) {
                            double freq = f instanceof float[] fa ? fa[i] : ((Number) ((Object[]) f)[i]).doubleValue();
                            if (freq > COMMON_FREQUENCY) {
                                found.add((String) w[i]);
                            }
                        }
                    }
                }
            }
        }
        common = Set.copyOf(found);
        readAt = now;
        return common;
    }
}
