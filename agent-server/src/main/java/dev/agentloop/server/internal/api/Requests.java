package dev.agentloop.server.internal.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reading parts of a request, each failure a 4xx naming the part. */
final class Requests {

    private Requests() {}

    /** The request's body as UTF-8 (its size was checked before the handler ran). */
    static String body(Context ctx) {
        return new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    }

    /** POST bodies are JSON: a form or text body is refused with 415 (also keeps simple cross-site posts out). */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ApiError.unsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'"
                    + (type == null ? "." : ", not " + type + "."));
        }
    }

    static UUID taskId(Context ctx) {
        return uuid(ctx.pathParam("id"), "id");
    }

    static UUID uuid(String value, String field) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(
                    field,
                    "'" + shorten(value) + "' is not an id (a UUID such as"
                            + " 3f2b8c1e-0d4a-4c56-9a1e-2b7f0c9d8e71).");
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(
                    name,
                    "The parameter '" + name + "' must be a whole number from " + min + " to " + max + ", was '"
                            + shorten(value) + "'.");
        }
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
