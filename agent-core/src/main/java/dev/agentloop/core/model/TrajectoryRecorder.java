package dev.agentloop.core.model;

import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
     * @throws UncheckedIOException when the file cannot be created
     */
    public TrajectoryRecorder(Path file, SecretRedactor redactor) {
        this.redactor = redactor;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(
                    file,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the trajectory file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one call. */
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
