package dev.agentloop.server.spi;

import dev.agentloop.core.Agent;

/**
 * Builds the {@link Agent} for one attempt at a served task: the models, the memory, the sandbox and the config,
 * with the request's listener and approval handler. {@code agent serve} implements it from the configuration; an
 * embedding application implements it with its own parts. Called on a worker thread; may be called for many tasks
 * at once.
 */
@FunctionalInterface
public interface TaskAgents {

    /**
     * @param request the task, its attempt, and the listener and approval handler the run must use
     * @return a new agent that runs the task; the server closes it when the attempt ends (a workspace root given
     *     to its builder stays; a temporary one is removed)
     * @throws RuntimeException when the agent cannot be built; the task then ends as failed with the message
     */
    Agent agentFor(AgentRequest request);
}
