package dev.agentloop.server.internal.api;

import dev.agentloop.server.ApiTokens;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the bearer token of every request except the open paths ({@code /health} and the dashboard's static
 * files), and puts the token's name on the request for the audit. With no tokens configured every request is let in
 * as {@value #LOCAL} (the server then listens on loopback only).
 */
final class BearerAuth {

    /** The actor of requests when no tokens are configured. */
    static final String LOCAL = "local";

    private static final String ACTOR = "agentloop.actor";

    private final ApiTokens tokens;
    private final Set<String> open;

    BearerAuth(ApiTokens tokens, Set<String> openPaths) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.open = Set.copyOf(openPaths);
    }

    void check(Context ctx) {
        String path = ctx.path();
        if (open.contains(path) || isStatic(path)) {
            return;
        }
        if (tokens.isEmpty()) {
            ctx.attribute(ACTOR, LOCAL);
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"agentloop\"");
            throw ApiError.unauthorized("This endpoint needs a token: send 'Authorization: Bearer <token>'"
                    + " (the server's tokens are in AGENT_API_TOKEN).");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"agentloop\"");
            throw ApiError.unauthorized("The Authorization header must be 'Bearer <token>'.");
        }
        Optional<String> name = tokens.nameOf(header.substring(7).strip());
        if (name.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"agentloop\", error=\"invalid_token\"");
            throw ApiError.unauthorized("The token is not one this server accepts.");
        }
        ctx.attribute(ACTOR, name.get());
    }

    /** The name of the token that made the request ({@value #LOCAL} without tokens). */
    static String actor(Context ctx) {
        String actor = ctx.attribute(ACTOR);
        return actor == null ? LOCAL : actor;
    }

    private static boolean isStatic(String path) {
        return path.equals("/") || path.startsWith("/dashboard/");
    }
}
