package dev.agentloop.cli.github;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line's part of an issue run.
 *
 * @param mergeMode {@code --merge-mode}: overrides {@code github.mode}
 * @param approvals {@code --approve}: approvals given ahead (merge, dependency, schema)
 * @param modelScript {@code --model-script}: a scripted model instead of the configured endpoint
 * @param json events as JSON Lines on stdout, the flow's lines on stderr
 * @param yes answer yes where the run's approval mode would ask
 */
public record IssueOptions(
        Optional<String> mergeMode, List<String> approvals, Optional<Path> modelScript, boolean json, boolean yes) {

    public IssueOptions {
        approvals = List.copyOf(approvals);
    }
}
