package dev.agentloop.cli.approval;

import dev.agentloop.core.spi.ClarificationHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the Reprompter's questions at the terminal. An empty answer lets the loop assume (and record the
 * assumption); a number picks one of the suggestions.
 */
public final class PromptClarificationHandler implements ClarificationHandler {

    private final Prompter prompter;

    public PromptClarificationHandler(Prompter prompter) {
        this.prompter = Objects.requireNonNull(prompter, "prompter");
    }

    @Override
    public Optional<String> ask(String question, List<String> suggestions) {
        StringBuilder text = new StringBuilder("Question: ").append(question).append('\n');
        for (int i = 0; i < suggestions.size(); i++) {
            text.append("  ")
                    .append(i + 1)
                    .append(") ")
                    .append(suggestions.get(i))
                    .append('\n');
        }
        text.append(
                suggestions.isEmpty()
                        ? "Answer (empty to let the agent assume): "
                        : "Answer or number (empty to let the agent assume): ");
        Optional<String> answer = prompter.ask(text.toString()).filter(a -> !a.isBlank());
        if (answer.isPresent() && answer.get().matches("\\d{1,2}")) {
            int n = Integer.parseInt(answer.get());
            if (n >= 1 && n <= suggestions.size()) {
                return Optional.of(suggestions.get(n - 1));
            }
        }
        return answer;
    }
}
