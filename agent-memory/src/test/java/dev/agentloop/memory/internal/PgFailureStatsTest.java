package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PgFailureStatsTest {

    @Test
    void aWordIsCommonAboveFivePercentOfTheRowsOrTenThousandRowsWhicheverIsFewer() {
        assertThat(PgFailureStats.threshold(100_000)).isEqualTo(0.05);
        assertThat(PgFailureStats.threshold(200_000)).isEqualTo(0.05);
        assertThat(PgFailureStats.threshold(1_000_000)).isCloseTo(0.01, within(1e-12));
        assertThat(PgFailureStats.threshold(0)).isEqualTo(0.05);
    }
}
