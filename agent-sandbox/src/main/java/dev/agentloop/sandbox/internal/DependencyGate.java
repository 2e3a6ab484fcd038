package dev.agentloop.sandbox.internal;

import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.AllowedDependencies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the packages generated code uses against the allow-list; anything else is put to the task's
 * {@code ApprovalHandler} once per session (the default handler denies), and every decision is published as an
 * {@link ApprovalDecided} event so it is recorded.
 */
final class DependencyGate {

    private final SandboxSpec spec;
    private final AllowedDependencies allowed;
    private final Clock clock;
    private final Events events;
    private final Map<String, ApprovalDecision> decided = new LinkedHashMap<>();

    DependencyGate(SandboxSpec spec, AllowedDependencies allowed, Clock clock, Events events) {
        this.spec = spec;
        this.allowed = allowed;
        this.clock = clock;
        this.events = events;
    }

    /** A refusal explaining the first dependency that was not approved, or empty when all may be used. */
    Optional<String> check(List<SourceScan.DependencyUse> uses) {
        List<String> refused = new ArrayList<>();
        for (SourceScan.DependencyUse use : uses) {
            if (allowed.allows(spec.language(), spec.projectType(), use.name())) {
                continue;
            }
            ApprovalDecision decision = decided.computeIfAbsent(use.name(), name -> ask(use));
            if (!decision.approved()) {
                refused.add("'" + use.name() + "' (used in " + use.file() + (use.line() > 0 ? ":" + use.line() : "")
                        + ") was not approved by " + decision.decidedBy()
                        + (decision.note().isEmpty() ? "" : ": " + decision.note()));
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "dependency " + refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "")
                        + "; only packages on the allow-list are available in the sandbox");
    }

    /** Decisions taken in this session, in order. */
    Map<String, ApprovalDecision> decisions() {
        return Map.copyOf(decided);
    }

    private ApprovalDecision ask(SourceScan.DependencyUse use) {
        ApprovalRequest request = new ApprovalRequest(
                spec.taskId(),
                ApprovalKind.DEPENDENCY,
                use.name(),
                "'" + use.name() + "' is used in " + use.file() + " but is not on the dependency allow-list of "
                        + spec.language().id() + " (the sandbox has no network to install it)");
        ApprovalDecision decision;
        try {
            decision = spec.approvals().decide(request);
        } catch (RuntimeException e) {
            decision = ApprovalDecision.deny("default", "the approval handler failed: " + e.getMessage());
        }
        if (decision == null) {
            decision = ApprovalDecision.deny("default", "the approval handler gave no answer");
        }
        events.publish(new ApprovalDecided(spec.taskId(), 0, clock.instant(), request, decision));
        return decision;
    }
}
