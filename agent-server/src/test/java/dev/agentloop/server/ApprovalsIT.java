package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.Http;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual mode through the API: every phase waits for a person, who answers with POST /api/v1/approvals/{id}. */
class ApprovalsIT {

    @TempDir
    Path workspaces;

    @Test
    void aManualRunWaitsForEachPhaseAndGoesOnWhenApprovedThroughTheApi() throws Exception {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        // manual mode's phase approvals, as agent serve's agents set them
        dev.agentloop.server.spi.TaskAgents agents = request -> Agent.builder()
                .chatModel(ScriptedAgents.solving())
                .sandbox(sandbox)
                .config(AgentConfig.builder()
                        .phaseApproval(request.submission().mode() == TaskMode.MANUAL)
                        .build())
                .listener(request.listener())
                .approvalHandler(request.approvals())
                .workspaceRoot(workspaces)
                .build();
        try (RunningServer s = RunningServer.start(agents)) {
            Http http = s.http();
            String id = http.post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\", \"mode\": \"manual\"}")
                    .json()
                    .path("id")
                    .asText();
            int approved = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            String status = "";
            while (Instant.now().isBefore(deadline)) {
                status = http.get("/api/v1/tasks/" + id).json().path("status").asText();
                if (status.equals("solved") || status.equals("stopped") || status.equals("failed")) {
                    break;
                }
                for (JsonNode a : http.get("/api/v1/approvals").json().path("items")) {
                    assertThat(a.path("task_id").asText()).isEqualTo(id);
                    assertThat(a.path("kind").asText()).isEqualTo("phase");
                    assertThat(a.path("status").asText()).isEqualTo("pending");
                    Http.Response decided = http.post(
                            a.path("links").path("decide").asText(), "{\"decision\": \"approve\", \"note\": \"ok\"}");
                    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
                    assertThat(decided.json().path("decided_by").asText()).isEqualTo("ci");
                    Http.Response again =
                            http.post(a.path("links").path("decide").asText(), "{\"decision\": \"deny\"}");
                    assertThat(again.status()).as("a decision is taken once").isEqualTo(409);
                    approved++;
                }
                Thread.sleep(100);
            }
            assertThat(status).isEqualTo("solved");
            assertThat(approved).as("phases approved").isGreaterThanOrEqualTo(3);
            assertThat(s.db().queryLong(
                                    "SELECT count(*) FROM %s.server_audit WHERE actor = 'ci' AND action = 'approve'"))
                    .isEqualTo(approved);
            assertThat(s.db().queryLong("SELECT count(*) FROM %s.server_approvals WHERE status = 'pending'"))
                    .isZero();
        }
    }

    @Test
    void aTaskOverTheDailyCostCapWaitsInTheQueueForTheNextDay() throws Exception {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        try (RunningServer s = RunningServer.start(
                new ScriptedAgents(ScriptedAgents::solving, sandbox, workspaces),
                c -> c.dailyCostCap(Optional.of(0.0)))) {
            String id = s.http()
                    .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                    .json()
                    .path("id")
                    .asText();
            // the worker looks at it, finds today's spend at the cap, and puts it back for the next UTC day
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            long tomorrow = 0;
            while (Instant.now().isBefore(deadline) && tomorrow == 0) {
                tomorrow = s.db().queryLong("SELECT count(*) FROM %s.server_jobs WHERE task_instance = '" + id
                        + "' AND execution_time >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
                        + " + interval '1 day'");
                Thread.sleep(100);
            }
            assertThat(tomorrow).as("queued for the next UTC day").isEqualTo(1);
            assertThat(s.http().get("/api/v1/tasks/" + id).json().path("status").asText())
                    .isEqualTo("queued");
            assertThat(s.db().queryLong("SELECT count(*) FROM %s.server_task_runs"))
                    .isZero();
        }
    }
}
