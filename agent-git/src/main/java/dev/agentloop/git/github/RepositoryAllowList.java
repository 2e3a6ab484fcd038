package dev.agentloop.git.github;

import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.AuditTrail;
import java.time.Clock;
import java.util.List;

/**
 * The repositories the agent may work on ({@code github.allowed-repos}): {@code owner/name} patterns where {@code *}
 * is any run of characters, case-insensitive.
 */
public final class RepositoryAllowList {

    private final List<String> patterns;

    /** @param patterns e.g. {@code octo/*}, {@code acme/widgets}; {@code *} allows any */
    public RepositoryAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * {@return true when {@code repo} matches a pattern}
     *
     * @param repo the repository
     */
    public boolean allows(RepoName repo) {
        return repo.matchesAny(patterns);
    }

    /**
     * Refuses a repository outside the list, recording the refusal (as a refused issue read of {@code target}) before
     * GitHub is asked anything.
     *
     * @param repo the repository
     * @param target what the refusal is recorded against, e.g. {@code issue 7} or {@code watch}
     * @param audit where the refusal is recorded
     * @param clock tells the time of the record
     * @param actor who would have acted; empty when not known yet
     * @throws GitHubException ({@link GitHubFailure#NOT_ALLOWED}) naming the repository and the setting
     */
    public void require(RepoName repo, String target, AuditTrail audit, Clock clock, String actor) {
        if (allows(repo)) {
            return;
        }
        String why = repo + " is not in github.allowed-repos (" + String.join(", ", patterns) + ")";
        audit.record(new AuditEntry(
                clock.instant(), actor, AuditAction.ISSUE_READ, repo.toString(), target, AuditResult.REFUSED, why, 0));
        throw new GitHubException(
                GitHubFailure.NOT_ALLOWED, "The repository " + why + "; add it there to let the agent work on it.");
    }
}
