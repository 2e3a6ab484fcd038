package dev.agentloop.git.github;

import java.util.List;

/**
 * The merge policy's decision.
 *
 * @param verdict merge or leave open
 * @param reasons every check's outcome and the mode's rule, in order
 */
public record PolicyDecision(MergeVerdict verdict, List<String> reasons) {

    /**
     * Copies the reasons.
     *
     * @param verdict merge or leave open
     * @param reasons every check's outcome and the mode's rule, in order
     */
    public PolicyDecision {
        reasons = List.copyOf(reasons);
    }
}
