package dev.agentloop.core.model;

import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a run's model calls to a JSONL trajectory, one {@link TrajectoryStep} per line, secrets redacted, flushed
 * after every line so a crashed run still leaves its calls behind. Replay it with {@link ReplayChatModel}.
 */
public final class TrajectoryRecorder implements AutoCloseable {

    private final BufferedWriter out;
    private final SecretRedactor redactor;
    private int step;

    /**
     * Starts a trajectory file, replacing any old one.
     *
     * @param file where to write; created or truncated
     * @param redactor redacts secrets from what is written
     * @throws UncheckedIOException when the file cannot be created
     */
    public TrajectoryRecorder(Path file, SecretRedactor redactor) {
        this(open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), redactor);
    }

    private TrajectoryRecorder(BufferedWriter out, SecretRedactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /**
     * Starts a new trajectory file for one run in {@code folder}: {@code <taskId>.jsonl}, or {@code <taskId>-2.jsonl}
     * and so on when that name is taken. The file is created atomically, so two runs never share one.
     *
     * @param folder the folder, created when missing
     * @param taskId the run's task id, which names the file
     * @param redactor redacts secrets from what is written
     * @return the recorder, with its file open
     * @throws UncheckedIOException when the folder or the file cannot be created
     */
    public static TrajectoryRecorder newInFolder(Path folder, UUID taskId, SecretRedactor redactor) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the trajectory folder " + folder + ": " + e.getMessage(), e);
        }
        for (int n = 1; ; n++) {
            Path file = folder.resolve(taskId + (n == 1 ? "" : "-" + n) + ".jsonl");
            try {
                return new TrajectoryRecorder(
                        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW), redactor);
            } catch (FileAlreadyExistsException taken) {
                // an earlier run of the same task: try the next name
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the trajectory file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static BufferedWriter open(Path file, StandardOpenOption... options) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            java.util.List<StandardOpenOption> all = new java.util.ArrayList<>(java.util.List.of(options));
            all.add(StandardOpenOption.WRITE);
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, all.toArray(StandardOpenOption[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the trajectory file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one call.
     *
     * @param role the role that asked
     * @param request the request
     * @param response the answer
     * @param in input tokens
     * @param outTokens output tokens
     */
    public synchronized void record(Role role, ChatRequest request, ChatResponse response, long in, long outTokens) {
        step++;
        TrajectoryStep line = new TrajectoryStep(
                step,
                role,
                TrajectoryStep.messagesOf(request, redactor),
                TrajectoryStep.formatOf(request),
                request.maxOutputTokens() == null ? 0 : request.maxOutputTokens(),
                redactor.redact(
                        response.aiMessage() == null || response.aiMessage().text() == null
                                ? ""
                                : response.aiMessage().text()),
                in,
                outTokens,
                response.modelName() == null ? "" : response.modelName(),
                TrajectoryStep.toolCallsOf(response.aiMessage(), redactor));
        try {
            out.write(line.toJsonLine());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the trajectory: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the trajectory: " + e.getMessage(), e);
        }
    }
}
