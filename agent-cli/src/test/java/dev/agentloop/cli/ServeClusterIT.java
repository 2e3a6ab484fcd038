package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.cli.support.Services;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code agent serve} processes on loopback share the provisioned PostgreSQL, each with two workers, the scripted
 * model and the real Docker sandbox. 40 tasks are submitted over HTTP to both; one process is killed with SIGKILL
 * while it runs tasks. Every task ends exactly once, no task ran on both at once, the killed worker's tasks end on
 * the other, and the database and {@code /metrics} agree.
 */
class ServeClusterIT {

    private static final int TASKS = 40;
    private static final String TOKEN = "cluster-test-token-0123456789";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final String schema =
            "serve_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private final List<String> ids = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        // a killed worker leaves its runs' containers behind (they carry the task's id as a label)
        for (String id : ids) {
            for (String line : Services.containersLabelled("dev.agentloop.task", id)) {
                new ProcessBuilder("docker", "rm", "-f", line.split(" ")[0])
                        .redirectErrorStream(true)
                        .start()
                        .waitFor(30, TimeUnit.SECONDS);
            }
        }
        Services.dropSchema(schema);
    }

    @Test
    void fortyTasksEndExactlyOnceAcrossTwoServersWhenOneIsKilled() throws Exception {
        Services.require();
        Server a = start("worker-a");
        Server b = start("worker-b");
        for (int i = 0; i < TASKS; i++) {
            Server target = i % 2 == 0 ? a : b;
            HttpResponse<String> r = post(target, "/api/v1/tasks", "{\"task\": \"Write add(a, b) number " + i + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(JSON.readTree(r.body()).path("id").asText());
        }

        // kill worker-b while it runs tasks, after some tasks have ended
        List<String> runningOnB = List.of();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            runningOnB = strings("SELECT id::text FROM " + schema
                    + ".server_tasks WHERE status = 'running' AND worker = 'worker-b'");
            long ended = count("SELECT count(*) FROM " + schema + ".server_tasks WHERE finished_at IS NOT NULL");
            if (ended >= 6 && !runningOnB.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(runningOnB).as("worker-b runs a task before it is killed").isNotEmpty();
        b.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        Instant killedAt = Instant.now();

        // every task ends, through the surviving server
        Instant end = Instant.now().plus(Duration.ofMinutes(20));
        long terminal = 0;
        while (Instant.now().isBefore(end)) {
            terminal = count("SELECT count(*) FROM " + schema
                    + ".server_tasks WHERE status IN ('solved', 'stopped', 'failed', 'cancelled')");
            if (terminal == TASKS) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(terminal).as("tasks that ended").isEqualTo(TASKS);
        assertThat(count("SELECT count(*) FROM " + schema + ".server_tasks WHERE status = 'solved'"))
                .as("solved tasks")
                .isEqualTo(TASKS);

        // exactly once: one attempt per task ended it, one RunFinished of that attempt
        assertThat(count("SELECT count(*) FROM " + schema + ".server_task_runs WHERE status = 'solved'"))
                .isEqualTo(TASKS);
        assertThat(count("SELECT count(*) FROM (SELECT t.id FROM " + schema + ".server_tasks t JOIN " + schema
                        + ".server_task_events e ON e.task_id = t.id AND e.attempt = t.attempt AND e.type = 'RunFinished'"
                        + " GROUP BY t.id HAVING count(*) = 1) x"))
                .isEqualTo(TASKS);

        // never on both at once: an attempt starts after the previous one ended, or after its worker was killed
        Map<String, List<Attempt>> attempts = attempts();
        for (String id : ids) {
            List<Attempt> list = attempts.get(id);
            for (int i = 1; i < list.size(); i++) {
                Attempt before = list.get(i - 1);
                Attempt after = list.get(i);
                Instant previousEnd = before.endedAt() != null ? before.endedAt() : killedAt;
                assertThat(before.endedAt() != null || before.worker().equals("worker-b"))
                        .as("an attempt without an end is the killed worker's")
                        .isTrue();
                assertThat(after.startedAt())
                        .as("task %s attempt %d", id, after.attempt())
                        .isAfterOrEqualTo(previousEnd);
            }
        }

        // the killed worker's tasks ended on the other; a task seen running on worker-b may have ended there in the
        // moment before the kill, so the killed ones are those whose worker-b attempt never ended
        List<String> killedOnB = runningOnB.stream()
                .filter(id ->
                        attempts.get(id).stream().anyMatch(x -> x.worker().equals("worker-b") && x.endedAt() == null))
                .toList();
        assertThat(killedOnB).as("tasks cut by the kill").isNotEmpty();
        for (String id : killedOnB) {
            List<Attempt> list = attempts.get(id);
            Attempt last = list.get(list.size() - 1);
            assertThat(last.worker()).as("task %s", id).isEqualTo("worker-a");
            assertThat(last.attempt()).isGreaterThanOrEqualTo(2);
        }

        // the database and /metrics agree
        Thread.sleep(1500); // the gauges read the database at most once a second
        String metrics = get(a, "/metrics").body();
        assertThat(metric(metrics, "agentloop_tasks{status=\"solved\"}")).isEqualTo(TASKS);
        assertThat(metric(metrics, "agentloop_tasks{status=\"running\"}")).isZero();
        assertThat(metric(metrics, "agentloop_queue_depth")).isZero();
        long solvedOnA = count(
                "SELECT count(*) FROM " + schema + ".server_task_runs WHERE status = 'solved' AND worker = 'worker-a'");
        assertThat(metric(metrics, "agentloop_tasks_finished_total{outcome=\"solved\"}"))
                .isEqualTo(solvedOnA);
        assertThat(count("SELECT count(*) FROM " + schema + ".server_jobs"))
                .as("queue entries left")
                .isZero();
    }

    private record Server(Process process, int port, Path log) {}

    private record Attempt(int attempt, String worker, Instant startedAt, Instant endedAt) {}

    private Server start(String name) throws IOException, InterruptedException {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path logs = Files.createDirectories(temp.resolve("logs-" + name));
        Path out = temp.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dagent.log.dir=" + logs,
                        "-Xmx512m",
                        "dev.agentloop.cli.Main",
                        "serve",
                        "--port",
                        "0",
                        "--workers",
                        "2",
                        "--worker-name",
                        name,
                        "--model-script",
                        project.resolve("agent-cli/src/test/resources/scenarios/quick-solve")
                                .toString())
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("AGENT_HOME", project.toString());
        env.put("AGENT_DATABASE_SCHEMA", schema);
        env.put("AGENT_CLI_WORKSPACE", temp.resolve("workspaces").toString());
        env.put(
                "AGENT_MEMORY_SPOOL_FILE",
                temp.resolve("spool-" + name + ".jsonl").toString());
        env.put("AGENT_SERVER_HEARTBEAT", "1s");
        env.put("AGENT_SERVER_MISSED_HEARTBEATS", "5");
        env.put("AGENT_SERVER_POLLING_INTERVAL", "500ms");
        env.put("AGENT_API_TOKEN", "ci:" + TOKEN);
        Process p = pb.start();
        processes.add(p);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline) && p.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return new Server(p, Integer.parseInt(m.group(1)), out);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("agent serve " + name + " did not start: " + Files.readString(out));
    }

    private HttpResponse<String> post(Server s, String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Server s, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String text, String series) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in /metrics");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = Services.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Services.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Map<String, List<Attempt>> attempts() throws SQLException {
        Map<String, List<Attempt>> out = new HashMap<>();
        try (Connection c = Services.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT task_id::text, attempt, worker, started_at, ended_at FROM "
                        + schema + ".server_task_runs ORDER BY task_id, attempt")) {
            while (rs.next()) {
                OffsetDateTime ended = rs.getObject(5, OffsetDateTime.class);
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Attempt(
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                ended == null ? null : ended.toInstant()));
            }
        }
        return out;
    }
}
