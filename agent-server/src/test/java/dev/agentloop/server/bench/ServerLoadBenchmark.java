package dev.agentloop.server.bench;

import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.support.Http;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import dev.agentloop.server.support.SseReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on one server over loopback, bounded in time and count, stopping by itself: {@code clients} threads for
 * {@code seconds} send GET /api/v1/tasks/{id} (9 in 10) and POST /api/v1/tasks (1 in 10) with a fast scripted
 * model and a fake sandbox; then {@code subscribers} live streams follow one running task. Prints p50/p99 and the
 * error count. Arguments: clients seconds subscribers (default 200 30 500).
 */
public final class ServerLoadBenchmark {

    private static final int MAX_REQUESTS_PER_CLIENT = 100_000;

    private ServerLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path workspaces = Files.createTempDirectory("agentloop-bench");
        System.out.printf(
                "machine: %d cores, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (clients > 0) {
            loadPhase(workspaces, clients, seconds);
        }
        // a second server with an empty queue: the watched task runs at once, its test run taking 5 s
        FakeSandbox slow = new FakeSandbox().thenReport(FakeSandbox.passing(1)).onRunTests(r -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (RunningServer s = RunningServer.start(new ScriptedAgents(ScriptedAgents::solving, slow, workspaces))) {
            stream(s, subscribers);
        }
    }

    private static void loadPhase(Path workspaces, int clients, int seconds) throws InterruptedException {
        try (RunningServer s = RunningServer.start(
                new ScriptedAgents(
                        ScriptedAgents::solving, new FakeSandbox().thenReport(FakeSandbox.passing(1)), workspaces),
                c -> c.workers(4))) {
            Http http = s.http();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add(http.post("/api/v1/tasks", "{\"task\": \"Write add(a, b) " + i + "\"}")
                        .json()
                        .path("id")
                        .asText());
            }
            load(http, ids, clients, seconds);
        }
    }

    private static void load(Http http, List<String> ids, int clients, int seconds) throws InterruptedException {
        long[][] gets = new long[clients][];
        long[][] posts = new long[clients][];
        AtomicLong errors = new AtomicLong();
        Instant end = Instant.now().plusSeconds(seconds);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long[] g = new long[MAX_REQUESTS_PER_CLIENT];
                long[] p = new long[MAX_REQUESTS_PER_CLIENT];
                int gn = 0;
                int pn = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    while (Instant.now().isBefore(end) && gn + pn < MAX_REQUESTS_PER_CLIENT) {
                        boolean post = random.nextInt(10) == 0;
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = post
                                    ? http.post("/api/v1/tasks", "{\"task\": \"Write add(a, b) under load\"}")
                                            .status()
                                    : http.get("/api/v1/tasks/" + ids.get(random.nextInt(ids.size())))
                                            .status();
                        } catch (RuntimeException e) {
                            status = -1;
                        }
                        long took = System.nanoTime() - start;
                        if (status != (post ? 202 : 200)) {
                            errors.incrementAndGet();
                        } else if (post) {
                            p[pn++] = took;
                        } else {
                            g[gn++] = took;
                        }
                    }
                } finally {
                    gets[client] = Arrays.copyOf(g, gn);
                    posts[client] = Arrays.copyOf(p, pn);
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long[] allGets = merge(gets);
        long[] allPosts = merge(posts);
        System.out.printf(
                "load: %d clients for %d s: GET /api/v1/tasks/{id} %d requests, p50 %.1f ms, p99 %.1f ms;"
                        + " POST /api/v1/tasks %d requests, p50 %.1f ms, p99 %.1f ms; %.0f requests/s; errors %d%n",
                clients,
                seconds,
                allGets.length,
                ms(allGets, 0.50),
                ms(allGets, 0.99),
                allPosts.length,
                ms(allPosts, 0.50),
                ms(allPosts, 0.99),
                (allGets.length + allPosts.length) / (double) seconds,
                errors.get());
    }

    private static void stream(RunningServer s, int subscribers) throws Exception {
        // one task whose test run takes 5 s: the subscribers connect while it runs and follow it to its end
        Http http = s.http();
        String id = http.post("/api/v1/tasks", "{\"task\": \"Write add(a, b) while watched\"}")
                .json()
                .path("id")
                .asText();
        long[] took = new long[subscribers];
        long[] received = new long[subscribers];
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(subscribers);
        long start = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                long begin = System.nanoTime();
                try (SseReader reader = SseReader.open(http, id, null)) {
                    SseReader.Event e;
                    while ((e = reader.next()) != null && !e.name().equals("end")) {
                        received[n]++;
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                } finally {
                    took[n] = System.nanoTime() - begin;
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        if (!done.await(3, java.util.concurrent.TimeUnit.MINUTES)) {
            System.out.println("sse: the subscribers did not all finish within 3 minutes");
        }
        String status = s.awaitStatus(id, Duration.ofMinutes(1), "solved", "stopped", "failed")
                .path("status")
                .asText();
        long stored = s.db().queryLong("SELECT count(*) FROM %s.server_task_events WHERE task_id = '" + id + "'");
        long complete = Arrays.stream(received).filter(r -> r == stored).count();
        Arrays.sort(took);
        System.out.printf(
                "sse: %d subscribers on one running task (%s, %d events): %d got every event, %d failed;"
                        + " connect to end event p50 %.1f ms, p99 %.1f ms; all done in %.1f s%n",
                subscribers,
                status,
                stored,
                complete,
                failures.get(),
                ms(took, 0.50),
                ms(took, 0.99),
                (System.nanoTime() - start) / 1e9);
    }

    private static long[] merge(long[][] parts) {
        long[] all = Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static double ms(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1)] / 1e6;
    }
}
