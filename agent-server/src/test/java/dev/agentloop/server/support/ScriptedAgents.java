package dev.agentloop.server.support;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.server.spi.AgentRequest;
import dev.agentloop.server.spi.TaskAgents;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Agents with a fresh scripted model per run (a script is consumed by its run) and the given sandbox. */
public final class ScriptedAgents implements TaskAgents {

    private final Supplier<ScriptedChatModel> models;
    private final Sandbox sandbox;
    private final Path workspaces;
    private final FailureMemory memory;

    public ScriptedAgents(Supplier<ScriptedChatModel> models, Sandbox sandbox, Path workspaces) {
        this(models, sandbox, workspaces, FailureMemory.none());
    }

    /** With a memory the runs share (for memory hits). */
    public ScriptedAgents(Supplier<ScriptedChatModel> models, Sandbox sandbox, Path workspaces, FailureMemory memory) {
        this.models = models;
        this.sandbox = sandbox;
        this.workspaces = workspaces;
        this.memory = memory;
    }

    /** A run that passes on its first iteration: add(a, b). */
    public static ScriptedChatModel solving() {
        return ScriptedChatModel.builder()
                .respond(
                        Role.REPROMPTER,
                        "{\"goal\": \"add(a, b) returns the sum\", \"acceptance_tests\": [\"add(1, 2) == 3\"]}")
                .respond(
                        Role.PLANNER,
                        "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}]}")
                .respond(
                        Role.TESTER,
                        "{\"files\": [{\"path\": \"test_solution.py\", \"content\": \"from solution import add\\n\\n"
                                + "def test_add():\\n    assert add(1, 2) == 3\\n\"}]}")
                .respond(
                        Role.CODER,
                        "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a + b\\n\"}]}")
                .build();
    }

    /** A run whose first iteration fails its tests and whose second passes (with a reflection between). */
    public static ScriptedChatModel failingOnce() {
        return ScriptedChatModel.builder()
                .respond(
                        Role.REPROMPTER,
                        "{\"goal\": \"add(a, b) returns the sum\", \"acceptance_tests\": [\"add(1, 2) == 3\"]}")
                .respond(
                        Role.PLANNER,
                        "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}]}")
                .respond(
                        Role.TESTER,
                        "{\"files\": [{\"path\": \"test_solution.py\", \"content\": \"from solution import add\\n\\n"
                                + "def test_add():\\n    assert add(1, 2) == 3\\n\"}]}")
                .respond(
                        Role.CODER,
                        "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a - b\\n\"}]}",
                        "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a + b\\n\"}]}")
                .respond(
                        Role.REFLECTOR,
                        "{\"diagnosis\": \"wrong operator\", \"hypothesis\": \"uses minus\", \"next_step\": \"use plus\"}")
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                .build();
    }

    @Override
    public Agent agentFor(AgentRequest request) {
        AgentConfig.Builder config = AgentConfig.builder();
        request.submission().maxIterations().ifPresent(config::maxIterations);
        return Agent.builder()
                .chatModel(models.get())
                .sandbox(sandbox)
                .memory(memory)
                .config(config.build())
                .listener(request.listener())
                .approvalHandler(request.approvals())
                .workspaceRoot(workspaces)
                .build();
    }
}
