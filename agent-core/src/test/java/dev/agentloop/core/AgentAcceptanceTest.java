package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.FixLinked;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.Planned;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import dev.agentloop.core.testing.RecordingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance scenario: fail twice with different errors, then pass. */
class AgentAcceptanceTest {

    @TempDir
    Path root;

    @Test
    void failsTwiceWithDifferentErrorsThenPassesAndLinksBothFixes() {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"), Scripts.code("a * b"), Scripts.code("a + b"))
                .respond(Role.REFLECTOR, Scripts.REFLECTION, Scripts.REFLECTION)
                .build();
        FakeSandbox sandbox = new FakeSandbox()
                .thenReport(
                        FakeSandbox.failing("test_add", "assert -1 == 3"),
                        FakeSandbox.failing("test_add_negative", "TypeError: bad operand"),
                        FakeSandbox.passing(2));
        RecordingFailureMemory memory = new RecordingFailureMemory();
        RecordingListener events = new RecordingListener();
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root)
                .build();

        AgentResult result = agent.run(Task.of("add two numbers"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        AgentResult.Solved solved = (AgentResult.Solved) result;
        assertThat(solved.iterations()).isEqualTo(3);
        assertThat(solved.files()).containsEntry("solution.py", "def add(a, b):\n    return a + b\n");
        assertThat(solved.workspace())
                .isEqualTo(root.resolve(solved.taskId().toString()).toAbsolutePath());

        assertThat(memory.failures()).hasSize(2);
        assertThat(memory.failures().get(0).signature())
                .isNotEqualTo(memory.failures().get(1).signature());
        assertThat(memory.fixes())
                .extracting(FixRecord::failureId)
                .containsExactly(
                        memory.failures().get(0).id(), memory.failures().get(1).id());
        assertThat(memory.fixes().get(0).diff()).contains("-    return a - b", "+    return a + b");
        assertThat(memory.fixes().get(1).diff()).contains("-    return a * b", "+    return a + b");
        assertThat(memory.fixes()).allMatch(f -> f.passedIteration() == 3 && f.verified());

        assertThat(memory.tasks()).hasSize(1);
        assertThat(memory.iterations())
                .extracting(r -> r.outcome())
                .containsExactly(IterationOutcome.TESTS_FAILED, IterationOutcome.TESTS_FAILED, IterationOutcome.PASSED);
        assertThat(memory.iterations().get(0).diff()).contains("+    return a - b");
        assertThat(memory.iterations().get(2).testsPassed()).isEqualTo(2);
        assertThat(memory.completions())
                .singleElement()
                .extracting(c -> c.status())
                .isEqualTo(TaskStatus.SOLVED);
        assertThat(memory.patterns()).hasSize(1);
        assertThat(events.of(Planned.class))
                .singleElement()
                .extracting(Planned::plan)
                .isEqualTo("Approach: one function\nFiles:\n- solution.py: add");

        assertThat(events.of(PhaseEntered.class).stream()
                        .map(PhaseEntered::phase)
                        .toList())
                .containsExactly(
                        Phase.INIT,
                        Phase.PLAN,
                        Phase.CODE,
                        Phase.TEST,
                        Phase.REFLECT,
                        Phase.CODE,
                        Phase.TEST,
                        Phase.REFLECT,
                        Phase.CODE,
                        Phase.TEST,
                        Phase.DONE);
        List<String> names = events.names();
        assertThat(names.get(0)).isEqualTo("RunStarted");
        assertThat(names.get(names.size() - 1)).isEqualTo("RunFinished");
        assertThat(names)
                .containsSubsequence("TestsRun", "FailureStored", "ModelCalled", "IterationFinished")
                .containsSubsequence(
                        "TestsRun", "FixLinked", "FixLinked", "IterationFinished", "PhaseEntered", "RunFinished");
        assertThat(events.of(FailureStored.class)).hasSize(2);
        assertThat(events.of(FixLinked.class))
                .extracting(FixLinked::failureId)
                .containsExactly(
                        memory.failures().get(0).id(), memory.failures().get(1).id());
        assertThat(events.of(IterationFinished.class))
                .extracting(IterationFinished::iteration)
                .containsExactly(1, 2, 3);

        assertThat(sandbox.lastSession().closed()).isTrue();
        assertThat(sandbox.lastSession().written()).containsKeys("solution.py", "test_solution.py");
        assertThat(sandbox.lastSession().testRequests())
                .hasSize(3)
                .allMatch(r -> r.testFiles().equals(List.of("test_solution.py")));
        assertThat(model.remaining(Role.CODER)).isZero();
    }
}
