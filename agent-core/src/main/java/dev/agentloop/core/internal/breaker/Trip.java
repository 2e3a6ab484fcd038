package dev.agentloop.core.internal.breaker;

import dev.agentloop.core.StopReason;
import java.util.Objects;

/** Why the breaker stops the run, and what was hit ("12 of 12 iterations"). */
public record Trip(StopReason reason, String detail) {
    public Trip {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
