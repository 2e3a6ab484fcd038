package dev.agentloop.server.spi;

import java.util.Objects;

/**
 * The state of one dependency.
 *
 * @param up whether it answers as it should
 * @param detail one line for a person (a version, or what is wrong); never a secret
 */
public record HealthStatus(boolean up, String detail) {

    /**
     * Checks the detail is present.
     *
     * @param up whether it answers as it should
     * @param detail one line for a person (a version, or what is wrong); never a secret
     */
    public HealthStatus {
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * {@return a dependency that answers}
     *
     * @param detail one line, e.g. a version
     */
    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    /**
     * {@return a dependency that does not answer}
     *
     * @param detail what is wrong, one line, never a secret
     */
    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
