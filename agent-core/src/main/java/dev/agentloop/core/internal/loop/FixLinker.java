package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.FixLinked;
import dev.agentloop.core.internal.workspace.UnifiedDiff;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.FixRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Links fixes to failures. Each stored failure is remembered with a snapshot of the code as it failed; when a later
 * iteration's tests pass, each pending failure gets a {@link FixRecord} whose diff runs from its own snapshot to the
 * passing code — so two failures fixed by one pass get two different diffs.
 */
final class FixLinker {

    /** A failure whose fix is not known yet: the code as it was when it failed. */
    private record PendingFailure(UUID failureId, Map<String, String> snapshot) {}

    private final RunContext run;
    private final Workspace workspace;
    private final List<PendingFailure> pending = new ArrayList<>();

    FixLinker(RunContext run, Workspace workspace) {
        this.run = run;
        this.workspace = workspace;
    }

    /** A failure was recorded with the workspace as it is now. */
    void failed(UUID failureId) {
        pending.add(new PendingFailure(failureId, workspace.snapshot()));
    }

    /** The tests passed: every pending failure gets its fix (recorded, and published when stored). */
    void passed() {
        for (PendingFailure failure : pending) {
            String diff = workspace.diffSince(failure.snapshot());
            FixRecord fix = new FixRecord(failure.failureId(), run.taskId(), run.iteration(), diff, true, run.now());
            if (run.memory().recordFix(fix)) {
                run.events()
                        .publish(new FixLinked(
                                run.taskId(),
                                run.iteration(),
                                run.now(),
                                failure.failureId(),
                                UnifiedDiff.changedLines(diff)));
            }
        }
        pending.clear();
    }

    /** How many failures wait for a fix. */
    int pendingCount() {
        return pending.size();
    }
}
