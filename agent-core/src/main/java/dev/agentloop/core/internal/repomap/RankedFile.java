package dev.agentloop.core.internal.repomap;

import java.util.Map;
import java.util.Objects;

/**
 * A file's place in a {@link Ranking}.
 *
 * @param path relative to the root
 * @param score higher is more relevant; comparable within one ranking only
 * @param kind what the map does with the file
 * @param test whether its path looks like a test (tests are ranked down: a fix belongs in the code under test)
 * @param signals how much each kind of evidence contributed to the score (before the test penalty)
 */
public record RankedFile(String path, double score, FileKind kind, boolean test, Map<RankSignal, Double> signals) {

    public RankedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        signals = Map.copyOf(signals);
    }
}
