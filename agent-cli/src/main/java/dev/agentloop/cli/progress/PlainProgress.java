package dev.agentloop.cli.progress;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.spi.AgentListener;
import java.io.PrintWriter;
import java.util.Objects;

/** Progress as plain lines, one per notable event: for pipes and CI logs, where a redrawn line would be noise. */
public final class PlainProgress implements AgentListener {

    private final PrintWriter out;
    private final RunStats stats;

    public PlainProgress(PrintWriter out, RunStats stats) {
        this.out = Objects.requireNonNull(out, "out");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void onEvent(AgentEvent event) {
        EventLines.of(event, stats).forEach(out::println);
        out.flush();
    }
}
