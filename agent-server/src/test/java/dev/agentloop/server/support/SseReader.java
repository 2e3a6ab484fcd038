package dev.agentloop.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a server-sent event stream one event at a time; closing it drops the connection. */
public final class SseReader implements AutoCloseable {

    /** One event as received. */
    public record Event(String id, String name, String data) {}

    private final InputStream body;
    private final BufferedReader reader;
    private final int status;

    private SseReader(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Opens the task's stream, after {@code lastEventId} when given. */
    public static SseReader open(Http http, String taskId, String lastEventId) {
        HttpRequest.Builder request = http.request("/api/v1/tasks/" + taskId + "/events")
                .header("Accept", "text/event-stream")
                .timeout(java.time.Duration.ofMinutes(2));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseReader(http.client().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next event, or null when the stream ended. Comments are skipped. */
    public Event next() {
        String id = null;
        String name = "message";
        List<String> data = new ArrayList<>();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() || id != null) {
                        return new Event(id, name, String.join("\n", data));
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data.add(value);
                    default -> {
                        // retry and unknown fields: not used here
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
