package dev.agentloop.cli.env;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.AgentRun;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A core {@link AgentRun} plus what the CLI opened for it (sandbox, memory), closed once the run has ended. */
final class AgentRunHandle implements RunHandle {

    private final AgentRun run;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    AgentRunHandle(AgentRun run, List<AutoCloseable> resources) {
        this.run = run;
        this.resources = List.copyOf(resources);
    }

    @Override
    public void cancel() {
        run.cancel();
    }

    @Override
    public AgentResult await() {
        Throwable error = null;
        try {
            return run.await();
        } catch (RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            if (closed.compareAndSet(false, true)) {
                RuntimeException closing = Resources.closeAll(resources, error);
                if (closing != null && error == null) {
                    org.slf4j.LoggerFactory.getLogger(AgentRunHandle.class)
                            .warn("Closing the run's resources failed", closing);
                }
            }
        }
    }
}
