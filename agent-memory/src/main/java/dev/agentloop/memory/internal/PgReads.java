package dev.agentloop.memory.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.memory.RetrievalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The search side in PostgreSQL: candidates for similarity search, and patterns (history is {@link HistoryQueries}). */
public final class PgReads {

    /** At most this many rows matching the full-text query are ranked (a small memory's single OR query). */
    public static final int FULL_TEXT_SCAN_LIMIT = 2000;

    /**
     * At most this many rows are ranked when the words are scanned one at a time, rarest first (a large memory): each
     * row ranked is a heap page read, about 7 µs of a search at a million rows (docs/benchmarks.md).
     */
    public static final int WORD_SCAN_LIMIT = 1000;

    /** Each index brings up at least this many candidates per requested result, see {@link Ranker}. */
    static final int DUPLICATE_HEADROOM = 10;

    private final String s;

    public PgReads(String schema) {
        this.s = schema;
    }

    /**
     * The candidates of the indexes for one query: the nearest vectors (HNSW), the best full-text matches (GIN, when
     * hybrid), the failures whose fixed lines look like lines of the probe's code (GIN, when matching fixed lines),
     * and the nearest failures of the preferred repository (when the query has one). Each comes with its exact
     * similarity, full-text score, fix and usefulness.
     *
     * @param orQuery the probe's words as one full-text OR query (what the matches are ranked by)
     * @param scanOrder the words to look up one at a time, rarest first, until {@value #WORD_SCAN_LIMIT} rows match;
     *     empty for the single OR query (at most {@value #FULL_TEXT_SCAN_LIMIT} rows in the table's order)
     * @param efSearch the HNSW search breadth, {@link PgIndexes#efSearch}
     * @param iterativeScan whether a filtered search may go on through the graph until it has its candidates (pgvector
     *     0.8)
     */
    public List<Candidate> candidates(
            Connection c,
            FailureQuery q,
            float[] probe,
            String orQuery,
            List<String> scanOrder,
            Set<String> probePatterns,
            RetrievalSettings settings,
            int efSearch,
            boolean iterativeScan)
            throws SQLException {
        Sql.VectorParam vector = Sql.vectorParam(probe);
        // Headroom for the copies the ranker collapses (the same failure and fix from repeated runs), so that many
        // copies near the top still leave limit distinct results in the pool.
        int n = Math.max(settings.candidates(), q.limit() * DUPLICATE_HEADROOM);
        boolean lexical = settings.hybrid() && !orQuery.isEmpty();
        boolean patterns = settings.fixLineMatching() && !probePatterns.isEmpty();
        Sql.Builder b = new Sql.Builder();
        // The nearest n of the graph's answer and of the pending failures (written, not yet linked into the graph:
        // few, ranked exactly through their partial index; see PgGraphLinks).
        b.sql(
                "WITH vec AS (SELECT v.id FROM ((SELECT f.id, f.embedding <=> ?::halfvec AS d FROM " + s
                        + ".failures f WHERE f.embedding IS NOT NULL",
                vector);
        filters(b, q);
        b.sql(" ORDER BY f.embedding <=> ?::halfvec LIMIT ?)", vector, n);
        b.sql(
                " UNION ALL (SELECT f.id, f.pending_embedding <=> ?::halfvec AS d FROM " + s
                        + ".failures f WHERE f.pending_embedding IS NOT NULL",
                vector);
        filters(b, q);
        b.sql(" ORDER BY 2 LIMIT ?)) v ORDER BY v.d LIMIT ?)", n, n);
        if (lexical && !scanOrder.isEmpty()) {
            // A large memory: the rows sharing the probe's rarest words first, word by word, until WORD_SCAN_LIMIT
            // rows; a word shared by few failures says more than one shared by thousands, and the bitmap of a common
            // word is never built. The matches are ranked by the whole OR query (a row matching two words once).
            b.sql(
                    ", lex AS (SELECT m.id, max(ts_rank(m.search_vector, (SELECT to_tsquery('simple', ?)))) AS score"
                            + " FROM (SELECT x.id, x.search_vector FROM unnest(?::text[]) w(word), LATERAL"
                            + " (SELECT f.id, f.search_vector FROM " + s + ".failures f"
                            + " WHERE f.search_vector @@ to_tsquery('simple', w.word)",
                    orQuery,
                    Sql.textArray(c, scanOrder));
            filters(b, q);
            b.sql(") x LIMIT ?) m GROUP BY m.id ORDER BY score DESC LIMIT ?)", WORD_SCAN_LIMIT, n);
        } else {
            // The full-text candidates: the best-ranked among at most FULL_TEXT_SCAN_LIMIT matching rows, so a query
            // of common words costs a bounded scan however large the table grows. The query is parsed once, in a
            // scalar subquery: a bare to_tsquery(?) is evaluated again for every row it is checked or ranked against.
            b.sql(
                    ", lex AS (SELECT m.id, ts_rank(m.search_vector, (SELECT to_tsquery('simple', ?))) AS score FROM"
                            + " (SELECT f.id, f.search_vector FROM " + s + ".failures f WHERE ?"
                            + " AND f.search_vector @@ (SELECT to_tsquery('simple', ?))",
                    lexical ? orQuery : "x",
                    lexical,
                    lexical ? orQuery : "x");
            filters(b, q);
            b.sql(" LIMIT ?) m ORDER BY score DESC LIMIT ?)", FULL_TEXT_SCAN_LIMIT, n);
        }
        b.sql(
                ", pat AS (SELECT f.id FROM " + s + ".failures f WHERE ? AND f.fix_patterns && ?::text[]",
                patterns,
                Sql.textArray(c, probePatterns));
        filters(b, q);
        b.sql(" LIMIT ?)", n);
        // The nearest failures of the preferred repository, so that they are in the pool even when failures of other
        // projects crowd the nearest-vector list. One repository's rows are few (found through the index on the
        // name), so they are ranked exactly: "+ 0" keeps the planner off the HNSW index, whose filtered scan could
        // come back short.
        b.sql(
                ", rep AS (SELECT f.id FROM " + s + ".failures f WHERE ? AND f.repository_name = ?"
                        + " AND coalesce(f.embedding, f.pending_embedding) IS NOT NULL",
                q.preferredRepository().isPresent(),
                q.preferredRepository().orElse(""));
        filters(b, q);
        b.sql(" ORDER BY (coalesce(f.embedding, f.pending_embedding) <=> ?::halfvec) + 0 LIMIT ?)", vector, n);
        b.sql(
                ", ids AS (SELECT id FROM vec UNION SELECT id FROM lex UNION SELECT id FROM pat UNION SELECT id FROM rep)");
        b.sql(
                " SELECT " + HistoryQueries.FAILURE_COLUMNS
                        + ", greatest(0, least(1, 1 - (coalesce(f.embedding, f.pending_embedding) <=> ?::halfvec)))"
                        + " AS sim,"
                        + " coalesce(lex.score, 0) AS lex, f.fix_patterns, f.fix_kind, x.task_id AS fix_task, x.passed_iteration,"
                        + " x.diff, x.verified, x.recorded_at AS fix_at,"
                        + " (SELECT count(DISTINCT r.task_id) FROM " + s
                        + ".retrievals r WHERE r.failure_id = f.id) AS retrieved,"
                        + " (SELECT count(DISTINCT r.task_id) FROM " + s + ".retrievals r JOIN " + s + ".tasks t"
                        + " ON t.id = r.task_id WHERE r.failure_id = f.id AND t.status = 'SOLVED') AS solved"
                        + " FROM ids JOIN " + s + ".failures f ON f.id = ids.id LEFT JOIN lex ON lex.id = f.id"
                        + " LEFT JOIN " + s + ".fixes x ON x.failure_id = f.id",
                vector);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL hnsw.ef_search = " + efSearch);
                // Iterative scans keep filtered searches from coming back short (pgvector 0.8).
                if (iterativeScan
                        && (q.language().isPresent()
                                || q.project().isPresent()
                                || q.excludeTaskId().isPresent()
                                || q.verifiedFixesOnly())) {
                    st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                }
            }
            List<Candidate> out = new ArrayList<>();
            try (PreparedStatement st = b.prepare(c);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    FailureRecord f = HistoryQueries.failure(rs);
                    Optional<FixRecord> fix = rs.getObject("fix_task") == null
                            ? Optional.empty()
                            : Optional.of(new FixRecord(
                                    f.id(),
                                    rs.getObject("fix_task", UUID.class),
                                    rs.getInt("passed_iteration"),
                                    rs.getString("diff"),
                                    rs.getBoolean("verified"),
                                    Sql.instant(rs.getTimestamp("fix_at"))));
                    out.add(new Candidate(
                            f,
                            fix,
                            new FixStats(rs.getInt("retrieved"), rs.getInt("solved")),
                            rs.getDouble("sim"),
                            rs.getDouble("lex"),
                            Sql.strings(rs.getArray("fix_patterns")),
                            rs.getString("fix_kind")));
                }
            }
            c.commit();
            return out;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void filters(Sql.Builder b, FailureQuery q) {
        q.language().ifPresent(l -> b.sql(" AND f.language = ?", l.id()));
        q.project().ifPresent(p -> b.sql(" AND f.project = ?", p));
        q.excludeTaskId().ifPresent(t -> b.sql(" AND f.task_id <> ?", t));
        if (q.verifiedFixesOnly()) {
            b.sql(" AND EXISTS (SELECT 1 FROM " + s + ".fixes x WHERE x.failure_id = f.id AND x.verified)");
        }
    }

    /** Success patterns nearest to the task text's vector. */
    public List<PatternMatch> patterns(Connection c, float[] probe, int limit) throws SQLException {
        List<PatternMatch> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, task_id, task_text, language, project_type,"
                + " approach, iterations, recorded_at, greatest(0, least(1, 1 - (embedding <=> ?::halfvec))) AS sim"
                + " FROM " + s + ".patterns ORDER BY embedding <=> ?::halfvec LIMIT ?")) {
            Sql.VectorParam v = Sql.vectorParam(probe);
            Sql.setVector(st, 1, v);
            Sql.setVector(st, 2, v);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new PatternMatch(
                            new SuccessPattern(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("task_id", UUID.class),
                                    rs.getString("task_text"),
                                    Language.fromId(rs.getString("language")),
                                    ProjectType.fromId(rs.getString("project_type")),
                                    rs.getString("approach"),
                                    rs.getInt("iterations"),
                                    Sql.instant(rs.getTimestamp("recorded_at"))),
                            rs.getDouble("sim")));
                }
            }
        }
        return out;
    }
}
