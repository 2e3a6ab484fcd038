package dev.agentloop.cli.batch;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.approval.Mode;
import dev.agentloop.cli.approval.ModeApprovalHandler;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.Backends;
import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.env.SharedAgent;
import dev.agentloop.cli.env.SharedAgentRequest;
import dev.agentloop.cli.output.TerminalInfo;
import dev.agentloop.cli.progress.Cancellation;
import dev.agentloop.cli.progress.MdcListener;
import dev.agentloop.core.AgentException;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.AgentRun;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch: selects the instances ({@code --filter}, {@code --limit}, those not finished yet), opens one agent
 * for all of them, runs {@code workers} at a time under the global budget, judges each with its hidden tests after its
 * run has ended, appends one result line per finished instance and rewrites the summary and the report as it goes.
 */
public final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    /**
     * What {@code agent batch} was asked.
     *
     * @param workers runs at the same time, {@code >= 1}
     * @param costCap the most all runs may spend together
     * @param tokenCap the most tokens all runs may use together
     * @param memory which memory the runs share
     * @param gold run each instance's gold patch instead of a model
     * @param filter only instances whose id this finds
     * @param limit only the first K instances selected
     */
    public record Settings(
            int workers,
            Optional<Double> costCap,
            Optional<Long> tokenCap,
            MemoryMode memory,
            boolean gold,
            Optional<Pattern> filter,
            OptionalInt limit) {

        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, was " + workers);
            }
        }
    }

    /** How a batch ended: the exit code and the summary written last. */
    public record Outcome(ExitCode exitCode, BatchSummary summary) {}

    private final Clock clock;
    private final Backends backends;
    private final CliConfig config;
    private final BatchFile file;
    private final OutputFolder out;
    private final Settings settings;
    private final InstanceHandlers handlers;
    private final PrintWriter console;
    private final TerminalInfo terminal;
    private final Cancellation cancellation;

    private final List<TaskResult> results = Collections.synchronizedList(new ArrayList<>());
    private final List<InvalidInstanceException> invalid = Collections.synchronizedList(new ArrayList<>());
    private final Map<NotRunReason, Integer> notRun = new EnumMap<>(NotRunReason.class);
    private final Map<UUID, AgentRun> running = new ConcurrentHashMap<>();
    private final Map<UUID, BatchBudget.Refusal> capStops = new ConcurrentHashMap<>();
    private final RunThreads threads = new RunThreads();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object slots = new Object();
    private volatile boolean cancelled;
    private volatile Instant startedAt;
    private int active;
    private int finishedNow;

    /**
     * @param console where progress goes
     * @param terminal whether the console is a terminal (a live status line) and its width
     * @param cancellation how Ctrl-C reaches the batch
     */
    public BatchRunner(
            Clock clock,
            Backends backends,
            CliConfig config,
            BatchFile file,
            OutputFolder out,
            Settings settings,
            InstanceHandlers handlers,
            PrintWriter console,
            TerminalInfo terminal,
            Cancellation cancellation) {
        this.clock = clock;
        this.backends = backends;
        this.config = config;
        this.file = file;
        this.out = out;
        this.settings = settings;
        this.handlers = handlers;
        this.console = console;
        this.terminal = terminal;
        this.cancellation = cancellation;
    }

    /**
     * Runs the selected instances that are not finished yet.
     *
     * @throws dev.agentloop.cli.EnvironmentNotReadyException when the database, Docker or the model is not ready
     */
    public Outcome run() {
        startedAt = clock.instant();
        results.addAll(out.previous());
        Set<TaskResult.ResultKey> done =
                out.previous().stream().map(TaskResult::key).collect(Collectors.toSet());
        List<BatchInstance> selected = select();
        List<BatchInstance> todo = selected.stream()
                .filter(i -> !done.contains(new TaskResult.ResultKey(i.id(), settings.memory())))
                .toList();
        invalid.addAll(file.invalid());
        double spentBefore = results.stream().mapToDouble(TaskResult::cost).sum();
        long tokensBefore = results.stream().mapToLong(TaskResult::tokens).sum();
        BatchBudget budget = new BatchBudget(settings.costCap(), settings.tokenCap(), spentBefore, tokensBefore);
        BatchCounts counts = new BatchCounts(clock, todo.size(), budget);
        BatchProgress progress = new BatchProgress(console, counts, terminal.widthSupplier(), terminal.interactive());
        out.repair().ifPresent(r -> progress.note("resume: " + r + "."));
        if (selected.size() > todo.size()) {
            progress.note("resume: " + (selected.size() - todo.size()) + " of " + selected.size()
                    + " selected instance(s) already finished in " + out.dir() + "; running the other "
                    + todo.size() + ".");
        }
        file.invalid().forEach(progress::invalid);
        BatchHandle handle = new BatchHandle();
        try {
            if (!todo.isEmpty()) {
                runAll(todo, budget, counts, progress, handle);
            }
        } finally {
            progress.close();
            finished.countDown();
        }
        BatchSummary summary = writeSummary();
        return new Outcome(exitCode(), summary);
    }

    private void runAll(
            List<BatchInstance> todo,
            BatchBudget budget,
            BatchCounts counts,
            BatchProgress progress,
            BatchHandle handle) {
        GoldModel gold = new GoldModel(threads);
        BudgetDecorator decorator = new BudgetDecorator(budget, this::stopForBudget);
        BatchListener listener = new BatchListener(threads, new MdcListener());
        Path workspaces = out.dir().resolve("workspaces");
        cancellation.register(handle);
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "agent-batch-worker");
            t.setDaemon(true);
            return t;
        });
        try (SharedAgent shared = backends.openShared(new SharedAgentRequest(
                config,
                settings.memory(),
                listener,
                new ModeApprovalHandler(Mode.AUTONOMOUS, false, Optional.empty()),
                settings.gold() ? Optional.of(gold) : Optional.empty(),
                decorator,
                workspaces))) {
            Worker worker = new Worker(shared, gold, listener, counts, progress);
            for (int i = 0; i < todo.size(); i++) {
                BatchInstance instance = todo.get(i);
                if (cancelled) {
                    count(NotRunReason.CANCELLED, todo.size() - i);
                    break;
                }
                Optional<BatchBudget.Refusal> refused = awaitSlot(budget, decorator, instance);
                if (cancelled) {
                    count(NotRunReason.CANCELLED, todo.size() - i);
                    break;
                }
                if (refused.isPresent()) {
                    NotRunReason reason = refused.get().reason() == StopReason.TOKEN_BUDGET
                            ? NotRunReason.TOKEN_CAP
                            : NotRunReason.COST_CAP;
                    count(reason, todo.size() - i);
                    progress.note("cap reached: " + (todo.size() - i) + " instance(s) not started; "
                            + refused.get().detail() + ".");
                    break;
                }
                pool.execute(() -> worker.run(instance));
            }
            pool.shutdown();
            awaitPool(pool);
        } finally {
            pool.shutdownNow();
            cancellation.unregister(handle);
        }
    }

    /**
     * Waits for a free worker, then for the budget to cover the instance's worst-case first call. While runs are
     * going on, a refused start waits for one of them to end (their reservations settle); with none going on, the
     * refusal is final.
     */
    private Optional<BatchBudget.Refusal> awaitSlot(
            BatchBudget budget, BudgetDecorator decorator, BatchInstance instance) {
        String text =
                instance.task().orElse("") + String.join("\n", instance.tests().values());
        long worstTokens = decorator.worstFirstCallTokens(text);
        double worstCost = decorator.worstFirstCallCost(text);
        synchronized (slots) {
            while (true) {
                if (cancelled) {
                    return Optional.empty();
                }
                if (active < settings.workers()) {
                    Optional<BatchBudget.Refusal> refusal = budget.refuseStart(worstTokens, worstCost);
                    if (refusal.isEmpty()) {
                        active++;
                        return Optional.empty();
                    }
                    if (active == 0) {
                        return refusal;
                    }
                }
                try {
                    slots.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    return Optional.empty();
                }
            }
        }
    }

    private void release() {
        synchronized (slots) {
            active--;
            slots.notifyAll();
        }
    }

    private void awaitPool(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the runs end on their own, or on cancel
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
        }
    }

    /** Called on a run's thread when its next call does not fit the batch's budget: stops that run. */
    private void stopForBudget(BatchBudget.Refusal refusal) {
        threads.current().ifPresent(taskId -> {
            capStops.put(taskId, refusal);
            AgentRun run = running.get(taskId);
            if (run != null) {
                run.cancel();
            }
        });
    }

    private void cancelAll() {
        cancelled = true;
        running.values().forEach(AgentRun::cancel);
        synchronized (slots) {
            slots.notifyAll();
        }
    }

    private synchronized void count(NotRunReason reason, int n) {
        notRun.merge(reason, n, Integer::sum);
    }

    /** Runs one instance on a pool thread: check, run, judge, record. */
    private final class Worker {
        private final SharedAgent shared;
        private final GoldModel gold;
        private final BatchListener listener;
        private final BatchCounts counts;
        private final BatchProgress progress;

        Worker(SharedAgent shared, GoldModel gold, BatchListener listener, BatchCounts counts, BatchProgress progress) {
            this.shared = shared;
            this.gold = gold;
            this.listener = listener;
            this.counts = counts;
            this.progress = progress;
        }

        void run(BatchInstance instance) {
            try {
                runChecked(instance);
            } catch (RuntimeException e) {
                LOG.error("The batch could not run {}", instance.where(), e);
                InvalidInstanceException problem = InvalidInstanceException.of(
                        instance, "it could not be run (" + e.getMessage() + "); see logs/agent.log.");
                invalid.add(problem);
                progress.invalid(problem);
            } finally {
                release();
            }
        }

        private void runChecked(BatchInstance instance) {
            InstanceHandler handler = handlers.of(instance);
            counts.started();
            try {
                handler.check(instance, settings.gold());
            } catch (InvalidInstanceException e) {
                counts.invalid(true);
                invalid.add(e);
                progress.invalid(e);
                return;
            }
            UUID taskId = UUID.randomUUID();
            Task task = handler.task(instance, taskId);
            if (settings.gold()) {
                gold.answer(taskId, handler.gold(instance));
            }
            RunTally tally = listener.track(taskId);
            Instant start = clock.instant();
            AgentResult result;
            try {
                AgentRun run = shared.agent().start(task);
                running.put(taskId, run);
                if (cancelled) {
                    run.cancel();
                }
                progress.started(instance);
                try {
                    result = run.await();
                } catch (AgentException e) {
                    result = new AgentResult.Failed(
                            taskId, "the loop broke: " + e.getMessage(), e, 0, 0, 0, Duration.ZERO, Path.of(""));
                }
            } finally {
                running.remove(taskId);
                listener.forget(taskId);
                gold.forget(taskId);
            }
            Optional<BatchBudget.Refusal> cap = Optional.ofNullable(capStops.remove(taskId));
            if (cancelled && cap.isEmpty() && !(result instanceof AgentResult.Solved)) {
                counts.abandoned();
                count(NotRunReason.CANCELLED, 1);
                return; // not finished: --resume runs it again
            }
            AgentResult ended = result;
            Verdict verdict = handler.judge(instance, ended, shared.sandbox());
            if (cancelled && !verdict.solved()) {
                // the cancel may have removed the judge's sandbox mid-run: not a verdict to keep; --resume reruns it
                counts.abandoned();
                count(NotRunReason.CANCELLED, 1);
                return;
            }
            TaskResult r = new TaskResult(
                    instance.id(),
                    instance.line(),
                    instance.group(),
                    instance.language(),
                    settings.memory(),
                    settings.gold(),
                    taskId,
                    RunStatus.of(result),
                    cap.map(BatchBudget.Refusal::reason).or(() -> stopReason(ended)),
                    cap.map(BatchBudget.Refusal::detail).orElseGet(() -> detail(ended)),
                    verdict,
                    result.iterations(),
                    result.tokens(),
                    result.cost(),
                    Duration.between(start, clock.instant()),
                    ended.elapsed() == null ? Duration.ZERO : ended.elapsed(),
                    start,
                    clock.instant(),
                    tally.memoryHits(),
                    tally.fixReused(result),
                    tally.testTime(),
                    localization(instance, tally, ended));
            record(r);
            counts.finished(r.solved());
            progress.finished(r);
        }
    }

    private synchronized void record(TaskResult r) {
        out.append(r);
        results.add(r);
        finishedNow++;
        try {
            BatchSummary summary = summary(clock.instant());
            out.writeSummary(summary.toJson());
            out.writeReport(ReportPage.render(summary));
        } catch (RuntimeException e) {
            LOG.warn("Could not rewrite the summary or the report after {}", r.id(), e);
        }
    }

    private synchronized BatchSummary writeSummary() {
        BatchSummary summary = summary(clock.instant());
        out.writeSummary(summary.toJson());
        out.writeReport(ReportPage.render(summary));
        return summary;
    }

    private synchronized BatchSummary summary(Instant now) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        notRun.forEach((reason, n) -> reasons.put(reason.id(), n));
        List<TaskResult> all;
        synchronized (results) {
            all = List.copyOf(results);
        }
        List<InvalidInstanceException> bad;
        synchronized (invalid) {
            bad = List.copyOf(invalid);
        }
        return new BatchSummary(
                file.path().toString(),
                file.sha256(),
                settings.memory(),
                settings.gold(),
                settings.workers(),
                settings.costCap(),
                settings.tokenCap(),
                all,
                bad,
                reasons,
                startedAt,
                now,
                finishedNow);
    }

    private ExitCode exitCode() {
        if (cancelled) {
            return ExitCode.CANCELLED;
        }
        if (!invalid.isEmpty()) {
            return ExitCode.USAGE;
        }
        synchronized (this) {
            return notRun.isEmpty() ? ExitCode.SOLVED : ExitCode.STOPPED;
        }
    }

    /** The instances {@code --filter} and {@code --limit} select, in file order. */
    private List<BatchInstance> select() {
        List<BatchInstance> out = new ArrayList<>();
        for (BatchInstance i : file.instances()) {
            if (settings.filter().isPresent()
                    && !settings.filter().get().matcher(i.id()).find()) {
                continue;
            }
            if (settings.limit().isPresent() && out.size() >= settings.limit().getAsInt()) {
                break;
            }
            out.add(i);
        }
        if (out.isEmpty() && file.invalid().isEmpty()) {
            throw CliException.usage("No instance of " + file.path() + " matches"
                    + settings.filter().map(p -> " --filter " + p.pattern()).orElse("") + ".");
        }
        return out;
    }

    /** Where a repository run and its map looked, for an instance that names its gold files. */
    private static Optional<Localization> localization(BatchInstance instance, RunTally tally, AgentResult result) {
        if (!instance.isRepository() || instance.goldFiles().isEmpty()) {
            return Optional.empty();
        }
        List<String> patched =
                result.handoff().map(dev.agentloop.core.source.Handoff::files).orElse(List.of());
        return Optional.of(tally.localization(instance.goldFiles(), instance.goldFunctions(), patched));
    }

    private static Optional<StopReason> stopReason(AgentResult result) {
        return result instanceof AgentResult.Stopped s ? Optional.of(s.reason()) : Optional.empty();
    }

    private static String detail(AgentResult result) {
        if (result instanceof AgentResult.Stopped s) {
            return s.detail();
        }
        return result instanceof AgentResult.Failed f ? f.message() : "";
    }

    /** The whole batch as one handle, so Ctrl-C cancels every run and waits for the batch to record what ended. */
    private final class BatchHandle implements RunHandle {
        @Override
        public void cancel() {
            cancelAll();
        }

        /** Waits until the batch has recorded what ended; a batch has no single result, so this returns null. */
        @Override
        public AgentResult await() throws InterruptedException {
            finished.await();
            return null;
        }
    }
}
