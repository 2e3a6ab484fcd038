package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import dev.agentloop.memory.RetrievalSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ranking's preference for the query's repository, then the probe's language. */
class RankerPreferenceTest {

    private static final Instant AT = Instant.parse("2026-02-02T00:00:00Z");
    private static final RetrievalSettings VECTOR_ONLY =
            RetrievalSettings.vectorOnly(RetrievalSettings.ofDefaults().embeddedText());
    private static final Ranker.Preference SHOP_IN_PYTHON =
            new Ranker.Preference(Optional.of("shop"), Optional.of(Language.PYTHON));

    private static Candidate candidate(int n, double similarity, Language language, String repository) {
        FailureRecord f = new FailureRecord(
                new UUID(7, n), new UUID(8, n), 1, "s" + n, "E", "m", "t", language, "", "", "", "", AT);
        if (!repository.isEmpty()) {
            f = f.withRepository(new RepositoryInfo(repository, "/src/" + repository, "", "main", "abc123"));
        }
        // Each its own fix, so that no two candidates are copies of one failure.
        Optional<FixRecord> fix = Optional.of(new FixRecord(f.id(), f.taskId(), 2, "-a" + n + "\n+b\n", true, AT));
        return new Candidate(f, fix, FixStats.NONE, similarity, 0, List.of(), "kind" + n);
    }

    private static List<Integer> order(List<FailureMatch> matches) {
        List<Integer> out = new ArrayList<>();
        matches.forEach(m -> out.add((int) m.failure().id().getLeastSignificantBits()));
        return out;
    }

    @Test
    void putsTheSameRepositoryFirstAmongNearCandidates() {
        List<Candidate> c = List.of(
                candidate(1, 0.90, Language.PYTHON, "blog"),
                candidate(2, 0.89, Language.PYTHON, "shop"),
                candidate(3, 0.88, Language.PYTHON, "blog"));

        assertThat(order(Ranker.rank(c, Ranker.Preference.NONE, Set.of(), VECTOR_ONLY, 3, 0)))
                .containsExactly(1, 2, 3);
        assertThat(order(Ranker.rank(c, SHOP_IN_PYTHON, Set.of(), VECTOR_ONLY, 3, 0)))
                .containsExactly(2, 1, 3);
    }

    @Test
    void keepsAMuchBetterMatchAheadOfTheSameRepository() {
        List<Candidate> c = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            c.add(candidate(i, 1.0 - i * 0.01, Language.PYTHON, i == 30 ? "shop" : "blog"));
        }

        List<Integer> ranked = order(Ranker.rank(c, SHOP_IN_PYTHON, Set.of(), VECTOR_ONLY, 40, 0));

        assertThat(ranked.get(0)).as("the best match stays first").isEqualTo(1);
        assertThat(ranked.indexOf(30))
                .as("the same repository's failure moves up, but not to the top")
                .isBetween(1, 28);
    }

    @Test
    void prefersTheSameLanguageAfterTheSameRepository() {
        List<Candidate> c = List.of(
                candidate(1, 0.90, Language.JAVASCRIPT, "blog"),
                candidate(2, 0.89, Language.PYTHON, "blog"),
                candidate(3, 0.88, Language.JAVASCRIPT, "shop"));

        assertThat(order(Ranker.rank(c, SHOP_IN_PYTHON, Set.of(), VECTOR_ONLY, 3, 0)))
                .containsExactly(3, 2, 1);
    }

    @Test
    void aPreferenceEveryCandidateMeetsChangesNothing() {
        // Pools with near-equal similarities, fixes of a few kinds, some verified, some with a track record: a bonus
        // added to every candidate would move the near-equal buckets and so reorder some of them.
        Random random = new Random(20260301);
        for (int pool = 0; pool < 300; pool++) {
            List<Candidate> c = new ArrayList<>();
            int size = 5 + random.nextInt(30);
            for (int i = 1; i <= size; i++) {
                FailureRecord f = new FailureRecord(
                                new UUID(7, i),
                                new UUID(8, i),
                                1,
                                "s" + i,
                                "E",
                                "m",
                                "t",
                                Language.PYTHON,
                                "",
                                "",
                                "",
                                "",
                                AT)
                        .withRepository(new RepositoryInfo("shop", "/src/shop", "", "main", "abc123"));
                c.add(new Candidate(
                        f,
                        Optional.of(
                                new FixRecord(f.id(), f.taskId(), 2, "-a" + i + "\n+b\n", random.nextBoolean(), AT)),
                        new FixStats(random.nextInt(3), random.nextInt(2)),
                        0.9 - random.nextInt(40) * 0.001,
                        random.nextInt(3) == 0 ? random.nextDouble() : 0,
                        List.of(),
                        "kind" + random.nextInt(4)));
            }
            RetrievalSettings defaults = RetrievalSettings.ofDefaults();

            List<FailureMatch> plain = Ranker.rank(c, Ranker.Preference.NONE, Set.of(), defaults, 10, 0);
            List<FailureMatch> preferred = Ranker.rank(c, SHOP_IN_PYTHON, Set.of(), defaults, 10, 0);

            assertThat(preferred).as("pool %d", pool).isEqualTo(plain);
        }
    }

    @Test
    void failuresOutsideAnyRepositoryAreNeverPreferred() {
        List<Candidate> c = List.of(candidate(1, 0.90, Language.PYTHON, ""), candidate(2, 0.89, Language.PYTHON, ""));
        Ranker.Preference noName = new Ranker.Preference(Optional.empty(), Optional.of(Language.PYTHON));

        assertThat(order(Ranker.rank(c, noName, Set.of(), VECTOR_ONLY, 2, 0))).containsExactly(1, 2);
    }
}
