package dev.agentloop.core.internal.role;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.ActionConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.internal.action.ActionCall;
import dev.agentloop.core.internal.action.ActionTools;
import dev.agentloop.core.internal.action.Actor;
import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.hygiene.Section;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final String sandbox;

    public RoleCaller(ModelCaller models, PromptLibrary prompts, TokenCountEstimator estimator, int maxPromptTokens) {
        this(models, prompts, estimator, maxPromptTokens, "");
    }

    /**
     * @param sandbox what the sandbox offers the code ({@link dev.agentloop.core.spi.SandboxSession#environment()}),
     *     the {@code {{sandbox}}} variable of every template; empty when unknown
     */
    public RoleCaller(
            ModelCaller models,
            PromptLibrary prompts,
            TokenCountEstimator estimator,
            int maxPromptTokens,
            String sandbox) {
        this.models = models;
        this.prompts = prompts;
        this.budget = new ContextBudget(estimator);
        this.estimator = estimator;
        this.maxPromptTokens = maxPromptTokens;
        this.sandbox = sandbox == null ? "" : sandbox;
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

    /**
     * Renders {@code template} and lets {@code role} act before it answers: each answer that asks for actions (native
     * tool calls, or a JSON object with an {@code "action"} field) is carried out by {@code actor} and its results
     * are sent back, until the model gives the role's final JSON. After {@link dev.agentloop.core.ActionConfig
     * #maxPerPhase} actions the model is told to answer and offered no more tools. A final answer that is not the
     * JSON asked for gets one repair request, as in {@link #ask}.
     */
    public <T> T act(
            Role role,
            String template,
            Map<String, String> fixed,
            List<Section> sections,
            Parser<T> parser,
            Actor actor)
            throws InvalidOutputException {
        List<ChatMessage> messages = new ArrayList<>(
                render(template, fixed, sections, maxPromptTokens).messages());
        boolean nativeTools = actor.config().protocol() == ActionConfig.Protocol.NATIVE;
        int limit = actor.config().maxPerPhase();
        int used = 0;
        int turnsAfterLimit = 0;
        boolean toldLimit = false;
        boolean repaired = false;
        while (true) {
            boolean open = used < limit;
            AiMessage answer = models.converse(role, messages, nativeTools && open ? ActionTools.all() : List.of());
            if (!open) {
                turnsAfterLimit++;
            }
            if (answer.hasToolExecutionRequests()) {
                messages.add(answer);
                for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
                    String result;
                    if (used >= limit) {
                        result = limitNote(limit);
                    } else {
                        used++;
                        result = performTool(role, request, actor);
                    }
                    messages.add(ToolExecutionResultMessage.from(request, result));
                }
            } else {
                String text = answer.text() == null ? "" : answer.text();
                JsonNode json = null;
                OutputFormatException error = null;
                try {
                    json = Json.object(text);
                } catch (OutputFormatException e) {
                    error = e;
                }
                Optional<ActionCall> action = Optional.empty();
                String refused = null;
                if (json != null) {
                    try {
                        action = ActionCall.ofJson(json);
                    } catch (IllegalArgumentException e) {
                        refused = actor.refuse(role, json.path("action").asText(""), e.getMessage());
                    }
                }
                if (action.isPresent() || refused != null) {
                    messages.add(AiMessage.from(text));
                    String result;
                    if (refused != null) {
                        result = refused;
                    } else if (used >= limit) {
                        result = limitNote(limit);
                    } else {
                        used++;
                        result = actor.perform(role, action.get());
                    }
                    String name = action.map(a -> a.kind().id()).orElse("the action");
                    messages.add(UserMessage.from("Result of " + name + ":\n" + result
                            + "\n\nGo on: one more action as a JSON object with an \"action\" field, or the final"
                            + " JSON answer."));
                } else {
                    try {
                        if (error != null) {
                            throw error;
                        }
                        return parser.parse(json);
                    } catch (OutputFormatException bad) {
                        if (repaired) {
                            throw new InvalidOutputException(role, bad.getMessage());
                        }
                        repaired = true;
                        messages.add(AiMessage.from(text.isEmpty() ? "(empty)" : ContextBudget.cutMiddle(text, 4_000)));
                        Map<String, String> vars = Map.of("error", bad.getMessage(), "role", role.id());
                        messages.add(UserMessage.from(
                                prompts.render("repair", vars, vars.keySet()).user()));
                        continue;
                    }
                }
            }
            if (used >= limit && !toldLimit) {
                toldLimit = true;
                actor.limitReached(role, limit);
                messages.add(UserMessage.from(limitNote(limit)));
            }
            if (turnsAfterLimit > 2) {
                throw new InvalidOutputException(
                        role, "the model kept asking for actions after its limit of " + limit + " and never answered");
            }
            compact(messages);
        }
    }

    private static String performTool(Role role, ToolExecutionRequest request, Actor actor) {
        ActionCall call;
        try {
            call = ActionCall.ofTool(request.name(), request.arguments(), request.id());
        } catch (IllegalArgumentException e) {
            return actor.refuse(role, request.name(), e.getMessage());
        }
        return actor.perform(role, call);
    }

    private static String limitNote(int limit) {
        return "You have used the " + limit + " actions allowed in this phase: no more actions will be carried out."
                + " Answer now with the final JSON object asked for, using what you have learned.";
    }

    /**
     * Keeps a long conversation within the prompt budget: the oldest action results are replaced by a note (the
     * model can redo an action it still needs), the prompt itself and the latest results are kept.
     */
    private void compact(List<ChatMessage> messages) {
        int total = estimator.estimateTokenCountInMessages(messages);
        for (int i = 0; i < messages.size() - 2 && total > maxPromptTokens; i++) {
            ChatMessage message = messages.get(i);
            String elided = "(this result was dropped to save room; repeat the action if you still need it)";
            if (message instanceof ToolExecutionResultMessage result
                    && !result.text().equals(elided)) {
                messages.set(i, ToolExecutionResultMessage.from(result.id(), result.toolName(), elided));
            } else if (message instanceof UserMessage user
                    && i > 1
                    && user.singleText().startsWith("Result of ")
                    && !user.singleText().contains(elided)) {
                messages.set(i, UserMessage.from("Result of an earlier action: " + elided));
            } else {
                continue;
            }
            total = estimator.estimateTokenCountInMessages(messages);
        }
    }

    /** The prompt with every section fitted into what the template's fixed text leaves of the budget. */
    Prompt render(String template, Map<String, String> given, List<Section> sections, int budgetTokens) {
        Map<String, String> fixed = new HashMap<>(given);
        fixed.putIfAbsent("sandbox", sandbox);
        Set<String> allowed = new HashSet<>(fixed.keySet());
        Map<String, String> empty = new HashMap<>(fixed);
        for (Section s : sections) {
            allowed.add(s.name());
            // not blank, so that a {{#section}} around it is counted in the fixed part
            empty.put(s.name(), "…");
        }
        Prompt skeleton = prompts.render(template, empty, allowed);
        int fixedTokens = estimator.estimateTokenCountInMessages(skeleton.messages());
        int available = Math.max(0, budgetTokens - fixedTokens - 16);
        Map<String, String> vars = new LinkedHashMap<>(fixed);
        vars.putAll(budget.fit(sections, available));
        return prompts.render(template, vars, allowed);
    }
}
