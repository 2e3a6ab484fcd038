package dev.agentloop.cli.progress;

import dev.agentloop.core.Phase;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.spi.AgentListener;
import java.time.Instant;
import java.util.Optional;

/** Running totals of a run, for the status line and the summary. Updated on the loop's thread, read by others. */
public final class RunStats implements AgentListener {

    private volatile Instant startedAt;
    private volatile int maxIterations;
    private volatile int iteration;
    private volatile Phase phase = Phase.INIT;
    private volatile long tokens;
    private volatile int memoryHits;
    private volatile String lastTests = "";

    @Override
    public void onEvent(AgentEvent event) {
        iteration = Math.max(iteration, event.iteration());
        if (event instanceof RunStarted e) {
            startedAt = e.at();
            maxIterations = e.maxIterations();
        } else if (event instanceof PhaseEntered e) {
            phase = e.phase();
        } else if (event instanceof ModelCalled e) {
            tokens += e.inputTokens() + e.outputTokens();
        } else if (event instanceof MemoryHit e) {
            memoryHits += e.hits().size();
        } else if (event instanceof TestsRun e) {
            long total = e.passed() + e.failed() + e.errored();
            lastTests = e.passed() + "/" + total + " passed"
                    + (e.outcome().name().equals("PASSED")
                            ? ""
                            : " ("
                                    + e.outcome()
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', ' ') + ")");
        }
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public int maxIterations() {
        return maxIterations;
    }

    public int iteration() {
        return iteration;
    }

    public Phase phase() {
        return phase;
    }

    public long tokens() {
        return tokens;
    }

    public int memoryHits() {
        return memoryHits;
    }

    public String lastTests() {
        return lastTests;
    }
}
