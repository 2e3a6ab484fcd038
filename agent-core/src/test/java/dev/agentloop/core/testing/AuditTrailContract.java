package dev.agentloop.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link AuditTrail} does; each implementation's test extends it. */
public abstract class AuditTrailContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** A new, empty trail. */
    protected abstract AuditTrail trail();

    @Test
    void recordsListsByRepositoryAndSinceOldestFirstKeepingTheNewest() {
        AuditTrail trail = trail();
        trail.record(entry(T0, "octo/a", AuditAction.ISSUE_READ, "issue 7", AuditResult.OK));
        trail.record(entry(T0.plusSeconds(60), "octo/a", AuditAction.CLAIM, "issue 7", AuditResult.OK));
        trail.record(entry(T0.plusSeconds(120), "octo/b", AuditAction.CLAIM, "issue 8", AuditResult.FAILED));
        trail.record(entry(T0.plusSeconds(180), "octo/a", AuditAction.MERGE, "pull 100", AuditResult.REFUSED));

        List<AuditEntry> a = trail.list(Optional.of("octo/a"), Optional.empty(), 100);
        assertThat(a)
                .extracting(AuditEntry::action)
                .containsExactly(AuditAction.ISSUE_READ, AuditAction.CLAIM, AuditAction.MERGE);
        assertThat(a.get(2).result()).isEqualTo(AuditResult.REFUSED);
        assertThat(a.get(0).at()).isEqualTo(T0);
        assertThat(a.get(0).detail()).isEqualTo("detail of issue 7");
        assertThat(trail.list(Optional.empty(), Optional.of(T0.plusSeconds(120)), 100))
                .extracting(AuditEntry::target)
                .containsExactly("issue 8", "pull 100");
        assertThat(trail.list(Optional.empty(), Optional.empty(), 1))
                .extracting(AuditEntry::target)
                .containsExactly("pull 100");
    }

    @Test
    void doneFollowsTheLatestEntryOfTheActionOnTheTarget() {
        AuditTrail trail = trail();
        trail.record(entry(T0, "octo/a", AuditAction.CLAIM, "issue 7", AuditResult.OK));
        trail.record(entry(T0, "octo/b", AuditAction.CLAIM, "issue 8", AuditResult.FAILED));
        trail.record(entry(T0, "octo/a", AuditAction.CLAIM, "issue 9", AuditResult.OK));
        trail.record(entry(T0.plusSeconds(1), "octo/a", AuditAction.CLAIM, "issue 9", AuditResult.FAILED));

        assertThat(trail.done("octo/a", AuditAction.CLAIM, "issue 7")).isTrue();
        assertThat(trail.done("octo/b", AuditAction.CLAIM, "issue 8")).isFalse();
        assertThat(trail.done("octo/a", AuditAction.CLAIM, "issue 8")).isFalse();
        assertThat(trail.done("octo/a", AuditAction.PUSH, "issue 7")).isFalse();
        assertThat(trail.done("octo/a", AuditAction.CLAIM, "issue 9"))
                .as("a failed claim releases it")
                .isFalse();
    }

    @Test
    void recordFirstTakesAClaimOnceEvenWhenManyTryAtOnce() throws Exception {
        AuditTrail trail = trail();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String actor = "worker-" + i;
                tries.add(pool.submit(() -> trail.recordFirst(
                        new AuditEntry(T0, actor, AuditAction.CLAIM, "octo/a", "issue 7", AuditResult.OK, "claimed"))));
            }
            int taken = 0;
            for (Future<Boolean> f : tries) {
                taken += f.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(trail.list(Optional.of("octo/a"), Optional.empty(), 100)).hasSize(1);
        assertThat(trail.recordFirst(entry(T0, "octo/a", AuditAction.CLAIM, "issue 8", AuditResult.OK)))
                .isTrue();
    }

    @Test
    void spentSumsTheCostSinceAGivenTime() {
        AuditTrail trail = trail();
        trail.record(new AuditEntry(T0, "bot", AuditAction.RUN, "octo/a", "issue 1", AuditResult.OK, "", 0.25));
        trail.record(new AuditEntry(
                T0.plusSeconds(3600), "bot", AuditAction.RUN, "octo/b", "issue 2", AuditResult.FAILED, "", 0.5));
        trail.record(entry(T0.plusSeconds(7200), "octo/a", AuditAction.PUSH, "branch x", AuditResult.OK));

        assertThat(trail.spent(T0)).isEqualTo(0.75);
        assertThat(trail.spent(T0.plusSeconds(1))).isEqualTo(0.5);
        assertThat(trail.spent(T0.plusSeconds(9000))).isZero();
        assertThat(trail.list(Optional.of("octo/b"), Optional.empty(), 10)
                        .get(0)
                        .cost())
                .isEqualTo(0.5);
    }

    protected static AuditEntry entry(Instant at, String repo, AuditAction action, String target, AuditResult r) {
        return new AuditEntry(at, "agentbot", action, repo, target, r, "detail of " + target);
    }
}
