package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.source.Handoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The three cases read without instanceof: the accessors answer for every case, fold picks one function. */
class AgentResultTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Path WORKSPACE = Path.of("ws");

    private final AgentResult solved = new AgentResult.Solved(
            ID, Map.of("solution.py", "def f(): pass\n"), 2, 10, 0.5, Duration.ofSeconds(3), WORKSPACE);
    private final AgentResult stopped = new AgentResult.Stopped(
            ID, StopReason.ITERATION_LIMIT, "12 of 12 iterations", 12, 10, 0.5, Duration.ofSeconds(3), WORKSPACE);
    private final AgentResult failed = new AgentResult.Failed(
            ID, "The sandbox failed: gone", new AgentException("gone"), 1, 10, 0.5, Duration.ofSeconds(3), WORKSPACE);

    @Test
    void onlyASolvedResultIsSolvedAndHasFiles() {
        assertThat(List.of(solved, stopped, failed))
                .extracting(AgentResult::isSolved)
                .containsExactly(true, false, false);
        assertThat(solved.files()).containsOnlyKeys("solution.py");
        assertThat(stopped.files()).isEmpty();
        assertThat(failed.files()).isEmpty();
    }

    @Test
    void onlyAStoppedResultHasAStopReason() {
        assertThat(stopped.stopReason()).contains(StopReason.ITERATION_LIMIT);
        assertThat(solved.stopReason()).isEmpty();
        assertThat(failed.stopReason()).isEmpty();
    }

    @Test
    void onlyAFailedResultHasAFailureMessage() {
        assertThat(failed.failureMessage()).contains("The sandbox failed: gone");
        assertThat(solved.failureMessage()).isEmpty();
        assertThat(stopped.failureMessage()).isEmpty();
    }

    @Test
    void theHandoffIsThereOnlyWhenASolvedRunHandedOneBack() {
        Handoff handoff = new Handoff(
                Optional.of("agentloop/00000001"),
                "abc123",
                Path.of("task.patch"),
                "diff --git a/x b/x\n",
                List.of("x"),
                " x | 1 +");
        AgentResult withHandoff =
                new AgentResult.Solved(ID, Map.of(), 1, 0, 0, Duration.ZERO, WORKSPACE, Optional.of(handoff));

        assertThat(withHandoff.handoff()).contains(handoff);
        assertThat(solved.handoff()).isEmpty();
        assertThat(stopped.handoff()).isEmpty();
        assertThat(failed.handoff()).isEmpty();
    }

    @Test
    void foldCallsTheFunctionOfTheResultsCase() {
        assertThat(List.of(solved, stopped, failed))
                .extracting(r -> r.fold(
                        s -> "solved in " + s.iterations(),
                        s -> "stopped: " + s.detail(),
                        f -> "failed: " + f.cause().getMessage()))
                .containsExactly("solved in 2", "stopped: 12 of 12 iterations", "failed: gone");
    }
}
