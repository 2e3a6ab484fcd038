package dev.agentloop.server.internal.store;

import dev.agentloop.server.ServerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs one statement on a pooled connection: parameters bound by type, SQL errors as {@link ServerException}. */
public final class Db {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final String schema;

    /**
     * @param schema the schema of the server's tables, already checked to be a plain identifier
     */
    public Db(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** A table's schema-qualified name. */
    public String table(String name) {
        return schema + "." + name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Rows changed. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs statements in one transaction. */
    public <T> T inTransaction(TransactionBody<T> body) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = body.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface TransactionBody<T> {
        T run(Connection c) throws SQLException;
    }

    /** Binds parameters: Instants as timestamptz, everything else as the driver maps it. */
    public static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                st.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (p instanceof java.util.UUID[] ids) {
                st.setArray(i + 1, st.getConnection().createArrayOf("uuid", ids));
            } else if (p instanceof String[] texts) {
                st.setArray(i + 1, st.getConnection().createArrayOf("text", texts));
            } else if (p instanceof Optional<?> o) {
                st.setObject(i + 1, o.orElse(null));
            } else {
                st.setObject(i + 1, p);
            }
        }
    }

    /** A timestamptz column as an Instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static ServerException failure(String sql, SQLException e) {
        String what = sql.strip().split("\\s+", 3).length > 1
                ? sql.strip().split("\\s+", 3)[0] + " " + sql.strip().split("\\s+", 3)[1]
                : sql;
        return new ServerException("The server's database failed (" + what + "): " + e.getMessage(), e);
    }
}
