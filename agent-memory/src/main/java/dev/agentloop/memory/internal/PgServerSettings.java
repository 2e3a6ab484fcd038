package dev.agentloop.memory.internal;

import dev.agentloop.memory.ServerSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads {@link ServerSettings} from {@code pg_settings} and the catalog. */
public final class PgServerSettings {

    private PgServerSettings() {}

    public static ServerSettings read(Connection c, String schema, int dimension) throws SQLException {
        long failures = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'failures'")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    failures = rs.getLong(1);
                }
            }
        }
        long indexBytes = 0;
        ServerSettings.IndexState state = ServerSettings.IndexState.MISSING;
        try (PreparedStatement st = c.prepareStatement("SELECT pg_relation_size(i.indexrelid), i.indisvalid FROM"
                + " pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
            st.setString(1, schema);
            st.setString(2, PgIndexes.FAILURES);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    indexBytes = rs.getLong(1);
                    state = rs.getBoolean(2) ? ServerSettings.IndexState.READY : ServerSettings.IndexState.INVALID;
                }
            }
        }
        return new ServerSettings(
                PgIndexBuild.settingBytes(c, "shared_buffers"),
                PgIndexBuild.settingBytes(c, "effective_cache_size"),
                PgIndexBuild.settingBytes(c, "work_mem"),
                PgIndexBuild.settingBytes(c, "maintenance_work_mem"),
                (int) PgIndexBuild.settingBytes(c, "max_parallel_maintenance_workers"),
                failures,
                indexBytes,
                state,
                PgIndexes.buildBytes(failures, dimension));
    }
}
