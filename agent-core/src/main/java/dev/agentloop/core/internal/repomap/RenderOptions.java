package dev.agentloop.core.internal.repomap;

/**
 * How a ranking is rendered.
 *
 * @param maxWholeFiles how many of the best files may be shown whole (default 3)
 * @param wholeShare the share of the budget whole files may take together (default 0.6); the rest goes to map
 *     lines
 * @param minScoreShare a file is shown whole only when its score is at least this share of the best file's
 *     (default 0.25): a weak candidate is not worth a whole file
 */
public record RenderOptions(int maxWholeFiles, double wholeShare, double minScoreShare) {

    /** The defaults listed above. */
    public static final RenderOptions DEFAULTS = new RenderOptions(3, 0.6, 0.25);

    public RenderOptions {
        if (maxWholeFiles < 0) {
            throw new IllegalArgumentException("maxWholeFiles must be >= 0, was " + maxWholeFiles);
        }
        if (!(wholeShare >= 0 && wholeShare <= 1)) {
            throw new IllegalArgumentException("wholeShare must be in [0, 1], was " + wholeShare);
        }
        if (!(minScoreShare >= 0 && minScoreShare <= 1)) {
            throw new IllegalArgumentException("minScoreShare must be in [0, 1], was " + minScoreShare);
        }
    }
}
