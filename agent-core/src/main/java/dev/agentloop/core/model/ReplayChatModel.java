package dev.agentloop.core.model;

import dev.agentloop.core.Role;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays a trajectory written by {@link TrajectoryRecorder}: each request gets the recorded response of the same
 * step, after checking that the request is the recorded one (role and messages, both redacted the same way). The
 * first request that differs throws a {@link ScriptException} naming the step and showing both requests; the run
 * then fails with that message. Thread-safe.
 */
public final class ReplayChatModel implements RoleAwareChatModel {

    private static final int SHOWN = 600;

    private final List<TrajectoryStep> steps;
    private final SecretRedactor redactor;
    private final String source;
    private int next;

    private ReplayChatModel(List<TrajectoryStep> steps, SecretRedactor redactor, String source) {
        this.steps = List.copyOf(steps);
        this.redactor = redactor;
        this.source = source;
    }

    /**
     * Reads a trajectory; requests are redacted with the process environment before comparing.
     *
     * @param file the JSONL trajectory
     * @return the model replaying it
     * @throws ScriptException naming the file and line when it is missing or malformed
     */
    public static ReplayChatModel fromFile(Path file) {
        return fromFile(file, SecretRedactor.ofSystemEnvironment());
    }

    /**
     * Reads a trajectory, redacting replayed requests with {@code redactor} before comparing.
     *
     * @param file the JSONL trajectory
     * @param redactor redacts the replayed requests as they were redacted when recorded
     * @return the model replaying it
     */
    public static ReplayChatModel fromFile(Path file, SecretRedactor redactor) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScriptException("Trajectory file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new ScriptException("Trajectory file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<TrajectoryStep> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                steps.add(TrajectoryStep.fromJsonLine(lines.get(i), "Trajectory " + file + " line " + (i + 1)));
            }
        }
        return new ReplayChatModel(steps, redactor, file.toString());
    }

    @Override
    public ChatModel forRole(Role role) {
        Objects.requireNonNull(role, "role");
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return replay(role, request);
            }
        };
    }

    /** Always throws: a replay must know which role asks. */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        throw new ScriptException("The replay model was called without a role; give it to"
                + " Agent.builder().chatModel(model) or use forRole(role).");
    }

    private synchronized ChatResponse replay(Role role, ChatRequest request) {
        List<TrajectoryStep.Message> actual = TrajectoryStep.messagesOf(request, redactor);
        int stepNumber = next + 1;
        if (next >= steps.size()) {
            throw new ScriptException("Replay diverged at step " + stepNumber + ": the recording (" + source
                    + ") has only " + steps.size() + " steps, but the run sent "
                    + shorten(TrajectoryStep.render(role, actual)));
        }
        TrajectoryStep recorded = steps.get(next);
        if (recorded.role() != role || !recorded.messages().equals(actual)) {
            String want = recorded.requestText();
            String got = TrajectoryStep.render(role, actual);
            int at = firstDifference(want, got);
            throw new ScriptException("Replay diverged at step " + stepNumber + " (first difference at character " + at
                    + "): recorded " + window(want, at) + "\n-- but the run sent " + window(got, at));
        }
        next++;
        return ChatResponse.builder()
                .aiMessage(
                        recorded.toolCalls().isEmpty()
                                ? AiMessage.from(recorded.response())
                                : AiMessage.from(recorded.toolCalls().stream()
                                        .map(c -> dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                                                .id(c.id())
                                                .name(c.name())
                                                .arguments(c.arguments())
                                                .build())
                                        .toList()))
                .tokenUsage(new TokenUsage(
                        Math.toIntExact(recorded.inputTokens()), Math.toIntExact(recorded.outputTokens())))
                .modelName(recorded.model().isEmpty() ? "replay" : recorded.model())
                .finishReason(FinishReason.STOP)
                .build();
    }

    /**
     * Steps replayed so far.
     *
     * @return the number of steps replayed
     */
    public synchronized int replayed() {
        return next;
    }

    /**
     * Steps in the recording.
     *
     * @return the number of steps
     */
    public int size() {
        return steps.size();
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    /** The start of a request (which names its role) and the part around the first difference. */
    private static String window(String text, int at) {
        if (text.length() <= SHOWN) {
            return text;
        }
        int from = Math.max(0, at - SHOWN / 3);
        int to = Math.min(text.length(), from + SHOWN);
        String head = text.substring(0, Math.min(text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n'), 80));
        return (from > 0 ? head + " [...] " : "") + text.substring(from, to) + (to < text.length() ? " [...]" : "");
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + " [...]";
    }
}
