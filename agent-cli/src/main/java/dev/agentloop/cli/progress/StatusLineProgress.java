package dev.agentloop.cli.progress;

import dev.agentloop.cli.output.Text;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.spi.AgentListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Progress on a terminal: the permanent lines of {@link PlainProgress} scroll above one live status line (phase,
 * iteration n/max, elapsed, tokens, last test result) that is redrawn on every event and once a second.
 */
public final class StatusLineProgress implements AgentListener, AutoCloseable {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;
    private final RunStats stats;
    private final Clock clock;
    private final IntSupplier width;
    private final ScheduledExecutorService ticker;
    private boolean shown;
    private boolean finished;

    public StatusLineProgress(PrintWriter out, RunStats stats, Clock clock, IntSupplier width) {
        this.out = Objects.requireNonNull(out, "out");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.width = Objects.requireNonNull(width, "width");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-status-line");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void onEvent(AgentEvent event) {
        clear();
        EventLines.of(event, stats).forEach(out::println);
        if (event instanceof RunFinished) {
            finished = true;
            out.flush();
            return;
        }
        draw();
    }

    /** Removes the status line (before a prompt or the summary). */
    public synchronized void clear() {
        if (shown) {
            out.print(CLEAR_LINE);
            out.flush();
            shown = false;
        }
    }

    private synchronized void redraw() {
        if (!finished && stats.startedAt().isPresent()) {
            clear();
            draw();
        }
    }

    private void draw() {
        if (stats.startedAt().isEmpty()) {
            return;
        }
        Duration elapsed = Duration.between(stats.startedAt().get(), clock.instant());
        String line = "[" + stats.phase().name() + "] iteration " + stats.iteration() + "/" + stats.maxIterations()
                + " | " + Text.duration(elapsed.isNegative() ? Duration.ZERO : elapsed) + " | "
                + Text.count(stats.tokens()) + " tokens"
                + (stats.lastTests().isEmpty() ? "" : " | last test: " + stats.lastTests());
        out.print(Text.cut(line, Math.max(20, width.getAsInt() - 1)));
        out.flush();
        shown = true;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        clear();
    }
}
