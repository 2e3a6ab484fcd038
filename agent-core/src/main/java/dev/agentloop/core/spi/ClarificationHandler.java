package dev.agentloop.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Answers the open questions the Reprompter found in a vague task. Without a handler the loop records the
 * assumptions it made in the spec and shows them.
 */
@FunctionalInterface
public interface ClarificationHandler {

    /**
     * Asks one question.
     *
     * @param question the question, one sentence
     * @param suggestions possible answers, possibly empty
     * @return the answer, or empty to let the loop assume
     */
    Optional<String> ask(String question, List<String> suggestions);
}
