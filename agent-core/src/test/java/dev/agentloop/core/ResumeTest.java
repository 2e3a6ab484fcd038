package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.event.Checkpointed;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.RunResumed;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.testing.CopySource;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed from an earlier run's checkpoint goes on where that one stood; scripted models, fake sandbox. */
class ResumeTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    private final MutableClock clock = MutableClock.atEpoch();

    private static ScriptedChatModel failingModel() {
        return Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"))
                .respond(Role.REFLECTOR, Scripts.REFLECTION)
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                .build();
    }

    private static FakeSandbox failingSandbox(int runs) {
        FakeSandbox sandbox = new FakeSandbox();
        for (int i = 0; i < runs; i++) {
            sandbox.thenReport(FakeSandbox.failing("test_add_" + i, "assert -1 == 3"));
        }
        return sandbox;
    }

    private Agent agent(
            ScriptedChatModel model, FakeSandbox sandbox, int maxIterations, Path root, RecordingListener l) {
        return Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .listener(l)
                .clock(clock)
                .config(AgentConfig.builder().maxIterations(maxIterations).build())
                .workspaceRoot(root)
                .build();
    }

    /** Runs two failing iterations and returns the checkpoints they published. */
    private List<Checkpoint> earlierRun(Task task) {
        RecordingListener events = new RecordingListener();
        agent(failingModel(), failingSandbox(2), 2, first, events).run(task);
        return events.of(Checkpointed.class).stream()
                .map(Checkpointed::checkpoint)
                .toList();
    }

    @Test
    void everyFailedIterationPublishesACheckpointWithTheFilesHistoryAndSpend() {
        List<Checkpoint> checkpoints = earlierRun(Task.of("add two numbers"));

        assertThat(checkpoints).extracting(Checkpoint::iterations).containsExactly(1, 2);
        Checkpoint one = checkpoints.get(0);
        assertThat(one.files().get("solution.py")).contains("return a - b");
        assertThat(one.testFiles()).containsExactly("test_solution.py");
        assertThat(one.history()).singleElement().asString().startsWith("#1 TESTS_FAILED");
        assertThat(one.tokens()).isPositive();
        assertThat(checkpoints.get(1).history()).hasSize(2);
        assertThat(checkpoints.get(1).tokens()).isGreaterThan(one.tokens());
    }

    @Test
    void aResumedRunStartsAtTheNextIterationWithTheCheckpointsFilesAndHistory() {
        Task task = Task.of("add two numbers");
        Checkpoint afterOne = earlierRun(task).get(0);
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a + b"))
                .respond(Role.REFLECTOR, Scripts.REFLECTION)
                .build();
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        RecordingListener events = new RecordingListener();

        AgentResult result =
                agent(model, sandbox, 5, second, events).resume(task, afterOne).await();

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(events.of(RunResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.iteration()).isEqualTo(1);
            assertThat(r.files()).isEqualTo(afterOne.files().size());
        });
        assertThat(events.of(IterationFinished.class))
                .extracting(IterationFinished::iteration)
                .containsExactly(2);
        // the tests of the earlier run are kept: no Tester call; the earlier code and failure are what the roles see
        assertThat(model.requests(Role.TESTER)).isEmpty();
        assertThat(sandbox.lastSession().written()).containsKey("test_solution.py");
        String planPrompt = model.requests(Role.PLANNER).get(0).messages().toString();
        assertThat(planPrompt).contains(afterOne.history().get(0));
        String codePrompt = model.requests(Role.CODER).get(0).messages().toString();
        assertThat(codePrompt).contains("return a - b").contains("goes on from iteration 1");
        assertThat(result.tokens()).isGreaterThan(afterOne.tokens());
    }

    @Test
    void theIterationLimitCountsTheEarlierRunsIterations() {
        Task task = Task.of("add two numbers");
        Checkpoint afterTwo = earlierRun(task).get(1);
        RecordingListener events = new RecordingListener();

        AgentResult result = agent(failingModel(), failingSandbox(5), 3, second, events)
                .resume(task, afterTwo)
                .await();

        assertThat(result).isInstanceOf(AgentResult.Stopped.class);
        AgentResult.Stopped stopped = (AgentResult.Stopped) result;
        assertThat(stopped.reason()).isEqualTo(StopReason.ITERATION_LIMIT);
        assertThat(stopped.detail()).isEqualTo("3 of 3 iterations used without passing tests");
        assertThat(events.of(IterationFinished.class))
                .extracting(IterationFinished::iteration)
                .containsExactly(3);
    }

    @Test
    void aRepositoryTaskIsNotResumed() {
        Task task = Task.of("add two numbers").withSource(new CopySource(first));
        Checkpoint checkpoint =
                new Checkpoint(1, java.util.Map.of("a.py", "x = 1\n"), List.of(), List.of("#1 TESTS_FAILED: x"), 10, 0);

        assertThatThrownBy(() -> agent(failingModel(), failingSandbox(1), 3, second, new RecordingListener())
                        .resume(task, checkpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repository source");
    }
}
