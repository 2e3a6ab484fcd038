package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The run goes on from a checkpoint instead of starting over: its next iteration is {@code iteration + 1}.
 *
 * @param iteration the last iteration completed before, by an earlier run of the same task
 * @param files how many files the workspace got back
 * @param tokens tokens carried over, counted against the budget
 * @param cost cost carried over, counted against the budget
 */
public record RunResumed(UUID taskId, int iteration, Instant at, int files, long tokens, double cost)
        implements AgentEvent {}
