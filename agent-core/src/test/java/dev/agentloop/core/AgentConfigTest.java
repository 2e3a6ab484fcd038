package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentConfigTest {

    private final CircuitBreakerConfig sameFailureTwice =
            CircuitBreakerConfig.builder().sameFailureLimit(2).build();

    @Test
    void anIterationLimitSurvivesABreakerSetAfterIt() {
        AgentConfig config =
                AgentConfig.builder().maxIterations(3).breaker(sameFailureTwice).build();

        assertThat(config.maxIterations()).isEqualTo(3);
        assertThat(config.breaker().sameFailureLimit()).isEqualTo(2);
    }

    @Test
    void anIterationLimitAppliesToABreakerSetBeforeIt() {
        AgentConfig config =
                AgentConfig.builder().breaker(sameFailureTwice).maxIterations(3).build();

        assertThat(config.maxIterations()).isEqualTo(3);
        assertThat(config.breaker().sameFailureLimit()).isEqualTo(2);
    }

    @Test
    void theWarningThresholdIsLoweredBelowASmallLimit() {
        AgentConfig config = AgentConfig.builder().maxIterations(1).build();

        assertThat(config.breaker().warnAtRemaining()).isZero();
    }

    @Test
    void aBadIterationLimitIsRefusedWhenGiven() {
        assertThatThrownBy(() -> AgentConfig.builder().maxIterations(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIterations must be in 1..10000, was 0");
    }

    @Test
    void toBuilderKeepsTheLimit() {
        AgentConfig config = AgentConfig.builder().maxIterations(4).build();

        assertThat(config.toBuilder().build().maxIterations()).isEqualTo(4);
    }
}
