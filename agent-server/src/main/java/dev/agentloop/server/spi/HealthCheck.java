package dev.agentloop.server.spi;

/** One dependency the server reports on at {@code /health} (the database is always checked by the server). */
public interface HealthCheck {

    /** {@return a short lower-case name, e.g} {@code docker} or {@code model}. */
    String name();

    /**
     * Checks the dependency now; quick (a second or two at most) and never throws.
     *
     * @return the dependency's state, never null
     */
    HealthStatus check();
}
