package dev.agentloop.git.github;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.event.Planned;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.TestOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Listens to one run and keeps the {@link RunFacts} a pull request's description reports. Thread-safe. */
public final class RunFactsRecorder implements AgentListener {

    private String plan = "";
    private String testsBefore = "";
    private String testsAfter = "";
    private final Set<String> failures = new LinkedHashSet<>();
    private final List<String> memoryHits = new ArrayList<>();
    private final Set<UUID> hitIds = new HashSet<>();
    private long tokens;
    private String lastIteration = "";

    @Override
    public synchronized void onEvent(AgentEvent event) {
        if (event instanceof Planned e) {
            plan = e.plan();
        } else if (event instanceof TestsRun e) {
            long failing = e.failed() + e.errored();
            if (e.iteration() == 0) {
                testsBefore = e.passed() + " passed, " + failing + " failing";
            } else {
                testsAfter = e.passed() + "/" + (e.passed() + failing) + " passed"
                        + (e.outcome() == TestOutcome.PASSED
                                ? ""
                                : " ("
                                        + e.outcome()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' ') + ")");
            }
        } else if (event instanceof FailureStored e) {
            failures.add(e.signature());
        } else if (event instanceof MemoryHit e) {
            for (MemoryHit.Hit hit : e.hits()) {
                if (hitIds.add(hit.failureId())) {
                    memoryHits.add(String.format(
                            Locale.ROOT,
                            "similarity %.2f%s: %s",
                            hit.similarity(),
                            hit.hasFix() ? ", fix known" : "",
                            hit.summary()));
                }
            }
        } else if (event instanceof ModelCalled e) {
            tokens += e.inputTokens() + e.outputTokens();
        } else if (event instanceof IterationFinished e) {
            lastIteration = e.summary();
        }
    }

    /** {@return what was seen so far} */
    public synchronized RunFacts facts() {
        return new RunFacts(plan, testsBefore, testsAfter, List.copyOf(failures), memoryHits, tokens, lastIteration);
    }
}
