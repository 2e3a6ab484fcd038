package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhaseTransitionsTest {

    /** The table, written out once more by hand: every pair not listed must be rejected. */
    private static final Set<String> LEGAL = Set.of(
            "INIT>PLAN",
            "INIT>DONE",
            "PLAN>PLAN",
            "PLAN>CODE",
            "PLAN>DONE",
            "CODE>CODE",
            "CODE>REVIEW",
            "CODE>AUDIT",
            "CODE>TEST",
            "CODE>DONE",
            "REVIEW>CODE",
            "REVIEW>AUDIT",
            "REVIEW>TEST",
            "REVIEW>DONE",
            "AUDIT>CODE",
            "AUDIT>TEST",
            "AUDIT>DONE",
            "TEST>CODE",
            "TEST>REFLECT",
            "TEST>DONE",
            "REFLECT>CODE",
            "REFLECT>PLAN",
            "REFLECT>DONE");

    @Test
    void everyPairIsLegalOrRejectedNamingBothPhases() {
        List<String> checked = new ArrayList<>();
        for (Phase from : Phase.values()) {
            for (Phase to : Phase.values()) {
                String pair = from + ">" + to;
                checked.add(pair);
                if (LEGAL.contains(pair)) {
                    assertThat(PhaseTransitions.isLegal(from, to)).as(pair).isTrue();
                    PhaseTransitions.check(from, to);
                } else {
                    assertThat(PhaseTransitions.isLegal(from, to)).as(pair).isFalse();
                    assertThatThrownBy(() -> PhaseTransitions.check(from, to))
                            .as(pair)
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from + " -> " + to);
                }
            }
        }
        assertThat(checked).hasSize(Phase.values().length * Phase.values().length);
    }

    @Test
    void everyPhaseButDoneCanEndTheRunAndDoneGoesNowhere() {
        for (Phase from : Phase.values()) {
            assertThat(PhaseTransitions.isLegal(from, Phase.DONE)).isEqualTo(from != Phase.DONE);
        }
        assertThat(PhaseTransitions.next(Phase.DONE)).isEmpty();
    }
}
