package dev.agentloop.cli.approval;

import java.util.Optional;

/** Asks the person at the terminal one question. Called from the loop's thread; implementations serialise. */
@FunctionalInterface
public interface Prompter {

    /**
     * Shows the question and reads one line.
     *
     * @return the answer (trimmed), or empty when input ended or the person interrupted
     */
    Optional<String> ask(String question);
}
