package dev.agentloop.memory;

import dev.agentloop.core.spi.MemoryException;
import java.util.Objects;

/**
 * The memory's database cannot be used, for a reason a person can fix outside the program: the login was refused,
 * the host is unknown, nothing listens at the address, the database does not exist, or pgvector's {@code vector}
 * extension is missing. The message names that root cause first, then where, then what to check; {@link #reason()}
 * tells the cases apart without reading the message.
 */
public final class MemoryUnavailableException extends MemoryException {

    private static final long serialVersionUID = 1L;

    /** Why the database cannot be used. */
    public enum Reason {
        /** The server refused the user name or password. */
        AUTHENTICATION_FAILED,
        /** The host name of the JDBC URL does not resolve. */
        UNKNOWN_HOST,
        /** Nothing accepts connections at the host and port. */
        CONNECTION_REFUSED,
        /** The server did not answer within the connect timeout. */
        CONNECTION_TIMED_OUT,
        /** The server has no database of the JDBC URL's name. */
        UNKNOWN_DATABASE,
        /** pgvector is not installed on the server at all. */
        VECTOR_EXTENSION_UNAVAILABLE,
        /** pgvector is on the server but not created in the database, and the user may not create it. */
        VECTOR_EXTENSION_NOT_CREATED
    }

    /** Why the database cannot be used. */
    private final Reason reason;

    /**
     * @param reason why, never null
     * @param message one sentence naming the root cause first, never null
     * @param cause the driver's or pool's exception, or null
     */
    public MemoryUnavailableException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the database cannot be used.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
