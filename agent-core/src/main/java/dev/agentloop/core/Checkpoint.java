package dev.agentloop.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run stood after its last completed iteration, so that another process can go on from there with
 * {@link Agent#resume(Task, Checkpoint)} instead of starting over. A run publishes one after every iteration that
 * ended without passing tests ({@link dev.agentloop.core.event.Checkpointed}); only runs of tasks without a
 * repository source do, since a working copy does not outlive its process.
 *
 * @param iterations the iterations completed so far (at least 1); the resumed run starts at the next one
 * @param files the workspace's files after that iteration, path to content
 * @param testFiles the test files among them, so the resumed run does not write its tests again; empty when the
 *     tests must be (re)written
 * @param history one line per completed iteration, oldest first ({@code #n OUTCOME: summary}): what the planner and
 *     the reflector are told of the failures met so far
 * @param tokens tokens spent so far, counted against the token budget
 * @param cost cost spent so far, counted against the cost budget
 */
public record Checkpoint(
        int iterations,
        Map<String, String> files,
        List<String> testFiles,
        List<String> history,
        long tokens,
        double cost) {

    /**
     * Copies the collections.
     *
     * @param iterations the iterations completed so far (at least 1); the resumed run starts at the next one
     * @param files the workspace's files after that iteration, path to content
     * @param testFiles the test files among them, so the resumed run does not write its tests again; empty when the
     *     tests must be (re)written
     * @param history one line per completed iteration, oldest first ({@code #n OUTCOME: summary}): what the planner and
     *     the reflector are told of the failures met so far
     * @param tokens tokens spent so far, counted against the token budget
     * @param cost cost spent so far, counted against the cost budget
     * @throws IllegalArgumentException when no iteration was completed, or tokens or cost are negative
     */
    public Checkpoint {
        if (iterations < 1) {
            throw new IllegalArgumentException(
                    "A checkpoint needs at least one completed iteration, had " + iterations);
        }
        files = Map.copyOf(Objects.requireNonNull(files, "files"));
        testFiles = List.copyOf(Objects.requireNonNull(testFiles, "testFiles"));
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        if (tokens < 0 || cost < 0) {
            throw new IllegalArgumentException("tokens and cost must be >= 0, were " + tokens + " and " + cost);
        }
    }
}
