package dev.agentloop.cli.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModeApprovalHandlerTest {

    final List<String> asked = new ArrayList<>();

    private Optional<Prompter> answering(String answer) {
        return Optional.of(q -> {
            asked.add(q);
            return Optional.of(answer);
        });
    }

    private static ApprovalRequest request(ApprovalKind kind) {
        return new ApprovalRequest(UUID.randomUUID(), kind, "requests", "not on the allow-list");
    }

    @Test
    void supervisedAsksForDependenciesAndRiskyCommandsOnly() {
        ModeApprovalHandler handler = new ModeApprovalHandler(Mode.SUPERVISED, false, answering("y"));
        assertThat(handler.decide(request(ApprovalKind.PHASE)).decidedBy()).isEqualTo("policy:supervised");
        assertThat(asked).isEmpty();
        ApprovalDecision dependency = handler.decide(request(ApprovalKind.DEPENDENCY));
        assertThat(dependency.approved()).isTrue();
        assertThat(dependency.decidedBy()).isEqualTo("user");
        assertThat(asked).singleElement().asString().contains("dependency 'requests'", "[y/N]");
        handler.decide(request(ApprovalKind.RISKY_COMMAND));
        assertThat(asked).hasSize(2);
    }

    @Test
    void manualAsksBeforeEveryPhase() {
        ModeApprovalHandler handler = new ModeApprovalHandler(Mode.MANUAL, false, answering("n"));
        ApprovalDecision phase = handler.decide(request(ApprovalKind.PHASE));
        assertThat(phase.approved()).isFalse();
        assertThat(asked).hasSize(1);
    }

    @Test
    void autonomousAsksNothingAndDeniesWhatWouldNeedAsking() {
        ModeApprovalHandler handler = new ModeApprovalHandler(Mode.AUTONOMOUS, true, answering("y"));
        assertThat(handler.decide(request(ApprovalKind.DEPENDENCY)).approved()).isFalse();
        assertThat(handler.decide(request(ApprovalKind.PHASE)).approved()).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void yesAnswersWhereTheModeWouldAsk() {
        ModeApprovalHandler handler = new ModeApprovalHandler(Mode.MANUAL, true, answering("n"));
        assertThat(handler.decide(request(ApprovalKind.PHASE)).decidedBy()).isEqualTo("--yes");
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutATerminalTheAnswerIsNoWithAHint() {
        ModeApprovalHandler handler = new ModeApprovalHandler(Mode.SUPERVISED, false, Optional.empty());
        ApprovalDecision d = handler.decide(request(ApprovalKind.DEPENDENCY));
        assertThat(d.approved()).isFalse();
        assertThat(d.note()).contains("--yes");
    }

    @Test
    void clarificationPicksASuggestionByNumberOrLetsTheLoopAssume() {
        assertThat(new PromptClarificationHandler(q -> Optional.of("2")).ask("Which?", List.of("a", "b")))
                .contains("b");
        assertThat(new PromptClarificationHandler(q -> Optional.of("")).ask("Which?", List.of("a")))
                .isEmpty();
        assertThat(new PromptClarificationHandler(q -> Optional.of("utf-8")).ask("Encoding?", List.of()))
                .contains("utf-8");
    }
}
