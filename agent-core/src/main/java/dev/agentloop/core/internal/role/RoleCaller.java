package dev.agentloop.core.internal.role;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.Role;
import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.hygiene.Section;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks a role's model for JSON and reads it into a record: renders the role's template with its variables fitted to
 * the prompt budget, parses the answer, and when it is not the JSON asked for, sends one repair request quoting the
 * parse error. A second bad answer is an {@link InvalidOutputException}, never a stack trace.
 */
public final class RoleCaller {

    /** Reads a parsed JSON object into a role's record. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(JsonNode json) throws OutputFormatException;
    }

    private final ModelCaller models;
    private final PromptLibrary prompts;
    private final ContextBudget budget;
    private final TokenCountEstimator estimator;
    private final int maxPromptTokens;

    public RoleCaller(ModelCaller models, PromptLibrary prompts, TokenCountEstimator estimator, int maxPromptTokens) {
        this.models = models;
        this.prompts = prompts;
        this.budget = new ContextBudget(estimator);
        this.estimator = estimator;
        this.maxPromptTokens = maxPromptTokens;
    }

    public PromptLibrary prompts() {
        return prompts;
    }

    /**
     * Renders {@code template} and asks {@code role}.
     *
     * @param fixed variables used as they are (short ones: the language, the budget note)
     * @param sections variables shrunk to fit the prompt budget
     */
    public <T> T ask(Role role, String template, Map<String, String> fixed, List<Section> sections, Parser<T> parser)
            throws InvalidOutputException {
        List<ChatMessage> messages =
                render(template, fixed, sections, maxPromptTokens).messages();
        String answer = models.call(role, messages);
        try {
            return parser.parse(Json.object(answer));
        } catch (OutputFormatException first) {
            List<ChatMessage> repair = new ArrayList<>(messages);
            repair.add(AiMessage.from(answer.isEmpty() ? "(empty)" : ContextBudget.cutMiddle(answer, 4_000)));
            Map<String, String> vars = Map.of("error", first.getMessage(), "role", role.id());
            repair.add(UserMessage.from(
                    prompts.render("repair", vars, vars.keySet()).user()));
            String second = models.call(role, repair);
            try {
                return parser.parse(Json.object(second));
            } catch (OutputFormatException again) {
                throw new InvalidOutputException(role, again.getMessage());
            }
        }
    }

    /** The prompt with every section fitted into what the template's fixed text leaves of the budget. */
    Prompt render(String template, Map<String, String> fixed, List<Section> sections, int budgetTokens) {
        Set<String> allowed = new HashSet<>(fixed.keySet());
        Map<String, String> empty = new HashMap<>(fixed);
        for (Section s : sections) {
            allowed.add(s.name());
            empty.put(s.name(), "");
        }
        Prompt skeleton = prompts.render(template, empty, allowed);
        int fixedTokens = estimator.estimateTokenCountInMessages(skeleton.messages());
        int available = Math.max(0, budgetTokens - fixedTokens - 16);
        Map<String, String> vars = new LinkedHashMap<>(fixed);
        vars.putAll(budget.fit(sections, available));
        return prompts.render(template, vars, allowed);
    }
}
