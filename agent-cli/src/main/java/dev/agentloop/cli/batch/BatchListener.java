package dev.agentloop.cli.batch;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.spi.AgentListener;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The one listener of the batch's shared agent: routes each event to its run's tally and to the thread registry. */
final class BatchListener implements AgentListener {

    private final RunThreads threads;
    private final AgentListener logging;
    private final Map<UUID, RunTally> tallies = new ConcurrentHashMap<>();

    BatchListener(RunThreads threads, AgentListener logging) {
        this.threads = threads;
        this.logging = logging;
    }

    /** Starts collecting a run's events; call before the run starts. */
    RunTally track(UUID taskId) {
        RunTally tally = new RunTally();
        tallies.put(taskId, tally);
        return tally;
    }

    void forget(UUID taskId) {
        tallies.remove(taskId);
    }

    /** The tallies of the runs going on now. */
    Map<UUID, RunTally> running() {
        return Map.copyOf(tallies);
    }

    @Override
    public void onEvent(AgentEvent event) {
        threads.onEvent(event);
        RunTally tally = tallies.get(event.taskId());
        if (tally != null) {
            tally.onEvent(event);
        }
        logging.onEvent(event);
    }
}
