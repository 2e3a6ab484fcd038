package dev.agentloop.server.internal.api;

import dev.agentloop.server.internal.queue.LiveEvents;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.StoredEvent;
import dev.agentloop.server.internal.store.TaskRow;
import dev.agentloop.server.internal.store.TaskStore;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event streams of this process. Events come from the database, wherever the task runs: one feed per task
 * reads the events after the lowest number its subscribers have seen (every watch interval, or at once when a run on
 * this process stores one) and hands each subscriber those above its own number, in order. A subscriber that
 * reconnects with {@code Last-Event-ID: n} starts after n, so it gets every event once. When the task has ended and
 * its last event is delivered, the stream gets an {@code end} event and is closed.
 */
final class EventHub implements LiveEvents, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final int BATCH = 500;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final EventStore events;
    private final TaskStore tasks;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();

    EventHub(EventStore events, TaskStore tasks, ScheduledExecutorService executor, Duration interval) {
        this.events = Objects.requireNonNull(events, "events");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Streams a task's events after {@code lastSeen} to the client until the task ends or the client leaves. */
    void subscribe(UUID taskId, long lastSeen, SseClient client) {
        client.keepAlive();
        Subscriber s = new Subscriber(client, lastSeen);
        Feed feed = feeds.computeIfAbsent(taskId, Feed::new);
        feed.subscribers.add(s);
        client.onClose(() -> feed.remove(s));
        feed.schedule(0);
    }

    @Override
    public void wake(UUID taskId) {
        Feed feed = feeds.get(taskId);
        if (feed != null) {
            feed.schedule(0);
        }
    }

    /** Subscribers on this process. */
    int subscribers() {
        return feeds.values().stream().mapToInt(f -> f.subscribers.size()).sum();
    }

    @Override
    public void close() {
        feeds.values().forEach(f -> f.subscribers.forEach(s -> s.client.close()));
        feeds.clear();
    }

    private static final class Subscriber {
        final SseClient client;
        volatile long lastSeen;
        volatile long lastSentNanos = System.nanoTime();

        Subscriber(SseClient client, long lastSeen) {
            this.client = client;
            this.lastSeen = lastSeen;
        }
    }

    private final class Feed {
        final UUID taskId;
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Feed(UUID taskId) {
            this.taskId = taskId;
        }

        void schedule(long delayMillis) {
            if (scheduled.compareAndSet(false, true)) {
                executor.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        void remove(Subscriber s) {
            subscribers.remove(s);
            if (subscribers.isEmpty()) {
                feeds.remove(taskId, this);
            }
        }

        private void poll() {
            scheduled.set(false);
            try {
                deliver();
            } catch (RuntimeException e) {
                LOG.warn("The event stream of task {} could not be read: {}", taskId, e.getMessage());
            }
            if (!subscribers.isEmpty()) {
                schedule(interval.toMillis());
            }
        }

        // one delivery at a time per feed: a wake-up during a delivery must not send the same events again
        private synchronized void deliver() {
            if (subscribers.isEmpty()) {
                return;
            }
            // the task's state first: events stored before it ended are all there when it reads as ended
            Optional<TaskRow> task = tasks.find(taskId);
            boolean ended = task.isEmpty() || task.get().status().isTerminal();
            long from = subscribers.stream().mapToLong(s -> s.lastSeen).min().orElse(0);
            List<StoredEvent> batch = events.after(taskId, from, BATCH);
            for (Subscriber s : subscribers) {
                for (StoredEvent e : batch) {
                    // a client gone mid-batch: stop writing to it (each write would only log a warning)
                    if (s.client.terminated()) {
                        break;
                    }
                    if (e.seq() > s.lastSeen) {
                        s.client.sendEvent(e.type(), e.json(), Long.toString(e.seq()));
                        s.lastSeen = e.seq();
                        s.lastSentNanos = System.nanoTime();
                    }
                }
                if (s.client.terminated()) {
                    remove(s);
                } else if (ended && batch.size() < BATCH) {
                    String status = task.map(t -> t.status().id()).orElse("deleted");
                    s.client.sendEvent("end", "{\"status\":\"" + status + "\"}");
                    s.client.close();
                    remove(s);
                } else if (System.nanoTime() - s.lastSentNanos > KEEP_ALIVE.toNanos()) {
                    s.client.sendComment("keep-alive");
                    s.lastSentNanos = System.nanoTime();
                }
            }
        }
    }
}
