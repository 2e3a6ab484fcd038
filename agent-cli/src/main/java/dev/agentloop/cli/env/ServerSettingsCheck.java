package dev.agentloop.cli.env;

import dev.agentloop.memory.ServerSettings;
import java.util.List;
import java.util.Locale;

/**
 * {@code agent doctor}'s verdict on the database server's settings for the memory it holds: a warning (a run works
 * either way, only slower) naming each setting far from what the memory needs, with the fix.
 */
final class ServerSettingsCheck {

    /** The fix when only settings are off. */
    static final String TUNE_FIX = "scripts/provision (sizes PostgreSQL for this machine), or set the values named";

    /** The fix when the vector index is missing or invalid. */
    static final String REINDEX_FIX = "agent memory reindex";

    private ServerSettingsCheck() {}

    static DoctorCheck.Result of(ServerSettings s) {
        List<String> advice = s.advice();
        String detail = s.failures() + " failures, vector index "
                + s.indexState().name().toLowerCase(Locale.ROOT) + ", shared_buffers "
                + ServerSettings.size(s.sharedBuffers()) + ", maintenance_work_mem "
                + ServerSettings.size(s.maintenanceWorkMem());
        if (advice.isEmpty()) {
            return DoctorCheck.Result.ok(detail);
        }
        return DoctorCheck.Result.warn(
                detail + "; " + String.join("; ", advice),
                s.indexState() == ServerSettings.IndexState.READY ? TUNE_FIX : REINDEX_FIX);
    }
}
