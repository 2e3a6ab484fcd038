package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.BreakerEscalated;
import dev.agentloop.core.event.BreakerTripped;
import dev.agentloop.core.event.BreakerWarning;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import dev.agentloop.core.testing.RecordingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each trip reason, produced by a scripted run with a fake clock; no sleeps. */
class BreakerTest {

    @TempDir
    Path root;

    private final RecordingListener events = new RecordingListener();
    private final RecordingFailureMemory memory = new RecordingFailureMemory();
    private final MutableClock clock = MutableClock.atEpoch();

    /** A model that always fails the tests differently, so only the limit under test can stop it. */
    private ScriptedChatModel.Builder endlessModel() {
        return Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"))
                .respond(Role.REFLECTOR, Scripts.REFLECTION)
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST);
    }

    private FakeSandbox differentFailuresEachTime() {
        FakeSandbox sandbox = new FakeSandbox();
        for (int i = 0; i < 50; i++) {
            sandbox.thenReport(FakeSandbox.failing("test_case_" + (char) ('a' + i % 26) + (i / 26), "assert wrong"));
        }
        return sandbox;
    }

    private AgentResult run(
            ScriptedChatModel model, FakeSandbox sandbox, AgentConfig config, ClarificationHandler person) {
        Agent.Builder builder = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(clock)
                .config(config)
                .workspaceRoot(root);
        if (person != null) {
            builder.clarificationHandler(person);
        }
        return builder.build().run(Task.of("add two numbers"));
    }

    private static AgentResult.Stopped stopped(AgentResult result) {
        assertThat(result).isInstanceOf(AgentResult.Stopped.class);
        return (AgentResult.Stopped) result;
    }

    @Test
    void stopsAtTheIterationLimitAndWarnsBeforeIt() {
        AgentConfig config = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder()
                        .maxIterations(4)
                        .warnAtRemaining(2)
                        .build())
                .build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), differentFailuresEachTime(), config, null));

        assertThat(result.reason()).isEqualTo(StopReason.ITERATION_LIMIT);
        assertThat(result.detail()).isEqualTo("4 of 4 iterations used without passing tests");
        assertThat(result.iterations()).isEqualTo(4);
        assertThat(events.of(BreakerWarning.class))
                .extracting(BreakerWarning::iteration)
                .containsExactly(3, 4);
        assertThat(events.of(BreakerTripped.class))
                .singleElement()
                .extracting(BreakerTripped::reason)
                .isEqualTo(StopReason.ITERATION_LIMIT);
    }

    @Test
    void theModelIsToldHowManyTriesRemain() {
        ScriptedChatModel model = endlessModel().build();
        AgentConfig config = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder()
                        .maxIterations(3)
                        .warnAtRemaining(1)
                        .build())
                .build();

        run(model, differentFailuresEachTime(), config, null);

        List<String> coderPrompts = model.requests(Role.CODER).stream()
                .map(r -> r.messages().get(r.messages().size() - 1).toString())
                .toList();
        assertThat(coderPrompts.get(0)).doesNotContain("attempt(s) remain");
        assertThat(coderPrompts.get(2)).contains("Only 1 attempt(s) remain");
    }

    @Test
    void repeatedSignatureEscalatesThenTripsWithoutAPerson() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        AgentConfig config = AgentConfig.builder().maxIterations(10).build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), sandbox, config, null));

        assertThat(result.reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED);
        assertThat(result.detail()).contains("4 times in a row", "assert <n> == <n>", "test_solution.py::test_add");
        assertThat(events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(BreakerEscalated.Step.NEW_HYPOTHESIS, BreakerEscalated.Step.REPLAN);
        assertThat(result.iterations()).isEqualTo(4);
    }

    @Test
    void asksThePersonBeforeStoppingWhenAHandlerIsPresent() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        List<String> asked = new ArrayList<>();
        ScriptedChatModel model = endlessModel().build();

        AgentConfig fiveRepeats = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder().sameFailureLimit(5).build())
                .build();

        AgentResult.Stopped result = stopped(run(model, sandbox, fiveRepeats, (q, s) -> {
            asked.add(q);
            return Optional.of("try using the + operator");
        }));

        assertThat(result.reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED);
        assertThat(events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(
                        BreakerEscalated.Step.NEW_HYPOTHESIS,
                        BreakerEscalated.Step.REPLAN,
                        BreakerEscalated.Step.ASK_PERSON);
        assertThat(asked).singleElement().asString().contains("4 times in a row");
        assertThat(result.iterations()).isEqualTo(5);
        assertThat(model.requests(Role.PLANNER)).hasSize(2);
        assertThat(model.requests(Role.PLANNER).get(1).messages().toString()).contains("iteration 3: AssertionError");
        assertThat(model.requests(Role.CODER).get(4).messages().toString()).contains("try using the + operator");
    }

    @Test
    void aStuckRunStopsAsStuckBeforeTheIterationLimitEvenWithAPerson() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        List<String> asked = new ArrayList<>();
        AgentConfig config = AgentConfig.builder().maxIterations(4).build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), sandbox, config, (q, s) -> {
            asked.add(q);
            return Optional.empty();
        }));

        assertThat(result.reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED);
        assertThat(result.iterations()).isEqualTo(4);
        assertThat(events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(BreakerEscalated.Step.NEW_HYPOTHESIS, BreakerEscalated.Step.ASK_PERSON);
        assertThat(asked).hasSize(1);
    }

    @Test
    void theLadderFitsInsideASmallLimit() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        AgentConfig config = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder().sameFailureLimit(3).build())
                .build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), sandbox, config, null));

        assertThat(result.reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED);
        assertThat(result.detail()).contains("3 times in a row");
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(BreakerEscalated.Step.NEW_HYPOTHESIS);
    }

    @Test
    void withoutEscalationTripsAtTheLimit() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        AgentConfig config = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder()
                        .escalation(false)
                        .sameFailureLimit(3)
                        .build())
                .build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), sandbox, config, null));

        assertThat(result.reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(events.of(BreakerEscalated.class)).isEmpty();
    }

    @Test
    void aTokenBudgetIsNeverExceededByMoreThanOneCall() {
        long budget = 9_000;
        int maxOutput = 500;
        ScriptedChatModel.Builder model =
                ScriptedChatModel.builder().onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST);
        // every call reports 700 prompt tokens and 300 completion tokens
        model.reply(Role.REPROMPTER, new ScriptedChatModel.Reply(Scripts.SPEC, 700, 300));
        model.reply(Role.PLANNER, new ScriptedChatModel.Reply(Scripts.PLAN, 700, 300));
        model.reply(Role.TESTER, new ScriptedChatModel.Reply(Scripts.TESTS, 700, 300));
        model.reply(Role.CODER, new ScriptedChatModel.Reply(Scripts.code("a - b"), 700, 300));
        model.reply(Role.REFLECTOR, new ScriptedChatModel.Reply(Scripts.REFLECTION, 700, 300));
        AgentConfig config = AgentConfig.builder()
                .maxOutputTokens(maxOutput)
                .breaker(CircuitBreakerConfig.builder()
                        .maxIterations(50)
                        .tokenBudget(budget)
                        .build())
                .build();

        AgentResult.Stopped result = stopped(run(model.build(), differentFailuresEachTime(), config, null));

        assertThat(result.reason()).isEqualTo(StopReason.TOKEN_BUDGET);
        assertThat(result.detail()).contains("of 9000 tokens used");
        long used = events.of(ModelCalled.class).stream()
                .mapToLong(e -> e.inputTokens() + e.outputTokens())
                .sum();
        assertThat(used).isEqualTo(result.tokens());
        assertThat(used).isLessThanOrEqualTo(budget + 1_000);
        assertThat(budget - used).isLessThan(1_000 + 700 + maxOutput);
    }

    @Test
    void aCostBudgetStopsBeforeTheCallThatCouldExceedIt() {
        ScriptedChatModel.Builder model = endlessModel();
        AgentConfig config = AgentConfig.builder()
                .price(ScriptedChatModel.MODEL_NAME, ModelPrice.of(1.0, 2.0))
                .price("unknown", ModelPrice.of(1.0, 2.0))
                .maxOutputTokens(100)
                .breaker(CircuitBreakerConfig.builder()
                        .maxIterations(50)
                        .costBudget(5.0)
                        .build())
                .build();

        AgentResult.Stopped result = stopped(run(model.build(), differentFailuresEachTime(), config, null));

        assertThat(result.reason()).isEqualTo(StopReason.COST_BUDGET);
        assertThat(result.cost()).isPositive().isLessThanOrEqualTo(5.0);
        assertThat(result.detail()).contains("of 5.0000 spent");
    }

    @Test
    void theDeadlineStopsTheRunByTheFakeClock() {
        FakeSandbox sandbox = differentFailuresEachTime().onRunTests(r -> clock.advance(Duration.ofMinutes(2)));
        AgentConfig config = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder()
                        .maxIterations(50)
                        .deadline(Duration.ofMinutes(5))
                        .build())
                .build();

        AgentResult.Stopped result = stopped(run(endlessModel().build(), sandbox, config, null));

        assertThat(result.reason()).isEqualTo(StopReason.DEADLINE);
        assertThat(result.detail()).isEqualTo("ran 6m of a 5m deadline");
        assertThat(result.iterations()).isEqualTo(3);
    }

    @Test
    void cancellingFromAnotherThreadStopsTheRun() {
        ScriptedChatModel model = endlessModel().build();
        CompletableFuture<AgentRun> handle = new CompletableFuture<>();
        FakeSandbox sandbox =
                differentFailuresEachTime().onRunTests(r -> handle.join().cancel());
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(clock)
                .workspaceRoot(root)
                .build();

        handle.complete(agent.start(Task.of("add")));
        AgentResult.Stopped result = stopped(handle.join().await());

        assertThat(result.reason()).isEqualTo(StopReason.CANCELLED);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(sandbox.lastSession().closed()).isTrue();
        assertThat(memory.completions())
                .singleElement()
                .extracting(c -> c.reason())
                .asString()
                .startsWith("CANCELLED");
        assertThat(events.of(BreakerTripped.class)).isEmpty();
    }

    @Test
    void aCancelThatSurfacesAsASandboxErrorRecordsTheLastIterationAsCancelled() {
        ScriptedChatModel model = endlessModel().build();
        CompletableFuture<AgentRun> handle = new CompletableFuture<>();
        // the sandbox call is interrupted by the cancel and fails, as a real container call does
        FakeSandbox sandbox = differentFailuresEachTime().onRunTests(r -> {
            handle.join().cancel();
            throw new SandboxException("running the tests was interrupted");
        });
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(clock)
                .workspaceRoot(root)
                .build();

        handle.complete(agent.start(Task.of("add")));
        AgentResult.Stopped result = stopped(handle.join().await());

        assertThat(result.reason()).isEqualTo(StopReason.CANCELLED);
        assertThat(memory.iterations())
                .singleElement()
                .extracting(IterationRecord::outcome)
                .isEqualTo(IterationOutcome.CANCELLED);
        assertThat(events.of(IterationFinished.class))
                .singleElement()
                .extracting(IterationFinished::outcome)
                .isEqualTo(IterationOutcome.CANCELLED);
    }
}
