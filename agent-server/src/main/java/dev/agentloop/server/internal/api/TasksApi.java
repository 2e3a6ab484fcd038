package dev.agentloop.server.internal.api;

import dev.agentloop.server.TaskState;
import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.internal.json.InvalidRequestException;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.queue.RepoSources;
import dev.agentloop.server.internal.queue.TaskCommands;
import dev.agentloop.server.internal.queue.TaskQueue;
import dev.agentloop.server.internal.store.AuditLog;
import dev.agentloop.server.internal.store.CancelResult;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.TaskRow;
import dev.agentloop.server.internal.store.TaskStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/v1/tasks}: submit, list, read, cancel. */
final class TasksApi {

    private static final Logger LOG = LoggerFactory.getLogger(TasksApi.class);

    /** Most tasks one page lists. */
    static final int MAX_LIMIT = 200;

    private final TaskStore tasks;
    private final EventStore events;
    private final SubmissionCodec codec;
    private final RepoSources sources;
    private final TaskCommands commands;
    private final TaskViews views;

    TasksApi(
            TaskStore tasks,
            EventStore events,
            AuditLog audit,
            SubmissionCodec codec,
            RepoSources sources,
            TaskQueue queue,
            Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.codec = codec;
        this.sources = sources;
        this.commands = new TaskCommands(tasks, queue, audit, codec, clock);
        this.views = new TaskViews(codec);
    }

    void submit(Context ctx) {
        Requests.requireJson(ctx);
        TaskSubmission submission;
        try {
            submission = codec.read(Requests.body(ctx));
            if (submission.repo().isPresent()) {
                sources.check(submission.repo().get(), submission.base());
            }
        } catch (InvalidRequestException e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
        String actor = BearerAuth.actor(ctx);
        UUID id = commands.submit(submission, actor);
        LOG.info("Task {} submitted by {}", id, actor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", TaskState.QUEUED.id());
        out.put("links", TaskViews.links(id));
        ctx.status(202).header("Location", "/api/v1/tasks/" + id).json(out);
    }

    void list(Context ctx) {
        Optional<TaskState> status = Optional.ofNullable(ctx.queryParam("status"))
                .map(s -> {
                    try {
                        return TaskState.fromId(s);
                    } catch (IllegalArgumentException e) {
                        throw ApiError.badRequest("status", "The parameter 'status' is wrong: " + e.getMessage() + ".");
                    }
                });
        int limit = Requests.intParam(ctx, "limit", 50, 1, MAX_LIMIT);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<TaskRow> rows = tasks.list(status, limit, offset);
        long total = tasks.count(status);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", rows.stream().map(views::summary).toList());
        out.put("total", total);
        out.put("limit", limit);
        out.put("offset", offset);
        Map<String, String> links = new LinkedHashMap<>();
        String filter = status.map(s -> "&status=" + s.id()).orElse("");
        if (offset + rows.size() < total) {
            links.put("next", "/api/v1/tasks?limit=" + limit + "&offset=" + (offset + limit) + filter);
        }
        out.put("links", links);
        ctx.json(out);
    }

    void get(Context ctx) {
        TaskRow row = find(ctx);
        ctx.json(views.detail(row, events.countsByType(row.id())));
    }

    void cancel(Context ctx) {
        UUID id = Requests.taskId(ctx);
        CancelResult result = commands.cancel(id, BearerAuth.actor(ctx));
        switch (result) {
            case NOT_FOUND -> throw ApiError.notFound("No task " + id + ".");
            case ALREADY_FINISHED -> {
                TaskRow row = tasks.find(id).orElseThrow();
                throw ApiError.conflict("Task " + id + " already ended as "
                        + row.status().id() + "; only a queued or running task can" + " be cancelled.");
            }
            case CANCELLED, REQUESTED -> {
                // done: a queued task is cancelled, a running one's worker stops it within a moment
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", result == CancelResult.CANCELLED ? TaskState.CANCELLED.id() : TaskState.RUNNING.id());
        out.put("cancel_requested", true);
        out.put("links", TaskViews.links(id));
        ctx.status(202).json(out);
    }

    private TaskRow find(Context ctx) {
        UUID id = Requests.taskId(ctx);
        return tasks.find(id).orElseThrow(() -> ApiError.notFound("No task " + id + "."));
    }
}
