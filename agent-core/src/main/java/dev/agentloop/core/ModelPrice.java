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

    public static ModelPrice of(double inputPer1k, double outputPer1k) {
        return new ModelPrice(inputPer1k, outputPer1k);
    }

    /** The cost of one call with these token counts. */
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens / 1000.0 * inputPer1k + outputTokens / 1000.0 * outputPer1k;
    }
}
