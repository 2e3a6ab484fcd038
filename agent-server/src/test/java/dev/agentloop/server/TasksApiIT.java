package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.Agent;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.Http;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksApiIT {

    @TempDir
    Path workspaces;

    @Test
    void submittedTaskRunsOnAWorkerAndEndsSolvedWithItsFilesAndEvents() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        try (RunningServer s = RunningServer.start(new ScriptedAgents(ScriptedAgents::solving, sandbox, workspaces))) {
            Http.Response submitted = s.http()
                    .post(
                            "/api/v1/tasks",
                            "{\"task\": \"Write add(a, b)\", \"language\": \"python\", \"max_iterations\": 3}");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            String id = submitted.json().path("id").asText();
            assertThat(submitted.json().path("status").asText()).isEqualTo("queued");
            assertThat(submitted.json().path("links").path("events").asText())
                    .isEqualTo("/api/v1/tasks/" + id + "/events");
            assertThat(submitted.headers().firstValue("Location")).contains("/api/v1/tasks/" + id);

            JsonNode done = s.awaitStatus(id, Duration.ofSeconds(60), "solved", "stopped", "failed");
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("solved");
            assertThat(done.path("iterations").asInt()).isEqualTo(1);
            assertThat(done.path("attempt").asInt()).isEqualTo(1);
            assertThat(done.path("worker").asText()).isEqualTo("test-worker");
            assertThat(done.path("submitted_by").asText()).isEqualTo("ci");
            assertThat(done.path("result").path("files").path("solution.py").asText())
                    .contains("return a + b");
            assertThat(done.path("submission").path("max_iterations").asInt()).isEqualTo(3);
            assertThat(done.path("events").asLong()).isGreaterThan(5);

            JsonNode list = s.http().get("/api/v1/tasks?status=solved").json();
            assertThat(list.path("total").asLong()).isEqualTo(1);
            assertThat(list.path("items").get(0).path("id").asText()).isEqualTo(id);
            assertThat(s.http()
                            .get("/api/v1/tasks?status=queued")
                            .json()
                            .path("total")
                            .asLong())
                    .isZero();
            assertThat(s.db().queryLong(
                                    "SELECT count(*) FROM %s.server_audit WHERE actor = 'ci' AND action = 'submit'"))
                    .isEqualTo(1);
            assertThat(s.db().queryLong("SELECT count(*) FROM %s.server_task_events WHERE type = 'RunFinished'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void eachAttemptsAgentIsClosedWhenItsRunEndsSoItsTemporaryWorkspaceGoes() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        List<Path> roots = new CopyOnWriteArrayList<>();
        // an embedding application's agents, built without a workspace root: each makes a temporary one
        try (RunningServer s = RunningServer.start(request -> {
            Agent agent = Agent.builder()
                    .chatModel(ScriptedAgents.solving())
                    .sandbox(sandbox)
                    .listener(request.listener())
                    .approvalHandler(request.approvals())
                    .build();
            roots.add(agent.workspaceRoot());
            return agent;
        })) {
            String id = s.http()
                    .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                    .json()
                    .path("id")
                    .asText();
            JsonNode done = s.awaitStatus(id, Duration.ofSeconds(60), "solved", "stopped", "failed");
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("solved");
            assertThat(roots).hasSize(1);
            assertThat(roots.get(0)).as("the run's temporary workspace root").isAbsolute();
            assertThat(Files.exists(roots.get(0)))
                    .as("removed when the attempt ended, not left for the process's exit")
                    .isFalse();
        }
    }
}
