package dev.agentloop.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The circuit breaker's limits. Immutable; build with {@link #builder()} or take {@link #ofDefaults()}. The defaults
 * are the values of the {@code loop:} and {@code breaker:} sections of {@code config/agent.yaml}.
 *
 * <p>The breaker is checked before every model call and before every iteration, so a token or cost budget is never
 * exceeded by more than one call.
 */
public final class CircuitBreakerConfig {

    /** Hard stop: iterations a run may start. Default {@value}. */
    public static final int DEFAULT_MAX_ITERATIONS = 10;

    /** The model is told how many tries remain once this many (or fewer) are left. Default {@value}. */
    public static final int DEFAULT_WARN_AT_REMAINING = 2;

    /**
     * Consecutive failures with the same signature that stop the run; the escalation steps take the repeats before
     * it (with 4: a new hypothesis, then a re-plan or, when a person is there, asking them). Default {@value}.
     */
    public static final int DEFAULT_SAME_FAILURE_LIMIT = 4;

    /**
     * Whether a repeated signature escalates (new hypothesis, re-plan, ask the person) before the same-failure limit
     * stops the run. Default {@value}.
     */
    public static final boolean DEFAULT_ESCALATION = true;

    /** Fraction of a token, cost or time budget after which a warning is published. Default {@value}. */
    public static final double DEFAULT_WARN_FRACTION = 0.8;

    private final int maxIterations;
    private final int warnAtRemaining;
    private final int sameFailureLimit;
    private final boolean escalation;
    private final long tokenBudget;
    private final double costBudget;
    private final Duration deadline;
    private final double warnFraction;

    private CircuitBreakerConfig(Builder b) {
        this.maxIterations = b.maxIterations;
        this.warnAtRemaining = b.warnAtRemaining;
        this.sameFailureLimit = b.sameFailureLimit;
        this.escalation = b.escalation;
        this.tokenBudget = b.tokenBudget;
        this.costBudget = b.costBudget;
        this.deadline = b.deadline;
        this.warnFraction = b.warnFraction;
    }

    /** {@return the defaults: 10 iterations, warn at 2 remaining, 4 identical failures, escalation on, no budgets} */
    public static CircuitBreakerConfig ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this config's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxIterations = maxIterations;
        b.warnAtRemaining = warnAtRemaining;
        b.sameFailureLimit = sameFailureLimit;
        b.escalation = escalation;
        b.tokenBudget = tokenBudget;
        b.costBudget = costBudget;
        b.deadline = deadline;
        b.warnFraction = warnFraction;
        return b;
    }

    /** {@return the most iterations a run may start} Default {@link #DEFAULT_MAX_ITERATIONS}. */
    public int maxIterations() {
        return maxIterations;
    }

    /**
     * {@return how many iterations before the limit the model is warned that it is running out} Default {@link
     * #DEFAULT_WARN_AT_REMAINING}.
     */
    public int warnAtRemaining() {
        return warnAtRemaining;
    }

    /**
     * {@return how many consecutive failures with the same signature stop a run as stuck} Default {@link
     * #DEFAULT_SAME_FAILURE_LIMIT}.
     */
    public int sameFailureLimit() {
        return sameFailureLimit;
    }

    /**
     * {@return whether a repeated failure escalates the prompts (a fresh approach, then a stronger warning) before the
     * run is stopped as stuck} Default {@link #DEFAULT_ESCALATION}.
     */
    public boolean escalation() {
        return escalation;
    }

    /**
     * Total tokens (input and output) a run may use; empty for no limit (the default).
     *
     * @return the token budget, or empty
     */
    public Optional<Long> tokenBudget() {
        return tokenBudget == 0 ? Optional.empty() : Optional.of(tokenBudget);
    }

    /**
     * Total cost a run may incur, priced with {@link AgentConfig#prices()}; empty for no limit (the default).
     *
     * @return the cost budget, or empty
     */
    public Optional<Double> costBudget() {
        return costBudget == 0 ? Optional.empty() : Optional.of(costBudget);
    }

    /**
     * Wall-clock time a run may take; empty for no limit (the default).
     *
     * @return the deadline, or empty
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * {@return the fraction of a budget (tokens, cost, time) at which the model is warned} Default {@link
     * #DEFAULT_WARN_FRACTION}.
     */
    public double warnFraction() {
        return warnFraction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircuitBreakerConfig c
                && maxIterations == c.maxIterations
                && warnAtRemaining == c.warnAtRemaining
                && sameFailureLimit == c.sameFailureLimit
                && escalation == c.escalation
                && tokenBudget == c.tokenBudget
                && Double.compare(costBudget, c.costBudget) == 0
                && Objects.equals(deadline, c.deadline)
                && Double.compare(warnFraction, c.warnFraction) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maxIterations,
                warnAtRemaining,
                sameFailureLimit,
                escalation,
                tokenBudget,
                costBudget,
                deadline,
                warnFraction);
    }

    @Override
    public String toString() {
        return "CircuitBreakerConfig[maxIterations=" + maxIterations + ", warnAtRemaining=" + warnAtRemaining
                + ", sameFailureLimit=" + sameFailureLimit + ", escalation=" + escalation + ", tokenBudget="
                + (tokenBudget == 0 ? "none" : tokenBudget) + ", costBudget=" + (costBudget == 0 ? "none" : costBudget)
                + ", deadline=" + (deadline == null ? "none" : deadline) + ", warnFraction=" + warnFraction + "]";
    }

    /** Builds a {@link CircuitBreakerConfig}; every setter rejects a bad value naming it. */
    public static final class Builder {
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private int warnAtRemaining = DEFAULT_WARN_AT_REMAINING;
        private int sameFailureLimit = DEFAULT_SAME_FAILURE_LIMIT;
        private boolean escalation = DEFAULT_ESCALATION;
        private long tokenBudget;
        private double costBudget;
        private Duration deadline;
        private double warnFraction = DEFAULT_WARN_FRACTION;

        private Builder() {}

        /**
         * @param n the max iterations
         * @return this builder
         * @throws IllegalArgumentException unless {@code 1 <= n <= 10000}
         */
        public Builder maxIterations(int n) {
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("maxIterations must be in 1..10000, was " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /**
         * @param n the warn at remaining
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder warnAtRemaining(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("warnAtRemaining must be >= 0, was " + n);
            }
            this.warnAtRemaining = n;
            return this;
        }

        /**
         * @param n the same failure limit
         * @return this builder
         * @throws IllegalArgumentException unless {@code n >= 2} (one failure cannot repeat)
         */
        public Builder sameFailureLimit(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("sameFailureLimit must be >= 2, was " + n);
            }
            this.sameFailureLimit = n;
            return this;
        }

        /**
         * Whether a repeated failure escalates the prompts before the run is stopped as stuck. Default {@link
         * #DEFAULT_ESCALATION}.
         *
         * @param enabled true to escalate
         * @return this builder
         */
        public Builder escalation(boolean enabled) {
            this.escalation = enabled;
            return this;
        }

        /**
         * @param tokens total tokens, {@code > 0}; or 0 for no limit
         * @return this builder
         */
        public Builder tokenBudget(long tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("tokenBudget must be > 0 (or 0 for none), was " + tokens);
            }
            this.tokenBudget = tokens;
            return this;
        }

        /**
         * @param cost total cost, {@code > 0}; or 0 for no limit
         * @return this builder
         */
        public Builder costBudget(double cost) {
            if (!(cost >= 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("costBudget must be a finite number >= 0, was " + cost);
            }
            this.costBudget = cost;
            return this;
        }

        /**
         * @param limit positive wall-clock time, or {@code null} for no limit
         * @return this builder
         */
        public Builder deadline(Duration limit) {
            if (limit != null && (limit.isNegative() || limit.isZero())) {
                throw new IllegalArgumentException("deadline must be positive, was " + limit);
            }
            this.deadline = limit;
            return this;
        }

        /**
         * @param f the warn fraction
         * @return this builder
         * @throws IllegalArgumentException unless {@code 0 < f <= 1}
         */
        public Builder warnFraction(double f) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("warnFraction must be in (0, 1], was " + f);
            }
            this.warnFraction = f;
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException when the warning threshold is not below the iteration limit
         */
        public CircuitBreakerConfig build() {
            if (warnAtRemaining >= maxIterations) {
                throw new IllegalArgumentException("warnAtRemaining (" + warnAtRemaining
                        + ") must be below maxIterations (" + maxIterations + ")");
            }
            return new CircuitBreakerConfig(this);
        }
    }
}
