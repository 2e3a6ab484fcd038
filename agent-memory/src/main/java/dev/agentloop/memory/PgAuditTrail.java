package dev.agentloop.memory;

import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.memory.internal.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail in the memory's PostgreSQL schema (table {@code audit}, created by the memory's migrations: open
 * the memory for writing once before recording). One short connection per call: audited actions are few.
 * {@link #recordFirst} holds a transaction-scoped advisory lock on the repository, action and target, so that two
 * processes never both take the same claim.
 */
public final class PgAuditTrail implements AuditTrail {

    private static final String COLUMNS = "at, actor, action, repository, target, result, detail, cost";

    private final String url;
    private final String user;
    private final String password;
    private final String table;

    /**
     * @param url the JDBC URL of the memory's database
     * @param user the database user
     * @param password the password, from the environment
     * @param schema the memory's schema (a lower-case identifier)
     */
    public PgAuditTrail(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = Sql.identifier(schema) + ".audit";
    }

    @Override
    public void record(AuditEntry e) {
        try (Connection c = connect()) {
            insert(c, e);
        } catch (SQLException ex) {
            throw cannotRecord(e, ex);
        }
    }

    /**
     * {@inheritDoc} Takes a PostgreSQL advisory lock on the repository, action and target for the transaction, so that
     * processes sharing the database take a claim once.
     */
    @Override
    public boolean recordFirst(AuditEntry e) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(
                            1, "audit:" + e.repository() + ":" + e.action().name() + ":" + e.target());
                    lock.execute();
                }
                boolean first = !done(c, e.repository(), e.action(), e.target());
                if (first) {
                    insert(c, e);
                }
                c.commit();
                return first;
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw cannotRecord(e, ex);
        }
    }

    @Override
    public List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM " + table
                + " WHERE (?::text IS NULL OR repository = ?) AND (?::timestamptz IS NULL OR at >= ?)"
                + " ORDER BY at DESC, id DESC LIMIT ?) newest ORDER BY at, id";
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, repository.orElse(null));
            st.setString(2, repository.orElse(null));
            Timestamp from = since.map(Timestamp::from).orElse(null);
            st.setTimestamp(3, from);
            st.setTimestamp(4, from);
            st.setInt(5, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            AuditAction.valueOf(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            AuditResult.valueOf(rs.getString(6)),
                            rs.getString(7),
                            rs.getDouble(8)));
                }
            }
            return entries;
        } catch (SQLException ex) {
            throw cannotRead(ex);
        }
    }

    @Override
    public boolean done(String repository, AuditAction action, String target) {
        try (Connection c = connect()) {
            return done(c, repository, action, target);
        } catch (SQLException ex) {
            throw cannotRead(ex);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double spent(Instant since) {
        try (Connection c = connect();
                PreparedStatement st =
                        c.prepareStatement("SELECT COALESCE(SUM(cost), 0) FROM " + table + " WHERE at >= ?")) {
            st.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException ex) {
            throw cannotRead(ex);
        }
    }

    private boolean done(Connection c, String repository, AuditAction action, String target) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT result FROM " + table
                + " WHERE repository = ? AND action = ? AND target = ? ORDER BY at DESC, id DESC LIMIT 1")) {
            st.setString(1, repository);
            st.setString(2, action.name());
            st.setString(3, target);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getString(1).equals(AuditResult.OK.name());
            }
        }
    }

    private void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setTimestamp(1, Timestamp.from(e.at()));
            st.setString(2, e.actor());
            st.setString(3, e.action().name());
            st.setString(4, e.repository());
            st.setString(5, e.target());
            st.setString(6, e.result().name());
            st.setString(7, e.detail());
            st.setDouble(8, e.cost());
            st.executeUpdate();
        }
    }

    private static MemoryException cannotRecord(AuditEntry e, SQLException ex) {
        return new MemoryException(
                "Cannot record the audit entry (" + e.action().id() + " " + e.target() + "): " + ex.getMessage(), ex);
    }

    private static MemoryException cannotRead(SQLException ex) {
        return new MemoryException("Cannot read the audit trail: " + ex.getMessage(), ex);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
