package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Task;
import dev.agentloop.core.spi.Sandbox;
import java.util.UUID;

/**
 * How one kind of batch instance is checked, turned into a task, answered in {@code --gold} mode and judged. Tasks in
 * an empty folder are {@link GreenfieldInstances}; instances on an existing project ({@code repo} + {@code base}) are
 * {@link RepositoryInstances}.
 */
public interface InstanceHandler {

    /**
     * Checks what can be checked before the instance runs: the repository exists, the base resolves, the gold patch
     * applies.
     *
     * @param gold the batch runs the gold patches ({@code --gold}): the instance must have one that applies
     * @throws InvalidInstanceException with one sentence saying what is wrong; the rest of the batch still runs
     */
    void check(BatchInstance instance, boolean gold);

    /**
     * The task a run of the instance works on: its text, language, project, source and the tests given read-only.
     * Never carries the hidden tests.
     */
    Task task(BatchInstance instance, UUID taskId);

    /** What the gold model answers for the instance; called only after {@link #check} passed with {@code gold}. */
    GoldAnswer gold(BatchInstance instance);

    /**
     * Judges a run that has ended: writes the hidden tests next to (a copy of) the run's final files, runs them in
     * the sandbox and says whether they pass. Never changes the user's repository.
     *
     * @param sandbox the batch's sandbox, for a session of its own
     */
    Verdict judge(BatchInstance instance, AgentResult result, Sandbox sandbox);
}
