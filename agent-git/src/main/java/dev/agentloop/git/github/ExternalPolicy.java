package dev.agentloop.git.github;

/**
 * A merge policy kept outside the agent (an OPA endpoint), asked with the same {@link MergeInput#document()} as the
 * local policy. A change merges only when both allow it.
 */
public interface ExternalPolicy {

    /**
     * Asks. Never throws: a policy that cannot be asked denies, saying why (a merge fails closed).
     *
     * @param input the decision's input
     * @return the verdict with its reasons, never null
     */
    ExternalVerdict ask(MergeInput input);

    /**
     * No external policy: every change is allowed by it, and nothing is said.
     *
     * @return a policy that is never asked
     */
    static ExternalPolicy none() {
        return input -> ExternalVerdict.NOT_ASKED;
    }
}
