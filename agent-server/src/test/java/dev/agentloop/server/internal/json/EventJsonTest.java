package dev.agentloop.server.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.model.SecretRedactor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String SECRET = "s3cr3t-value-0123456789";
    private final EventJson json = new EventJson(SecretRedactor.of(Map.of("OPENAI_API_KEY", SECRET)));
    private final UUID task = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-01-02T03:04:05Z");

    private JsonNode write(dev.agentloop.core.event.AgentEvent event) throws Exception {
        return new ObjectMapper().readTree(json.write(event));
    }

    @Test
    void writesTheTypeFirstWithEnumsInLowerCaseAndInstantsInIso() throws Exception {
        String text = json.write(new PhaseEntered(task, 2, at, Phase.TEST));
        assertThat(text).startsWith("{\"type\":\"PhaseEntered\"");
        JsonNode node = new ObjectMapper().readTree(text);
        assertThat(node.path("phase").asText()).isEqualTo("test");
        assertThat(node.path("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(node.path("iteration").asInt()).isEqualTo(2);
        assertThat(node.path("taskId").asText()).isEqualTo(task.toString());
    }

    @Test
    void redactsSecretsInEveryString() throws Exception {
        JsonNode node = write(new AgentWarning(task, 1, at, "sandbox", "the key is " + SECRET));
        assertThat(node.toString()).doesNotContain(SECRET).contains(SecretRedactor.MARK);
    }

    @Test
    void writesResultsWithTheirOutcomeAndWithoutHostPathsOrTraces() throws Exception {
        Path workspace = Path.of("/srv/agent/workspace", task.toString());
        JsonNode solved = write(new RunFinished(
                task,
                1,
                at,
                new AgentResult.Solved(
                        task, Map.of("a.py", "x = 1\n"), 1, 10, 0.5, Duration.ofMillis(1500), workspace)));
        assertThat(solved.path("result").path("outcome").asText()).isEqualTo("solved");
        assertThat(solved.path("result").path("elapsed").asLong()).isEqualTo(1500);
        assertThat(solved.path("result").path("files").path("a.py").asText()).isEqualTo("x = 1\n");
        assertThat(solved.toString()).doesNotContain("/srv/agent");

        JsonNode failed = write(new RunFinished(
                task,
                1,
                at,
                new AgentResult.Failed(
                        task,
                        "boom " + SECRET,
                        new IllegalStateException("inner " + SECRET),
                        1,
                        0,
                        0,
                        Duration.ZERO,
                        workspace)));
        assertThat(failed.path("result").path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("result").path("cause").asText()).isEqualTo("inner " + SecretRedactor.MARK);
        assertThat(failed.toString()).doesNotContain(SECRET).doesNotContain("at dev.agentloop");

        JsonNode stopped = write(new RunFinished(
                task,
                3,
                at,
                new AgentResult.Stopped(
                        task, StopReason.ITERATION_LIMIT, "3 of 3", 3, 0, 0, Duration.ZERO, workspace)));
        assertThat(stopped.path("result").path("reason").asText()).isEqualTo("iteration_limit");
    }
}
