package dev.agentloop.core.spi;

/**
 * How useful a past failure's fix has been.
 *
 * @param timesRetrieved how often it was handed to a run
 * @param timesThenSolved how many of those runs were then solved
 */
public record FixStats(int timesRetrieved, int timesThenSolved) {

    /** Never retrieved. */
    public static final FixStats NONE = new FixStats(0, 0);

    /**
     * Solved over retrieved, 0 when never retrieved.
     *
     * @return the usefulness, 0..1
     */
    public double usefulness() {
        return timesRetrieved == 0 ? 0.0 : (double) timesThenSolved / timesRetrieved;
    }
}
