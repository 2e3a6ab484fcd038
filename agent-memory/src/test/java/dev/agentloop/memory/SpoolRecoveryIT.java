package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.TaskRecord;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL is stopped in the middle of a run and started again: failures recorded meanwhile go to the spool and
 * are replayed, and every failure ends up stored exactly once.
 */
class SpoolRecoveryIT {

    @TempDir
    Path dir;

    /** A clock the test moves, so replay pacing needs no waiting. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-04-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void everyFailureRecordedWhileTheDatabaseWasDownIsStoredExactlyOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int hostPort = port;
        // A fixed host port: a restarted container must come back at the address the pool knows.
        try (PostgreSQLContainer postgres = PgVectorContainers.create()
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(5432))))) {
            postgres.start();
            String url = "jdbc:postgresql://localhost:" + hostPort + "/agent";
            MutableClock clock = new MutableClock();
            Path spool = dir.resolve("spool.jsonl");
            DockerClient docker = DockerClientFactory.instance().client();
            UUID task = UUID.randomUUID();
            List<UUID> recorded = new ArrayList<>();
            Map<Integer, String> phaseOf = new HashMap<>();

            try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                    .jdbcUrl(url)
                    .user("agent")
                    .password("agent")
                    .schema("spooltest")
                    .spoolFile(spool)
                    .embeddingModel(EmbeddingModels.hashing(64))
                    .connectTimeout(Duration.ofSeconds(1))
                    .retryPolicy(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(20), 1))
                    .replayInterval(Duration.ofMinutes(1))
                    .clock(clock)
                    .build()) {
                memory.recordTask(new TaskRecord(task, "t", Language.PYTHON, ProjectType.LIBRARY, "", clock.instant()));
                for (int i = 0; i < 4; i++) {
                    recorded.add(record(memory, task, i, clock));
                    phaseOf.put(i, "up");
                }

                docker.stopContainerCmd(postgres.getContainerId())
                        .withTimeout(10)
                        .exec();
                for (int i = 4; i < 9; i++) {
                    recorded.add(record(memory, task, i, clock));
                    phaseOf.put(i, "down");
                }
                assertThat(Files.readAllLines(spool))
                        .as("writes spooled while down")
                        .hasSize(10);

                docker.startContainerCmd(postgres.getContainerId()).exec();
                awaitReady(url);
                // The pool reconnects on its own; on a loaded machine its first new connection can take longer than
                // the 1 s connect timeout, so wait until it has one before writing again.
                awaitPoolReconnected(memory);
                clock.advance(Duration.ofMinutes(2));
                for (int i = 9; i < 12; i++) {
                    recorded.add(record(memory, task, i, clock));
                    phaseOf.put(i, "back");
                }
                assertThat(memory.stats().spoolBacklog()).isZero();
                assertThat(memory.stats().failures()).isEqualTo(12);
            }

            try (Connection c = DriverManager.getConnection(url, "agent", "agent");
                    Statement st = c.createStatement()) {
                Map<UUID, Integer> copies = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT id, count(*) FROM spooltest.failures GROUP BY id")) {
                    while (rs.next()) {
                        copies.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    }
                }
                assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(recorded);
                assertThat(copies.values()).containsOnly(1);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM spooltest.fixes")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(12);
                }
                // The spool kept the order: every fix was replayed after its failure, so its patterns were linked.
                try (ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM spooltest.failures WHERE fix_patterns <> '{}'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(12);
                }
            }
            assertThat(Files.readAllLines(spool)).isEmpty();
            assertThat(phaseOf.values()).contains("up", "down", "back");
        }
    }

    private static UUID record(PgVectorFailureMemory memory, UUID task, int i, Clock clock) {
        FailureRecord f = new FailureRecord(
                UUID.randomUUID(),
                task,
                i + 1,
                "NameError | name <n> | t",
                "NameError",
                "name 'x" + i + "' is not defined",
                "test_solution.py::test_" + i,
                Language.PYTHON,
                "",
                "t",
                "def f():\n    return x" + i + "\n",
                "E   NameError: name 'x" + i + "' is not defined",
                clock.instant());
        memory.recordFailure(f);
        memory.recordFix(
                new FixRecord(f.id(), task, i + 2, "-    return x" + i + "\n+    return 1\n", true, clock.instant()));
        return f.id();
    }

    /** Waits until the memory's pool hands out a connection again (polls, as {@link #awaitReady} does). */
    private static void awaitPoolReconnected(PgVectorFailureMemory memory) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!memory.health().reachable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the memory's pool did not reconnect within 60 s: " + memory.health());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** Waits for the restarted server to accept connections (polls: this is a real process starting up). */
    private static void awaitReady(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, "agent", "agent")) {
                if (c.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("PostgreSQL did not come back within 60 s", last);
    }
}
