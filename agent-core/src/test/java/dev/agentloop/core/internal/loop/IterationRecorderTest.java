package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Phase;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.IterationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationRecorderTest {

    private final TestRun run = new TestRun();
    private final IterationRecorder recorder = new IterationRecorder(run.context);

    @Test
    void recordsTimeAndTokensPerPhaseWithTheIterationsDiff() {
        run.state().nextIteration();
        recorder.start();
        Instant started = run.clock.instant();
        run.state().moveTo(Phase.PLAN);
        run.state().addTokens(100);
        run.clock.advance(Duration.ofSeconds(2));
        run.state().moveTo(Phase.CODE);
        run.state().addTokens(300);
        run.state().addTokens(50);
        recorder.applied(List.of(new Workspace.AppliedEdit("a.py", "diff of a\n")));
        run.clock.advance(Duration.ofSeconds(3));
        run.state().moveTo(Phase.TEST);
        recorder.applied(List.of(new Workspace.AppliedEdit("test_a.py", "diff of test_a\n")));
        run.clock.advance(Duration.ofSeconds(5));

        recorder.finish(new IterationResult(IterationOutcome.PASSED, "2/2 tests passed", 2, 2));

        IterationRecord record = run.memory.iterations().get(0);
        assertThat(record.number()).isEqualTo(1);
        assertThat(record.outcome()).isEqualTo(IterationOutcome.PASSED);
        assertThat(record.phaseDurations())
                .containsEntry(Phase.PLAN, Duration.ofSeconds(2))
                .containsEntry(Phase.CODE, Duration.ofSeconds(3))
                .containsEntry(Phase.TEST, Duration.ofSeconds(5));
        assertThat(record.phaseTokens()).isEqualTo(Map.of(Phase.PLAN, 100L, Phase.CODE, 350L));
        assertThat(record.diff()).isEqualTo("diff of a\ndiff of test_a\n");
        assertThat(record.testsPassed()).isEqualTo(2);
        assertThat(record.testsTotal()).isEqualTo(2);
        assertThat(record.startedAt()).isEqualTo(started);
        assertThat(record.finishedAt()).isEqualTo(started.plusSeconds(10));
        assertThat(run.events.of(IterationFinished.class)).singleElement().satisfies(e -> {
            assertThat(e.iteration()).isEqualTo(1);
            assertThat(e.outcome()).isEqualTo(IterationOutcome.PASSED);
            assertThat(e.elapsed()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void eachIterationHasOnlyItsOwnEditsAndPhases() {
        run.state().nextIteration();
        recorder.start();
        run.state().moveTo(Phase.PLAN);
        run.state().addTokens(100);
        recorder.applied(List.of(new Workspace.AppliedEdit("a.py", "first\n")));
        recorder.finish(IterationResult.withoutTests(IterationOutcome.INVALID_MODEL_OUTPUT, "bad answer"));

        run.state().nextIteration();
        recorder.start();
        run.state().moveTo(Phase.CODE);
        run.state().addTokens(7);
        recorder.finish(IterationResult.withoutTests(IterationOutcome.BLOCKED, "blocked"));

        IterationRecord second = run.memory.iterations().get(1);
        assertThat(second.diff()).isEmpty();
        assertThat(second.phaseTokens()).isEqualTo(Map.of(Phase.CODE, 7L));
    }

    @Test
    void theHistoryHasOneShortLinePerIteration() {
        run.state().nextIteration();
        recorder.start();
        recorder.finish(IterationResult.withoutTests(IterationOutcome.BLOCKED, "  blocked by\npython.eval  "));
        run.state().nextIteration();
        recorder.start();
        recorder.finish(IterationResult.withoutTests(IterationOutcome.ERROR, "x".repeat(1_000)));

        assertThat(recorder.history()).hasSize(2);
        assertThat(recorder.history().get(0)).isEqualTo("#1 BLOCKED: blocked by python.eval");
        assertThat(recorder.history().get(1)).startsWith("#2 ERROR: xxx").endsWith("...");
        assertThat(run.memory.iterations().get(1).summary()).hasSize(303);
    }
}
