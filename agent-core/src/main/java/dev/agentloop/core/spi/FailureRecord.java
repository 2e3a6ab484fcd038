package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A failure as the loop records it at REFLECT. The memory redacts secrets from every text field before storing or
 * embedding it.
 *
 * @param id chosen by the loop, so a record replayed from a spool is stored once
 * @param taskId the task it happened in
 * @param iteration the iteration it happened in
 * @param signature the failure's signature (error type + normalised message + failing test or frame)
 * @param errorType e.g. {@code AssertionError}, {@code TypeError}, {@code Timeout}
 * @param message the normalised error message
 * @param failingTest the first failing test or innermost project frame; empty when unknown
 * @param language the task's language
 * @param project the task's project name; empty for none
 * @param taskText the task statement (or its spec's goal)
 * @param codeExcerpt a bounded excerpt of the code under test
 * @param outputExcerpt a bounded excerpt of the test output
 * @param recordedAt when it was recorded
 */
public record FailureRecord(
        UUID id,
        UUID taskId,
        int iteration,
        String signature,
        String errorType,
        String message,
        String failingTest,
        Language language,
        String project,
        String taskText,
        String codeExcerpt,
        String outputExcerpt,
        Instant recordedAt) {

    public FailureRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(signature, "signature");
        errorType = errorType == null ? "" : errorType;
        message = message == null ? "" : message;
        failingTest = failingTest == null ? "" : failingTest;
        Objects.requireNonNull(language, "language");
        project = project == null ? "" : project;
        taskText = taskText == null ? "" : taskText;
        codeExcerpt = codeExcerpt == null ? "" : codeExcerpt;
        outputExcerpt = outputExcerpt == null ? "" : outputExcerpt;
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** Error type and message on one line, for lists. */
    public String headline() {
        String line = errorType.isEmpty() ? message : errorType + ": " + message;
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
