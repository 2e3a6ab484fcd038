package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import dev.agentloop.core.testing.RecordingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual mode: the approval handler is asked before every phase, and each decision is recorded once. */
class ManualModeTest {

    @TempDir
    Path root;

    private final RecordingListener events = new RecordingListener();
    private final RecordingFailureMemory memory = new RecordingFailureMemory();

    private AgentResult run(ApprovalHandler approvals) {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();
        return Agent.builder()
                .chatModel(model)
                .sandbox(new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .memory(memory)
                .listener(events)
                .clock(MutableClock.atEpoch())
                .config(AgentConfig.builder().phaseApproval(true).build())
                .approvalHandler(approvals)
                .workspaceRoot(root)
                .build()
                .run(Task.of("add"));
    }

    @Test
    void eachPhaseIsApprovedOnceAndRecordedOnce() {
        AgentResult result = run(ApprovalHandler.approveAll("tester"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        List<String> asked = List.of("PLAN", "CODE", "TEST");
        assertThat(events.of(PhaseEntered.class))
                .extracting(e -> e.phase().name())
                .containsExactly("INIT", "PLAN", "CODE", "TEST", "DONE");
        assertThat(memory.approvals())
                .extracting(ApprovalRecord::request)
                .allMatch(r -> r.kind() == ApprovalKind.PHASE)
                .extracting(r -> r.subject())
                .containsExactlyElementsOf(asked);
        assertThat(events.of(ApprovalDecided.class))
                .extracting(e -> e.request().subject())
                .containsExactlyElementsOf(asked);
    }

    @Test
    void aDeniedPhaseStopsTheRunAsCancelledNamingThePhase() {
        AgentResult result = run(request -> request.subject().equals("CODE")
                ? ApprovalDecision.deny("tester", "not now")
                : ApprovalDecision.approve("tester"));

        assertThat(result).isInstanceOf(AgentResult.Stopped.class);
        AgentResult.Stopped stopped = (AgentResult.Stopped) result;
        assertThat(stopped.reason()).isEqualTo(StopReason.CANCELLED);
        assertThat(stopped.detail()).isEqualTo("entering CODE was not approved");
        assertThat(memory.approvals())
                .extracting(a -> a.request().subject() + " " + a.decision().approved())
                .containsExactly("PLAN true", "CODE false");
    }

    @Test
    void anApprovalHandlerThatThrowsDeniesThePhase() {
        AgentResult result = run(request -> {
            throw new IllegalStateException("terminal closed");
        });

        assertThat(result).isInstanceOf(AgentResult.Stopped.class);
        assertThat(((AgentResult.Stopped) result).detail()).isEqualTo("entering PLAN was not approved");
        assertThat(memory.approvals()).singleElement().satisfies(a -> {
            assertThat(a.decision().approved()).isFalse();
            assertThat(a.decision().note()).contains("terminal closed");
        });
    }

    @Test
    void aSandboxApprovalIsStoredOnceAndLeftToTheSandboxToPublish() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        sandbox.onRunTests(request -> sandbox.lastSession()
                .spec()
                .approvals()
                .decide(new ApprovalRequest(
                        sandbox.lastSession().spec().taskId(), ApprovalKind.DEPENDENCY, "requests", "not allowed")));
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();

        AgentResult result = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .listener(events)
                .clock(MutableClock.atEpoch())
                .approvalHandler(ApprovalHandler.approveAll("tester"))
                .workspaceRoot(root)
                .build()
                .run(Task.of("add"));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(memory.approvals())
                .extracting(a -> a.request().subject() + " " + a.decision().decidedBy())
                .containsExactly("requests tester");
        assertThat(events.of(ApprovalDecided.class)).isEmpty();
    }
}
