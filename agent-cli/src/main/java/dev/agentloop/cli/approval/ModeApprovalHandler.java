package dev.agentloop.cli.approval;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Approvals per {@link Mode}: manual asks before every phase and before what supervised asks about; supervised
 * asks before a dependency outside the allow-list or a risky command; autonomous asks nothing and denies what
 * would need asking. {@code --yes} answers yes where the mode would ask. Without a terminal to ask on, the answer
 * is no, with a note saying how to approve.
 */
public final class ModeApprovalHandler implements ApprovalHandler {

    private final Mode mode;
    private final boolean yes;
    private final Optional<Prompter> prompter;

    /**
     * @param mode the mode
     * @param yes the {@code --yes} flag
     * @param prompter where to ask a person; empty when nobody can answer (pipes, CI)
     */
    public ModeApprovalHandler(Mode mode, boolean yes, Optional<Prompter> prompter) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.yes = yes;
        this.prompter = Objects.requireNonNull(prompter, "prompter");
    }

    @Override
    public ApprovalDecision decide(ApprovalRequest request) {
        boolean wouldAsk = request.kind() == ApprovalKind.PHASE ? mode == Mode.MANUAL : mode != Mode.AUTONOMOUS;
        if (!wouldAsk) {
            if (mode == Mode.AUTONOMOUS && request.kind() != ApprovalKind.PHASE) {
                return ApprovalDecision.deny(
                        "policy:autonomous", "autonomous mode denies what would need asking; use --mode supervised");
            }
            return ApprovalDecision.approve("policy:" + mode.id());
        }
        if (yes) {
            return ApprovalDecision.approve("--yes");
        }
        if (prompter.isEmpty()) {
            return ApprovalDecision.deny("default", "nobody to ask (not a terminal); pass --yes to approve");
        }
        String question =
                "Approve " + request.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '"
                        + request.subject() + "'" + (request.reason().isBlank() ? "" : " (" + request.reason() + ")")
                        + "? [y/N] ";
        Optional<String> answer = prompter.get().ask(question);
        boolean approved = answer.map(a -> a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes"))
                .orElse(false);
        return approved
                ? ApprovalDecision.approve("user")
                : ApprovalDecision.deny("user", answer.isEmpty() ? "no answer" : "");
    }
}
