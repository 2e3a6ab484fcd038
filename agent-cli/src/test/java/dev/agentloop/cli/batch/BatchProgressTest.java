package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.core.Language;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The progress display: a live status line on a terminal, totals on every line elsewhere. */
class BatchProgressTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskResult solved(String id) {
        return new TaskResult(
                id,
                1,
                "p",
                Language.PYTHON,
                MemoryMode.OFF,
                false,
                UUID.randomUUID(),
                RunStatus.SOLVED,
                Optional.empty(),
                "",
                new Verdict(Verdict.Judge.HIDDEN_TESTS, true, 3, 3, ""),
                2,
                12_345,
                0.0123,
                Duration.ofSeconds(4),
                Duration.ofSeconds(3),
                NOW,
                NOW.plusSeconds(4),
                1,
                true,
                Duration.ZERO,
                Optional.empty());
    }

    @Test
    void onATerminalTheStatusLineIsClearedAndRedrawnBelowEachFinishedTask() {
        StringWriter text = new StringWriter();
        BatchBudget budget = new BatchBudget(Optional.of(1.0), Optional.empty(), 0, 0);
        BatchCounts counts = new BatchCounts(Clock.fixed(NOW, ZoneOffset.UTC), 4, budget);
        try (BatchProgress progress = new BatchProgress(new PrintWriter(text), counts, () -> 200, true)) {
            counts.started();
            progress.started(null);
            counts.finished(true);
            progress.finished(solved("HumanEval/7"));
        }
        String out = text.toString();
        assertThat(out).contains("batch: 0/4 done | 0 solved | 0 not solved | 1 running | $0.0000 of $1.0000");
        assertThat(out)
                .contains("\r\033[2KHumanEval/7              solved     hidden tests 3/3, run solved, 2 iterations,"
                        + " 12.3k tokens, $0.0123, 4.0s, 1 memory hit(s)\n");
        assertThat(out).contains("batch: 1/4 done | 1 solved | 0 not solved | 0 running");
        assertThat(out).endsWith("\r\033[2K");
    }

    @Test
    void withoutATerminalEachLineCarriesTheTotalsAndNoControlCharacters() {
        StringWriter text = new StringWriter();
        BatchBudget budget = new BatchBudget(Optional.empty(), Optional.empty(), 0, 0);
        BatchCounts counts = new BatchCounts(Clock.fixed(NOW, ZoneOffset.UTC), 2, budget);
        try (BatchProgress progress = new BatchProgress(new PrintWriter(text), counts, () -> 80, false)) {
            counts.started();
            counts.finished(true);
            progress.finished(solved("a"));
            progress.invalid(new InvalidInstanceException(3, Optional.empty(), "not valid JSON (x)."));
        }
        assertThat(text.toString())
                .doesNotContain("\033")
                .contains("[1] a ", "| 1/2 done | 1 solved | 0 not solved | 0 running | $0.0000 | ")
                .contains("invalid  line 3: not valid JSON (x).");
    }
}
