package dev.agentloop.server;

/** The server could not do what was asked: its database failed, or it cannot start as configured. */
public class ServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming what the server could not do.
     *
     * @param message one sentence, the root cause first
     */
    public ServerException(String message) {
        super(message);
    }

    /**
     * An exception naming what the server could not do, with its cause.
     *
     * @param message one sentence, the root cause first
     * @param cause the underlying exception
     */
    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
