package dev.agentloop.cli.progress;

import dev.agentloop.cli.output.JsonWriter;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.Checkpointed;
import dev.agentloop.core.spi.AgentListener;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * {@code --json}: every typed event but checkpoints as one JSON object per line on stdout, type name first. Nothing else
 * is written to stdout in this mode.
 */
public final class JsonLinesProgress implements AgentListener {

    private final PrintWriter out;

    public JsonLinesProgress(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void onEvent(AgentEvent event) {
        if (event instanceof Checkpointed) {
            return; // the workspace's files after each failed iteration: for resuming, not for a progress stream
        }
        out.println(JsonWriter.writeTyped((Record) event));
        out.flush();
    }
}
