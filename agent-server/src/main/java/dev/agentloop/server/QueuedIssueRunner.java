package dev.agentloop.server;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.GitWorkingCopy;
import dev.agentloop.git.github.IssueRunResult;
import dev.agentloop.git.github.IssueRunner;
import dev.agentloop.git.github.IssueTask;
import dev.agentloop.git.github.RunFacts;
import dev.agentloop.git.github.RunFactsRecorder;
import dev.agentloop.server.internal.json.EventReader;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.queue.TaskCommands;
import dev.agentloop.server.internal.queue.TaskQueue;
import dev.agentloop.server.internal.queue.TaskResults;
import dev.agentloop.server.internal.store.AuditLog;
import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.ServerSchema;
import dev.agentloop.server.internal.store.StoredEvent;
import dev.agentloop.server.internal.store.TaskRow;
import dev.agentloop.server.internal.store.TaskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Runs an issue's task on the queue of {@code agent serve} instead of in this process: it submits the issue as a
 * repository task straight into the server's tables (the same submission {@code POST /api/v1/tasks} makes: the
 * repository's clone URL at the commit its default branch has now, the issue's text, the cost limit), waits for a
 * worker of any server sharing the database to run it, and then rebuilds what the flow needs on this machine: the
 * result from the task's row, the facts from its stored events, and the branch — the task's patch applied to a
 * worktree of the cached clone at the same commit and committed as {@code agentloop/<short id>} — so that the branch
 * is pushed from here as after a run of this process.
 *
 * <p>The worktree goes under {@code <workspace root>/queued/} and is removed after the commit; the hand-off's patch
 * stays beside it. While the task waits for a worker it says so every {@link Builder#waitNotice}; {@link #cancelAll()} (Ctrl-C of
 * a watcher) cancels the tasks waited on through the server's own cancel: a queued one at once, a running one by its
 * worker within a moment. Thread-safe: a watcher waits on several issues at once.
 *
 * <pre>{@code
 * QueuedIssueRunner runner = QueuedIssueRunner.builder()
 *         .dataSource(pool)
 *         .schema("agentloop")
 *         .cacheDir(home.resolve("repos"))
 *         .workspaceRoot(workspaces)
 *         .say(System.out::println)
 *         .build();
 * IssueFlow flow = IssueFlow.builder().runner(runner)...build();
 * }</pre>
 */
public final class QueuedIssueRunner implements IssueRunner {

    /** Default time between two looks at a task's row: two seconds. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    /** Default time between two lines saying a task still waits for a worker: a minute. */
    public static final Duration DEFAULT_WAIT_NOTICE = Duration.ofMinutes(1);

    /** The largest iteration limit a submission may ask for. */
    public static final int MAX_ITERATIONS = SubmissionCodec.MAX_ITERATIONS;

    /** Default name the submissions are recorded under in the server's audit log. */
    public static final String DEFAULT_SUBMITTER = "agent-watch";

    private static final int EVENT_PAGE = 500;

    private final TaskStore tasks;
    private final EventStore events;
    private final TaskCommands commands;
    private final Settings settings;
    private final EventReader reader = new EventReader();
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** The builder's values, fixed at build time. */
    private record Settings(
            GitSources gitSources,
            Path cacheDir,
            Path workspaceRoot,
            Language language,
            ProjectType projectType,
            TaskMode mode,
            Optional<Integer> maxIterations,
            String submitter,
            Duration poll,
            Duration waitNotice,
            Consumer<String> say,
            Clock clock) {}

    private QueuedIssueRunner(Builder b) {
        this.settings = new Settings(
                b.gitSources,
                b.cacheDir,
                b.workspaceRoot,
                b.language,
                b.projectType,
                b.mode,
                b.maxIterations,
                b.submitter,
                b.poll,
                b.waitNotice,
                b.say,
                b.clock);
        ServerSchema.migrate(b.dataSource, b.schema);
        Db db = new Db(b.dataSource, b.schema);
        this.tasks = new TaskStore(db);
        this.events = new EventStore(db);
        ServerConfig client = ServerConfig.builder().workers(0).schema(b.schema).build();
        TaskQueue queue = new TaskQueue(b.dataSource, db.table("server_jobs"), client, b.clock, id -> {
            throw new IllegalStateException("a submitting client runs no tasks");
        });
        this.commands = new TaskCommands(tasks, queue, new AuditLog(db), new SubmissionCodec(client), b.clock);
    }

    /** {@return a builder; the data source, the clone cache and the workspace root are required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Submits the issue, waits for its task to end, and rebuilds the result, the facts and the branch here.
     *
     * @param task the issue, its repository and the cost the run may spend
     * @return the task's result, the cached clone holding its branch, the facts of its events, and {@code queued task
     *     <id>} as where it ran
     * @throws IllegalStateException when {@link #cancelAll()} came before this run was submitted
     * @throws SourceException when the repository cannot be fetched, or the task's patch does not apply here
     * @throws ServerException when the database fails
     */
    @Override
    public IssueRunResult run(IssueTask task) {
        if (cancelled) {
            throw new IllegalStateException("Not run: the watch was stopped before this issue's run started.");
        }
        String issue = task.issue().ref().toString();
        String cloneUrl = task.repository().cloneUrl();
        GitSource source = settings.gitSources.remote(
                cloneUrl, Optional.of(task.repository().defaultBranch()), settings.cacheDir);
        String base = source.repository().baseCommit();
        TaskSubmission submission = new TaskSubmission(
                task.text(),
                settings.language,
                settings.projectType,
                task.repository().name().name(),
                Optional.of(cloneUrl),
                Optional.of(base),
                Optional.empty(),
                Optional.empty(),
                settings.maxIterations,
                settings.mode,
                List.of(),
                List.of(),
                // what is left of a daily cap is at least a little more than nothing (0 would mean no limit)
                task.costLimit().map(left -> Math.max(left, 0.000001)));
        UUID id = commands.submit(submission, settings.submitter);
        waiting.add(id);
        try {
            settings.say.accept(issue + ": queued as task " + id + " at " + shortCommit(base) + " (agent serve's"
                    + " dashboard, GET /api/v1/tasks/" + id + ")");
            if (cancelled) {
                commands.cancel(id, settings.submitter); // stopped while this task was being submitted
            }
            TaskRow row = awaitEnd(id, issue);
            settings.say.accept(issue + ": task " + shortId(id) + " " + ended(row));
            RunFacts facts = facts(id);
            Optional<TaskResults.StoredHandoff> stored = TaskResults.handoff(row);
            String via = "queued task " + id;
            if (stored.isEmpty() || stored.get().patch().isBlank()) {
                Optional<Handoff> none = stored.map(h -> h.at(settings.workspaceRoot.resolve(shortId(id) + ".patch")));
                return new IssueRunResult(TaskResults.of(row, none, null), Optional.empty(), facts, via);
            }
            Handoff local = branchHere(source, id, task, stored.get());
            Path clone = source.branchRepository().orElseThrow();
            return new IssueRunResult(TaskResults.of(row, Optional.of(local), clone), Optional.of(clone), facts, via);
        } finally {
            waiting.remove(id);
        }
    }

    /**
     * Cancels every task waited on, through the server's cancel (a queued one at once, a running one by its worker
     * within a moment; each waiting run then ends as cancelled), and refuses the runs asked for from now on.
     */
    public void cancelAll() {
        cancelled = true;
        for (UUID id : waiting) {
            commands.cancel(id, settings.submitter);
        }
    }

    /** {@return how many tasks are waited on now} */
    public int waiting() {
        return waiting.size();
    }

    private TaskRow awaitEnd(UUID id, String issue) {
        Instant submitted = settings.clock.instant();
        Instant nextNotice = submitted.plus(settings.waitNotice);
        int announcedAttempt = 0;
        boolean interrupted = false;
        while (true) {
            TaskRow row = tasks.find(id)
                    .orElseThrow(() -> new ServerException("Task " + id + " is gone from the server's tables; it was"
                            + " deleted while " + issue + " waited on it."));
            if (row.status().isTerminal()) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return row;
            }
            Instant now = settings.clock.instant();
            if (row.status() == TaskState.RUNNING && row.attempt() > announcedAttempt) {
                announcedAttempt = row.attempt();
                settings.say.accept(issue + ": task " + shortId(id) + " running on "
                        + row.worker().orElse("a worker") + " (attempt " + row.attempt() + ")");
                nextNotice = now.plus(settings.waitNotice);
            } else if (row.status() == TaskState.QUEUED && !now.isBefore(nextNotice)) {
                settings.say.accept(issue + ": task " + shortId(id) + " queued, waiting for a worker: "
                        + human(Duration.between(submitted, now)));
                nextNotice = now.plus(settings.waitNotice);
            }
            try {
                Thread.sleep(settings.poll.toMillis());
            } catch (InterruptedException e) {
                // the caller gives up: the task is cancelled through the server, and its end is still awaited
                if (!interrupted) {
                    interrupted = true;
                    commands.cancel(id, settings.submitter);
                }
            }
        }
    }

    /** The task's stored events, read back and given to the recorder a local run's listener is. */
    private RunFacts facts(UUID id) {
        RunFactsRecorder recorder = new RunFactsRecorder();
        long after = 0;
        while (true) {
            List<StoredEvent> page = events.after(id, after, EVENT_PAGE);
            for (StoredEvent e : page) {
                reader.read(e.type(), e.json()).ifPresent(recorder::onEvent);
                after = e.seq();
            }
            if (page.size() < EVENT_PAGE) {
                return recorder.facts();
            }
        }
    }

    /**
     * The task's patch applied to a worktree of the cached clone at the task's base commit and committed there on
     * {@code agentloop/<short id>}, as a run of this process hands off.
     */
    private Handoff branchHere(GitSource source, UUID id, IssueTask task, TaskResults.StoredHandoff stored) {
        // a folder of its own: a server on this machine may use the same workspace root for the task's run
        Path root = settings.workspaceRoot.resolve("queued").toAbsolutePath();
        Path folder = root.resolve(id.toString());
        Path patchFile = root.resolve(id + "-stored.patch");
        String title = task.issue().title();
        try {
            Files.createDirectories(root);
            Files.writeString(patchFile, stored.patch());
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot write the patch of task " + id + " to " + patchFile + ": " + e.getMessage()
                            + "; check that the workspace folder is writable.",
                    e);
        }
        try (GitWorkingCopy copy = source.open(new CopyRequest(id, folder, title))) {
            try {
                settings.gitSources.patchApplier().apply(stored.at(patchFile), copy.root());
            } catch (SourceException e) {
                throw new SourceException(
                        "The patch of task " + id + " does not apply to "
                                + task.repository().name() + " at "
                                + shortCommit(source.repository().baseCommit()) + ": " + e.getMessage(),
                        e);
            }
            return copy.handOff(
                    title + " (#" + task.issue().ref().number() + ")\n\nMade by agent serve's task " + id + ".");
        } finally {
            try {
                Files.deleteIfExists(patchFile);
            } catch (IOException e) {
                // the hand-off wrote its own patch; this copy of it is only left behind
            }
        }
    }

    private static String ended(TaskRow row) {
        String counts = row.iterations() + " iteration(s), "
                + String.format(Locale.ROOT, "%,d tokens, cost %.4f", row.tokens(), row.cost());
        return switch (row.status()) {
            case SOLVED -> "solved after " + counts;
            case CANCELLED -> "cancelled after " + counts;
            default ->
                row.status().id() + " (" + row.reason().orElse("")
                        + (row.detail().isPresent() ? ": " + row.detail().get() : "") + ") after " + counts;
        };
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** A wait as a person reads it: {@code 45s}, {@code 2m}, {@code 1h 5m}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        return m < 60 ? m + "m" : (m / 60) + "h " + (m % 60) + "m";
    }

    /** Builds a {@link QueuedIssueRunner}. */
    public static final class Builder {
        private DataSource dataSource;
        private String schema = ServerConfig.DEFAULT_SCHEMA;
        private GitSources gitSources = GitSources.ofDefaults();
        private Path cacheDir;
        private Path workspaceRoot;
        private Language language = Language.PYTHON;
        private ProjectType projectType = ProjectType.LIBRARY;
        private TaskMode mode = TaskMode.SUPERVISED;
        private Optional<Integer> maxIterations = Optional.empty();
        private String submitter = DEFAULT_SUBMITTER;
        private Duration poll = DEFAULT_POLL;
        private Duration waitNotice = DEFAULT_WAIT_NOTICE;
        private Consumer<String> say = line -> {};
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The database the servers share; required.
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The schema of the server's tables. Default {@value ServerConfig#DEFAULT_SCHEMA}.
         *
         * @param value a lower-case SQL identifier
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = ServerSchema.requireName(value);
            return this;
        }

        /**
         * How the repository is fetched here (with the fetch credentials of a private repository) and the patch
         * applied. Default {@link GitSources#ofDefaults()}.
         *
         * @param value the git sources
         * @return this builder
         */
        public Builder gitSources(GitSources value) {
            this.gitSources = Objects.requireNonNull(value, "gitSources");
            return this;
        }

        /**
         * Where the repositories' clones are kept here (the branch is made in the clone); required.
         *
         * @param value a folder, made when missing
         * @return this builder
         */
        public Builder cacheDir(Path value) {
            this.cacheDir = Objects.requireNonNull(value, "cacheDir");
            return this;
        }

        /**
         * Where the worktree the patch is applied in goes (removed after the commit); required.
         *
         * @param value a folder outside the repositories, made when missing
         * @return this builder
         */
        public Builder workspaceRoot(Path value) {
            this.workspaceRoot = Objects.requireNonNull(value, "workspaceRoot");
            return this;
        }

        /**
         * The project's language. Default Python.
         *
         * @param value the language
         * @return this builder
         */
        public Builder language(Language value) {
            this.language = Objects.requireNonNull(value, "language");
            return this;
        }

        /**
         * The kind of project. Default a library.
         *
         * @param value the project type
         * @return this builder
         */
        public Builder projectType(ProjectType value) {
            this.projectType = Objects.requireNonNull(value, "projectType");
            return this;
        }

        /**
         * Who decides what a run needs approved (through the server's approvals). Default supervised.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder mode(TaskMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * The run's iteration limit. Default empty: the server's.
         *
         * @param value 1..{@value SubmissionCodec#MAX_ITERATIONS}, or empty
         * @return this builder
         */
        public Builder maxIterations(Optional<Integer> value) {
            Objects.requireNonNull(value, "maxIterations");
            value.ifPresent(n -> {
                if (n < 1 || n > SubmissionCodec.MAX_ITERATIONS) {
                    throw new IllegalArgumentException(
                            "maxIterations must be 1.." + SubmissionCodec.MAX_ITERATIONS + ", was " + n);
                }
            });
            this.maxIterations = value;
            return this;
        }

        /**
         * The name the submissions and cancels are recorded under in the server's audit log. Default {@value
         * #DEFAULT_SUBMITTER}.
         *
         * @param value a short name, not blank
         * @return this builder
         */
        public Builder submitter(String value) {
            Objects.requireNonNull(value, "submitter");
            if (value.isBlank()) {
                throw new IllegalArgumentException("submitter must not be blank");
            }
            this.submitter = value;
            return this;
        }

        /**
         * Time between two looks at a task's row. Default two seconds.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder poll(Duration value) {
            this.poll = positive(value, "poll");
            return this;
        }

        /**
         * Time between two lines saying a task still waits for a worker. Default a minute.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder waitNotice(Duration value) {
            this.waitNotice = positive(value, "waitNotice");
            return this;
        }

        /**
         * Receives one line per step for a person (queued, running, waiting, ended). Default nothing.
         *
         * @param value the lines' receiver
         * @return this builder
         */
        public Builder say(Consumer<String> value) {
            this.say = Objects.requireNonNull(value, "say");
            return this;
        }

        /**
         * The submissions' times and the waits. Default the system clock in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Creates or upgrades the server's tables in the schema, then returns the runner.
         *
         * @return the runner
         * @throws IllegalStateException when the data source, the clone cache or the workspace root is missing
         * @throws ServerException naming the schema when its tables cannot be created or upgraded
         */
        public QueuedIssueRunner build() {
            if (dataSource == null) {
                throw new IllegalStateException("QueuedIssueRunner needs a data source: call dataSource(...).");
            }
            if (cacheDir == null || workspaceRoot == null) {
                throw new IllegalStateException(
                        "QueuedIssueRunner needs a clone cache and a workspace root: call cacheDir(...) and"
                                + " workspaceRoot(...).");
            }
            return new QueuedIssueRunner(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
