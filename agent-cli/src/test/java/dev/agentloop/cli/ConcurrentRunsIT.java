package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.support.Services;
import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.sandbox.DockerSandbox;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Agent} javadoc promises concurrent runs: two tasks at once through one agent, with the real Docker
 * sandbox and the real pgvector memory, each failing once and then passing. Nothing of one may reach the other.
 */
class ConcurrentRunsIT {

    @TempDir
    Path temp;

    private final String schema =
            "concurrent_it_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropSchema() {
        Services.dropSchema(schema);
    }

    @Test
    void twoTasksAtOnceThroughOneAgentKeepTheirOwnFilesFailuresFixesAndEvents() throws Exception {
        Services.require();
        Task add = Task.of("Write add(a, b) in solution.py returning the sum. [task add]");
        Task mul = Task.of("Write mul(a, b) in solution.py returning the product. [task mul]");
        Map<String, ScriptedChatModel> scripts = Map.of(
                "[task add]", script("add", "a - b", "a + b"),
                "[task mul]", script("mul", "a + b", "a * b"));
        List<AgentEvent> events = new CopyOnWriteArrayList<>();

        try (DockerSandbox sandbox = DockerSandbox.builder().build();
                PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                        .jdbcUrl(Services.DB_URL)
                        .user(Services.DB_USER)
                        .password(Services.DB_PASSWORD)
                        .schema(schema)
                        .spoolFile(temp.resolve("spool.jsonl"))
                        .embeddingModel(EmbeddingModels.allMiniLmL6V2())
                        .build()) {
            Agent agent = Agent.builder()
                    .chatModel(new ByTaskModel(scripts))
                    .sandbox(sandbox)
                    .memory(memory)
                    .listener(events::add)
                    .config(AgentConfig.builder().maxIterations(3).build())
                    .workspaceRoot(temp.resolve("ws"))
                    .recordTrajectories(temp.resolve("trajectories"))
                    .build();

            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<AgentResult> first = pool.submit(() -> {
                    start.await();
                    return agent.run(add);
                });
                Future<AgentResult> second = pool.submit(() -> {
                    start.await();
                    return agent.run(mul);
                });
                AgentResult a = first.get(5, TimeUnit.MINUTES);
                AgentResult m = second.get(5, TimeUnit.MINUTES);

                assertThat(a).as(a.toString()).isInstanceOf(AgentResult.Solved.class);
                assertThat(m).as(m.toString()).isInstanceOf(AgentResult.Solved.class);
                assertThat(a.iterations()).isEqualTo(2);
                assertThat(m.iterations()).isEqualTo(2);
                assertThat(((AgentResult.Solved) a).files().get("solution.py")).contains("return a + b");
                assertThat(((AgentResult.Solved) m).files().get("solution.py")).contains("return a * b");
            } finally {
                pool.shutdownNow();
            }
        }

        for (Task task : List.of(add, mul)) {
            List<AgentEvent> own =
                    events.stream().filter(e -> e.taskId().equals(task.id())).toList();
            assertThat(own).first().isInstanceOf(RunStarted.class);
            assertThat(own).last().isInstanceOf(RunFinished.class);
            String trajectory = Files.readString(temp.resolve("trajectories").resolve(task.id() + ".jsonl"));
            String other = task == add ? "[task mul]" : "[task add]";
            assertThat(trajectory).doesNotContain(other);
        }
        try (Connection c = Services.connect()) {
            for (Task task : List.of(add, mul)) {
                assertThat(count(c, "SELECT count(*) FROM " + schema + ".failures WHERE task_id = ?", task.id()))
                        .as("failures of " + task.text())
                        .isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM " + schema + ".fixes WHERE task_id = ?", task.id()))
                        .as("fixes of " + task.text())
                        .isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM " + schema + ".iterations WHERE task_id = ?", task.id()))
                        .isEqualTo(2);
                assertThat(Services.containersLabelled(
                                "dev.agentloop.task", task.id().toString()))
                        .as("containers left by " + task.text())
                        .isEmpty();
            }
        }
    }

    private static ScriptedChatModel script(String function, String wrong, String right) {
        String test = "{\"files\": [{\"path\": \"test_solution.py\", \"content\": \"from solution import " + function
                + "\\n\\ndef test_it():\\n    assert " + function + "(2, 3) == " + ("add".equals(function) ? 5 : 6)
                + "\\n\"}]}";
        return ScriptedChatModel.builder()
                .respond(Role.REPROMPTER, "{\"goal\": \"" + function + "(a, b) [task " + function + "]\"}")
                .respond(
                        Role.PLANNER,
                        "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \""
                                + function + "\"}]}")
                .respond(Role.TESTER, test)
                .respond(Role.CODER, code(function, wrong), code(function, right))
                .respond(
                        Role.REFLECTOR,
                        "{\"diagnosis\": \"wrong operator\", \"next_step\": \"use the right operator\"}")
                .build();
    }

    private static String code(String function, String body) {
        return "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def " + function + "(a, b):\\n    return "
                + body + "\\n\"}]}";
    }

    private static long count(Connection c, String sql, UUID taskId) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, taskId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One model for the agent that answers each task from its own script, picked by a marker in the prompt. */
    private record ByTaskModel(Map<String, ScriptedChatModel> scripts) implements RoleAwareChatModel {
        @Override
        public ChatModel forRole(Role role) {
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    return scriptOf(request).forRole(role).chat(request);
                }
            };
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            throw new IllegalStateException("asked without a role");
        }

        private ScriptedChatModel scriptOf(ChatRequest request) {
            String text = request.messages().toString();
            return scripts.entrySet().stream()
                    .filter(e -> text.contains(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no task marker in " + text))
                    .getValue();
        }
    }
}
