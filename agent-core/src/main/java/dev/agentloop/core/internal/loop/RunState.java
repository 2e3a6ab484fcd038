package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Where the run is: the iteration, the phase, and what the current iteration spent per phase. */
final class RunState {

    private final Clock clock;
    private int iteration;
    private Phase phase = Phase.INIT;
    private Instant phaseStart;
    private final Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> tokens = new EnumMap<>(Phase.class);

    RunState(Clock clock) {
        this.clock = clock;
        this.phaseStart = clock.instant();
    }

    int iteration() {
        return iteration;
    }

    Phase phase() {
        return phase;
    }

    /** A resumed run: {@code completed} iterations were done by an earlier run, the next is the one after. */
    void resumeAfter(int completed) {
        iteration = completed;
    }

    /** Starts the next iteration; the phase stays where the last one ended. */
    void nextIteration() {
        closePhase();
        iteration++;
        durations.clear();
        tokens.clear();
    }

    /**
     * Moves to a phase.
     *
     * @throws IllegalStateException naming both phases when the table does not allow the move
     */
    void moveTo(Phase next) {
        PhaseTransitions.check(phase, next);
        closePhase();
        phase = next;
    }

    private void closePhase() {
        Instant now = clock.instant();
        durations.merge(phase, Duration.between(phaseStart, now), Duration::plus);
        phaseStart = now;
    }

    void addTokens(long n) {
        tokens.merge(phase, n, Long::sum);
    }

    /** The current iteration's time per phase, including the running phase up to now. */
    Map<Phase, Duration> durations() {
        closePhase();
        return Map.copyOf(durations);
    }

    Map<Phase, Long> tokens() {
        return Map.copyOf(tokens);
    }
}
