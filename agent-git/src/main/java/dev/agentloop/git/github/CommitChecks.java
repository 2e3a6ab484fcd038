package dev.agentloop.git.github;

import java.util.List;
import java.util.Objects;

/**
 * GitHub's checks of one commit: the latest commit status of each context and every check run, as one state.
 *
 * @param sha the commit
 * @param state failed when any failed, else pending when any is unfinished, else passed; none when there is none
 * @param checks each check as {@code name: state}, e.g. {@code ci/build: success}, in GitHub's order
 */
public record CommitChecks(String sha, CheckState state, List<String> checks) {

    /**
     * Checks the components and copies the list.
     *
     * @param sha the commit
     * @param state the checks' state
     * @param checks each check as {@code name: state}
     */
    public CommitChecks {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(state, "state");
        checks = List.copyOf(checks);
    }

    /** {@return the commit's short id and its checks, e.g. {@code 1a2b3c4 (ci/build: success)}} */
    public String describe() {
        String shortSha = sha.length() > 7 ? sha.substring(0, 7) : sha;
        return checks.isEmpty() ? shortSha : shortSha + " (" + String.join(", ", checks) + ")";
    }
}
