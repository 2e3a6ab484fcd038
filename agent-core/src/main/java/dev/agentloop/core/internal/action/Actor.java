package dev.agentloop.core.internal.action;

import dev.agentloop.core.ActionConfig;
import dev.agentloop.core.Role;

/**
 * Carries out a role's actions in a run: the loop's side of repository mode's act-then-answer conversation.
 * {@link dev.agentloop.core.internal.role.RoleCaller#act} drives the conversation and calls this for each action.
 */
public interface Actor {

    /** The protocol and the per-phase limit. */
    ActionConfig config();

    /**
     * Performs one action and returns what the model is told: the result, or why it was refused. Never throws for
     * what the model asked (bad arguments, refused paths, failing commands are results).
     */
    String perform(Role role, ActionCall call);

    /** The model asked for an action it may not have (bad tool name, bad JSON): tell it, and record it. */
    String refuse(Role role, String what, String reason);

    /** The phase's action limit was reached; recorded once per phase. */
    void limitReached(Role role, int limit);
}
