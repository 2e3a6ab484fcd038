package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.Http;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad-request matrix, against an API-only server (no workers: submitted tasks stay queued). */
class ApiValidationIT {

    @TempDir
    static Path workspaces;

    static RunningServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = RunningServer.start(
                new ScriptedAgents(ScriptedAgents::solving, new FakeSandbox(), workspaces), c -> c.workers(0));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode error = r.json().path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(error.path("field").asText()).as(r.body()).isEqualTo(field);
        }
    }

    @Test
    void requestsWithoutATokenAreRefusedWith401() {
        Http anonymous = new Http(server.server().port(), Optional.empty());
        assertError(anonymous.get("/api/v1/tasks"), 401, null);
        assertError(anonymous.post("/api/v1/tasks", "{\"task\": \"x\"}"), 401, null);
        assertError(anonymous.get("/metrics"), 401, null);
        assertError(anonymous.get("/api/openapi.json"), 401, null);
        assertThat(anonymous.get("/api/v1/tasks").headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aWrongTokenIsRefusedWith401AndNotEchoed() {
        Http wrong = new Http(server.server().port(), Optional.of("not-the-token-0123456789"));
        Http.Response r = wrong.get("/api/v1/tasks");
        assertError(r, 401, null);
        assertThat(r.body()).doesNotContain("not-the-token").doesNotContain(RunningServer.TOKEN);
        Http anonymous = new Http(server.server().port(), Optional.empty());
        Http.Response basic = anonymous.send(anonymous
                .request("/api/v1/tasks")
                .header("Authorization", "Basic " + RunningServer.TOKEN)
                .GET()
                .build());
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void healthNeedsNoToken() {
        Http anonymous = new Http(server.server().port(), Optional.empty());
        Http.Response r = anonymous.get("/health");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("checks").path("database").path("status").asText())
                .isEqualTo("up");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String big = "{\"task\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertError(http.post("/api/v1/tasks", big), 413, null);
    }

    @Test
    void anOversizedBodyWithoutALengthIsRefusedWith413() {
        byte[] big = ("{\"task\": \"" + "y".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // a publisher of unknown length makes the client send the body in chunks, without Content-Length
        HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                HttpRequest.BodyPublishers.ofByteArray(big).subscribe(subscriber);
            }
        };
        Http.Response r = http.send(http.request("/api/v1/tasks")
                .header("Content-Type", "application/json")
                .POST(chunked)
                .build());
        assertError(r, 413, null);
    }

    @Test
    void malformedJsonIsRefusedWith400NamingTheBody() {
        assertError(http.post("/api/v1/tasks", "{\"task\": "), 400, "body");
        assertError(http.post("/api/v1/tasks", "[1, 2]"), 400, "body");
    }

    @Test
    void badValuesAreRefusedWith400NamingTheField() {
        assertError(http.post("/api/v1/tasks", "{}"), 400, "task");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"  \"}"), 400, "task");
        assertError(http.post("/api/v1/tasks", "{\"task\": 42}"), 400, "task");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"language\": \"cobol\"}"), 400, "language");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"project_type\": \"game\"}"), 400, "project_type");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"mode\": \"yolo\"}"), 400, "mode");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"max_iterations\": 0}"), 400, "max_iterations");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"max_iterations\": 2.5}"), 400, "max_iterations");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"enable_review\": \"yes\"}"), 400, "enable_review");
        assertError(
                http.post("/api/v1/tasks", "{\"task\": \"x\", \"constraints\": [\"ok\", 3]}"), 400, "constraints[1]");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"base\": \"main\"}"), 400, "base");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"repo\": \"/etc\"}"), 400, "repo");
        assertError(http.post("/api/v1/tasks", "{\"task\": \"x\", \"repo\": \"file:///etc\"}"), 400, "repo");
        assertError(http.get("/api/v1/tasks?status=done"), 400, "status");
        assertError(http.get("/api/v1/tasks?limit=0"), 400, "limit");
        assertError(http.get("/api/v1/tasks?offset=-1"), 400, "offset");
    }

    @Test
    void unknownFieldsAreRefusedWith400NamingThem() {
        Http.Response r = http.post("/api/v1/tasks", "{\"task\": \"x\", \"langauge\": \"python\"}");
        assertError(r, 400, "langauge");
        assertThat(r.json().path("error").path("message").asText()).contains("language");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415() {
        Http.Response r = http.send(http.request("/api/v1/tasks")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"x\"}"))
                .build());
        assertError(r, 415, null);
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() {
        UUID unknown = UUID.randomUUID();
        assertError(http.get("/api/v1/tasks/" + unknown), 404, null);
        assertError(http.post("/api/v1/tasks/" + unknown + "/cancel", ""), 404, null);
        assertError(http.get("/api/v1/tasks/" + unknown + "/events"), 404, null);
        assertError(http.post("/api/v1/approvals/" + unknown, "{\"decision\": \"approve\"}"), 404, null);
        assertError(http.get("/api/v1/tasks/not-an-id"), 400, "id");
        assertError(http.get("/api/v1/nothing"), 404, null);
    }

    @Test
    void cancellingAQueuedTaskEndsItAndCancellingItAgainIs409() {
        String id = http.post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                .json()
                .path("id")
                .asText();
        Http.Response cancelled = http.post("/api/v1/tasks/" + id + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(http.get("/api/v1/tasks/" + id).json().path("status").asText())
                .isEqualTo("cancelled");
        Http.Response again = http.post("/api/v1/tasks/" + id + "/cancel", "");
        assertError(again, 409, null);
        assertThat(again.json().path("error").path("message").asText()).contains("cancelled");
        assertThat(server.db().queryLong("SELECT count(*) FROM %s.server_jobs WHERE task_instance = '" + id + "'"))
                .isZero();
    }

    @Test
    void badApprovalDecisionsAreRefusedNamingTheField() {
        UUID unknown = UUID.randomUUID();
        assertError(http.post("/api/v1/approvals/" + unknown, "{\"decision\": \"maybe\"}"), 400, "decision");
        assertError(http.post("/api/v1/approvals/" + unknown, "{\"decision\": \"deny\", \"who\": 1}"), 400, "who");
        assertError(http.post("/api/v1/approvals/" + unknown, "{\"decision\": \"deny\", \"note\": 1}"), 400, "note");
    }

    @Test
    void noCorsHeadersAreSent() {
        Http.Response preflight = http.send(http.request("/api/v1/tasks")
                .header("Origin", "http://example.test")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        Http.Response get = http.send(http.request("/api/v1/tasks")
                .header("Origin", "http://example.test")
                .GET()
                .build());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        Http.Response r = http.get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("openapi").asText()).startsWith("3.");
        assertThat(r.json().path("paths").has("/api/v1/tasks")).isTrue();
        assertThat(r.json().path("paths").has("/api/v1/tasks/{id}/events")).isTrue();
    }
}
