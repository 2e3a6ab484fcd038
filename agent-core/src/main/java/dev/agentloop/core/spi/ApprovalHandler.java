package dev.agentloop.core.spi;

/**
 * Decides what needs a person's approval: dependencies outside the allow-list, risky commands, phases in manual
 * mode. Called on the loop's thread; may block while a person answers.
 */
@FunctionalInterface
public interface ApprovalHandler {

    /**
     * Decides one request; called on the run's thread, which waits for the answer.
     *
     * @param request what needs an approval and why
     * @return the decision, never null
     */
    ApprovalDecision decide(ApprovalRequest request);

    /**
     * Denies everything: what happens when no handler is configured.
     *
     * @return a handler that denies every request
     */
    static ApprovalHandler denyAll() {
        return request -> ApprovalDecision.deny("default", "no approval handler is configured");
    }

    /**
     * Approves everything (the CLI's {@code --yes}).
     *
     * @param decidedBy who is recorded as having approved
     * @return a handler that approves every request
     */
    static ApprovalHandler approveAll(String decidedBy) {
        return request -> ApprovalDecision.approve(decidedBy);
    }
}
