package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import dev.agentloop.memory.RetrievalSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FixKindsAndRankerTest {

    private static final Instant AT = Instant.parse("2026-02-02T00:00:00Z");

    @Test
    void namesTheTokensAFixRemovedAndAdded() {
        assertThat(FixKinds.of("--- a\n+++ b\n-    if x < n:\n+    if x <= n:\n"))
                .isEqualTo("-< +<=");
        assertThat(FixKinds.of("-    return\n+    return total\n")).isEqualTo("+v");
        assertThat(FixKinds.of("-    if not ok:\n+    if ok:\n")).isEqualTo("-not");
    }

    @Test
    void callsANameOnlyChangeARename() {
        assertThat(FixKinds.of("-    return sum_all(xs)\n+    return total(xs)\n"))
                .isEqualTo(FixKinds.RENAME);
        assertThat(FixKinds.of("")).isEmpty();
    }

    private static Candidate candidate(int n, double similarity, String kind) {
        FailureRecord f = new FailureRecord(
                new UUID(7, n), new UUID(8, n), 1, "s" + n, "E", "m", "t", Language.PYTHON, "", "", "", "", AT);
        Optional<FixRecord> fix =
                kind.isEmpty() ? Optional.empty() : Optional.of(new FixRecord(f.id(), f.taskId(), 2, "d", true, AT));
        return new Candidate(f, fix, FixStats.NONE, similarity, 0, List.of(), kind);
    }

    private static List<Integer> order(List<FailureMatch> matches) {
        List<Integer> out = new ArrayList<>();
        matches.forEach(m -> out.add((int) m.failure().id().getLeastSignificantBits()));
        return out;
    }

    @Test
    void ranksByVectorSimilarityWithoutTheExtras() {
        List<Candidate> c = List.of(candidate(1, 0.5, "a"), candidate(2, 0.9, "a"), candidate(3, 0.7, "b"));
        assertThat(order(Ranker.rank(
                        c,
                        Set.of(),
                        RetrievalSettings.vectorOnly(
                                RetrievalSettings.ofDefaults().embeddedText()),
                        3,
                        0)))
                .containsExactly(2, 3, 1);
    }

    @Test
    void diversityLetsADifferentKindOfFixAheadOfARepeat() {
        List<Candidate> c = List.of(candidate(1, 0.90, "a"), candidate(2, 0.89, "a"), candidate(3, 0.88, "b"));
        RetrievalSettings diverse = RetrievalSettings.vectorOnly(
                        RetrievalSettings.ofDefaults().embeddedText())
                .withDiversityPenalty(1);
        assertThat(order(Ranker.rank(c, Set.of(), diverse, 3, 0))).containsExactly(1, 3, 2);
    }

    @Test
    void aKindOnlyOneCandidateHasGetsNoConsensusBonus() {
        List<Candidate> c = List.of(candidate(1, 0.90, ""), candidate(2, 0.89, "a"), candidate(3, 0.88, ""));
        RetrievalSettings consensus = RetrievalSettings.vectorOnly(
                        RetrievalSettings.ofDefaults().embeddedText())
                .withConsensusWeight(5);
        assertThat(order(Ranker.rank(c, Set.of(), consensus, 3, 0))).containsExactly(1, 2, 3);
    }

    @Test
    void aKindSeveralNearCandidatesShareMovesUp() {
        List<Candidate> c = List.of(
                candidate(1, 0.90, "x"), candidate(2, 0.89, "a"), candidate(3, 0.88, "a"), candidate(4, 0.87, "a"));
        RetrievalSettings consensus = RetrievalSettings.vectorOnly(
                        RetrievalSettings.ofDefaults().embeddedText())
                .withConsensusWeight(1);
        assertThat(order(Ranker.rank(c, Set.of(), consensus, 1, 0))).containsExactly(2);
    }

    @Test
    void dropsCandidatesBelowTheMinimumSimilarity() {
        List<Candidate> c = List.of(candidate(1, 0.9, "a"), candidate(2, 0.2, "b"));
        assertThat(order(Ranker.rank(c, Set.of(), RetrievalSettings.ofDefaults(), 5, 0.5)))
                .containsExactly(1);
    }

    @Test
    void aDiffIsTheSameFixWhateverItsHeadersHunkPositionsContextAndTrailingBlanks() {
        String one = "--- a/solution.py\n+++ b/solution.py\n@@ -1,2 +1,2 @@\n def f(xs):\n-    return sum_all(xs)\n"
                + "+    return sum(xs)\n";
        String other = "--- solution.py\r\n+++ solution.py\r\n@@ -7 +7 @@\r\n-    return sum_all(xs)  \r\n"
                + "+    return sum(xs)\r\n";
        assertThat(Ranker.normalisedDiff(one)).isEqualTo(Ranker.normalisedDiff(other));
        assertThat(Ranker.normalisedDiff(one))
                .isNotEqualTo(Ranker.normalisedDiff(one.replace("sum(xs)", "sum(list(xs))")));
    }
}
