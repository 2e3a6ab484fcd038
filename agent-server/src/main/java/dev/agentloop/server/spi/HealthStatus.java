package dev.agentloop.server.spi;

import java.util.Objects;

/**
 * The state of one dependency.
 *
 * @param up whether it answers as it should
 * @param detail one line for a person (a version, or what is wrong); never a secret
 */
public record HealthStatus(boolean up, String detail) {

    public HealthStatus {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
