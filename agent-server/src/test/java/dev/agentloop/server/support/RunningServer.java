package dev.agentloop.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.server.AgentServer;
import dev.agentloop.server.ApiTokens;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.spi.TaskAgents;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An {@link AgentServer} on a free loopback port over a fresh schema, with a client for it. */
public final class RunningServer implements AutoCloseable {

    /** The token the tests' server accepts, named {@code ci}. */
    public static final String TOKEN = "test-token-0123456789abcdef";

    private final TestDatabase db;
    private final AgentServer server;
    private final Http http;
    private final boolean ownsDb;

    private RunningServer(TestDatabase db, AgentServer server, Http http, boolean ownsDb) {
        this.db = db;
        this.ownsDb = ownsDb;
        this.server = server;
        this.http = http;
    }

    /** Two workers, quick heartbeats, token {@link #TOKEN}. */
    public static RunningServer start(TaskAgents agents) {
        return start(agents, c -> c);
    }

    public static RunningServer start(TaskAgents agents, UnaryOperator<ServerConfig.Builder> tweak) {
        TestDatabase db = TestDatabase.fresh(12);
        try {
            return startOn(db, agents, tweak, true);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Another server on a database a test already has (as a second process would be); closing it leaves the
     * database to its owner.
     */
    public static RunningServer startOn(TestDatabase db, TaskAgents agents, UnaryOperator<ServerConfig.Builder> tweak) {
        return startOn(db, agents, tweak, false);
    }

    private static RunningServer startOn(
            TestDatabase db, TaskAgents agents, UnaryOperator<ServerConfig.Builder> tweak, boolean ownsDb) {
        ServerConfig config = tweak.apply(ServerConfig.builder()
                        .port(0)
                        .workers(2)
                        .schema(db.schema())
                        .workerName("test-worker")
                        .heartbeat(Duration.ofSeconds(1))
                        .missedHeartbeats(4)
                        .pollingInterval(Duration.ofMillis(500))
                        .watchInterval(Duration.ofMillis(100)))
                .build();
        AgentServer server = AgentServer.builder()
                .config(config)
                .dataSource(db.dataSource())
                .agents(agents)
                .tokens(ApiTokens.parse("ci:" + TOKEN))
                .build();
        server.start();
        return new RunningServer(db, server, new Http(server.port(), Optional.of(TOKEN)), ownsDb);
    }

    public Http http() {
        return http;
    }

    public TestDatabase db() {
        return db;
    }

    public AgentServer server() {
        return server;
    }

    /** Waits (polling the API) until the task has one of the statuses; returns its detail. */
    public JsonNode awaitStatus(String id, Duration limit, String... statuses) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.get("/api/v1/tasks/" + id).json();
            for (String s : statuses) {
                if (s.equals(last.path("status").asText())) {
                    return last;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(
                "task " + id + " did not reach " + String.join("/", statuses) + " in " + limit + "; last: " + last);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (ownsDb) {
                db.close();
            }
        }
    }
}
