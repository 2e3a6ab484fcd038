package dev.agentloop.cli.batch;

import dev.agentloop.core.Role;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * What the gold model answers for one instance's run ({@code agent batch --gold}): the gold patch's solution given
 * the way the run's roles ask for it. {@link GoldFiles} answers in the roles' JSON with whole files; repository
 * mode may answer with its actions instead. A response's token usage is what the batch counts and prices.
 */
public interface GoldAnswer {

    /**
     * The answer to one request of the run.
     *
     * @param role the role that asks
     * @param request the request as the loop made it
     */
    ChatResponse respond(Role role, ChatRequest request);
}
