package dev.agentloop.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that tunes a run. Immutable; build with {@link #builder()} or take {@link #ofDefaults()}. Each default
 * is the value in {@code config/agent.yaml} ({@code loop:}, {@code breaker:}, {@code hygiene:}, {@code models:}).
 */
public final class AgentConfig {

    /** Test run limit handed to the sandbox: {@code loop.test-timeout}, default 2 minutes. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(2);

    /** Completion tokens asked for per model call: {@code models.max-output-tokens}, default {@value}. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

    /** Past failures handed to the Reflector: {@code loop.retrieval-limit}, default {@value}. */
    public static final int DEFAULT_RETRIEVAL_LIMIT = 3;

    /** Past failures below this similarity are not handed over: {@code loop.min-similarity}, default {@value}. */
    public static final double DEFAULT_MIN_SIMILARITY = 0.5;

    private final CircuitBreakerConfig breaker;
    private final HygieneConfig hygiene;
    private final boolean reviewEnabled;
    private final boolean auditEnabled;
    private final boolean phaseApproval;
    private final Map<String, ModelPrice> prices;
    private final Path promptFolder;
    private final Duration testTimeout;
    private final int maxOutputTokens;
    private final int retrievalLimit;
    private final double minSimilarity;
    private final ActionConfig actions;

    private AgentConfig(Builder b, CircuitBreakerConfig breaker) {
        this.breaker = breaker;
        this.hygiene = b.hygiene;
        this.reviewEnabled = b.reviewEnabled;
        this.auditEnabled = b.auditEnabled;
        this.phaseApproval = b.phaseApproval;
        this.prices = Map.copyOf(b.prices);
        this.promptFolder = b.promptFolder;
        this.testTimeout = b.testTimeout;
        this.maxOutputTokens = b.maxOutputTokens;
        this.retrievalLimit = b.retrievalLimit;
        this.minSimilarity = b.minSimilarity;
        this.actions = b.actions;
    }

    /** {@return all defaults: 10 iterations, review and audit off, no budgets, the built-in prompts} */
    public static AgentConfig ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this config's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.breaker = breaker;
        b.hygiene = hygiene;
        b.reviewEnabled = reviewEnabled;
        b.auditEnabled = auditEnabled;
        b.phaseApproval = phaseApproval;
        b.prices.putAll(prices);
        b.promptFolder = promptFolder;
        b.testTimeout = testTimeout;
        b.maxOutputTokens = maxOutputTokens;
        b.retrievalLimit = retrievalLimit;
        b.minSimilarity = minSimilarity;
        b.actions = actions;
        return b;
    }

    /** {@return the circuit breaker's settings} */
    public CircuitBreakerConfig breaker() {
        return breaker;
    }

    /** {@return how models act before they answer in repository mode} */
    public ActionConfig actions() {
        return actions;
    }

    /** {@return the context hygiene settings: prompt budget, history, test output} */
    public HygieneConfig hygiene() {
        return hygiene;
    }

    /**
     * Shorthand for {@code breaker().maxIterations()}.
     *
     * @return the iteration limit
     */
    public int maxIterations() {
        return breaker.maxIterations();
    }

    /** {@return whether the REVIEW phase runs} Default false. */
    public boolean reviewEnabled() {
        return reviewEnabled;
    }

    /** {@return whether the AUDIT phase runs} Default false. */
    public boolean auditEnabled() {
        return auditEnabled;
    }

    /** {@return whether the approval handler is asked before every phase (manual mode)} Default false. */
    public boolean phaseApproval() {
        return phaseApproval;
    }

    /**
     * Price per model name; a model without an entry is free. Default empty.
     *
     * @return the prices by model name, unmodifiable
     */
    public Map<String, ModelPrice> prices() {
        return prices;
    }

    /**
     * {@return the price of {@code model}, {@link ModelPrice#FREE} when none is configured}
     *
     * @param model a model name as the endpoint reports it; null gives {@link ModelPrice#FREE}
     */
    public ModelPrice priceOf(String model) {
        return model == null ? ModelPrice.FREE : prices.getOrDefault(model, ModelPrice.FREE);
    }

    /**
     * {@return a folder whose {@code <role>.md} files replace the built-in prompt templates; empty for none (default)}
     */
    public Optional<Path> promptFolder() {
        return Optional.ofNullable(promptFolder);
    }

    /** {@return how long one test run may take before it is stopped} Default {@link #DEFAULT_TEST_TIMEOUT}. */
    public Duration testTimeout() {
        return testTimeout;
    }

    /** {@return the most tokens a model may answer with in one call} Default {@link #DEFAULT_MAX_OUTPUT_TOKENS}. */
    public int maxOutputTokens() {
        return maxOutputTokens;
    }

    /**
     * {@return how many similar past failures are retrieved after a failure} Default {@link #DEFAULT_RETRIEVAL_LIMIT}.
     */
    public int retrievalLimit() {
        return retrievalLimit;
    }

    /**
     * {@return the least similarity (0..1) a retrieved past failure must reach} Default {@link
     * #DEFAULT_MIN_SIMILARITY}.
     */
    public double minSimilarity() {
        return minSimilarity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentConfig c
                && breaker.equals(c.breaker)
                && hygiene.equals(c.hygiene)
                && reviewEnabled == c.reviewEnabled
                && auditEnabled == c.auditEnabled
                && phaseApproval == c.phaseApproval
                && prices.equals(c.prices)
                && Objects.equals(promptFolder, c.promptFolder)
                && testTimeout.equals(c.testTimeout)
                && maxOutputTokens == c.maxOutputTokens
                && retrievalLimit == c.retrievalLimit
                && Double.compare(minSimilarity, c.minSimilarity) == 0
                && actions.equals(c.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                breaker,
                hygiene,
                reviewEnabled,
                auditEnabled,
                phaseApproval,
                prices,
                promptFolder,
                testTimeout,
                maxOutputTokens,
                retrievalLimit,
                minSimilarity,
                actions);
    }

    @Override
    public String toString() {
        return "AgentConfig[" + breaker + ", " + hygiene + ", review=" + reviewEnabled + ", audit=" + auditEnabled
                + ", phaseApproval=" + phaseApproval + ", prices=" + prices + ", promptFolder="
                + (promptFolder == null ? "built-in" : promptFolder) + ", testTimeout=" + testTimeout
                + ", maxOutputTokens=" + maxOutputTokens + ", retrievalLimit=" + retrievalLimit + ", minSimilarity="
                + minSimilarity + ", actions=" + actions + "]";
    }

    /** Builds an {@link AgentConfig}; every setter rejects a bad value naming it. */
    public static final class Builder {
        private CircuitBreakerConfig breaker = CircuitBreakerConfig.ofDefaults();
        private Integer maxIterations;
        private HygieneConfig hygiene = HygieneConfig.ofDefaults();
        private boolean reviewEnabled;
        private boolean auditEnabled;
        private boolean phaseApproval;
        private final Map<String, ModelPrice> prices = new LinkedHashMap<>();
        private Path promptFolder;
        private Duration testTimeout = DEFAULT_TEST_TIMEOUT;
        private int maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;
        private int retrievalLimit = DEFAULT_RETRIEVAL_LIMIT;
        private double minSimilarity = DEFAULT_MIN_SIMILARITY;
        private ActionConfig actions = ActionConfig.DEFAULTS;

        private Builder() {}

        /**
         * The circuit breaker's settings. An iteration limit given with {@link #maxIterations(int)} wins over this
         * one's, whichever was called first.
         *
         * @param value the breaker
         * @return this builder
         */
        public Builder breaker(CircuitBreakerConfig value) {
            this.breaker = Objects.requireNonNull(value, "breaker");
            return this;
        }

        /**
         * Shorthand for the breaker's iteration limit; it applies to whatever {@link #breaker} is set, before or after
         * this call (the warning threshold is lowered below the limit when needed).
         *
         * @param n the max iterations
         * @return this builder
         * @throws IllegalArgumentException unless {@code 1 <= n <= 10000}
         */
        public Builder maxIterations(int n) {
            CircuitBreakerConfig.builder().maxIterations(n); // the same check, naming the value
            this.maxIterations = n;
            return this;
        }

        /**
         * Context hygiene: prompt budget, history lines, test output kept. Default {@link HygieneConfig#ofDefaults()}.
         *
         * @param value the hygiene settings
         * @return this builder
         */
        public Builder hygiene(HygieneConfig value) {
            this.hygiene = Objects.requireNonNull(value, "hygiene");
            return this;
        }

        /**
         * Whether the REVIEW phase runs. Default false.
         *
         * @param enabled true to run it
         * @return this builder
         */
        public Builder enableReview(boolean enabled) {
            this.reviewEnabled = enabled;
            return this;
        }

        /**
         * Whether the AUDIT phase runs. Default false.
         *
         * @param enabled true to run it
         * @return this builder
         */
        public Builder enableAudit(boolean enabled) {
            this.auditEnabled = enabled;
            return this;
        }

        /**
         * Whether the approval handler is asked before every phase (manual mode). Default false.
         *
         * @param enabled true to ask before every phase
         * @return this builder
         */
        public Builder phaseApproval(boolean enabled) {
            this.phaseApproval = enabled;
            return this;
        }

        /**
         * Sets the price of one model (by the name the endpoint reports or the configured name).
         *
         * @param model the model name, not blank
         * @param price its price
         * @return this builder
         */
        public Builder price(String model, ModelPrice price) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("price: model name must not be blank, was '" + model + "'");
            }
            prices.put(model, Objects.requireNonNull(price, "price"));
            return this;
        }

        /**
         * @param folder a folder of {@code <role>.md} templates, or {@code null} for the built-in ones
         * @return this builder
         */
        public Builder promptFolder(Path folder) {
            this.promptFolder = folder;
            return this;
        }

        /**
         * How long one test run may take. Default {@link #DEFAULT_TEST_TIMEOUT}.
         *
         * @param limit a positive duration
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder testTimeout(Duration limit) {
            if (limit == null || limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("testTimeout must be positive, was " + limit);
            }
            this.testTimeout = limit;
            return this;
        }

        /**
         * The most tokens a model may answer with in one call. Default {@link #DEFAULT_MAX_OUTPUT_TOKENS}.
         *
         * @param tokens 16 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder maxOutputTokens(int tokens) {
            if (tokens < 16 || tokens > 1_000_000) {
                throw new IllegalArgumentException("maxOutputTokens must be in 16..1000000, was " + tokens);
            }
            this.maxOutputTokens = tokens;
            return this;
        }

        /**
         * How many similar past failures are retrieved after a failure; 0 retrieves none. Default {@link
         * #DEFAULT_RETRIEVAL_LIMIT}.
         *
         * @param k 0 to 100
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder retrievalLimit(int k) {
            if (k < 0 || k > 100) {
                throw new IllegalArgumentException("retrievalLimit must be in 0..100, was " + k);
            }
            this.retrievalLimit = k;
            return this;
        }

        /**
         * The least similarity a retrieved past failure must reach. Default {@link #DEFAULT_MIN_SIMILARITY}.
         *
         * @param min 0 to 1
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder minSimilarity(double min) {
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("minSimilarity must be in 0..1, was " + min);
            }
            this.minSimilarity = min;
            return this;
        }

        /**
         * How models act in repository mode. Default {@link ActionConfig#DEFAULTS}.
         *
         * @param value the actions
         * @return this builder
         */
        public Builder actions(ActionConfig value) {
            this.actions = Objects.requireNonNull(value, "actions");
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException when {@code promptFolder} is set but is not a folder
         */
        public AgentConfig build() {
            if (promptFolder != null && !promptFolder.toFile().isDirectory()) {
                throw new IllegalArgumentException("promptFolder is not a folder: " + promptFolder);
            }
            CircuitBreakerConfig effective = breaker;
            if (maxIterations != null) {
                int warnAt = Math.min(breaker.warnAtRemaining(), Math.max(0, maxIterations - 1));
                effective = breaker.toBuilder()
                        .warnAtRemaining(warnAt)
                        .maxIterations(maxIterations)
                        .build();
            }
            return new AgentConfig(this, effective);
        }
    }
}
