package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.memory.IndexBuildProgress;
import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.ReindexListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Rebuilds the memory's vector indexes while the memory stays usable: each is built anew under a temporary name
 * ({@code CREATE INDEX CONCURRENTLY}, so writes go on), with the session's {@code maintenance_work_mem} and parallel
 * workers raised for the build, then swapped in for the old one in one transaction. Progress comes from {@code
 * pg_stat_progress_create_index}, read on a second connection about once a second.
 */
public final class PgIndexBuild {

    /** How often progress is read. */
    static final long POLL_MILLIS = 1000;

    private final DataSource dataSource;
    private final String schema;
    private final int dimension;

    public PgIndexBuild(DataSource dataSource, String schema, int dimension) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.dimension = dimension;
    }

    /**
     * Rebuilds the failures' and the patterns' indexes.
     *
     * @return the indexes rebuilt
     * @throws MemoryException when a build fails (the half-built index is removed; the old one stays)
     */
    public List<String> run(IndexBuildSettings settings, ReindexListener listener) {
        for (String index : List.of(PgIndexes.FAILURES, PgIndexes.PATTERNS)) {
            rebuild(index, settings, listener);
        }
        return List.of(PgIndexes.FAILURES, PgIndexes.PATTERNS);
    }

    private void rebuild(String index, IndexBuildSettings settings, ReindexListener listener) {
        String fresh = index + "_new";
        ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "memory-reindex");
            t.setDaemon(true);
            return t;
        });
        try (Connection build = dataSource.getConnection();
                Connection watch = dataSource.getConnection()) {
            build.setAutoCommit(true);
            long rows = rows(build, PgIndexes.table(index));
            try (Statement st = build.createStatement()) {
                st.execute("SET maintenance_work_mem = '" + memoryKiB(build, settings, rows) + "kB'");
                if (settings.workers().isPresent()) {
                    st.execute("SET max_parallel_maintenance_workers = "
                            + settings.workers().getAsInt());
                }
                // A build that failed half-way leaves an invalid index behind: start from nothing.
                st.execute("DROP INDEX IF EXISTS " + schema + "." + fresh);
            }
            int pid = backendPid(build);
            Future<?> done = builder.submit(() -> {
                try (Statement st = build.createStatement()) {
                    st.execute(PgIndexes.create(schema, index, fresh, true));
                }
                return null;
            });
            while (true) {
                try {
                    done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    progress(watch, pid, index).ifPresent(listener::progress);
                }
            }
            swap(build, index, fresh);
            listener.progress(
                    new IndexBuildProgress(index, IndexBuildProgress.DONE, rows, rows, IndexBuildProgress.Unit.TUPLES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryException("Rebuilding " + index + " was interrupted; run agent memory reindex again", e);
        } catch (ExecutionException e) {
            dropQuietly(fresh);
            Throwable cause = e.getCause();
            throw new MemoryException("Cannot build " + index + ": " + cause.getMessage(), cause);
        } catch (SQLException e) {
            dropQuietly(fresh);
            throw new MemoryException("Cannot rebuild " + index + ": " + e.getMessage(), e);
        } finally {
            builder.shutdownNow();
        }
    }

    /** The session's memory for the build: the settings', or the graph's estimate within the server's bounds. */
    private long memoryKiB(Connection c, IndexBuildSettings settings, long rows) throws SQLException {
        if (settings.memoryBytes().isPresent()) {
            return settings.memoryBytes().getAsLong() / 1024;
        }
        long server = settingBytes(c, "maintenance_work_mem");
        long cacheHalf = settingBytes(c, "effective_cache_size") / 2;
        long need = PgIndexes.buildBytes(rows, dimension) + (64L << 20);
        return Math.max(server, Math.min(need, cacheHalf)) / 1024;
    }

    private void swap(Connection c, String index, String fresh) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX IF EXISTS " + schema + "." + index);
            st.execute("ALTER INDEX " + schema + "." + fresh + " RENAME TO " + index);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void dropQuietly(String fresh) {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP INDEX IF EXISTS " + schema + "." + fresh);
        } catch (SQLException ignored) {
            // The next reindex drops it first; the failure that brought us here is what is reported.
        }
    }

    private long rows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A setting in bytes ({@code pg_settings} gives it in units of {@code unit}, e.g. kB or 8kB). */
    static long settingBytes(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT setting::bigint * CASE unit WHEN 'B' THEN 1"
                + " WHEN 'kB' THEN 1024 WHEN '8kB' THEN 8192 WHEN 'MB' THEN 1048576 ELSE 1 END"
                + " FROM pg_settings WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static java.util.Optional<IndexBuildProgress> progress(Connection c, int pid, String index)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT phase, blocks_done, blocks_total, tuples_done,"
                + " tuples_total FROM pg_stat_progress_create_index WHERE pid = ?")) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                long tuplesTotal = rs.getLong("tuples_total");
                boolean byTuples = tuplesTotal > 0 || rs.getLong("blocks_total") == 0;
                return java.util.Optional.of(new IndexBuildProgress(
                        index,
                        rs.getString("phase"),
                        byTuples ? rs.getLong("tuples_done") : rs.getLong("blocks_done"),
                        byTuples ? tuplesTotal : rs.getLong("blocks_total"),
                        byTuples ? IndexBuildProgress.Unit.TUPLES : IndexBuildProgress.Unit.BLOCKS));
            }
        }
    }
}
