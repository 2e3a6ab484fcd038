package dev.agentloop.memory.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL's statistics of the failures table (ANALYZE, run by autovacuum) say that a search adapts to, read at
 * most once per {@link #REFRESH}: the table's size (the HNSW search breadth grows with it, {@link
 * PgIndexes#efSearch}), and the words and shapes of fixed lines so common that matching on them says little and costs a
 * scan of a large share of the rows: those in more than {@value #COMMON_FREQUENCY} of the rows, or in more than
 * {@value #COMMON_ROWS} rows. Leaving them out bounds the full-text and fixed-line parts of a search however large the
 * memory grows: each remaining word or shape brings at most {@value #COMMON_ROWS} rows to the index scan. Below
 * {@value #MIN_ROWS} rows nothing is dropped (a scan is cheap there, and the ranking stays independent of when
 * autovacuum ran).
 */
public final class PgFailureStats {

    /** Words and shapes in more than this share of rows are left out of the queries. */
    public static final double COMMON_FREQUENCY = 0.05;

    /** Words and shapes in more than this many rows are left out too (from 200,000 rows on, below 5%). */
    public static final long COMMON_ROWS = 10_000;

    /** Tables smaller than this keep every word. */
    public static final long MIN_ROWS = 5000;

    static final Duration REFRESH = Duration.ofMinutes(10);

    private final String schema;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(0, Set.of(), Map.of(), Set.of());
    private volatile Instant readAt = Instant.MIN;

    /** One read of the statistics: the common words, and the share of rows of every word the statistics list. */
    private record Snapshot(long rows, Set<String> words, Map<String, Double> wordShares, Set<String> patterns) {}

    public PgFailureStats(String schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /** The planner's estimate of the stored failures; 0 before the first ANALYZE. */
    public long rows(Connection c) throws SQLException {
        return read(c).rows();
    }

    /** The common words. */
    public Set<String> commonWords(Connection c) throws SQLException {
        return read(c).words();
    }

    /**
     * {@code words} rarest first, for a full-text search that looks them up one at a time: those the statistics do
     * not list (rarer than any they list) in their order, then the listed ones by their share of rows. Empty below
     * {@value #MIN_ROWS} rows, where the words are matched all at once.
     */
    public List<String> rarestFirst(Connection c, List<String> words) throws SQLException {
        Snapshot s = read(c);
        if (s.rows() < MIN_ROWS) {
            return List.of();
        }
        return rarestFirst(words, s.wordShares());
    }

    /** {@code words} by their share of rows in {@code shares}, those not in it first; ties keep their order. */
    static List<String> rarestFirst(List<String> words, Map<String, Double> shares) {
        List<String> out = new ArrayList<>(words);
        out.sort(Comparator.comparingDouble(w -> shares.getOrDefault(w, 0.0)));
        return out;
    }

    /** The common shapes of fixed lines. */
    public Set<String> commonPatterns(Connection c) throws SQLException {
        return read(c).patterns();
    }

    private Snapshot read(Connection c) throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(REFRESH) < 0) {
            return snapshot;
        }
        long rows = rows(c, schema);
        if (rows < MIN_ROWS) {
            snapshot = new Snapshot(rows, Set.of(), Map.of(), Set.of());
        } else {
            Map<String, Double> words = shares(c, "search_vector");
            snapshot = new Snapshot(
                    rows, above(words, threshold(rows)), words, above(shares(c, "fix_patterns"), threshold(rows)));
        }
        readAt = now;
        return snapshot;
    }

    /** The share of rows above which a word or shape is common, for a table of {@code rows}. */
    static double threshold(long rows) {
        return Math.min(COMMON_FREQUENCY, (double) COMMON_ROWS / Math.max(rows, 1));
    }

    private static long rows(Connection c, String schema) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'failures'")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Set<String> above(Map<String, Double> shares, double threshold) {
        Set<String> found = new HashSet<>();
        shares.forEach((element, share) -> {
            if (share > threshold) {
                found.add(element);
            }
        });
        return Set.copyOf(found);
    }

    /** The share of rows of each element ANALYZE found most common in {@code column} (word or shape). */
    private Map<String, Double> shares(Connection c, String column) throws SQLException {
        Map<String, Double> found = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT most_common_elems::text::text[], most_common_elem_freqs"
                + " FROM pg_stats WHERE schemaname = ? AND tablename = 'failures' AND attname = ?")) {
            st.setString(1, schema);
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    Array words = rs.getArray(1);
                    Array freqs = rs.getArray(2);
                    if (words != null && freqs != null) {
                        Object[] w = (Object[]) words.getArray();
                        Object f = freqs.getArray();
                        for (int i = 0; i < w.length; i++) {
                            double freq = f instanceof float[] fa ? fa[i] : ((Number) ((Object[]) f)[i]).doubleValue();
                            found.put((String) w[i], freq);
                        }
                    }
                }
            }
        }
        return Map.copyOf(found);
    }
}
