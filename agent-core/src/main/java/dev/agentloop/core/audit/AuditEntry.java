package dev.agentloop.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited action.
 *
 * @param at when
 * @param actor who acted (the token's login, or the local user)
 * @param action what kind of action
 * @param repository the repository, {@code owner/name}
 * @param target what it acted on, e.g. {@code issue 7}, {@code branch agentloop/issue-7-x}, {@code pull 12}
 * @param result how it ended
 * @param detail one line: a URL, the reasons of a decision, an error (never a secret)
 * @param cost what the action cost (a run's model calls, in the currency of the configured prices); 0 for most
 */
public record AuditEntry(
        Instant at,
        String actor,
        AuditAction action,
        String repository,
        String target,
        AuditResult result,
        String detail,
        double cost) {

    /**
     * Checks the components; a null actor, repository, target or detail becomes empty.
     *
     * @param at when
     * @param actor who acted (the token's login, or the local user)
     * @param action what kind of action
     * @param repository the repository, {@code owner/name}
     * @param target what it acted on, e.g. {@code issue 7}, {@code branch agentloop/issue-7-x}, {@code pull 12}
     * @param result how it ended
     * @param detail one line: a URL, the reasons of a decision, an error (never a secret)
     * @param cost what the action cost (a run's model calls, in the currency of the configured prices); 0 for most
     */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        actor = actor == null ? "" : actor;
        repository = repository == null ? "" : repository;
        target = target == null ? "" : target;
        detail = detail == null ? "" : detail;
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be a finite number >= 0, was " + cost);
        }
    }

    /**
     * An entry that cost nothing.
     *
     * @param at when
     * @param actor who acted
     * @param action what kind of action
     * @param repository the repository, {@code owner/name}
     * @param target what it acted on
     * @param result how it ended
     * @param detail one line, never a secret
     */
    public AuditEntry(
            Instant at,
            String actor,
            AuditAction action,
            String repository,
            String target,
            AuditResult result,
            String detail) {
        this(at, actor, action, repository, target, result, detail, 0);
    }
}
