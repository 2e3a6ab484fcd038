package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Role;
import dev.agentloop.core.event.ActionKind;
import dev.agentloop.core.event.ActionOutcome;
import dev.agentloop.core.event.ActionTaken;
import dev.agentloop.core.event.MapRanked;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.spi.TestOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunTallyTest {

    private static final UUID TASK = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static ActionTaken action(ActionKind kind, String subject, ActionOutcome outcome) {
        return new ActionTaken(TASK, 1, AT, Role.CODER, kind, subject, outcome, "");
    }

    @Test
    void theFirstRankingAndTheFilesReadAndEditedMakeTheRunsLocalization() {
        RunTally tally = new RunTally();
        tally.onEvent(new MapRanked(
                TASK,
                1,
                AT,
                List.of("tests/test_m.py", "pkg/m.py"),
                List.of(new MapRanked.Symbol("pkg/m.py", "Parser.parse"))));
        tally.onEvent(new MapRanked(TASK, 2, AT, List.of("pkg/m.py"), List.of()));
        tally.onEvent(action(ActionKind.READ_FILE, "./pkg/m.py:10-30", ActionOutcome.DONE));
        tally.onEvent(action(ActionKind.READ_FILE, "pkg/other.py", ActionOutcome.REFUSED));
        tally.onEvent(action(ActionKind.REPLACE_TEXT, "/workspace/pkg/util.py", ActionOutcome.DONE));

        Localization l = tally.localization(List.of("pkg/m.py"), List.of("Parser.parse"), List.of());

        // the first ranking counts: the map's place for the file is 2, for the function 1
        assertThat(l.fileRank()).isEqualTo(2);
        assertThat(l.functionRank()).isEqualTo(1);
        assertThat(tally.read()).containsExactly("pkg/m.py");
        assertThat(l.readGold()).isTrue();
        assertThat(tally.edited()).containsExactly("pkg/util.py");
        assertThat(l.editedGold()).isFalse();
        // the handed-back patch counts as changed too
        assertThat(tally.localization(List.of("pkg/m.py"), List.of(), List.of("pkg/m.py"))
                        .editedGold())
                .isTrue();
    }

    @Test
    void testRunsAddUpToTheRunsTestTime() {
        RunTally tally = new RunTally();
        tally.onEvent(new TestsRun(TASK, 0, AT, TestOutcome.FAILED, 1, 1, 0, Duration.ofMillis(1500), "baseline"));
        tally.onEvent(new TestsRun(TASK, 1, AT, TestOutcome.PASSED, 2, 0, 0, Duration.ofMillis(700), ""));

        assertThat(tally.testTime()).isEqualTo(Duration.ofMillis(2200));
    }
}
