package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import dev.agentloop.core.source.RepositoryInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * @param repository the existing project it happened in (name, location, remote, base ref and commit); empty for a
 *     new module. Retrieval prefers failures of the same repository; the memory strips credentials from the
 *     location and remote before storing them.
 * @param files the files involved, relative to the project's root: those edited in the iteration, then those named
 *     in the failing traceback; duplicates and blanks dropped, order kept, at most {@value #MAX_FILES}
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
        Instant recordedAt,
        Optional<RepositoryInfo> repository,
        List<String> files) {

    /** The most files kept per failure. */
    public static final int MAX_FILES = 50;

    /**
     * Checks the components; null texts become empty, the file list is copied.
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
     * @param repository the existing project it happened in (name, location, remote, base ref and commit); empty for a
     *     new module. Retrieval prefers failures of the same repository; the memory strips credentials from the
     *     location and remote before storing them.
     * @param files the files involved, relative to the project's root: those edited in the iteration, then those named
     *     in the failing traceback; duplicates and blanks dropped, order kept, at most {@value #MAX_FILES}
     */
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
        repository = repository == null ? Optional.empty() : repository;
        files = files == null ? List.of() : distinctNonBlank(files);
    }

    /**
     * A failure in a new module: no repository, no files named.
     *
     * @param id chosen by the loop, so a record replayed from a spool is stored once
     * @param taskId the task it happened in
     * @param iteration the iteration it happened in
     * @param signature the failure's signature
     * @param errorType e.g. {@code AssertionError}
     * @param message the normalised error message
     * @param failingTest the first failing test or innermost project frame; empty when unknown
     * @param language the task's language
     * @param project the task's project name; empty for none
     * @param taskText the task statement
     * @param codeExcerpt a bounded excerpt of the code under test
     * @param outputExcerpt a bounded excerpt of the test output
     * @param recordedAt when it was recorded
     */
    public FailureRecord(
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
        this(
                id,
                taskId,
                iteration,
                signature,
                errorType,
                message,
                failingTest,
                language,
                project,
                taskText,
                codeExcerpt,
                outputExcerpt,
                recordedAt,
                Optional.empty(),
                List.of());
    }

    private static List<String> distinctNonBlank(List<String> files) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String f : files) {
            if (f != null && !f.isBlank() && kept.size() < MAX_FILES) {
                kept.add(f.strip());
            }
        }
        return List.copyOf(kept);
    }

    /**
     * {@return this failure, in {@code value}}
     *
     * @param value the existing project it happened in
     */
    public FailureRecord withRepository(RepositoryInfo value) {
        return new FailureRecord(
                id,
                taskId,
                iteration,
                signature,
                errorType,
                message,
                failingTest,
                language,
                project,
                taskText,
                codeExcerpt,
                outputExcerpt,
                recordedAt,
                Optional.of(Objects.requireNonNull(value, "repository")),
                files);
    }

    /**
     * {@return this failure, with {@code value} as the files involved}
     *
     * @param value the files involved, relative to the project's root
     */
    public FailureRecord withFiles(List<String> value) {
        return new FailureRecord(
                id,
                taskId,
                iteration,
                signature,
                errorType,
                message,
                failingTest,
                language,
                project,
                taskText,
                codeExcerpt,
                outputExcerpt,
                recordedAt,
                repository,
                Objects.requireNonNull(value, "files"));
    }

    /** {@return the repository's name, empty for a failure in a new module} */
    public Optional<String> repositoryName() {
        return repository.map(RepositoryInfo::name);
    }

    /**
     * Error type and message on one line, for lists.
     *
     * @return the headline
     */
    public String headline() {
        String line = errorType.isEmpty() ? message : errorType + ": " + message;
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
