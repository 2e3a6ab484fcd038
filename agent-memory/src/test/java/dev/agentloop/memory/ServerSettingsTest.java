package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static ServerSettings tuned(long failures, long indexBytes, ServerSettings.IndexState state) {
        return new ServerSettings(6 * GIB, 18 * GIB, 60 * MIB, 3 * GIB, 1, failures, indexBytes, state, 1400 * MIB);
    }

    @Test
    void saysNothingAboutATunedServerOrASmallMemory() {
        assertThat(tuned(1_000_000, 1200 * MIB, ServerSettings.IndexState.READY).advice())
                .isEmpty();
        ServerSettings defaults = new ServerSettings(
                128 * MIB, 4 * GIB, 4 * MIB, 64 * MIB, 2, 5_000, 10 * MIB, ServerSettings.IndexState.READY, 7 * MIB);
        assertThat(defaults.advice()).isEmpty();
    }

    @Test
    void asksForAReindexWhenTheIndexIsMissingOrInvalid() {
        assertThat(tuned(200_000, 0, ServerSettings.IndexState.MISSING).advice())
                .singleElement()
                .satisfies(a -> assertThat(a).contains("missing", "200000 rows", "agent memory reindex"));
        assertThat(tuned(200_000, 300 * MIB, ServerSettings.IndexState.INVALID).advice())
                .singleElement()
                .satisfies(a -> assertThat(a).contains("invalid", "agent memory reindex"));
    }

    @Test
    void warnsWhenTheIndexOutgrowsTheCacheAndTheBuildMemoryIsFarBelowTheGraph() {
        ServerSettings defaults = new ServerSettings(
                128 * MIB,
                4 * GIB,
                4 * MIB,
                64 * MIB,
                2,
                1_000_000,
                1200 * MIB,
                ServerSettings.IndexState.READY,
                1400 * MIB);

        assertThat(defaults.advice())
                .hasSize(2)
                .anySatisfy(a ->
                        assertThat(a).startsWith("shared_buffers (128 MiB)").contains("1.2 GiB"))
                .anySatisfy(a -> assertThat(a)
                        .startsWith("maintenance_work_mem (64 MiB)")
                        .contains("1.4 GiB"));
    }

    @Test
    void warnsAboutAWorkMemTooSmallForTheFullTextSort() {
        ServerSettings s = new ServerSettings(
                6 * GIB,
                18 * GIB,
                1 * MIB,
                3 * GIB,
                1,
                1_000_000,
                1200 * MIB,
                ServerSettings.IndexState.READY,
                1400 * MIB);
        assertThat(s.advice()).singleElement().satisfies(a -> assertThat(a).startsWith("work_mem (1 MiB)"));
    }

    @Test
    void indexBuildSettingsRejectTooLittleMemoryAndWorkersOutOfRange() {
        assertThatThrownBy(() -> IndexBuildSettings.ofDefaults().withMemoryBytes(MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory must be at least 64MiB");
        assertThatThrownBy(() -> IndexBuildSettings.ofDefaults().withWorkers(65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers must be in 0..64, was 65");
    }
}
