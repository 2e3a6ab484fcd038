package dev.agentloop.git.github;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Watches a repository's open issues ({@code agent watch}): every interval it lists those carrying all the wanted
 * labels and none of the ignored ones, not assigned to someone else, claims as many as there are free run slots
 * ({@link IssueFlow#claim}: once, across restarts), and handles each on a worker thread through the {@link
 * IssueFlow}. It claims nothing while the daily cost cap is reached. {@link #stop()} ends the watching; runs under way
 * finish (or are cancelled by whoever runs them) and {@link #close()} waits for them.
 */
public final class IssueWatcher implements AutoCloseable {

    private final GitHubClient github;
    private final IssueFlow flow;
    private final WatchSettings settings;
    private final Consumer<String> say;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Object wake = new Object();

    /**
     * @param github lists the open issues
     * @param flow handles each claimed issue
     * @param settings the repository, labels, concurrency and interval
     * @param say receives one line per claim, skip and outcome for a person
     * @throws GitHubException when the repository is outside the allow-list (refused before anything is read)
     */
    public IssueWatcher(GitHubClient github, IssueFlow flow, WatchSettings settings, Consumer<String> say) {
        this.github = Objects.requireNonNull(github, "github");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.say = Objects.requireNonNull(say, "say");
        flow.requireAllowed(settings.repository(), "watch");
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.maxConcurrent(), r -> {
            Thread t = new Thread(r, "agent-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One look at the issues: claims up to the free slots and starts their runs.
     *
     * @return the issues claimed by this look
     */
    public List<IssueRef> poll() {
        List<IssueRef> claimed = new ArrayList<>();
        if (stopped.get()) {
            return claimed;
        }
        List<GitHubIssue> open = github.openIssues(settings.repository(), settings.labels());
        String me = flow.login();
        for (GitHubIssue issue : open) {
            if (stopped.get() || running.get() >= settings.maxConcurrent()) {
                break;
            }
            if (issue.labels().stream().anyMatch(l -> containsIgnoringCase(settings.ignoreLabels(), l))) {
                continue;
            }
            if (!issue.assignees().isEmpty() && !issue.assignees().contains(me)) {
                continue; // a person has it
            }
            if (flow.cap().reached()) {
                say.accept(String.format(
                        Locale.ROOT,
                        "the daily cost cap is reached (%.4f of %.4f spent today, UTC): no new claims until tomorrow",
                        flow.cap().spentToday(),
                        flow.cap().cap()));
                break;
            }
            if (!flow.claim(issue)) {
                continue;
            }
            claimed.add(issue.ref());
            running.incrementAndGet();
            workers.execute(() -> {
                try {
                    IssueOutcome outcome = flow.work(flow.read(issue.ref()));
                    say.accept(issue.ref() + ": "
                            + outcome.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + outcome.pullRequest()
                                    .map(pr -> " (" + pr.url() + ")")
                                    .orElse(""));
                } catch (RuntimeException e) {
                    say.accept(issue.ref() + ": " + e.getMessage());
                } finally {
                    running.decrementAndGet();
                    synchronized (wake) {
                        wake.notifyAll();
                    }
                }
            });
        }
        return claimed;
    }

    /** Polls every interval until {@link #stop()}; a failed look (GitHub unreachable) is reported and retried. */
    public void run() {
        say.accept("watching " + settings.repository() + " for open issues labelled "
                + String.join(", ", settings.labels()) + " every "
                + settings.interval().toSeconds() + " s, at most "
                + settings.maxConcurrent() + " at once (Ctrl-C stops)");
        while (!stopped.get()) {
            try {
                poll();
            } catch (GitHubException e) {
                say.accept("could not look at the issues: " + e.getMessage());
            }
            synchronized (wake) {
                long until = System.nanoTime() + settings.interval().toNanos();
                while (!stopped.get()) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(wake, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped.set(true);
                    }
                }
            }
        }
    }

    /** {@return one look, then waits for the runs it started ({@code agent watch --once})} */
    public List<IssueRef> runOnce() {
        List<IssueRef> claimed = poll();
        awaitRuns(Duration.ofDays(1));
        return claimed;
    }

    /**
     * Runs under way.
     *
     * @return the number of runs going
     */
    public int running() {
        return running.get();
    }

    /**
     * Waits until no run is under way, at most {@code timeout}; true when none is.
     *
     * @param timeout the longest time to wait
     * @return true when no run is going
     */
    public boolean awaitRuns(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (wake) {
            while (running.get() > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return running.get() == 0;
                }
            }
        }
        return true;
    }

    /**
     * What Ctrl-C does: stops watching (a claim under way is completed, no other is started), cancels the runs under
     * way through {@code cancelRuns} (which should also refuse runs that would start later) and waits for them to
     * end, at most {@code grace}. A claimed issue stays claimed, so that a restart never claims it again.
     *
     * @param cancelRuns cancels every run under way (each then ends as cancelled and removes its sandbox)
     * @param grace the longest wait for the runs to end
     * @return true when no run is going any more
     */
    public boolean shutdown(Runnable cancelRuns, Duration grace) {
        stop();
        cancelRuns.run();
        return awaitRuns(grace);
    }

    /** Stops watching: no new claims; runs under way go on. Idempotent. */
    public void stop() {
        stopped.set(true);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Stops and waits (at most a minute) for the runs under way. */
    @Override
    public void close() {
        stop();
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean containsIgnoringCase(List<String> list, String value) {
        return list.stream().anyMatch(v -> v.equalsIgnoreCase(value));
    }
}
