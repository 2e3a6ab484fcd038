package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import dev.agentloop.server.support.SseReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamIT {

    @TempDir
    Path workspaces;

    @Test
    void aClientThatReconnectsWithLastEventIdGetsEveryEventOnceInOrder() throws Exception {
        reconnectGetsEveryEventOnceInOrder(false);
    }

    @Test
    void aClientThatReconnectsToAnotherServerOfTheClusterGetsEveryEventOnceInOrder() throws Exception {
        // the second server runs no task (0 workers): what it streams it reads from the shared database
        reconnectGetsEveryEventOnceInOrder(true);
    }

    private void reconnectGetsEveryEventOnceInOrder(boolean elsewhere) throws Exception {
        Semaphore testRuns = new Semaphore(0);
        FakeSandbox sandbox = new FakeSandbox()
                .thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"), FakeSandbox.passing(1))
                .onRunTests(r -> {
                    try {
                        // the test holds each test run until it lets it go: the run is paused mid-way, for sure
                        testRuns.tryAcquire(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        try (RunningServer s =
                RunningServer.start(new ScriptedAgents(ScriptedAgents::failingOnce, sandbox, workspaces))) {
            String id = s.http()
                    .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                    .json()
                    .path("id")
                    .asText();
            List<SseReader.Event> received = new ArrayList<>();
            try (SseReader first = SseReader.open(s.http(), id, null)) {
                assertThat(first.status()).isEqualTo(200);
                // up to the first test run, where the run waits
                SseReader.Event e;
                do {
                    e = first.next();
                    received.add(e);
                } while (!(e.name().equals("PhaseEntered") && e.data().contains("\"test\"")));
            } // the client goes away mid-run
            String lastSeen = received.get(received.size() - 1).id();
            testRuns.release(); // the first test run fails; the run goes on to REFLECT and a second CODE

            try (RunningServer other = elsewhere
                            ? RunningServer.startOn(
                                    s.db(),
                                    request -> {
                                        throw new AssertionError("the API-only server runs no task");
                                    },
                                    c -> c.workers(0).workerName("api-only"))
                            : null;
                    SseReader second = SseReader.open((elsewhere ? other : s).http(), id, lastSeen)) {
                boolean released = false;
                SseReader.Event e;
                while ((e = second.next()) != null && !e.name().equals("end")) {
                    received.add(e);
                    if (!released && e.name().equals("TestsRun")) {
                        testRuns.release(); // the second test run passes while this client is connected
                        released = true;
                    }
                }
                assertThat(e).as("the stream ends with an end event").isNotNull();
                assertThat(e.data()).contains("solved");
            }
            long stored = s.db().queryLong("SELECT count(*) FROM %s.server_task_events WHERE task_id = '" + id + "'");
            List<Long> ids =
                    received.stream().map(ev -> Long.parseLong(ev.id())).toList();
            assertThat(ids)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, stored).boxed().toList());
            assertThat(received.get(received.size() - 1).name()).isEqualTo("RunFinished");
            assertThat(received.stream().map(SseReader.Event::name))
                    .contains("TestsRun", "FailureStored", "IterationFinished");
            assertThat(s.awaitStatus(id, Duration.ofSeconds(30), "solved")
                            .path("iterations")
                            .asInt())
                    .isEqualTo(2);
        } finally {
            testRuns.release(10);
        }
    }

    @Test
    void aStreamOfAnEndedTaskReplaysItsEventsAndEnds() {
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        try (RunningServer s = RunningServer.start(new ScriptedAgents(ScriptedAgents::solving, sandbox, workspaces))) {
            String id = s.http()
                    .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                    .json()
                    .path("id")
                    .asText();
            s.awaitStatus(id, Duration.ofSeconds(60), "solved");
            long stored = s.db().queryLong("SELECT count(*) FROM %s.server_task_events WHERE task_id = '" + id + "'");
            List<String> ids = new ArrayList<>();
            try (SseReader reader = SseReader.open(s.http(), id, "3")) {
                SseReader.Event e;
                while ((e = reader.next()) != null && !e.name().equals("end")) {
                    ids.add(e.id());
                }
            }
            assertThat(ids)
                    .containsExactlyElementsOf(LongStream.rangeClosed(4, stored)
                            .mapToObj(Long::toString)
                            .toList());
        }
    }
}
