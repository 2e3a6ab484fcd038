package dev.agentloop.cli.batch;

import dev.agentloop.cli.output.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The running totals a batch's progress shows: done / solved / not solved / running, spend, ETA. Thread-safe. */
final class BatchCounts {

    private final Clock clock;
    private final Instant start;
    private final int planned;
    private final BatchBudget budget;
    private int done;
    private int solved;
    private int running;
    private int invalid;

    /**
     * @param planned instances this invocation means to run
     */
    BatchCounts(Clock clock, int planned, BatchBudget budget) {
        this.clock = clock;
        this.start = clock.instant();
        this.planned = planned;
        this.budget = budget;
    }

    synchronized void started() {
        running++;
    }

    synchronized void finished(boolean isSolved) {
        running--;
        done++;
        if (isSolved) {
            solved++;
        }
    }

    /** An instance found invalid when it was about to run. */
    synchronized void invalid(boolean wasRunning) {
        if (wasRunning) {
            running--;
        }
        invalid++;
    }

    /** A run that was cancelled before it finished. */
    synchronized void abandoned() {
        running--;
    }

    synchronized int done() {
        return done;
    }

    /** "37/164 done | 35 solved | 2 not solved | 2 running | $0.0312 of $0.0500 | 41s | ETA 2m58s". */
    synchronized String line() {
        Duration elapsed = Duration.between(start, clock.instant());
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        StringBuilder s = new StringBuilder();
        s.append(done)
                .append('/')
                .append(planned)
                .append(" done | ")
                .append(solved)
                .append(" solved | ");
        s.append(done - solved).append(" not solved | ").append(running).append(" running");
        if (invalid > 0) {
            s.append(" | ").append(invalid).append(" invalid");
        }
        s.append(" | ").append(Text.cost(budget.spent()));
        budget.costCap().ifPresent(cap -> s.append(" of ").append(Text.cost(cap)));
        budget.tokenCap()
                .ifPresent(cap -> s.append(" | ")
                        .append(Text.count(budget.tokens()))
                        .append(" of ")
                        .append(Text.count(cap))
                        .append(" tokens"));
        s.append(" | ").append(Text.duration(elapsed));
        eta(elapsed).ifPresent(eta -> s.append(" | ETA ").append(Text.duration(eta)));
        return s.toString();
    }

    /** Elapsed time per finished instance times the instances left; empty before the first one finished. */
    private Optional<Duration> eta(Duration elapsed) {
        int left = planned - done - invalid;
        if (done == 0 || left <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(elapsed.toMillis() * left / done));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
