package dev.agentloop.server.internal.json;

import java.util.Objects;

/** A request that cannot be taken as it is: {@code field} names the part that is wrong (or {@code body}). */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
