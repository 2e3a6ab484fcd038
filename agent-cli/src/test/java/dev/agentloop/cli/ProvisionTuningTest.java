package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL settings {@code scripts/provision} writes for a machine, from {@code pg_tuned_settings} in
 * scripts/lib/postgres.sh: proportional to the machine's memory and cores, within their bounds.
 */
class ProvisionTuningTest {

    private static String tuned(long memKib, int cpus) throws Exception {
        Path lib = Path.of("..").toAbsolutePath().normalize().resolve("scripts/lib/postgres.sh");
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source \"$0\" && pg_tuned_settings \"$1\" \"$2\"",
                        lib.toString(),
                        Long.toString(memKib),
                        Integer.toString(cpus))
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void sizesTheSettingsForATwoCoreMachineWith24GiB() throws Exception {
        assertThat(tuned(24_683_520, 2))
                .isEqualTo("shared_buffers = '6026MB'\n"
                        + "effective_cache_size = '18078MB'\n"
                        + "maintenance_work_mem = '3013MB'\n"
                        + "work_mem = '60MB'\n"
                        + "max_parallel_maintenance_workers = 1\n");
    }

    @Test
    void keepsEachSettingWithinItsBoundsOnSmallAndLargeMachines() throws Exception {
        assertThat(tuned(1_048_576, 1))
                .isEqualTo("shared_buffers = '256MB'\n"
                        + "effective_cache_size = '768MB'\n"
                        + "maintenance_work_mem = '128MB'\n"
                        + "work_mem = '4MB'\n"
                        + "max_parallel_maintenance_workers = 0\n");
        assertThat(tuned(268_435_456, 32))
                .isEqualTo("shared_buffers = '8192MB'\n"
                        + "effective_cache_size = '196608MB'\n"
                        + "maintenance_work_mem = '4096MB'\n"
                        + "work_mem = '64MB'\n"
                        + "max_parallel_maintenance_workers = 7\n");
    }
}
