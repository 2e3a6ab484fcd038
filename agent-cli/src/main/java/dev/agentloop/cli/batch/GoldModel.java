package dev.agentloop.cli.batch;

import dev.agentloop.core.Role;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model of {@code agent batch --gold}: for each run it answers every role with that instance's gold answer (the
 * coder writes the gold patch's files), so the whole pipeline runs — plan, code, the run's tests in the real sandbox,
 * the hidden tests afterwards — without a model. Its calls are counted like a real model's (estimated tokens,
 * priced under the name {@value #MODEL_NAME} when {@code models.prices} lists it). Thread-safe.
 */
final class GoldModel implements RoleAwareChatModel {

    /** The name the model reports, and is priced under. */
    static final String MODEL_NAME = "gold";

    private final RunThreads threads;
    private final Map<UUID, GoldAnswer> answers = new ConcurrentHashMap<>();

    GoldModel(RunThreads threads) {
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** Registers the answer for a run before it starts. */
    void answer(UUID taskId, GoldAnswer answer) {
        answers.put(taskId, answer);
    }

    /** Forgets a run's answer once it has ended. */
    void forget(UUID taskId) {
        answers.remove(taskId);
    }

    @Override
    public ChatModel forRole(Role role) {
        Objects.requireNonNull(role, "role");
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return respond(role, request);
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return ChatRequestParameters.builder().modelName(MODEL_NAME).build();
            }

            @Override
            public String toString() {
                return "GoldModel[" + role.id() + "]";
            }
        };
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        throw new IllegalStateException("The gold model answers per role: use forRole(role).");
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().modelName(MODEL_NAME).build();
    }

    private ChatResponse respond(Role role, ChatRequest request) {
        Optional<GoldAnswer> answer = threads.current().map(answers::get);
        if (answer.isEmpty()) {
            throw new IllegalStateException("The gold model was called outside a batch run it has an answer for.");
        }
        return answer.get().respond(role, request);
    }
}
