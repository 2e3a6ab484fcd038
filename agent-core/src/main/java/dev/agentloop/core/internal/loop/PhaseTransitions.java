package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Phase;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal moves between phases. Every phase may go to {@link Phase#DONE} (the tests passed, the
 * breaker tripped, the run was cancelled or failed); {@code DONE} goes nowhere.
 *
 * <p>Why each non-obvious move exists: {@code PLAN -> PLAN} and {@code CODE -> CODE} start the next iteration after a
 * model answer that was not the JSON asked for; {@code REVIEW/AUDIT -> CODE} carry a blocking finding back;
 * {@code TEST -> CODE} carries a blocking static-scan finding back (the code never ran); {@code REFLECT -> PLAN} is
 * the breaker's re-plan escalation.
 */
public final class PhaseTransitions {

    private static final Map<Phase, Set<Phase>> LEGAL = new EnumMap<>(Phase.class);

    static {
        LEGAL.put(Phase.INIT, EnumSet.of(Phase.PLAN, Phase.DONE));
        LEGAL.put(Phase.PLAN, EnumSet.of(Phase.PLAN, Phase.CODE, Phase.DONE));
        LEGAL.put(Phase.CODE, EnumSet.of(Phase.CODE, Phase.REVIEW, Phase.AUDIT, Phase.TEST, Phase.DONE));
        LEGAL.put(Phase.REVIEW, EnumSet.of(Phase.CODE, Phase.AUDIT, Phase.TEST, Phase.DONE));
        LEGAL.put(Phase.AUDIT, EnumSet.of(Phase.CODE, Phase.TEST, Phase.DONE));
        LEGAL.put(Phase.TEST, EnumSet.of(Phase.CODE, Phase.REFLECT, Phase.DONE));
        LEGAL.put(Phase.REFLECT, EnumSet.of(Phase.CODE, Phase.PLAN, Phase.DONE));
        LEGAL.put(Phase.DONE, EnumSet.noneOf(Phase.class));
    }

    private PhaseTransitions() {}

    /** Whether the loop may move from {@code from} to {@code to}. */
    public static boolean isLegal(Phase from, Phase to) {
        return LEGAL.get(from).contains(to);
    }

    /** The phases reachable from {@code from} in one move. */
    public static Set<Phase> next(Phase from) {
        return EnumSet.copyOf(LEGAL.get(from).isEmpty() ? EnumSet.noneOf(Phase.class) : LEGAL.get(from));
    }

    /**
     * Checks one move.
     *
     * @throws IllegalStateException naming both phases when the move is not in the table
     */
    public static void check(Phase from, Phase to) {
        if (!isLegal(from, to)) {
            throw new IllegalStateException("Illegal phase transition " + from + " -> " + to + "; from " + from
                    + " the loop may go to " + LEGAL.get(from));
        }
    }
}
