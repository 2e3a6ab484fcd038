package dev.agentloop.cli.batch;

import dev.agentloop.core.StopReason;
import java.util.Locale;
import java.util.Optional;

/**
 * The batch's global cost and token cap. Every model call of every run reserves its worst case (prompt estimate plus
 * the most output it may produce) before it is made and settles with what it really used, so the spend of all runs
 * together never passes the cap, however many run at once. A call that only fits once other calls have settled
 * waits for them; a call that cannot fit at all is refused. Thread-safe.
 */
final class BatchBudget {

    private final Optional<Double> costCap;
    private final Optional<Long> tokenCap;
    private double spent;
    private long tokens;
    private double reservedCost;
    private long reservedTokens;

    /**
     * @param costCap the most all runs may spend together; empty for no cap
     * @param tokenCap the most tokens all runs may use together; empty for no cap
     * @param spentBefore what earlier runs of the same output folder spent (the cap covers them too)
     * @param tokensBefore tokens earlier runs of the same output folder used
     */
    BatchBudget(Optional<Double> costCap, Optional<Long> tokenCap, double spentBefore, long tokensBefore) {
        this.costCap = costCap;
        this.tokenCap = tokenCap;
        this.spent = spentBefore;
        this.tokens = tokensBefore;
    }

    /** Why a call or a task was refused: the core reason it maps to and one sentence. */
    record Refusal(StopReason reason, String detail) {}

    /** A call's reserved worst case, settled once with what it used. */
    static final class Reservation {
        private final long tokens;
        private final double cost;
        private boolean settled;

        private Reservation(long tokens, double cost) {
            this.tokens = tokens;
            this.cost = cost;
        }
    }

    /** Thrown to the run whose call does not fit; the run is stopped before it is thrown. */
    static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.detail());
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Whether a new task may start: what was spent and what running calls reserved, plus the task's worst-case first
     * call, must fit.
     *
     * @return the refusal, or empty to start
     */
    synchronized Optional<Refusal> refuseStart(long worstTokens, double worstCost) {
        return refusal(spent + reservedCost, tokens + reservedTokens, worstTokens, worstCost, "a task's first call");
    }

    /**
     * Reserves a call's worst case, waiting while calls of other runs hold reservations that make the difference.
     *
     * @throws RefusedException when the call cannot fit even once every reservation has settled
     * @throws IllegalStateException when the waiting thread is interrupted (its run is being cancelled); the
     *     interrupt flag is kept
     */
    synchronized Reservation reserve(long worstTokens, double worstCost) {
        while (true) {
            Optional<Refusal> alone = refusal(spent, tokens, worstTokens, worstCost, "the next call");
            if (alone.isPresent()) {
                throw new RefusedException(alone.get());
            }
            if (refusal(spent + reservedCost, tokens + reservedTokens, worstTokens, worstCost, "")
                    .isEmpty()) {
                reservedCost += worstCost;
                reservedTokens += worstTokens;
                return new Reservation(worstTokens, worstCost);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the batch budget", e);
            }
        }
    }

    /** Releases a reservation and counts what the call really used (0 and 0 for a call that failed). */
    synchronized void settle(Reservation reservation, long usedTokens, double usedCost) {
        if (reservation.settled) {
            return;
        }
        reservation.settled = true;
        reservedCost -= reservation.cost;
        reservedTokens -= reservation.tokens;
        spent += usedCost;
        tokens += usedTokens;
        notifyAll();
    }

    synchronized double spent() {
        return spent;
    }

    synchronized long tokens() {
        return tokens;
    }

    Optional<Double> costCap() {
        return costCap;
    }

    Optional<Long> tokenCap() {
        return tokenCap;
    }

    private Optional<Refusal> refusal(double cost, long used, long worstTokens, double worstCost, String what) {
        if (tokenCap.isPresent() && used + worstTokens > tokenCap.get()) {
            return Optional.of(new Refusal(
                    StopReason.TOKEN_BUDGET,
                    "the batch's token cap: " + used + " of " + tokenCap.get() + " tokens used; " + what
                            + " could use up to " + worstTokens));
        }
        if (costCap.isPresent() && cost + worstCost > costCap.get()) {
            return Optional.of(new Refusal(
                    StopReason.COST_BUDGET,
                    String.format(
                            Locale.ROOT,
                            "the batch's cost cap: %.4f of %.4f spent; %s could cost up to %.4f",
                            cost,
                            costCap.get(),
                            what,
                            worstCost)));
        }
        return Optional.empty();
    }
}
