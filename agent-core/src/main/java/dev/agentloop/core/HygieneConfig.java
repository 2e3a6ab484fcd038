package dev.agentloop.core;

import java.util.Objects;

/**
 * Context hygiene: how much a prompt may carry. Immutable; defaults from the {@code hygiene:} section of
 * {@code config/agent.yaml}.
 */
public final class HygieneConfig {

    /** Token budget of one prompt (all messages). Default {@value}. */
    public static final int DEFAULT_MAX_PROMPT_TOKENS = 12_000;

    /** Earlier iterations summarised one line each; older ones are counted, not listed. Default {@value}. */
    public static final int DEFAULT_HISTORY_LINES = 8;

    /** Characters of test output kept before the middle is cut. Default {@value}. */
    public static final int DEFAULT_MAX_TEST_OUTPUT_CHARS = 6_000;

    private final int maxPromptTokens;
    private final int historyLines;
    private final int maxTestOutputChars;

    private HygieneConfig(Builder b) {
        this.maxPromptTokens = b.maxPromptTokens;
        this.historyLines = b.historyLines;
        this.maxTestOutputChars = b.maxTestOutputChars;
    }

    /**
     * {@return the defaults: {@value #DEFAULT_MAX_PROMPT_TOKENS} prompt tokens, {@value #DEFAULT_HISTORY_LINES} history
     * lines, {@value #DEFAULT_MAX_TEST_OUTPUT_CHARS} characters of test output}
     */
    public static HygieneConfig ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this config's values} */
    public Builder toBuilder() {
        return new Builder()
                .maxPromptTokens(maxPromptTokens)
                .historyLines(historyLines)
                .maxTestOutputChars(maxTestOutputChars);
    }

    /** {@return the token budget of one prompt} Default {@link #DEFAULT_MAX_PROMPT_TOKENS}. */
    public int maxPromptTokens() {
        return maxPromptTokens;
    }

    /**
     * {@return how many earlier iterations the prompt summarises, one line each} Default {@link
     * #DEFAULT_HISTORY_LINES}.
     */
    public int historyLines() {
        return historyLines;
    }

    /**
     * {@return the most characters of test output a prompt carries (the middle is cut)} Default {@link
     * #DEFAULT_MAX_TEST_OUTPUT_CHARS}.
     */
    public int maxTestOutputChars() {
        return maxTestOutputChars;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HygieneConfig h
                && maxPromptTokens == h.maxPromptTokens
                && historyLines == h.historyLines
                && maxTestOutputChars == h.maxTestOutputChars;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxPromptTokens, historyLines, maxTestOutputChars);
    }

    @Override
    public String toString() {
        return "HygieneConfig[maxPromptTokens=" + maxPromptTokens + ", historyLines=" + historyLines
                + ", maxTestOutputChars=" + maxTestOutputChars + "]";
    }

    /** Builds a {@link HygieneConfig}; every setter rejects a bad value naming it. */
    public static final class Builder {
        private int maxPromptTokens = DEFAULT_MAX_PROMPT_TOKENS;
        private int historyLines = DEFAULT_HISTORY_LINES;
        private int maxTestOutputChars = DEFAULT_MAX_TEST_OUTPUT_CHARS;

        private Builder() {}

        /**
         * @param tokens the max prompt tokens
         * @return this builder
         * @throws IllegalArgumentException below 1,000 tokens: too small for a role's instructions
         */
        public Builder maxPromptTokens(int tokens) {
            if (tokens < 1_000) {
                throw new IllegalArgumentException("maxPromptTokens must be >= 1000, was " + tokens);
            }
            this.maxPromptTokens = tokens;
            return this;
        }

        /**
         * How many earlier iterations the prompt summarises. Default {@link #DEFAULT_HISTORY_LINES}.
         *
         * @param lines 1 or more
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder historyLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("historyLines must be >= 1, was " + lines);
            }
            this.historyLines = lines;
            return this;
        }

        /**
         * The most characters of test output a prompt carries. Default {@link #DEFAULT_MAX_TEST_OUTPUT_CHARS}.
         *
         * @param chars 200 or more
         * @return this builder
         * @throws IllegalArgumentException when below 200
         */
        public Builder maxTestOutputChars(int chars) {
            if (chars < 200) {
                throw new IllegalArgumentException("maxTestOutputChars must be >= 200, was " + chars);
            }
            this.maxTestOutputChars = chars;
            return this;
        }

        /** {@return the config} */
        public HygieneConfig build() {
            return new HygieneConfig(this);
        }
    }
}
