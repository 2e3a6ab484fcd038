package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.BreakerEscalated;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.spi.ClarificationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationLadderTest {

    private static final FailureSignature SAME =
            new FailureSignature("AssertionError", "assert <n> == <n>", "test_solution.py::test_add");
    private static final FailureSignature OTHER =
            new FailureSignature("TypeError", "bad operand", "test_solution.py::test_add");

    private final TestRun run = new TestRun();
    private final PromptLibrary prompts = new PromptLibrary(Optional.empty());
    private final Planning planning = new Planning();

    private EscalationLadder ladder(Optional<ClarificationHandler> person) {
        return new EscalationLadder(run.context, person, prompts, planning);
    }

    private String fail(EscalationLadder ladder, FailureSignature signature) {
        run.state().nextIteration();
        return ladder.onFailure(signature);
    }

    @Test
    void differentFailuresAreNotEscalated() {
        EscalationLadder ladder = ladder(Optional.empty());

        assertThat(fail(ladder, SAME)).isEmpty();
        assertThat(fail(ladder, OTHER)).isEmpty();
        assertThat(fail(ladder, SAME)).isEmpty();
        assertThat(run.events.of(BreakerEscalated.class)).isEmpty();
    }

    @Test
    void aRepeatAsksForADifferentHypothesisThenReplansWithTheFailureHistoryThenTrips() {
        EscalationLadder ladder = ladder(Optional.empty());
        fail(ladder, OTHER);
        fail(ladder, SAME);
        ladder.hypothesis("uses minus");
        planning.planned(new dev.agentloop.core.internal.role.Outputs.Plan("one function", List.of(), List.of(), ""));

        String second = fail(ladder, SAME);
        String third = fail(ladder, SAME);

        assertThat(second).contains("(\"uses minus\")", "different hypothesis");
        assertThat(third).contains("the plan is being redone");
        assertThat(planning.planNeeded()).isTrue();
        assertThat(planning.replanHistory())
                .isEqualTo("iteration 1: " + OTHER.value() + "\niteration 2: " + SAME.value() + "\niteration 3: "
                        + SAME.value() + "\niteration 4: " + SAME.value());
        assertThatThrownBy(() -> fail(ladder, SAME))
                .isInstanceOfSatisfying(
                        StopSignal.class,
                        stop -> assertThat(stop.trip().reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED));
        assertThat(run.events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(BreakerEscalated.Step.NEW_HYPOTHESIS, BreakerEscalated.Step.REPLAN);
    }

    @Test
    void withAPersonItAsksForAHintOnTheLastRepeatBeforeTheLimit() {
        List<String> asked = new ArrayList<>();
        EscalationLadder ladder = ladder(Optional.of((question, suggestions) -> {
            asked.add(question);
            return Optional.of("use the + operator");
        }));
        fail(ladder, SAME);
        fail(ladder, SAME);

        String third = fail(ladder, SAME);

        assertThat(third).contains("use the + operator");
        assertThat(asked).singleElement().asString().contains("3 times in a row", SAME.value());
        assertThat(run.events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .containsExactly(BreakerEscalated.Step.NEW_HYPOTHESIS, BreakerEscalated.Step.ASK_PERSON);
        assertThatThrownBy(() -> fail(ladder, SAME))
                .isInstanceOfSatisfying(
                        StopSignal.class,
                        stop -> assertThat(stop.trip().reason()).isEqualTo(StopReason.SAME_FAILURE_REPEATED));
    }

    @Test
    void aPersonWhoFailsToAnswerGivesNoHint() {
        EscalationLadder ladder = ladder(Optional.of((question, suggestions) -> {
            throw new IllegalStateException("terminal closed");
        }));
        fail(ladder, SAME);
        fail(ladder, SAME);

        assertThat(fail(ladder, SAME)).isEmpty();
        assertThat(run.events.of(BreakerEscalated.class))
                .extracting(BreakerEscalated::step)
                .contains(BreakerEscalated.Step.ASK_PERSON);
    }
}
