package dev.agentloop.core;

/**
 * The price of one model's tokens, per 1,000 tokens, in whatever currency the configuration uses.
 *
 * @param inputPer1k price of 1,000 prompt tokens, {@code >= 0}
 * @param outputPer1k price of 1,000 completion tokens, {@code >= 0}
 */
public record ModelPrice(double inputPer1k, double outputPer1k) {

    /** Free: what a model without a configured price costs. */
    public static final ModelPrice FREE = new ModelPrice(0, 0);

    /**
     * @param inputPer1k price per 1,000 input tokens, 0 or more
     * @param outputPer1k price per 1,000 output tokens, 0 or more
     * @throws IllegalArgumentException naming the price when it is negative or not a number
     */
    public ModelPrice {
        if (!(inputPer1k >= 0) || Double.isInfinite(inputPer1k)) {
            throw new IllegalArgumentException("inputPer1k must be a finite number >= 0, was " + inputPer1k);
        }
        if (!(outputPer1k >= 0) || Double.isInfinite(outputPer1k)) {
            throw new IllegalArgumentException("outputPer1k must be a finite number >= 0, was " + outputPer1k);
        }
    }

    /**
     * {@return a price}
     *
     * @param inputPer1k price per 1,000 input tokens, 0 or more
     * @param outputPer1k price per 1,000 output tokens, 0 or more
     * @throws IllegalArgumentException when a price is negative or not a number
     */
    public static ModelPrice of(double inputPer1k, double outputPer1k) {
        return new ModelPrice(inputPer1k, outputPer1k);
    }

    /**
     * {@return the cost of one call with these token counts}
     *
     * @param inputTokens tokens sent
     * @param outputTokens tokens received
     */
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens / 1000.0 * inputPer1k + outputTokens / 1000.0 * outputPer1k;
    }
}
