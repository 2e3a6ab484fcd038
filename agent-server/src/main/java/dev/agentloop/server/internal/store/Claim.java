package dev.agentloop.server.internal.store;

/**
 * A worker's claim on a task: which attempt it runs.
 *
 * @param attempt 1 for the first run, higher after a takeover
 */
public record Claim(int attempt) {}
