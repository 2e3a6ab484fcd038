package dev.agentloop.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.memory.ServerSettings;
import dev.agentloop.memory.ServerSettings.IndexState;
import org.junit.jupiter.api.Test;

class ServerSettingsCheckTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void passesATunedServer() {
        DoctorCheck.Result r = ServerSettingsCheck.of(new ServerSettings(
                6 * GIB, 18 * GIB, 60 * MIB, 3 * GIB, 1, 1_000_000, 1200 * MIB, IndexState.READY, 1400 * MIB));

        assertThat(r.status()).isEqualTo(DoctorCheck.Status.OK);
        assertThat(r.detail())
                .isEqualTo(
                        "1000000 failures, vector index ready, shared_buffers 6.0 GiB, maintenance_work_mem 3.0 GiB");
    }

    @Test
    void warnsAboutAServerWithItsDefaultsUnderAMillionFailures() {
        DoctorCheck.Result r = ServerSettingsCheck.of(new ServerSettings(
                128 * MIB, 4 * GIB, 4 * MIB, 64 * MIB, 2, 1_000_000, 1200 * MIB, IndexState.READY, 1400 * MIB));

        assertThat(r.status()).isEqualTo(DoctorCheck.Status.WARN);
        assertThat(r.detail()).contains("shared_buffers (128 MiB) is smaller than", "maintenance_work_mem (64 MiB)");
        assertThat(r.fix()).isEqualTo(ServerSettingsCheck.TUNE_FIX);
    }

    @Test
    void asksForAReindexWhenTheIndexIsMissing() {
        DoctorCheck.Result r = ServerSettingsCheck.of(
                new ServerSettings(6 * GIB, 18 * GIB, 60 * MIB, 3 * GIB, 1, 200_000, 0, IndexState.MISSING, 280 * MIB));

        assertThat(r.status()).isEqualTo(DoctorCheck.Status.WARN);
        assertThat(r.detail()).contains("vector index missing", "scans all 200000 rows");
        assertThat(r.fix()).isEqualTo("agent memory reindex");
    }
}
