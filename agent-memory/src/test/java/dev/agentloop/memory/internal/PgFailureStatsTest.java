package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgFailureStatsTest {

    @Test
    void aWordIsCommonAboveFivePercentOfTheRowsOrTenThousandRowsWhicheverIsFewer() {
        assertThat(PgFailureStats.threshold(100_000)).isEqualTo(0.05);
        assertThat(PgFailureStats.threshold(200_000)).isEqualTo(0.05);
        assertThat(PgFailureStats.threshold(1_000_000)).isCloseTo(0.01, within(1e-12));
        assertThat(PgFailureStats.threshold(0)).isEqualTo(0.05);
    }

    @Test
    void wordsAreLookedUpRarestFirstTheUnlistedOnesBeforeAnyListedInTheirOwnOrder() {
        Map<String, Double> shares = Map.of("typeerror", 0.004, "nonetype", 0.0015, "object", 0.009);

        assertThat(PgFailureStats.rarestFirst(
                        List.of("typeerror", "object", "subscriptable", "nonetype", "totl"), shares))
                .containsExactly("subscriptable", "totl", "nonetype", "typeerror", "object");
    }
}
