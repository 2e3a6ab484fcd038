package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.model.ReplayChatModel;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.ScanSeverity;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import dev.agentloop.core.testing.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad model output, broken memory and listeners, sandbox failures, record/replay: the run always ends cleanly. */
class RobustnessTest {

    @TempDir
    Path root;

    private final RecordingListener events = new RecordingListener();
    private final RecordingFailureMemory memory = new RecordingFailureMemory();

    private Agent.Builder agent(ScriptedChatModel model, FakeSandbox sandbox) {
        return Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sure! Here is the code you asked for.",
                "{\"changes\": []}",
                "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):",
                "",
            })
    void malformedCoderOutputGetsOneRepairThenCountsAsAnIteration(String bad) {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, bad, bad, Scripts.code("a + b"))
                .build();
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));

        AgentResult result = agent(model, sandbox).build().run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(memory.iterations())
                .extracting(r -> r.outcome())
                .containsExactly(IterationOutcome.INVALID_MODEL_OUTPUT, IterationOutcome.PASSED);
        assertThat(memory.iterations().get(0).summary()).startsWith("The coder's answer was not the JSON asked for");
        List<String> repair = model.requests(Role.CODER).get(1).messages().stream()
                .map(Object::toString)
                .toList();
        assertThat(repair.get(repair.size() - 1)).contains("Your last answer could not be used");
        assertThat(model.requests(Role.CODER).get(2).messages().toString())
                .contains("Your last answer could not be used");
    }

    @Test
    void aRepairedAnswerIsUsedInTheSameIteration() {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, "```json\n{\"edits\": []}\n```", Scripts.code("a + b"))
                .build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(model.requests(Role.CODER).get(1).messages().toString())
                .contains("field \\\"edits\\\" must not be an empty list".replace("\\\"", "\""));
    }

    @Test
    void anEditEscapingTheWorkspaceIsBlockedAndFedBack() {
        ScriptedChatModel model = Scripts.basics()
                .respond(
                        Role.CODER,
                        "{\"edits\": [{\"path\": \"../../etc/cron.d/x\", \"content\": \"boom\"}]}",
                        Scripts.code("a + b"))
                .build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(memory.iterations().get(0).outcome()).isEqualTo(IterationOutcome.BLOCKED);
        assertThat(memory.iterations().get(0).summary()).contains("'../../etc/cron.d/x'");
        assertThat(model.requests(Role.CODER).get(1).messages().toString()).contains("'../../etc/cron.d/x'");
    }

    @Test
    void aBlockingScanFindingSendsTheLoopBackToCodeBeforeTheTestsRun() {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("eval('a+b')"), Scripts.code("a + b"))
                .build();
        FakeSandbox sandbox = new FakeSandbox()
                .thenScan(List.of(new ScanFinding("python.eval", ScanSeverity.HIGH, "solution.py", 2, "eval()", true)))
                .thenReport(FakeSandbox.passing(1));

        AgentResult result = agent(model, sandbox).build().run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(memory.iterations())
                .extracting(r -> r.outcome())
                .containsExactly(IterationOutcome.BLOCKED, IterationOutcome.PASSED);
        assertThat(sandbox.lastSession().testRequests()).hasSize(1);
        assertThat(model.requests(Role.CODER).get(1).messages().toString()).contains("python.eval");
    }

    @Test
    void aBlockingReviewFindingSendsTheLoopBackToCode() {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"), Scripts.code("a + b"))
                .respond(
                        Role.REVIEWER,
                        "{\"approved\": false, \"findings\": [{\"severity\": \"high\", \"blocking\": true, \"message\": \"subtracts\"}]}",
                        "{\"approved\": true, \"findings\": []}")
                .respond(Role.AUDITOR, "{\"findings\": []}")
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                .build();
        AgentConfig config =
                AgentConfig.builder().enableReview(true).enableAudit(true).build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .config(config)
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(memory.iterations())
                .extracting(r -> r.outcome())
                .containsExactly(IterationOutcome.REJECTED_BY_REVIEW, IterationOutcome.PASSED);
        assertThat(model.requests(Role.CODER).get(1).messages().toString()).contains("subtracts");
        assertThat(model.requests(Role.AUDITOR)).hasSize(1);
    }

    @Test
    void aBlockingAuditFindingIsRecordedAsBlockedAndSendsTheLoopBackToCode() {
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"), Scripts.code("a + b"))
                .respond(
                        Role.AUDITOR,
                        "{\"findings\": [{\"category\": \"secrets\", \"severity\": \"high\", \"blocking\": true,"
                                + " \"message\": \"a key in the code\"}]}",
                        "{\"findings\": []}")
                .build();
        AgentConfig config = AgentConfig.builder().enableAudit(true).build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .config(config)
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(memory.iterations())
                .extracting(r -> r.outcome())
                .containsExactly(IterationOutcome.BLOCKED, IterationOutcome.PASSED);
        assertThat(memory.iterations().get(0).summary()).contains("audit blocked: a key in the code");
        assertThat(model.requests(Role.CODER).get(1).messages().toString()).contains("a key in the code");
    }

    @Test
    void aModelEndpointThatRateLimitsFailsTheRunAsRetriable() {
        AgentResult result = agent(Scripts.basics().build(), new FakeSandbox())
                .chatModel(Role.CODER, failingWith(new dev.langchain4j.exception.RateLimitException("429 slow down")))
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        AgentResult.Failed failed = (AgentResult.Failed) result;
        assertThat(failed.retriable()).isTrue();
        assertThat(failed.cause()).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.role()).isEqualTo(Role.CODER);
        });
        assertThat(failed.message()).startsWith("coder: The model endpoint kept answering 429");
    }

    @Test
    void aRejectedApiKeyFailsTheRunAsNotRetriable() {
        AgentResult result = agent(Scripts.basics().build(), new FakeSandbox())
                .chatModel(Role.CODER, failingWith(new dev.langchain4j.exception.AuthenticationException("401")))
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        assertThat(((AgentResult.Failed) result).retriable()).isFalse();
        assertThat(((AgentResult.Failed) result).cause())
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.retriable()).isFalse());
    }

    private static dev.langchain4j.model.chat.ChatModel failingWith(RuntimeException error) {
        return new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(
                    dev.langchain4j.model.chat.request.ChatRequest request) {
                throw error;
            }
        };
    }

    @Test
    void aMemoryThatThrowsNeverKillsTheRun() {
        memory.breakDown();
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"), Scripts.code("a + b"))
                .respond(Role.REFLECTOR, Scripts.REFLECTION)
                .build();
        FakeSandbox sandbox =
                new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"), FakeSandbox.passing(1));

        AgentResult result = agent(model, sandbox).build().run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(events.of(AgentWarning.class))
                .isNotEmpty()
                .allMatch(w -> w.source().equals("memory"));
    }

    @Test
    void aListenerThatThrowsFirstSilencesNoListenerAfterIt() {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();
        RecordingListener after = new RecordingListener();

        AgentResult result = Agent.builder()
                .chatModel(model)
                .sandbox(new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .memory(memory)
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(after)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root)
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(after.names()).first().isEqualTo("RunStarted");
        assertThat(after.names()).last().isEqualTo("RunFinished");
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheRun() {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(events.names()).last().isEqualTo("RunFinished");
    }

    @Test
    void aSandboxFailureFailsTheRunWithOneSentenceAndTheCloseErrorSuppressed() {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();
        FakeSandbox sandbox = new FakeSandbox().failOnClose(new SandboxException("container already gone"));

        AgentResult result = agent(model, sandbox).build().run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        AgentResult.Failed failed = (AgentResult.Failed) result;
        assertThat(failed.message()).isEqualTo("The sandbox failed: FakeSandbox has no scripted test report");
        assertThat(failed.cause().getSuppressed())
                .singleElement()
                .extracting(Throwable::getMessage)
                .isEqualTo("container already gone");
        assertThat(memory.completions())
                .singleElement()
                .extracting(c -> c.status().name())
                .isEqualTo("FAILED");
    }

    @Test
    void aScriptThatRunsOutFailsTheRunNamingTheRole() {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a - b")).build();
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));

        AgentResult result = agent(model, sandbox).build().run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        assertThat(((AgentResult.Failed) result).message()).contains("reflector");
        assertThat(((AgentResult.Failed) result).cause())
                .isExactlyInstanceOf(ModelException.class)
                .extracting(e -> ((ModelException) e).role())
                .isEqualTo(Role.REFLECTOR);
    }

    @Test
    void aFailureInsideTheLoopEndsWithAPublicExceptionType() throws IOException {
        Path prompts = Files.createDirectories(root.resolve("prompts"));
        Files.writeString(prompts.resolve("coder.md"), "{{task}} {{secret_sauce}}");
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();
        AgentConfig config = AgentConfig.builder().promptFolder(prompts).build();

        AgentResult result = agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .config(config)
                .workspaceRoot(root.resolve("workspaces"))
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        Throwable cause = ((AgentResult.Failed) result).cause();
        assertThat(cause.getClass().getName()).doesNotContain(".internal.");
        assertThat(cause).isInstanceOf(AgentException.class).hasMessageContaining("{{secret_sauce}}");
    }

    @Test
    void openQuestionsWithoutAHandlerBecomeRecordedAssumptions() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .respond(
                        Role.REPROMPTER,
                        "{\"goal\": \"add\", \"open_questions\": [{\"question\": \"Floats too?\","
                                + " \"suggestions\": [\"yes\"], \"assumption\": \"integers only\"}]}")
                .respond(Role.PLANNER, Scripts.PLAN)
                .respond(Role.TESTER, Scripts.TESTS)
                .respond(Role.CODER, Scripts.code("a + b"))
                .build();

        agent(model, new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .build()
                .run(Task.of("add"));

        assertThat(events.of(AgentWarning.class))
                .extracting(AgentWarning::message)
                .anyMatch(m -> m.contains("Floats too? -> integers only"));
        assertThat(model.requests(Role.PLANNER).get(0).messages().toString()).contains("Assumptions", "integers only");
    }

    @Test
    void aRecordedRunReplaysDeterministicallyAndADivergenceNamesTheStep() throws IOException {
        UUID id = UUID.randomUUID();
        Path trajectory = root.resolve("trajectories").resolve(id + ".jsonl");
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a - b"), Scripts.code("a + b"))
                .respond(
                        Role.REFLECTOR,
                        "{\"diagnosis\": \"uses sk-abcdefghijklmnopqrstuvwx\", \"next_step\": \"plus\"}")
                .build();
        AgentResult recorded = agent(model, twoStep())
                .recordTrajectories(root.resolve("trajectories"))
                .build()
                .run(Task.of("add").withId(id));
        assertThat(recorded).isInstanceOf(AgentResult.Solved.class);
        List<String> lines = Files.readAllLines(trajectory);
        assertThat(lines).hasSize(model.requests().size());
        assertThat(String.join("\n", lines))
                .doesNotContain("sk-abcdefghijklmnopqrstuvwx")
                .contains("[REDACTED sk-key]");

        ReplayChatModel replay = ReplayChatModel.fromFile(trajectory);
        AgentResult replayed = Agent.builder()
                .chatModel(replay)
                .sandbox(twoStep())
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root.resolve("replay"))
                .build()
                .run(Task.of("add").withId(id));
        assertThat(replayed).isInstanceOf(AgentResult.Solved.class);
        assertThat(((AgentResult.Solved) replayed).files()).isEqualTo(((AgentResult.Solved) recorded).files());
        assertThat(replay.replayed()).isEqualTo(replay.size());

        AgentResult diverged = Agent.builder()
                .chatModel(ReplayChatModel.fromFile(trajectory))
                .sandbox(twoStep())
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root.resolve("diverged"))
                .build()
                .run(Task.of("subtract").withId(id));
        assertThat(diverged).isInstanceOf(AgentResult.Failed.class);
        assertThat(((AgentResult.Failed) diverged).message())
                .startsWith("reprompter: Replay diverged at step 1")
                .contains("recorded reprompter request", "but the run sent reprompter request", "add", "subtract");
    }

    @Test
    void eachRunOfOneAgentRecordsItsOwnTrajectory() throws IOException {
        Path folder = root.resolve("trajectories");
        ScriptedChatModel model = Scripts.basics()
                .respond(Role.CODER, Scripts.code("a + b"))
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                .build();
        Agent agent = agent(
                        model,
                        new FakeSandbox()
                                .thenReport(FakeSandbox.passing(1), FakeSandbox.passing(1), FakeSandbox.passing(1)))
                .recordTrajectories(folder)
                .build();
        Task first = Task.of("add");
        Task second = Task.of("add, again");

        agent.run(first);
        int firstLines =
                Files.readAllLines(folder.resolve(first.id() + ".jsonl")).size();
        agent.run(second);
        agent.run(first.withId(first.id()));

        assertThat(Files.readAllLines(folder.resolve(first.id() + ".jsonl")))
                .as("the first run's file, untouched by the runs after it")
                .hasSize(firstLines)
                .isNotEmpty();
        assertThat(String.join("\n", Files.readAllLines(folder.resolve(second.id() + ".jsonl"))))
                .contains("add, again");
        assertThat(folder.resolve(first.id() + "-2.jsonl"))
                .as("a rerun of the same task")
                .exists();
    }

    private static FakeSandbox twoStep() {
        return new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"), FakeSandbox.passing(1));
    }
}
