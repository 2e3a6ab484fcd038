package dev.agentloop.server.internal.api;

import dev.agentloop.server.ApiTokens;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.ServerException;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.queue.RepoSources;
import dev.agentloop.server.internal.queue.TaskQueue;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.AuditLog;
import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.TaskStore;
import dev.agentloop.server.spi.HealthCheck;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: the REST API under {@code /api/v1}, the live event streams, {@code /metrics}, {@code /health},
 * the OpenAPI description and the dashboard, on Javalin (Jetty). Every error is JSON
 * {@code {"error": {"status", "code", "message", "field"?}}}; no CORS headers are sent.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String OPENAPI = "/dev/agentloop/server/openapi.json";

    private final Javalin app;
    private final EventHub hub;

    /** Everything the API needs. */
    public record Parts(
            ServerConfig config,
            ApiTokens tokens,
            Db db,
            TaskStore tasks,
            EventStore events,
            ApprovalStore approvals,
            AuditLog audit,
            SubmissionCodec codec,
            RepoSources sources,
            TaskQueue queue,
            PrometheusMeterRegistry registry,
            List<HealthCheck> checks,
            ScheduledExecutorService executor,
            Clock clock) {}

    public ApiServer(Parts p) {
        this.hub = new EventHub(p.events(), p.tasks(), p.executor(), p.config().watchInterval());
        TasksApi tasks = new TasksApi(p.tasks(), p.events(), p.audit(), p.codec(), p.sources(), p.queue(), p.clock());
        ApprovalsApi approvals = new ApprovalsApi(p.approvals(), p.audit(), p.clock());
        HealthApi health = new HealthApi(p.db(), p.checks());
        StatsApi stats = new StatsApi(
                new dev.agentloop.server.internal.store.StatsStore(p.db()), p.tasks(), p.config(), p.clock());
        BearerAuth auth = new BearerAuth(p.tokens(), Set.of("/health"));
        byte[] openapi = resource(OPENAPI);
        long maxBody = p.config().maxBodyBytes();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new io.javalin.json.JavalinJackson(Json.MAPPER, false));
            config.jetty.host = p.config().bind();
            config.jetty.port = p.config().port();
            config.http.maxRequestSize = maxBody;
            config.staticFiles.add(files -> {
                files.hostedPath = "/dashboard";
                files.directory = "/dev/agentloop/server/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http((ctx, ms) -> LOG.debug(
                    "{} {} -> {} in {} ms",
                    ctx.method(),
                    ctx.path(),
                    ctx.status().getCode(),
                    ms.longValue()));
            config.routes.before(ctx -> {
                auth.check(ctx);
                checkSize(ctx, maxBody);
            });
            config.routes.get("/", ctx -> ctx.redirect("/dashboard/index.html"));
            config.routes.get("/health", health::health);
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(p.registry().scrape()));
            config.routes.get(
                    "/api/openapi.json",
                    ctx -> ctx.contentType("application/json").result(openapi));
            config.routes.post("/api/v1/tasks", tasks::submit);
            config.routes.get("/api/v1/tasks", tasks::list);
            config.routes.get("/api/v1/tasks/{id}", tasks::get);
            config.routes.post("/api/v1/tasks/{id}/cancel", tasks::cancel);
            config.routes.before("/api/v1/tasks/{id}/events", ctx -> {
                if (ctx.method() == io.javalin.http.HandlerType.GET) {
                    ctx.attribute("agentloop.lastSeen", lastSeen(ctx));
                    p.tasks()
                            .find(Requests.taskId(ctx))
                            .orElseThrow(() -> ApiError.notFound("No task " + ctx.pathParam("id") + "."));
                    String accept = ctx.header("Accept");
                    if (accept == null || !accept.contains("text/event-stream")) {
                        throw ApiError.of(
                                406,
                                "not_acceptable",
                                "This is a stream of server-sent events: send 'Accept: text/event-stream'.");
                    }
                }
            });
            config.routes.sse("/api/v1/tasks/{id}/events", client -> {
                Context ctx = client.ctx();
                long lastSeen = ctx.attribute("agentloop.lastSeen");
                hub.subscribe(Requests.taskId(ctx), lastSeen, client);
            });
            config.routes.get("/api/v1/approvals", approvals::pending);
            config.routes.get("/api/v1/stats", stats::stats);
            config.routes.post("/api/v1/approvals/{id}", approvals::decide);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, null);
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, ApiError.notFound("No such endpoint: " + ctx.method() + " " + ctx.path() + "."));
                }
            });
            config.routes.error(
                    405,
                    ctx -> error(
                            ctx,
                            ApiError.of(
                                    405,
                                    "method_not_allowed",
                                    "The endpoint " + ctx.path() + " does not take " + ctx.method() + ".")));
        });
    }

    /** The hub that run events on this process wake. */
    public dev.agentloop.server.internal.queue.LiveEvents live() {
        return hub;
    }

    /**
     * @throws ServerException naming the address when the port cannot be bound
     */
    public void start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new ServerException(
                    "The API cannot listen on " + app.unsafe.jetty.host + ":" + app.unsafe.jetty.port + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The port listened on (the chosen one when configured as 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        hub.close();
        app.stop();
    }

    private static long lastSeen(Context ctx) {
        String value = ctx.header("Last-Event-ID");
        String field = "Last-Event-ID";
        if (value == null) {
            value = ctx.queryParam("last_event_id");
            field = "last_event_id";
        }
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field, field + " must be the number of the last event received.");
        }
    }

    private static void checkSize(Context ctx, long maxBody) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBody) {
            throw ApiError.tooLarge("The body has " + length + " bytes; this server takes at most " + maxBody + ".");
        }
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> ApiError.tooLarge("The body is larger than this server takes.");
            case 404 -> ApiError.notFound("Not found.");
            case 401 -> ApiError.unauthorized("Not authorised.");
            default -> ApiError.of(e.getStatus(), "error", e.getMessage());
        };
    }

    private static void error(Context ctx, ApiError e) {
        int status = e == null ? 500 : e.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("code", e == null ? "internal" : e.code());
        body.put("message", e == null ? "The server failed; the details are in its log." : e.getMessage());
        if (e != null) {
            e.field().ifPresent(f -> body.put("field", f));
        }
        ctx.status(status).json(Map.of("error", body));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + name + " is missing from the jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
