package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.breaker.Trip;

/**
 * Unwinds the loop when the breaker trips or the run is cancelled. Never leaves the loop: it becomes a
 * {@code Stopped} result. No stack trace is captured: it is an outcome, not an error.
 */
final class StopSignal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Trip trip;

    StopSignal(Trip trip) {
        super(trip.reason() + ": " + trip.detail(), null, false, false);
        this.trip = trip;
    }

    Trip trip() {
        return trip;
    }
}
