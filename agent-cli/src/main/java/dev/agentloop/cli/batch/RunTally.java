package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.event.ActionOutcome;
import dev.agentloop.core.event.ActionTaken;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.MapRanked;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.TestsRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What one run's events say that its result does not: how many past failures the memory handed over, whether a
 * handed-over failure came with a fix before an iteration passed, how long its test runs took, and on an existing
 * project the repository map's first ranking and the files the run read and edited. Updated on the run's thread, read
 * by others.
 */
final class RunTally {

    private volatile int memoryHits;
    private volatile int lastIterationWithFixHit = -1;
    private volatile String phase = "INIT";
    private volatile int iteration;
    private volatile MapRanked firstRanking;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<String> edited = ConcurrentHashMap.newKeySet();
    private final AtomicLong testNanos = new AtomicLong();

    /** A read_file subject's line range, e.g. {@code :10-30} or {@code :5-end}. */
    private static final Pattern LINE_RANGE = Pattern.compile(":\\d+-(\\d+|end)$");

    void onEvent(AgentEvent event) {
        iteration = Math.max(iteration, event.iteration());
        if (event instanceof MemoryHit hit) {
            memoryHits += hit.hits().size();
            if (hit.hits().stream().anyMatch(MemoryHit.Hit::hasFix)) {
                lastIterationWithFixHit = hit.iteration();
            }
        } else if (event instanceof PhaseEntered e) {
            phase = e.phase().name();
        } else if (event instanceof MapRanked e && firstRanking == null) {
            firstRanking = e;
        } else if (event instanceof ActionTaken e && e.outcome() == ActionOutcome.DONE) {
            switch (e.kind()) {
                case READ_FILE -> read.add(path(LINE_RANGE.matcher(e.subject()).replaceFirst("")));
                case REPLACE_TEXT, WRITE_FILE, APPLY_DIFF -> edited.add(path(e.subject()));
                default -> {}
            }
        } else if (event instanceof TestsRun e) {
            testNanos.addAndGet(e.duration().toNanos());
        }
    }

    int memoryHits() {
        return memoryHits;
    }

    /**
     * A retrieved failure with a linked fix was handed over in some iteration, and a later one passed: the run solved
     * the task after being shown a past fix.
     */
    boolean fixReused(AgentResult result) {
        int hitAt = lastIterationWithFixHit;
        return result instanceof AgentResult.Solved && hitAt >= 0 && hitAt < result.iterations();
    }

    /** The repository map's ranking at the run's first CODE step (ranked by the baseline's failures), if any. */
    Optional<MapRanked> firstRanking() {
        return Optional.ofNullable(firstRanking);
    }

    /** Files the run read with {@code read_file}, relative to the project's root. */
    Set<String> read() {
        return Set.copyOf(read);
    }

    /** Files the run's edit actions changed, relative to the project's root. */
    Set<String> edited() {
        return Set.copyOf(edited);
    }

    /** The time of the run's test runs in the sandbox (the baseline, targeted runs, whole-suite runs). */
    Duration testTime() {
        return Duration.ofNanos(testNanos.get());
    }

    /**
     * The run's localization against the gold files and functions: the map's first ranking, what it read, and what
     * it changed (its edit actions and the files of its patch).
     */
    Localization localization(List<String> goldFiles, List<String> goldFunctions, List<String> patchFiles) {
        Optional<MapRanked> ranking = firstRanking();
        Set<String> changed = new java.util.HashSet<>(edited);
        changed.addAll(patchFiles);
        return Localization.ofRanking(
                        goldFiles,
                        goldFunctions,
                        ranking.map(MapRanked::files).orElse(List.of()),
                        ranking.map(r -> r.definitions().stream()
                                        .map(d -> new Localization.Definition(d.path(), d.name()))
                                        .toList())
                                .orElse(List.of()))
                .withRun(read(), changed);
    }

    /** A path as a model named it, relative to the project's root ({@code ./a.py}, {@code /workspace/a.py}). */
    private static String path(String subject) {
        String p = subject.strip().replace('\\', '/');
        if (p.startsWith("/workspace/")) {
            p = p.substring("/workspace/".length());
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    String phase() {
        return phase;
    }

    int iteration() {
        return iteration;
    }
}
