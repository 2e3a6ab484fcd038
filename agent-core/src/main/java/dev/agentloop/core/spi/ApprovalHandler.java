package dev.agentloop.core.spi;

/**
 * Decides what needs a person's approval: dependencies outside the allow-list, risky commands, phases in manual
 * mode. Called on the loop's thread; may block while a person answers.
 */
@FunctionalInterface
public interface ApprovalHandler {

    ApprovalDecision decide(ApprovalRequest request);

    /** Denies everything: what happens when no handler is configured. */
    static ApprovalHandler denyAll() {
        return request -> ApprovalDecision.deny("default", "no approval handler is configured");
    }

    /** Approves everything (the CLI's {@code --yes}). */
    static ApprovalHandler approveAll(String decidedBy) {
        return request -> ApprovalDecision.approve(decidedBy);
    }
}
