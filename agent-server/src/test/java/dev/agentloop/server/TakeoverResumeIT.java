package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Role;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import dev.agentloop.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task whose worker goes away after its first iteration is taken over by another server, which goes on at the
 * second iteration from the stored checkpoint instead of starting over. Asserted from the database.
 */
class TakeoverResumeIT {

    private static final String SPEC =
            "{\"goal\": \"add(a, b) returns the sum\", \"acceptance_tests\": [\"add(1, 2) == 3\"]}";
    private static final String PLAN =
            "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}]}";
    private static final String TESTS = "{\"files\": [{\"path\": \"test_solution.py\", \"content\": "
            + "\"from solution import add\\n\\ndef test_add():\\n    assert add(1, 2) == 3\\n\"}]}";
    private static final String REFLECTION =
            "{\"diagnosis\": \"wrong operator\", \"hypothesis\": \"uses minus\", \"next_step\": \"use plus\"}";

    @TempDir
    Path firstWorkspaces;

    @TempDir
    Path secondWorkspaces;

    private static String code(String body) {
        return "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return " + body
                + "\\n\"}]}";
    }

    @Test
    void aTakenOverTaskGoesOnFromItsLastIterationOnAnotherServer() throws Exception {
        CountDownLatch secondTestRun = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        // the first server's run fails its first test run and hangs in its second, until its server goes away
        FakeSandbox hanging = new FakeSandbox()
                .thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"))
                .onRunTests(new java.util.function.Consumer<>() {
                    private int runs;

                    @Override
                    public synchronized void accept(dev.agentloop.core.spi.TestRequest request) {
                        if (++runs < 2) {
                            return;
                        }
                        secondTestRun.countDown();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        ScriptedAgents first = new ScriptedAgents(
                () -> ScriptedChatModel.builder()
                        .respond(Role.REPROMPTER, SPEC)
                        .respond(Role.PLANNER, PLAN)
                        .respond(Role.TESTER, TESTS)
                        .respond(Role.CODER, code("a - b"))
                        .respond(Role.REFLECTOR, REFLECTION)
                        .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                        .build(),
                hanging,
                firstWorkspaces);
        // the second server's model has no tester answer: a run that wrote its tests again would fail
        ScriptedChatModel[] secondModel = new ScriptedChatModel[1];
        ScriptedAgents second = new ScriptedAgents(
                () -> secondModel[0] = ScriptedChatModel.builder()
                        .respond(Role.REPROMPTER, SPEC)
                        .respond(Role.PLANNER, PLAN)
                        .respond(Role.CODER, code("a + b"))
                        .build(),
                new FakeSandbox().thenReport(FakeSandbox.passing(1)),
                secondWorkspaces);

        TestDatabase db = TestDatabase.fresh(12);
        try {
            String id;
            try (RunningServer a =
                    RunningServer.startOn(db, first, c -> c.workers(1).workerName("worker-a"))) {
                id = a.http()
                        .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\", \"max_iterations\": 4}")
                        .json()
                        .path("id")
                        .asText();
                assertThat(secondTestRun.await(120, java.util.concurrent.TimeUnit.SECONDS))
                        .as("the first attempt reaches its second iteration's tests")
                        .isTrue();
                assertThat(db.queryLong(
                                "SELECT iteration FROM %s.server_task_checkpoints WHERE task_id = '" + id + "'"))
                        .isEqualTo(1);
            } // worker-a goes away in its second iteration: the task goes back to the queue

            try (RunningServer b = RunningServer.startOn(db, second, c -> c.workerName("worker-b"))) {
                var detail = b.awaitStatus(id, Duration.ofSeconds(120), "solved", "failed", "stopped");
                assertThat(detail.path("status").asText()).isEqualTo("solved");
                assertThat(detail.path("iterations").asInt()).isEqualTo(2);
            }

            String task = "task_id = '" + id + "'";
            assertThat(db.queryLong("SELECT attempt FROM %s.server_tasks WHERE id = '" + id + "'"))
                    .isEqualTo(2);
            assertThat(db.queryText("SELECT worker FROM %s.server_task_runs WHERE " + task + " AND attempt = 2"))
                    .isEqualTo("worker-b");
            assertThat(db.queryText("SELECT string_agg(data->>'iteration', ',' ORDER BY seq) FROM"
                            + " %s.server_task_events WHERE " + task + " AND type = 'IterationFinished'"
                            + " AND attempt = 1"))
                    .as("attempt 1 completed iteration 1 (its second was cut)")
                    .startsWith("1");
            assertThat(db.queryText("SELECT string_agg(data->>'iteration', ',' ORDER BY seq) FROM"
                            + " %s.server_task_events WHERE " + task + " AND type = 'RunResumed' AND attempt = 2"))
                    .isEqualTo("1");
            assertThat(db.queryText("SELECT string_agg(data->>'iteration', ',' ORDER BY seq) FROM"
                            + " %s.server_task_events WHERE " + task + " AND type = 'IterationFinished'"
                            + " AND attempt = 2"))
                    .as("attempt 2 went on at iteration 2")
                    .isEqualTo("2");
            assertThat(db.queryLong("SELECT count(*) FROM %s.server_task_events WHERE " + task
                            + " AND type = 'AgentWarning' AND data->>'source' = 'takeover'"))
                    .as("no start-over was needed")
                    .isZero();
            assertThat(db.queryLong("SELECT count(*) FROM %s.server_task_events WHERE type = 'Checkpointed'"))
                    .as("checkpoints stay out of the event stream")
                    .isZero();
            assertThat(db.queryLong("SELECT count(*) FROM %s.server_task_checkpoints WHERE " + task))
                    .as("an ended task's checkpoint is dropped")
                    .isZero();
            assertThat(secondModel[0].requests(Role.TESTER)).isEmpty();
            assertThat(secondModel[0].requests(Role.CODER).get(0).messages().toString())
                    .as("the second attempt's coder sees the first attempt's code")
                    .contains("return a - b");
        } finally {
            never.countDown();
            db.close();
        }
    }

    @Test
    void aTakenOverTaskWithoutACompletedIterationStartsOverAndSaysSo() throws Exception {
        CountDownLatch firstTestRun = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FakeSandbox hanging = new FakeSandbox().onRunTests(r -> {
            firstTestRun.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ScriptedAgents first = new ScriptedAgents(ScriptedAgents::solving, hanging, firstWorkspaces);
        ScriptedAgents second = new ScriptedAgents(
                ScriptedAgents::solving, new FakeSandbox().thenReport(FakeSandbox.passing(1)), secondWorkspaces);
        TestDatabase db = TestDatabase.fresh(12);
        try {
            String id;
            try (RunningServer a =
                    RunningServer.startOn(db, first, c -> c.workers(1).workerName("worker-a"))) {
                id = a.http()
                        .post("/api/v1/tasks", "{\"task\": \"Write add(a, b)\"}")
                        .json()
                        .path("id")
                        .asText();
                assertThat(firstTestRun.await(120, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            }
            try (RunningServer b = RunningServer.startOn(db, second, c -> c.workerName("worker-b"))) {
                var detail = b.awaitStatus(id, Duration.ofSeconds(120), "solved", "failed", "stopped");
                assertThat(detail.path("status").asText()).isEqualTo("solved");
                assertThat(detail.path("iterations").asInt()).isEqualTo(1);
            }
            String task = "task_id = '" + id + "'";
            assertThat(db.queryText("SELECT data->>'message' FROM %s.server_task_events WHERE " + task
                            + " AND type = 'AgentWarning' AND attempt = 2 AND data->>'source' = 'takeover'"))
                    .isEqualTo("Attempt 2 starts the task over: no earlier attempt completed an iteration.");
            assertThat(db.queryLong(
                            "SELECT count(*) FROM %s.server_task_events WHERE " + task + " AND type = 'RunResumed'"))
                    .isZero();
        } finally {
            never.countDown();
            db.close();
        }
    }
}
