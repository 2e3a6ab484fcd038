package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.core.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder's rules: one batch file per folder, whole lines only, a torn last line dropped on resume. */
class OutputFolderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private BatchFile batch(String name, String text) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, text);
        return BatchFile.read(file);
    }

    private static TaskResult result(String id) {
        return new TaskResult(
                id,
                1,
                "p",
                Language.PYTHON,
                MemoryMode.OFF,
                true,
                UUID.randomUUID(),
                RunStatus.SOLVED,
                Optional.empty(),
                "",
                new Verdict(Verdict.Judge.HIDDEN_TESTS, true, 1, 1, ""),
                1,
                100,
                0.001,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                NOW,
                NOW.plusSeconds(2),
                0,
                false,
                Duration.ZERO,
                Optional.empty());
    }

    @Test
    void aResultLineRoundTrips() {
        TaskResult r = result("x/1");
        assertThat(ResultCodec.read(ResultCodec.write(r))).isEqualTo(r);
    }

    @Test
    void resumeDropsATornLastLineAndAppendsWholeLinesAfterIt() throws Exception {
        BatchFile b = batch("t.jsonl", "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n");
        Path dir = temp.resolve("out");
        try (OutputFolder out = OutputFolder.open(dir, b, false, NOW)) {
            out.append(result("a"));
            out.append(result("b"));
        }
        Path results = dir.resolve(OutputFolder.RESULTS);
        Files.writeString(results, "{\"id\":\"c\",\"li", StandardOpenOption.APPEND);

        try (OutputFolder out = OutputFolder.open(dir, b, true, NOW)) {
            assertThat(out.previous()).extracting(TaskResult::id).containsExactly("a", "b");
            assertThat(out.repair()).hasValueSatisfying(r -> assertThat(r).contains("torn last line"));
            out.append(result("c"));
        }
        assertThat(Files.readAllLines(results, StandardCharsets.UTF_8))
                .hasSize(3)
                .allSatisfy(l -> assertThat(ResultCodec.read(l)).isNotNull());
    }

    @Test
    void aBadLineInTheMiddleIsNamedNotSkipped() throws Exception {
        BatchFile b = batch("t.jsonl", "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n");
        Path dir = temp.resolve("out");
        try (OutputFolder out = OutputFolder.open(dir, b, false, NOW)) {
            out.append(result("a"));
        }
        Path results = dir.resolve(OutputFolder.RESULTS);
        String good = Files.readString(results);
        Files.writeString(results, "{\"hand\":\"edited\"}\n" + good);
        assertThatThrownBy(() -> OutputFolder.open(dir, b, true, NOW))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("line 1 is not a batch result");
    }

    @Test
    void aFolderWithOtherFilesOrAFileIsRefused() throws Exception {
        BatchFile b = batch("t.jsonl", "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n");
        Path busy = temp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> OutputFolder.open(busy, b, true, NOW))
                .hasMessageContaining("is not empty and holds no batch.json");
        assertThat(Files.readString(busy.resolve("notes.txt"))).isEqualTo("mine");
        Path file = temp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> OutputFolder.open(file, b, false, NOW)).hasMessageContaining("is a file");
    }

    @Test
    void aChangedBatchFileIsAnotherBatchUnlessResumed() throws Exception {
        BatchFile first = batch("t.jsonl", "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n");
        Path dir = temp.resolve("out");
        OutputFolder.open(dir, first, false, NOW).close();
        BatchFile changed = batch("t.jsonl", "{\"id\":\"a\",\"language\":\"python\",\"task\":\"u\"}\n");
        assertThatThrownBy(() -> OutputFolder.open(dir, changed, false, NOW)).hasMessageContaining("since changed");
        OutputFolder.open(dir, changed, true, NOW).close();
    }
}
