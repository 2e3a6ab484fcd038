package dev.agentloop.core.internal.breaker;

import dev.agentloop.core.CircuitBreakerConfig;
import dev.agentloop.core.StopReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The run's circuit breaker: a small state machine over iterations, tokens, cost, time and repeated failure
 * signatures. It is asked before every iteration ({@link #beforeIteration}) and before every model call
 * ({@link #beforeCall}) with that call's worst case, so a budget is never exceeded by more than one call. It never
 * sleeps and reads time only from the given clock.
 *
 * <p>Not thread-safe except for the cancellation flag it reads: one run owns it.
 */
public final class CircuitBreaker {

    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final Instant start;
    private final BooleanSupplier cancelled;

    private long tokens;
    private double cost;
    private String lastSignature;
    private int consecutive;
    private boolean tokenWarned;
    private boolean costWarned;
    private boolean timeWarned;

    public CircuitBreaker(CircuitBreakerConfig config, Clock clock, Instant start, BooleanSupplier cancelled) {
        this.config = config;
        this.clock = clock;
        this.start = start;
        this.cancelled = cancelled;
    }

    /**
     * Whether iteration {@code number} (1-based) may start.
     *
     * @return the trip, or empty to go on
     */
    public Optional<Trip> beforeIteration(int number) {
        Optional<Trip> common = cancelledOrLate();
        if (common.isPresent()) {
            return common;
        }
        if (number > config.maxIterations()) {
            int done = number - 1;
            return Optional.of(new Trip(
                    StopReason.ITERATION_LIMIT,
                    done + " of " + config.maxIterations() + " iterations used without passing tests"));
        }
        return Optional.empty();
    }

    /**
     * Whether a model call may be made.
     *
     * @param inputTokens the estimated prompt size
     * @param maxOutputTokens the most the call may produce
     * @param inputPer1k price of 1,000 prompt tokens for the call's model
     * @param outputPer1k price of 1,000 completion tokens
     * @return the trip, or empty to go on
     */
    public Optional<Trip> beforeCall(long inputTokens, long maxOutputTokens, double inputPer1k, double outputPer1k) {
        Optional<Trip> common = cancelledOrLate();
        if (common.isPresent()) {
            return common;
        }
        Optional<Long> tokenBudget = config.tokenBudget();
        if (tokenBudget.isPresent()) {
            long worst = tokens + inputTokens + maxOutputTokens;
            if (worst > tokenBudget.get()) {
                return Optional.of(new Trip(
                        StopReason.TOKEN_BUDGET,
                        tokens + " of " + tokenBudget.get() + " tokens used; the next call could use up to "
                                + (inputTokens + maxOutputTokens)));
            }
        }
        Optional<Double> costBudget = config.costBudget();
        if (costBudget.isPresent()) {
            double worst = cost + inputTokens / 1000.0 * inputPer1k + maxOutputTokens / 1000.0 * outputPer1k;
            if (worst > costBudget.get()) {
                return Optional.of(new Trip(
                        StopReason.COST_BUDGET,
                        String.format(
                                Locale.ROOT,
                                "%.4f of %.4f spent; the next call could cost up to %.4f",
                                cost,
                                costBudget.get(),
                                worst - cost)));
            }
        }
        return Optional.empty();
    }

    /** Whether the caller cancelled the run: an error surfacing after a cancel is the cancel's doing. */
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    /** Whether the run was cancelled or is past its deadline; checked before every phase. */
    public Optional<Trip> checkRunning() {
        return cancelledOrLate();
    }

    private Optional<Trip> cancelledOrLate() {
        if (cancelled.getAsBoolean()) {
            return Optional.of(new Trip(StopReason.CANCELLED, "cancelled by the caller"));
        }
        Optional<Duration> deadline = config.deadline();
        if (deadline.isPresent()) {
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.compareTo(deadline.get()) >= 0) {
                return Optional.of(new Trip(
                        StopReason.DEADLINE, "ran " + human(elapsed) + " of a " + human(deadline.get()) + " deadline"));
            }
        }
        return Optional.empty();
    }

    /** Counts what earlier runs of the same task spent (a resumed run), so the budgets hold across them. */
    public void carry(long earlierTokens, double earlierCost) {
        tokens += earlierTokens;
        cost += earlierCost;
    }

    /** Counts a finished model call. */
    public void recordUsage(long inputTokens, long outputTokens, double callCost) {
        tokens += inputTokens + outputTokens;
        cost += callCost;
    }

    /**
     * Counts a failure with its signature and says what to do. The escalation ladder lives inside the same-failure
     * limit: the first failure of a signature continues, the ones after it up to the limit take the ladder's steps
     * in order (a new hypothesis, a re-plan; asking the person takes the last place before the limit when a person
     * is there), and the failure that reaches the limit trips. So a stuck run stops as stuck after exactly
     * {@code sameFailureLimit} identical failures, whatever the ladder.
     *
     * @param personAvailable whether a clarification handler can be asked
     */
    public Escalation onFailure(String signature, boolean personAvailable) {
        if (signature.equals(lastSignature)) {
            consecutive++;
        } else {
            lastSignature = signature;
            consecutive = 1;
        }
        if (consecutive == 1) {
            return Escalation.CONTINUE;
        }
        if (consecutive >= config.sameFailureLimit()) {
            return Escalation.TRIP;
        }
        if (!config.escalation()) {
            return Escalation.CONTINUE;
        }
        List<Escalation> steps = ladder(personAvailable, config.sameFailureLimit() - 2);
        int step = consecutive - 2;
        return step < steps.size() ? steps.get(step) : Escalation.CONTINUE;
    }

    /** The steps that fit in {@code places} repeats before the limit; the person, when there, is never left out. */
    private static List<Escalation> ladder(boolean personAvailable, int places) {
        List<Escalation> steps = new ArrayList<>(List.of(Escalation.NEW_HYPOTHESIS, Escalation.REPLAN));
        if (personAvailable) {
            steps = new ArrayList<>(steps.subList(0, Math.max(0, Math.min(steps.size(), places - 1))));
            steps.add(Escalation.ASK_PERSON);
        }
        return steps.subList(0, Math.min(steps.size(), places));
    }

    /** The detail of a {@link StopReason#SAME_FAILURE_REPEATED} trip. */
    public Trip sameFailureTrip() {
        return new Trip(
                StopReason.SAME_FAILURE_REPEATED,
                "the same failure came back " + consecutive + " times in a row"
                        + (config.escalation() && config.sameFailureLimit() > 2 ? " despite escalation" : "") + ": "
                        + lastSignature);
    }

    /** The tests passed: repeated-failure tracking starts over. */
    public void onPass() {
        lastSignature = null;
        consecutive = 0;
    }

    /** Tries left when iteration {@code number} starts, counting that one. */
    public int triesLeft(int number) {
        return Math.max(0, config.maxIterations() - number + 1);
    }

    /** Whether iteration {@code number} is inside the warning threshold (the model is told how many tries remain). */
    public boolean inWarningZone(int number) {
        return config.warnAtRemaining() > 0 && triesLeft(number) <= config.warnAtRemaining();
    }

    /** Budget warnings crossed since last asked, each given once per run. */
    public List<String> budgetWarnings() {
        List<String> out = new ArrayList<>();
        double f = config.warnFraction();
        config.tokenBudget().ifPresent(budget -> {
            if (!tokenWarned && tokens >= f * budget) {
                tokenWarned = true;
                out.add(tokens + " of " + budget + " tokens used");
            }
        });
        config.costBudget().ifPresent(budget -> {
            if (!costWarned && cost >= f * budget) {
                costWarned = true;
                out.add(String.format(Locale.ROOT, "%.4f of %.4f spent", cost, budget));
            }
        });
        config.deadline().ifPresent(deadline -> {
            Duration elapsed = Duration.between(start, clock.instant());
            if (!timeWarned && elapsed.toMillis() >= f * deadline.toMillis()) {
                timeWarned = true;
                out.add(human(elapsed) + " of a " + human(deadline) + " deadline used");
            }
        });
        return out;
    }

    public long tokens() {
        return tokens;
    }

    public double cost() {
        return cost;
    }

    public int consecutiveFailures() {
        return consecutive;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
}
