package dev.agentloop.server.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.internal.store.TaskRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskResultsTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant SUBMITTED = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant STARTED = SUBMITTED.plusSeconds(5);
    private static final Instant FINISHED = STARTED.plusSeconds(12);
    private static final String PATCH = "diff --git a/textkit/words.py b/textkit/words.py\n--- a/textkit/words.py\n"
            + "+++ b/textkit/words.py\n@@ -1 +1 @@\n-    return len(text.split()) - 1\n+    return len(text.split())\n";

    private static TaskRow row(
            TaskState state, Optional<String> reason, Optional<String> detail, Optional<String> result) {
        return new TaskRow(
                ID,
                state,
                "count_words is off by one",
                "python",
                "{}",
                "agent-watch",
                SUBMITTED,
                Optional.of(STARTED),
                Optional.of(FINISHED),
                Optional.of("worker-a"),
                1,
                state == TaskState.CANCELLED,
                3,
                2031,
                0.0125,
                reason,
                detail,
                result);
    }

    @Test
    void aSolvedTaskKeepsItsCountsAndCarriesTheHandoffGiven() {
        String stored = "{\"handoff\": {\"branch\": \"agentloop/"
                + ID.toString().substring(0, 8)
                + "\", \"commit\": \"abc123\", \"patch\": " + quoted(PATCH) + ", \"files\": [\"textkit/words.py\"],"
                + " \"diffStat\": \" textkit/words.py | 2 +-\"}}";
        TaskRow row = row(TaskState.SOLVED, Optional.empty(), Optional.empty(), Optional.of(stored));

        TaskResults.StoredHandoff handoff = TaskResults.handoff(row).orElseThrow();
        assertThat(handoff.branch()).contains("agentloop/" + ID.toString().substring(0, 8));
        assertThat(handoff.commit()).isEqualTo("abc123");
        assertThat(handoff.patch()).isEqualTo(PATCH);
        assertThat(handoff.files()).containsExactly("textkit/words.py");
        assertThat(handoff.diffStat()).isEqualTo(" textkit/words.py | 2 +-");

        Handoff local = handoff.at(Path.of("/ws/x.patch"));
        AgentResult result = TaskResults.of(row, Optional.of(local), Path.of("/repos/textkit.git"));
        assertThat(result).isInstanceOfSatisfying(AgentResult.Solved.class, s -> {
            assertThat(s.taskId()).isEqualTo(ID);
            assertThat(s.iterations()).isEqualTo(3);
            assertThat(s.tokens()).isEqualTo(2031);
            assertThat(s.cost()).isEqualTo(0.0125);
            assertThat(s.elapsed()).isEqualTo(Duration.ofSeconds(12));
            assertThat(s.handoff()).contains(local);
        });
    }

    @Test
    void aTaskStoppedByItsCostBudgetIsAnUnsolvedStopWithThatReason() {
        TaskRow row = row(
                TaskState.STOPPED,
                Optional.of("cost_budget"),
                Optional.of("the next call could exceed the cost budget of 0.01"),
                Optional.empty());

        AgentResult result = TaskResults.of(row, Optional.empty(), null);

        assertThat(result.isSolved()).isFalse();
        assertThat(result).isInstanceOfSatisfying(AgentResult.Stopped.class, s -> {
            assertThat(s.reason()).isEqualTo(StopReason.COST_BUDGET);
            assertThat(s.detail()).isEqualTo("the next call could exceed the cost budget of 0.01");
            assertThat(s.cost()).isEqualTo(0.0125);
        });
        assertThat(TaskResults.handoff(row)).isEmpty();
    }

    @Test
    void aCancelledTaskIsACancelledStop() {
        TaskRow row = row(
                TaskState.CANCELLED,
                Optional.of("cancelled"),
                Optional.of("cancelled before it started"),
                Optional.empty());

        assertThat(TaskResults.of(row, Optional.empty(), null)).isInstanceOfSatisfying(AgentResult.Stopped.class, s -> {
            assertThat(s.reason()).isEqualTo(StopReason.CANCELLED);
            assertThat(s.detail()).isEqualTo("cancelled before it started");
        });
    }

    @Test
    void aFailedTaskIsAFailureWithItsStoredMessage() {
        TaskRow row =
                row(TaskState.FAILED, Optional.of("error"), Optional.of("Docker is not reachable"), Optional.empty());

        assertThat(TaskResults.of(row, Optional.empty(), null)).isInstanceOfSatisfying(AgentResult.Failed.class, f -> {
            assertThat(f.message()).isEqualTo("Docker is not reachable");
            assertThat(f.cause()).hasMessageContaining(ID.toString());
        });
    }

    @Test
    void aStopWithAReasonThisVersionDoesNotKnowIsAFailureNamingIt() {
        TaskRow row = row(TaskState.STOPPED, Optional.of("gremlins"), Optional.of("odd"), Optional.empty());

        assertThat(TaskResults.of(row, Optional.empty(), null))
                .isInstanceOfSatisfying(
                        AgentResult.Failed.class, f -> assertThat(f.message()).isEqualTo("stopped (gremlins): odd"));
    }

    @Test
    void refusesATaskThatHasNotEnded() {
        TaskRow row = row(TaskState.RUNNING, Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> TaskResults.of(row, Optional.empty(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not ended: it is running");
    }

    @Test
    void aSolvedGreenfieldTaskHasNoHandoff() {
        TaskRow row = row(
                TaskState.SOLVED, Optional.empty(), Optional.empty(), Optional.of("{\"files\": {\"a.py\": \"x\"}}"));

        assertThat(TaskResults.handoff(row)).isEmpty();
        assertThat(List.of(TaskResults.of(row, Optional.empty(), null).isSolved()))
                .containsExactly(true);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
