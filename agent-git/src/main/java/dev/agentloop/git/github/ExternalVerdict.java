package dev.agentloop.git.github;

import java.util.List;

/**
 * What an {@link ExternalPolicy} answered.
 *
 * @param allow whether it allows the merge
 * @param reasons its reasons, one line each (the first names the policy); empty when none was asked
 */
public record ExternalVerdict(boolean allow, List<String> reasons) {

    /** No external policy is configured. */
    public static final ExternalVerdict NOT_ASKED = new ExternalVerdict(true, List.of());

    /**
     * Copies the reasons.
     *
     * @param allow whether it allows the merge
     * @param reasons its reasons, one line each (the first names the policy); empty when none was asked
     */
    public ExternalVerdict {
        reasons = List.copyOf(reasons);
    }
}
