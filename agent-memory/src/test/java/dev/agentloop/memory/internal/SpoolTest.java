package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private static Write.Failure failure(int n) {
        return new Write.Failure(new FailureRecord(
                new UUID(0, n),
                new UUID(1, 1),
                n,
                "TypeError | x | t",
                "TypeError",
                "x",
                "t",
                Language.PYTHON,
                "",
                "task",
                "code",
                "out",
                AT));
    }

    @Test
    void aTemporarySpoolIsMadeOnlyWhenAWriteWaitsAndRemovedOnceEmpty() throws Exception {
        Path file = Spool.temporaryFile("public");
        Spool spool = new Spool(file);
        assertThat(file.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()))
                .isTrue();
        assertThat(file.getParent()).doesNotExist();

        spool.append(failure(1));
        assertThat(spool.removeIfEmpty()).as("a waiting write is kept").isFalse();
        assertThat(file).exists();

        spool.replay(w -> {});
        assertThat(spool.removeIfEmpty()).isTrue();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void replaysWritesInTheOrderTheyWereSpooledAndEmptiesTheFile() throws Exception {
        Spool spool = new Spool(dir.resolve("s/spool.jsonl"));
        spool.append(new Write.Task(new TaskRecord(new UUID(1, 1), "t", Language.PYTHON, ProjectType.LIBRARY, "", AT)));
        spool.append(failure(1));
        spool.append(failure(2));
        assertThat(spool.backlog()).isEqualTo(3);

        List<Write> seen = new ArrayList<>();
        assertThat(spool.replay(seen::add)).isEqualTo(3);

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isInstanceOf(Write.Task.class);
        assertThat(seen.subList(1, 3)).containsExactly(failure(1), failure(2));
        assertThat(spool.backlog()).isZero();
    }

    @Test
    void keepsWhatWasNotReplayedWhenTheConsumerFails() throws Exception {
        Spool spool = new Spool(dir.resolve("spool.jsonl"));
        for (int i = 1; i <= 4; i++) {
            spool.append(failure(i));
        }
        List<Write> seen = new ArrayList<>();
        assertThatThrownBy(() -> spool.replay(w -> {
                    if (seen.size() == 2) {
                        throw new IllegalStateException("database went away");
                    }
                    seen.add(w);
                }))
                .hasMessage("database went away");

        assertThat(spool.backlog()).isEqualTo(2);
        List<Write> rest = new ArrayList<>();
        spool.replay(rest::add);
        assertThat(rest).containsExactly(failure(3), failure(4));
    }

    @Test
    void skipsATornLastLine() throws Exception {
        Path file = dir.resolve("spool.jsonl");
        Spool spool = new Spool(file);
        spool.append(failure(1));
        Files.writeString(file, "{\"kind\":\"failure\",\"rec", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<Write> seen = new ArrayList<>();
        assertThat(spool.replay(seen::add)).isEqualTo(2);
        assertThat(seen).containsExactly(failure(1));
    }

    @Test
    void isEmptyWhenTheFileDoesNotExist() throws Exception {
        Spool spool = new Spool(dir.resolve("none.jsonl"));
        assertThat(spool.backlog()).isZero();
        assertThat(spool.replay(w -> {})).isZero();
    }

    @Test
    void carriesTheRepositoryTheFilesAndTheHandoff() throws Exception {
        RepositoryInfo shop = new RepositoryInfo(
                "shop", "/home/me/shop", "https://example.org/acme/shop.git", "main", "0123456789abcdef");
        Write task = new Write.Task(
                new TaskRecord(new UUID(1, 1), "t", Language.PYTHON, ProjectType.LIBRARY, "", AT).withRepository(shop));
        Write failure = new Write.Failure(
                failure(1).record().withRepository(shop).withFiles(List.of("shop/cart.py", "tests/test_cart.py")));
        Write done = new Write.Completion(
                new TaskCompletion(new UUID(1, 1), TaskStatus.SOLVED, "", 2, 10, 0.0, Duration.ofSeconds(3), AT)
                        .withHandoff(new HandoffRecord(
                                "agentloop/00000000",
                                "fedcba9876543210",
                                "/tmp/ws/agentloop.patch",
                                "--- a/shop/cart.py\n+++ b/shop/cart.py\n",
                                false,
                                List.of("shop/cart.py"),
                                " shop/cart.py | 2 +-\n 1 file changed")));
        Spool spool = new Spool(dir.resolve("spool.jsonl"));
        spool.append(task);
        spool.append(failure);
        spool.append(done);

        List<Write> seen = new ArrayList<>();
        spool.replay(seen::add);

        assertThat(seen).containsExactly(task, failure, done);
    }

    @Test
    void readsALineSpooledBeforeRepositoriesWereRecorded() throws Exception {
        // The shape an earlier version wrote: no repository, no files, no handoff.
        ObjectNode line = Json.mapper().valueToTree(failure(1));
        ((ObjectNode) line.get("record")).remove(List.of("repository", "files"));
        Path file = dir.resolve("spool.jsonl");
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);

        List<Write> seen = new ArrayList<>();
        new Spool(file).replay(seen::add);

        assertThat(line.get("record").has("files")).isFalse();
        assertThat(seen).containsExactly(failure(1));
        Write.Failure read = (Write.Failure) seen.get(0);
        assertThat(read.record().repository()).isEmpty();
        assertThat(read.record().files()).isEmpty();
    }
}
