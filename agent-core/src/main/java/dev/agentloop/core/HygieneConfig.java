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

    public static HygieneConfig ofDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .maxPromptTokens(maxPromptTokens)
                .historyLines(historyLines)
                .maxTestOutputChars(maxTestOutputChars);
    }

    public int maxPromptTokens() {
        return maxPromptTokens;
    }

    public int historyLines() {
        return historyLines;
    }

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

        /** @throws IllegalArgumentException below 1,000 tokens: too small for a role's instructions */
        public Builder maxPromptTokens(int tokens) {
            if (tokens < 1_000) {
                throw new IllegalArgumentException("maxPromptTokens must be >= 1000, was " + tokens);
            }
            this.maxPromptTokens = tokens;
            return this;
        }

        public Builder historyLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("historyLines must be >= 1, was " + lines);
            }
            this.historyLines = lines;
            return this;
        }

        public Builder maxTestOutputChars(int chars) {
            if (chars < 200) {
                throw new IllegalArgumentException("maxTestOutputChars must be >= 200, was " + chars);
            }
            this.maxTestOutputChars = chars;
            return this;
        }

        public HygieneConfig build() {
            return new HygieneConfig(this);
        }
    }
}
