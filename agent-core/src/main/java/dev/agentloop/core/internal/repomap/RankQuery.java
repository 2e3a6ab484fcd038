package dev.agentloop.core.internal.repomap;

import java.util.List;
import java.util.Objects;

/**
 * What a map is ranked for.
 *
 * @param text the task text and the failing tests' output (tracebacks, assertion messages), in any order
 * @param focusFiles files the caller knows matter (the ones edited so far, the failing test files), relative to the
 *     root; they are seeded like the innermost frame of a traceback
 */
public record RankQuery(String text, List<String> focusFiles) {

    public RankQuery {
        Objects.requireNonNull(text, "text");
        focusFiles = List.copyOf(focusFiles);
    }

    /** A query from text alone. */
    public static RankQuery of(String text) {
        return new RankQuery(text, List.of());
    }

    /** A query from the task and the latest test output (either may be empty). */
    public static RankQuery of(String task, String testOutput) {
        return new RankQuery(task + "\n" + testOutput, List.of());
    }

    /** The same text with these focus files. */
    public RankQuery withFocus(List<String> files) {
        return new RankQuery(text, files);
    }
}
