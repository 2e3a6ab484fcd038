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
 */
public final class PgAuditTrail implements AuditTrail {

    private final String url;
    private final String user;
    private final String password;
    private final String table;

    /**
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
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("INSERT INTO " + table
                        + " (at, actor, action, repository, target, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setTimestamp(1, Timestamp.from(e.at()));
            st.setString(2, e.actor());
            st.setString(3, e.action().name());
            st.setString(4, e.repository());
            st.setString(5, e.target());
            st.setString(6, e.result().name());
            st.setString(7, e.detail());
            st.executeUpdate();
        } catch (SQLException ex) {
            throw new MemoryException(
                    "Cannot record the audit entry (" + e.action().id() + " " + e.target() + "): " + ex.getMessage(),
                    ex);
        }
    }

    @Override
    public List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit) {
        String sql = "SELECT at, actor, action, repository, target, result, detail FROM (SELECT * FROM " + table
                + " WHERE (?::text IS NULL OR repository = ?) AND (?::timestamptz IS NULL OR at >= ?) ORDER BY at DESC, id DESC"
                + " LIMIT ?) newest ORDER BY at, id";
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
                            rs.getString(7)));
                }
            }
            return entries;
        } catch (SQLException ex) {
            throw new MemoryException("Cannot read the audit trail: " + ex.getMessage(), ex);
        }
    }

    @Override
    public boolean done(String repository, AuditAction action, String target) {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + table
                        + " WHERE repository = ? AND action = ? AND target = ? AND result = 'OK' LIMIT 1")) {
            st.setString(1, repository);
            st.setString(2, action.name());
            st.setString(3, target);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new MemoryException("Cannot read the audit trail: " + ex.getMessage(), ex);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
