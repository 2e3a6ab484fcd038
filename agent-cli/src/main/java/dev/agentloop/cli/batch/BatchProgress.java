package dev.agentloop.cli.batch;

import dev.agentloop.cli.output.Text;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A batch's progress for a person: one line per finished or invalid instance and, on a terminal, a status line
 * below them (done / solved / not solved / running, spend, ETA) redrawn on every change and once a second; without a
 * terminal, every finished line carries the totals instead.
 */
final class BatchProgress implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;
    private final BatchCounts counts;
    private final IntSupplier width;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private boolean shown;

    /**
     * @param terminal draw a live status line (stdout is a terminal)
     */
    BatchProgress(PrintWriter out, BatchCounts counts, IntSupplier width, boolean terminal) {
        this.out = out;
        this.counts = counts;
        this.width = width;
        this.terminal = terminal;
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "agent-batch-status");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    /** An instance's run started. */
    synchronized void started(BatchInstance instance) {
        redraw();
    }

    /** An instance has its verdict. */
    synchronized void finished(TaskResult r) {
        String line = String.format(
                Locale.ROOT, "%-24s %-10s %s", Text.cut(r.id(), 24), r.solved() ? "solved" : "not solved", describe(r));
        print(terminal ? line : "[" + counts.done() + "] " + line + " | " + counts.line());
    }

    /** An instance cannot run. */
    synchronized void invalid(InvalidInstanceException e) {
        print("invalid  " + e.describe());
    }

    /** A line for the person (a repair, the cap being reached). */
    synchronized void note(String line) {
        print(line);
    }

    private static String describe(TaskResult r) {
        StringBuilder s = new StringBuilder();
        if (r.verdict().judge() == Verdict.Judge.HIDDEN_TESTS) {
            s.append("hidden tests ")
                    .append(r.verdict().passed())
                    .append('/')
                    .append(r.verdict().total());
            if (!r.verdict().detail().isEmpty() && !r.solved()) {
                s.append(" (").append(Text.cut(r.verdict().detail(), 60)).append(')');
            }
            s.append(", ");
        }
        s.append("run ").append(Text.words(r.status()));
        r.stopReason().ifPresent(reason -> s.append(": ").append(Text.words(reason)));
        s.append(", ").append(r.iterations()).append(r.iterations() == 1 ? " iteration, " : " iterations, ");
        s.append(Text.count(r.tokens())).append(" tokens, ").append(Text.cost(r.cost()));
        s.append(", ").append(Text.duration(r.wall()));
        if (r.memoryHits() > 0) {
            s.append(", ").append(r.memoryHits()).append(" memory hit(s)");
        }
        return s.toString();
    }

    private void print(String line) {
        clear();
        out.println(line);
        draw();
    }

    private synchronized void redraw() {
        if (terminal) {
            clear();
            draw();
        }
    }

    private void clear() {
        if (shown) {
            out.print(CLEAR_LINE);
            shown = false;
        }
    }

    private void draw() {
        if (terminal) {
            out.print(Text.cut("batch: " + counts.line(), Math.max(20, width.getAsInt() - 1)));
            shown = true;
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
        out.flush();
    }
}
