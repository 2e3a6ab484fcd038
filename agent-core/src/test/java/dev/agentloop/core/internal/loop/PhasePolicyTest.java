package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PhasePolicyTest {

    /** The phases of a whole iteration whose steps all go on, as the policy proposes them. */
    private static List<Phase> walk(PhasePolicy policy, boolean planNeeded) {
        List<Phase> phases = new ArrayList<>();
        Phase phase = policy.first(planNeeded);
        phases.add(phase);
        while (phase != Phase.REFLECT) {
            phase = policy.after(phase);
            phases.add(phase);
        }
        return phases;
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, true,  PLAN CODE TEST REFLECT",
        "false, false, false, CODE TEST REFLECT",
        "true,  false, false, CODE REVIEW TEST REFLECT",
        "false, true,  false, CODE AUDIT TEST REFLECT",
        "true,  true,  true,  PLAN CODE REVIEW AUDIT TEST REFLECT",
    })
    void skipsReviewAndAuditUnlessEnabledAndPlansOnlyWhenNeeded(
            boolean review, boolean audit, boolean planNeeded, String expected) {
        List<Phase> phases = walk(new PhasePolicy(review, audit), planNeeded);

        assertThat(phases).extracting(Phase::name).containsExactly(expected.split(" "));
    }

    /**
     * Where the previous iteration can have ended, and whether a plan is then needed: INIT before the first one;
     * PLAN when the Planner's answer was unusable (still needed); CODE to TEST after a setback (a plan exists);
     * REFLECT after failed tests (needed again only on a re-plan).
     */
    private static final Object[][] ITERATION_STARTS = {
        {Phase.INIT, true},
        {Phase.PLAN, true},
        {Phase.CODE, false},
        {Phase.REVIEW, false},
        {Phase.AUDIT, false},
        {Phase.TEST, false},
        {Phase.REFLECT, false},
        {Phase.REFLECT, true},
    };

    @Test
    void everyMoveItProposesIsInTheTable() {
        for (boolean review : new boolean[] {false, true}) {
            for (boolean audit : new boolean[] {false, true}) {
                PhasePolicy policy = new PhasePolicy(review, audit);
                for (Object[] start : ITERATION_STARTS) {
                    Phase before = (Phase) start[0];
                    List<Phase> phases = walk(policy, (Boolean) start[1]);
                    phases.add(0, before);
                    for (int i = 1; i < phases.size(); i++) {
                        assertThat(PhaseTransitions.isLegal(phases.get(i - 1), phases.get(i)))
                                .as("review %s, audit %s: %s -> %s", review, audit, phases.get(i - 1), phases.get(i))
                                .isTrue();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Phase.class,
            names = {"INIT", "REFLECT", "DONE"})
    void namesThePhaseWhenNothingFollowsIt(Phase phase) {
        assertThatThrownBy(() -> new PhasePolicy(true, true).after(phase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(phase.name());
    }
}
