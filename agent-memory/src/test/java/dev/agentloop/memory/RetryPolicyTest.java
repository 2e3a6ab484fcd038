package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.memory.internal.Retrier;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 2.0);

    @Test
    void backoffGrowsUpToTheMaximum() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retriesConnectionFailuresThenSucceeds() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        new Retrier(policy, waits::add).run("write", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SQLException("connection refused", "08001");
            }
        });
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterMaxAttemptsKeepingEveryFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(policy, waits::add).run("write", () -> {
                    calls.incrementAndGet();
                    throw new SQLException("connection refused " + calls.get(), "08001");
                }))
                .isInstanceOf(SQLException.class)
                .hasMessage("connection refused 1")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3));
        assertThat(calls).hasValue(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void doesNotRetryAConstraintViolation() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(policy, waits::add).run("write", () -> {
                    calls.incrementAndGet();
                    throw new SQLException("duplicate key", "23505");
                }))
                .isInstanceOf(SQLException.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0.5))
                .hasMessageContaining("multiplier");
    }
}
