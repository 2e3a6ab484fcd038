package dev.agentloop.server;

/** The server could not do what was asked: its database failed, or it cannot start as configured. */
public class ServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
