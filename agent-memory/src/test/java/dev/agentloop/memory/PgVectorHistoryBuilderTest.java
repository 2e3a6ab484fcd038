package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgVectorHistoryBuilderTest {

    @Test
    void aConnectTimeoutOutsideItsRangeIsRefusedWithTheRangeItChecks() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMinutes(6)}) {
            assertThatThrownBy(() -> PgVectorHistory.builder().connectTimeout(bad))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("connectTimeout must be between 1 ms and 5 min (the driver rounds it up to whole"
                            + " seconds), was " + bad);
        }
    }

    @Test
    void theEndsOfTheRangeAndTheSharedSubSecondSettingsAreAccepted() {
        assertThatCode(() -> PgVectorHistory.builder()
                        .connectTimeout(Duration.ofMillis(1))
                        .connectTimeout(Duration.ofMillis(250))
                        .connectTimeout(Duration.ofMinutes(5)))
                .doesNotThrowAnyException();
    }
}
