package dev.agentloop.memory.internal;

import dev.agentloop.core.model.SecretRedactor;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import java.util.List;

/**
 * Every record with its free-text fields passed through {@link SecretRedactor}'s rules, and repository
 * locations and remotes stripped of credentials.
 */
public final class RecordRedaction {

    private static final SecretRedactor RULES = SecretRedactor.ofDefaults();

    private RecordRedaction() {}

    /** The text with every secret the shared rules recognise replaced; null gives the empty string. */
    public static String redact(String text) {
        return RULES.redact(text);
    }

    private static String withoutCredentials(String url) {
        return RULES.withoutCredentials(url);
    }

    public static TaskRecord of(TaskRecord t) {
        return new TaskRecord(
                t.id(),
                redact(t.text()),
                t.language(),
                t.projectType(),
                t.project(),
                t.startedAt(),
                t.repository().map(RecordRedaction::of));
    }

    public static RepositoryInfo of(RepositoryInfo r) {
        return new RepositoryInfo(
                redact(r.name()),
                withoutCredentials(r.location()),
                withoutCredentials(r.remote()),
                redact(r.baseRef()),
                r.baseCommit());
    }

    public static HandoffRecord of(HandoffRecord h) {
        return new HandoffRecord(
                redact(h.branch()),
                h.commit(),
                withoutCredentials(h.patchFile()),
                redact(h.patch()),
                h.patchTruncated(),
                redactAll(h.files()),
                redact(h.diffStat()));
    }

    public static IterationRecord of(IterationRecord i) {
        return new IterationRecord(
                i.taskId(),
                i.number(),
                i.outcome(),
                i.phaseDurations(),
                i.phaseTokens(),
                i.testsPassed(),
                i.testsTotal(),
                redact(i.diff()),
                redact(i.summary()),
                i.startedAt(),
                i.finishedAt());
    }

    public static TaskCompletion of(TaskCompletion c) {
        return new TaskCompletion(
                c.taskId(),
                c.status(),
                redact(c.reason()),
                c.iterations(),
                c.tokens(),
                c.cost(),
                c.duration(),
                c.finishedAt(),
                c.handoff().map(RecordRedaction::of));
    }

    public static FailureRecord of(FailureRecord f) {
        return new FailureRecord(
                f.id(),
                f.taskId(),
                f.iteration(),
                redact(f.signature()),
                f.errorType(),
                redact(f.message()),
                redact(f.failingTest()),
                f.language(),
                f.project(),
                redact(f.taskText()),
                redact(f.codeExcerpt()),
                redact(f.outputExcerpt()),
                f.recordedAt(),
                f.repository().map(RecordRedaction::of),
                redactAll(f.files()));
    }

    private static List<String> redactAll(List<String> texts) {
        return texts.stream().map(RecordRedaction::redact).toList();
    }

    public static FixRecord of(FixRecord f) {
        return new FixRecord(
                f.failureId(), f.taskId(), f.passedIteration(), redact(f.diff()), f.verified(), f.recordedAt());
    }

    public static SuccessPattern of(SuccessPattern p) {
        return new SuccessPattern(
                p.id(),
                p.taskId(),
                redact(p.taskText()),
                p.language(),
                p.projectType(),
                redact(p.approach()),
                p.iterations(),
                p.recordedAt());
    }

    public static ApprovalRecord of(ApprovalRecord a) {
        ApprovalRequest r = a.request();
        ApprovalDecision d = a.decision();
        return new ApprovalRecord(
                new ApprovalRequest(r.taskId(), r.kind(), redact(r.subject()), redact(r.reason())),
                new ApprovalDecision(d.approved(), d.decidedBy(), redact(d.note())),
                a.iteration(),
                a.decidedAt());
    }
}
