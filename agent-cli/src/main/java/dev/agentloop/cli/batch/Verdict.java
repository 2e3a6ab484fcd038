package dev.agentloop.cli.batch;

import java.util.Objects;

/**
 * Whether an instance counts as solved, and by what.
 *
 * @param judge what decided
 * @param solved the instance is solved
 * @param passed hidden tests that passed (0 when the run's own tests decided)
 * @param total hidden tests that ran
 * @param detail one line when the judging itself went wrong or the tests could not run; empty otherwise
 */
public record Verdict(Judge judge, boolean solved, int passed, int total, String detail) {

    public Verdict {
        Objects.requireNonNull(judge, "judge");
        detail = detail == null ? "" : detail;
    }

    /** What decides whether an instance is solved. */
    public enum Judge {
        /** The instance's hidden tests, run on the final workspace after the run ended. */
        HIDDEN_TESTS,
        /**
         * The project's whole suite (with the hidden tests, when there are any), on a fresh checkout of the base with
         * the run's patch applied, after the run ended (repository instances).
         */
        SUITE,
        /** The instance has no hidden tests: the run's own end decides. */
        RUN
    }

    /** No hidden tests: solved when the run was. */
    public static Verdict byRun(boolean runSolved) {
        return new Verdict(Judge.RUN, runSolved, 0, 0, "");
    }
}
