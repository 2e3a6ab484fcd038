package dev.agentloop.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.RepositoryInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the memory's records carry in repository mode, and their defaults for a new module. */
class RepositoryRecordsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final RepositoryInfo SHOP =
            new RepositoryInfo("shop", "/home/me/shop", "git@example.org:acme/shop.git", "main", "0123abcd");

    private static FailureRecord failure() {
        return new FailureRecord(
                new UUID(1, 1),
                new UUID(2, 2),
                1,
                "NameError | x | t",
                "NameError",
                "x",
                "t",
                Language.PYTHON,
                "",
                "task",
                "code",
                "out",
                AT);
    }

    @Test
    void aFailureWithoutARepositoryHasNoneAndNoFiles() {
        assertThat(failure().repository()).isEmpty();
        assertThat(failure().repositoryName()).isEmpty();
        assertThat(failure().files()).isEmpty();
    }

    @Test
    void keepsTheFilesInvolvedOnceEachInOrderUpToTheBound() {
        List<String> files = new ArrayList<>(Arrays.asList("b.py", " a.py ", "b.py", "", null));
        for (int i = 0; i < 100; i++) {
            files.add("f" + i + ".py");
        }

        FailureRecord f = failure().withRepository(SHOP).withFiles(files);

        assertThat(f.repositoryName()).contains("shop");
        assertThat(f.files()).hasSize(FailureRecord.MAX_FILES).startsWith("b.py", "a.py", "f0.py");
    }

    @Test
    void aQueryPrefersTheProbesRepository() {
        assertThat(FailureQuery.similarTo(failure()).preferredRepository()).isEmpty();
        assertThat(FailureQuery.similarTo(failure().withRepository(SHOP))
                        .withLimit(3)
                        .withLanguage(Language.PYTHON)
                        .excludingTask(new UUID(9, 9))
                        .preferredRepository())
                .contains("shop");
        assertThat(FailureQuery.similarTo(failure())
                        .preferringRepository("blog")
                        .preferredRepository())
                .contains("blog");
        assertThat(FailureQuery.similarTo(failure().withRepository(SHOP))
                        .preferringRepository(" ")
                        .preferredRepository())
                .isEmpty();
    }

    @Test
    void cutsALongPatchAtALineEndAndSaysSo() {
        String line = "+" + "x".repeat(99) + "\n";
        String patch = line.repeat(HandoffRecord.MAX_PATCH_CHARS / line.length() + 10);

        HandoffRecord h = new HandoffRecord("agentloop/1", "c0ffee", "/tmp/p.patch", patch, false, List.of(), "");

        assertThat(h.patchTruncated()).isTrue();
        assertThat(h.patch().length()).isLessThanOrEqualTo(HandoffRecord.MAX_PATCH_CHARS);
        assertThat(h.patch()).endsWith("\n").startsWith(line);
        assertThat(patch).startsWith(h.patch());
    }

    @Test
    void keepsAShortPatchWhole() {
        HandoffRecord h = new HandoffRecord("", "", "", "-a\n+b\n", false, List.of("x.py"), " x.py | 2 +-");

        assertThat(h.patchTruncated()).isFalse();
        assertThat(h.patch()).isEqualTo("-a\n+b\n");
        assertThat(h.hasBranch()).isFalse();
    }

    @Test
    void aCompletionCarriesTheHandoffOfTheRun() {
        Handoff handoff = new Handoff(
                Optional.of("agentloop/1a2b3c4d"),
                "fedcba98",
                Path.of("/ws/1a2b3c4d/agentloop.patch"),
                "-a\n+b\n",
                List.of("shop/cart.py"),
                " shop/cart.py | 2 +-\n 1 file changed");
        TaskCompletion done =
                new TaskCompletion(new UUID(2, 2), TaskStatus.SOLVED, "", 2, 10, 0.0, Duration.ofSeconds(3), AT);

        assertThat(done.handoff()).isEmpty();
        assertThat(done.withHandoff(handoff).handoff()).hasValueSatisfying(h -> {
            assertThat(h.branch()).isEqualTo("agentloop/1a2b3c4d");
            assertThat(h.commit()).isEqualTo("fedcba98");
            assertThat(h.patchFile())
                    .isEqualTo(Path.of("/ws/1a2b3c4d/agentloop.patch").toString());
            assertThat(h.patch()).isEqualTo("-a\n+b\n");
            assertThat(h.files()).containsExactly("shop/cart.py");
            assertThat(h.diffStat()).contains("1 file changed");
        });
    }

    @Test
    void summaryAndDetailShowTheRepositoryAndTheHandoff() {
        TaskRecord task = new TaskRecord(new UUID(2, 2), "fix", Language.PYTHON, ProjectType.LIBRARY, "", AT)
                .withRepository(SHOP);
        HandoffRecord h = new HandoffRecord("agentloop/1", "c0ffee", "", "-a\n+b\n", false, List.of("a.py"), "");
        TaskCompletion done =
                new TaskCompletion(task.id(), TaskStatus.SOLVED, "", 1, 0, 0, Duration.ZERO, AT).withHandoff(h);
        TaskSummary summary = new TaskSummary(task, TaskStatus.SOLVED, Optional.of(done), 1, 0);
        TaskDetail detail = new TaskDetail(summary, List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(summary.repository()).contains(SHOP);
        assertThat(detail.repository()).contains(SHOP);
        assertThat(detail.handoff()).contains(h);
        assertThat(new TaskSummary(task, TaskStatus.RUNNING, Optional.empty(), 0, 0).handoff())
                .isEmpty();
    }
}
