package dev.agentloop.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.internal.BackgroundLinker;
import dev.agentloop.memory.internal.CodePatterns;
import dev.agentloop.memory.internal.ConnectionFailures;
import dev.agentloop.memory.internal.FailureTexts;
import dev.agentloop.memory.internal.HistoryQueries;
import dev.agentloop.memory.internal.OptionalModels;
import dev.agentloop.memory.internal.PgFailureStats;
import dev.agentloop.memory.internal.PgGraphLinks;
import dev.agentloop.memory.internal.PgIndexBuild;
import dev.agentloop.memory.internal.PgIndexes;
import dev.agentloop.memory.internal.PgReads;
import dev.agentloop.memory.internal.PgReembed;
import dev.agentloop.memory.internal.PgSchema;
import dev.agentloop.memory.internal.PgServerSettings;
import dev.agentloop.memory.internal.PgVectorVersion;
import dev.agentloop.memory.internal.PgWrites;
import dev.agentloop.memory.internal.Ranker;
import dev.agentloop.memory.internal.RecordRedaction;
import dev.agentloop.memory.internal.Retrier;
import dev.agentloop.memory.internal.Sleeper;
import dev.agentloop.memory.internal.Spool;
import dev.agentloop.memory.internal.Sql;
import dev.agentloop.memory.internal.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure memory in PostgreSQL with pgvector. The schema is created and upgraded by Flyway on start (in the
 * configured schema); failures are embedded with the configured model, searched through an HNSW cosine index, a GIN
 * full-text index and a GIN index over the lines past fixes changed, and fused into one ranking (see {@link
 * RetrievalSettings}).
 *
 * <p>Writes never lose a failure: a write that fails is retried under the {@link RetryPolicy}, then appended
 * (fsync'd) to a spool file and replayed, in order and once, at the next successful write (at most once per
 * {@code replayInterval} while the database stays down), on {@link #close()} and on the next start. Secrets are
 * redacted before anything is stored, spooled or embedded. Thread-safe.
 *
 * <pre>{@code
 * try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
 *         .jdbcUrl("jdbc:postgresql://localhost:5432/agent").user("agent").password(System.getenv("AGENT_DB_PASSWORD"))
 *         .build()) {
 *     memory.recordFailure(failure);
 *     List<FailureMatch> similar = memory.findSimilar(FailureQuery.similarTo(failure));
 * }
 * }</pre>
 */
public final class PgVectorFailureMemory implements ManagedFailureMemory {

    private static final Logger log = LoggerFactory.getLogger(PgVectorFailureMemory.class);

    /** Above this many pending failures, {@link #health()} reports that linking falls behind. */
    static final long PENDING_WARNING = 10_000;

    /** How long {@link #close()} lets the linking pass under way finish before it stops it after its batch. */
    private static final Duration LINK_WAIT_ON_CLOSE = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final String schema;
    private final MemoryEmbeddingModel model;
    private final RetrievalSettings settings;
    private final Spool spool;
    private final boolean temporarySpool;
    private final Retrier retrier;
    private final Clock clock;
    private final Duration replayInterval;
    private final PgSchema schemaManager;
    private final PgWrites writes;
    private final PgReads reads;
    private final HistoryQueries historyQueries;
    private final PgFailureStats failureStats;
    private final PgGraphLinks graphLinks;
    private final BackgroundLinker linker;
    private final ExecutorService ownedLinkExecutor;
    private volatile String storedModelMismatch;
    private final boolean iterativeScan;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean spooled;
    private volatile Instant lastReplayAttempt = Instant.MIN;
    private volatile boolean closed;

    private PgVectorFailureMemory(Builder b, DataSource dataSource, HikariDataSource ownedPool) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.schema = b.schema;
        this.model = b.embeddingModel;
        this.settings = b.retrieval;
        this.temporarySpool = b.spoolFile == null;
        this.spool = new Spool(temporarySpool ? Spool.temporaryFile(b.schema) : b.spoolFile);
        this.retrier = new Retrier(b.retryPolicy, b.sleeper);
        this.clock = b.clock;
        this.replayInterval = b.replayInterval;
        this.schemaManager = new PgSchema(dataSource, schema);
        this.writes = new PgWrites(schema, () -> model, settings);
        this.reads = new PgReads(schema);
        this.historyQueries = new HistoryQueries(schema);
        this.failureStats = new PgFailureStats(schema, clock);
        this.graphLinks = new PgGraphLinks(schema);
        this.ownedLinkExecutor = b.linkExecutor == null ? linkThread(schema) : null;
        this.linker = new BackgroundLinker(
                dataSource, graphLinks, b.linkExecutor == null ? ownedLinkExecutor : b.linkExecutor);
        PgSchema.StoredModel stored = schemaManager.migrate(model, b.acceptModelChange);
        this.storedModelMismatch = stored.name().equals(model.name()) && stored.dimension() == model.dimension()
                ? null
                : "The failure memory was embedded with '" + stored.name() + "' but '" + model.name()
                        + "' is configured; run `" + PgSchema.REEMBED_COMMAND + "` first.";
        this.iterativeScan = supportsIterativeScan();
        this.spooled = spool.backlog() > 0;
        if (spooled) {
            replaySpool();
        }
        // Failures an earlier process wrote and left pending (it exited before its pass ended) are linked now.
        linker.request();
    }

    /** The memory's own thread for linking pending failures; a daemon, so it never keeps a JVM alive. */
    private static ExecutorService linkThread(String schema) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agentloop-memory-linker-" + schema);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@return a builder with the defaults documented on its setters} */
    public static Builder builder() {
        return new Builder();
    }

    private boolean supportsIterativeScan() {
        try (Connection c = dataSource.getConnection()) {
            return PgVectorVersion.parse(PgSchema.extensionVersion(c).orElse("0"))
                    .iterativeScans();
        } catch (SQLException | IllegalArgumentException e) {
            return false;
        }
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public void recordTask(TaskRecord task) {
        write(new Write.Task(RecordRedaction.of(Objects.requireNonNull(task, "task"))));
    }

    @Override
    public void recordIteration(IterationRecord iteration) {
        write(new Write.Iteration(RecordRedaction.of(Objects.requireNonNull(iteration, "iteration"))));
    }

    @Override
    public void completeTask(TaskCompletion completion) {
        write(new Write.Completion(RecordRedaction.of(Objects.requireNonNull(completion, "completion"))));
    }

    @Override
    public void recordFailure(FailureRecord failure) {
        write(new Write.Failure(RecordRedaction.of(Objects.requireNonNull(failure, "failure"))));
    }

    @Override
    public void recordFix(FixRecord fix) {
        write(new Write.Fix(RecordRedaction.of(Objects.requireNonNull(fix, "fix"))));
    }

    @Override
    public void recordRetrieval(RetrievalRecord retrieval) {
        write(new Write.Retrieval(Objects.requireNonNull(retrieval, "retrieval")));
    }

    @Override
    public void recordApproval(UUID taskId, ApprovalRecord approval) {
        Objects.requireNonNull(taskId, "taskId");
        ApprovalRecord redacted = RecordRedaction.of(Objects.requireNonNull(approval, "approval"));
        write(new Write.Approval(approvalId(taskId, redacted), taskId, redacted));
    }

    @Override
    public void recordPattern(SuccessPattern pattern) {
        write(new Write.Pattern(RecordRedaction.of(Objects.requireNonNull(pattern, "pattern"))));
    }

    /** An approval has no id of its own: one derived from its content makes a replay land once. */
    static UUID approvalId(UUID taskId, ApprovalRecord a) {
        String key = taskId + "|" + a.iteration() + "|" + a.request().kind() + "|"
                + a.request().subject() + "|" + a.decidedAt();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private void write(Write w) {
        if (closed) {
            throw new IllegalStateException("the failure memory is closed");
        }
        writeLock.lock();
        try {
            if (spooled) {
                Instant now = clock.instant();
                if (Duration.between(lastReplayAttempt, now).compareTo(replayInterval) >= 0) {
                    replaySpool();
                }
                if (spooled) {
                    // Keep the order: while older writes wait in the spool, newer ones queue behind them.
                    spool.append(w);
                    return;
                }
            }
            try {
                retrier.run("memory write", () -> {
                    try (Connection c = dataSource.getConnection()) {
                        writes.apply(c, w);
                    }
                });
                if (w instanceof Write.Failure) {
                    linker.request();
                }
            } catch (SQLException e) {
                log.warn(
                        "The memory database did not take a write ({}); it is kept in {} and will be replayed",
                        e.getMessage(),
                        spool.file());
                spool.append(w);
                spooled = true;
                lastReplayAttempt = clock.instant();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Replays the spool once; afterwards {@link #spooled} says whether writes still wait. */
    private void replaySpool() {
        lastReplayAttempt = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            int n = spool.replay(w -> writes.apply(c, w));
            if (n > 0) {
                log.info("Replayed {} spooled memory writes from {}", n, spool.file());
                linker.request();
            }
            spooled = spool.backlog() > 0;
        } catch (Exception e) {
            log.debug("Spool replay failed, will retry: {}", e.getMessage());
            spooled = true;
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** The shown part of {@link #rank}: below {@link RetrievalSettings#minScore()} the memory says nothing. */
    @Override
    public List<FailureMatch> findSimilar(FailureQuery query) {
        return rank(query).stream()
                .filter(RankedMatch::shown)
                .map(RankedMatch::match)
                .toList();
    }

    @Override
    public List<RankedMatch> rank(FailureQuery query) {
        Objects.requireNonNull(query, "query");
        requireModelMatches();
        FailureRecord probe = RecordRedaction.of(query.probe());
        float[] vector = model.embed(settings.embeddedText().of(probe));
        Set<String> probePatterns = CodePatterns.ofCode(probe.codeExcerpt());
        try (Connection c = dataSource.getConnection()) {
            String orQuery = FailureTexts.orQuery(FailureTexts.lexicalText(probe), failureStats.commonWords(c));
            List<String> scanOrder = failureStats.rarestFirst(c, FailureTexts.queryWords(orQuery));
            // The fixed-line index is asked only for the shapes few failures share; the ranker still sees them all.
            Set<String> rarePatterns = new java.util.LinkedHashSet<>(probePatterns);
            rarePatterns.removeAll(failureStats.commonPatterns(c));
            int efSearch = PgIndexes.efSearch(failureStats.rows(c));
            List<Ranker.Ranked> ranked = Ranker.ranked(
                    reads.candidates(
                            c, query, vector, orQuery, scanOrder, rarePatterns, settings, efSearch, iterativeScan),
                    Ranker.Preference.of(query),
                    probePatterns,
                    settings,
                    query.limit());
            return Ranker.judged(ranked, settings.minScore(), query.minSimilarity());
        } catch (SQLException e) {
            throw new MemoryException("Cannot search the failure memory: " + e.getMessage(), e);
        }
    }

    /** The part of {@link #rankPatterns} at or above {@link RetrievalSettings#minPatternSimilarity()}. */
    @Override
    public List<PatternMatch> findPatterns(String taskText, int limit) {
        return rankPatterns(taskText, limit).stream()
                .filter(p -> p.similarity() >= settings.minPatternSimilarity())
                .toList();
    }

    @Override
    public List<PatternMatch> rankPatterns(String taskText, int limit) {
        Objects.requireNonNull(taskText, "taskText");
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be in 1..100, was " + limit);
        }
        requireModelMatches();
        float[] vector = model.embed(RecordRedaction.redact(taskText));
        try (Connection c = dataSource.getConnection()) {
            return reads.patterns(c, vector, limit);
        } catch (SQLException e) {
            throw new MemoryException("Cannot search the success patterns: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TaskSummary> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        try (Connection c = dataSource.getConnection()) {
            return historyQueries.history(c, query);
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the task history: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TaskDetail> task(String idOrPrefix) {
        try (Connection c = dataSource.getConnection()) {
            return historyQueries.task(c, idOrPrefix);
        } catch (SQLException e) {
            throw new MemoryException("Cannot read task " + idOrPrefix + ": " + e.getMessage(), e);
        }
    }

    private void requireModelMatches() {
        if (storedModelMismatch != null) {
            throw new MemoryException(storedModelMismatch);
        }
    }

    // ---- management --------------------------------------------------------------------------------------------

    @Override
    public MemoryStats stats() {
        try (Connection c = dataSource.getConnection()) {
            long[] n = historyQueries.counts(c);
            PgSchema.StoredModel stored =
                    schemaManager.storedModel(c).orElse(new PgSchema.StoredModel(model.name(), model.dimension()));
            return new MemoryStats(
                    n[0],
                    n[1],
                    n[2],
                    n[3],
                    n[4],
                    n[5],
                    spool.backlog(),
                    schemaManager.schemaVersion().orElse(""),
                    stored.name(),
                    stored.dimension());
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the memory's counts: " + e.getMessage(), e);
        }
    }

    @Override
    public MemoryHealth health() {
        List<String> problems = new ArrayList<>();
        int backlog = 0;
        try {
            backlog = spool.backlog();
        } catch (MemoryException e) {
            problems.add(e.getMessage());
        }
        if (backlog > 0) {
            problems.add(backlog + " writes wait in " + spool.file() + " for the database; they are replayed on the"
                    + " next successful write");
        }
        try (Connection c = dataSource.getConnection()) {
            String extension = PgSchema.extensionVersion(c).orElse("");
            if (extension.isEmpty()) {
                problems.add("the vector extension (pgvector) is not created in the database; run CREATE EXTENSION"
                        + " vector in it as a superuser");
            }
            long pending = graphLinks.pending(c);
            if (pending > PENDING_WARNING) {
                problems.add(pending + " failures wait to be linked into the search graph; searches rank them"
                        + " exactly, which slows them down. A memory that writes links them in the background;"
                        + " `agent memory reindex` links them and rebuilds the graph");
            }
            String version = schemaManager.schemaVersion().orElse("");
            String stored =
                    schemaManager.storedModel(c).map(PgSchema.StoredModel::name).orElse("");
            MemoryHealth h = new MemoryHealth(true, extension, version, stored, model.name(), backlog, problems);
            if (!h.modelMatches()) {
                problems.add("the memory was embedded with '" + stored + "' but '" + model.name()
                        + "' is configured; run `" + PgSchema.REEMBED_COMMAND + "`");
            }
            return new MemoryHealth(true, extension, version, stored, model.name(), backlog, problems);
        } catch (SQLException | RuntimeException e) {
            problems.add(ConnectionFailures.rootCause(e, ConnectionFailures.where(dataSource))
                    .map(Throwable::getMessage)
                    .orElse("the memory database does not answer (" + e.getMessage() + ")"));
            return new MemoryHealth(false, "", "", "", model.name(), backlog, problems);
        }
    }

    @Override
    public int reembed(ReembedListener listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            int n = new PgReembed(dataSource, schema, model, settings, schemaManager).run(listener);
            storedModelMismatch = null;
            return n;
        } catch (SQLException e) {
            throw new MemoryException("Re-embedding the failure memory failed: " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the failures' and patterns' HNSW indexes concurrently (writes and searches go on), each under a
     * temporary name swapped in at the end, with {@code settings}' memory and workers for the build.
     */
    @Override
    public List<String> reindex(IndexBuildSettings settings, ReindexListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        try {
            linker.linkAll();
        } catch (SQLException e) {
            throw new MemoryException("Linking the pending failures before the rebuild failed: " + e.getMessage(), e);
        }
        return new PgIndexBuild(dataSource, schema, model.dimension()).run(settings, listener);
    }

    /**
     * Links every failure still waiting outside the search graph, now, on the caller's thread. Failures are written
     * pending and linked in the background (a write does not wait for the graph), and searches find pending ones
     * too; this is for a caller that wants the graph complete, such as a benchmark or an index rebuild.
     *
     * @return how many were linked
     * @throws MemoryException when the database cannot be written
     */
    public long linkPending() {
        try {
            return linker.linkAll();
        } catch (SQLException e) {
            throw new MemoryException("Linking the pending failures failed: " + e.getMessage(), e);
        }
    }

    /**
     * The server's settings that the memory's speed depends on, with the size of what it holds; see {@link
     * ServerSettings#advice()}.
     *
     * @return the settings, with the size of the tables and indexes
     * @throws MemoryException when the database cannot be read
     */
    public ServerSettings serverSettings() {
        try (Connection c = dataSource.getConnection()) {
            return PgServerSettings.read(c, schema, model.dimension());
        } catch (SQLException e) {
            throw new MemoryException("Cannot read the server's settings: " + e.getMessage(), e);
        }
    }

    /** {@return the schema this memory lives in} */
    public String schema() {
        return schema;
    }

    /** {@return the spool file writes go to while the database is down} */
    public Path spoolFile() {
        return spool.file();
    }

    /**
     * Replays spooled writes at once (not waiting for the replay interval); true when none are left.
     *
     * @return true when no write waits in the spool any more
     */
    public boolean flush() {
        writeLock.lock();
        try {
            if (spool.backlog() > 0) {
                replaySpool();
            }
            spooled = spool.backlog() > 0;
            return !spooled;
        } finally {
            writeLock.unlock();
        }
    }

    /** Replays what it can of the spool, then closes the pool it created (a passed-in DataSource stays open). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopLinking();
            if (spooled) {
                flush();
                if (spooled) {
                    log.warn("{} memory writes stay in {} until the database is back", spool.backlog(), spool.file());
                }
            }
            if (temporarySpool) {
                spool.removeIfEmpty();
            }
        } finally {
            if (ownedPool != null) {
                ownedPool.close();
            }
        }
    }

    /** Lets the linking pass under way finish (bounded); rows it leaves pending are linked by a later pass. */
    private void stopLinking() {
        if (ownedLinkExecutor == null) {
            linker.stop();
            return;
        }
        ownedLinkExecutor.shutdown();
        try {
            if (!ownedLinkExecutor.awaitTermination(LINK_WAIT_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS)) {
                linker.stop();
                ownedLinkExecutor.awaitTermination(LINK_WAIT_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            linker.stop();
            Thread.currentThread().interrupt();
        }
    }

    /** Settings for {@link PgVectorFailureMemory}; each setter rejects a bad value naming it. */
    public static final class Builder {

        /** Default schema: {@value}. */
        public static final String DEFAULT_SCHEMA = "public";
        /** Default pool size: {@value}. */
        public static final int DEFAULT_POOL_SIZE = 4;
        /** Default time to wait for a connection. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        /** Default wait between replay attempts while the database is down. */
        public static final Duration DEFAULT_REPLAY_INTERVAL = Duration.ofSeconds(10);

        private DataSource dataSource;
        private String jdbcUrl;
        private String user;
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String schema = DEFAULT_SCHEMA;
        private MemoryEmbeddingModel embeddingModel;
        private boolean acceptModelChange;
        private Path spoolFile;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private Duration replayInterval = DEFAULT_REPLAY_INTERVAL;
        private RetrievalSettings retrieval = RetrievalSettings.ofDefaults();
        private Sleeper sleeper = Sleeper.system();
        private Executor linkExecutor;

        private Builder() {}

        /**
         * A DataSource to use instead of a pool of our own (then url, user, password and pool size are ignored).
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The JDBC url, e.g. {@code jdbc:postgresql://localhost:5432/agent}; required without a DataSource.
         *
         * @param value the jdbc url
         * @return this builder
         */
        public Builder jdbcUrl(String value) {
            this.jdbcUrl = Sql.postgresJdbcUrl(value);
            return this;
        }

        /**
         * The database user; default none (the driver's default).
         *
         * @param value the user
         * @return this builder
         */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /**
         * The password, from the environment; never logged. Default none.
         *
         * @param value the password
         * @return this builder
         */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /**
         * Connections in the pool, 1..64; default {@value #DEFAULT_POOL_SIZE}.
         *
         * @param value the pool size
         * @return this builder
         */
        public Builder poolSize(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("poolSize must be in 1..64, was " + value);
            }
            this.poolSize = value;
            return this;
        }

        /**
         * How long to wait for a connection before a write is retried; 250 ms..5 min; default 5 s.
         *
         * @param value the connect timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            Objects.requireNonNull(value, "connectTimeout");
            if (value.toMillis() < 250 || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("connectTimeout must be in 250ms..5m, was " + value);
            }
            this.connectTimeout = value;
            return this;
        }

        /**
         * The schema the tables live in (created when missing); a lower-case identifier; default {@code public}.
         *
         * @param value the schema
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = Sql.identifier(value);
            return this;
        }

        /**
         * The embedding model; default {@link EmbeddingModels#allMiniLmL6V2()} (loaded on first use).
         *
         * @param value the embedding model
         * @return this builder
         */
        public Builder embeddingModel(MemoryEmbeddingModel value) {
            this.embeddingModel = Objects.requireNonNull(value, "embeddingModel");
            return this;
        }

        /**
         * Start even when the stored vectors come from another model than the configured one; searches then fail
         * until {@link #reembed} ran. Only for the re-embed command; default false (such a start is refused).
         *
         * @param value true to start anyway
         * @return this builder
         */
        public Builder acceptModelChange(boolean value) {
            this.acceptModelChange = value;
            return this;
        }

        /**
         * Where writes wait while the database is down, replayed in order at the next successful write, also by a
         * later process given the same file. Default: a file in a temporary folder, made only when a write has to
         * wait and removed on {@link PgVectorFailureMemory#close()} when empty; writes still waiting at exit are
         * then not replayed by a later process, so a program that must never lose one sets a lasting file here.
         *
         * @param value the spool file
         * @return this builder
         */
        public Builder spoolFile(Path value) {
            this.spoolFile = Objects.requireNonNull(value, "spoolFile");
            return this;
        }

        /**
         * The clock that paces replay attempts; default the system clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How writes are retried before they are spooled; default {@link RetryPolicy#ofDefaults()}.
         *
         * @param value the retry policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * The least time between two replay attempts while the database is down; default 10 s.
         *
         * @param value the replay interval
         * @return this builder
         */
        public Builder replayInterval(Duration value) {
            Objects.requireNonNull(value, "replayInterval");
            if (value.isNegative()) {
                throw new IllegalArgumentException("replayInterval must not be negative, was " + value);
            }
            this.replayInterval = value;
            return this;
        }

        /**
         * How findSimilar ranks; default {@link RetrievalSettings#ofDefaults()}.
         *
         * @param value the retrieval
         * @return this builder
         */
        public Builder retrieval(RetrievalSettings value) {
            this.retrieval = Objects.requireNonNull(value, "retrieval");
            return this;
        }

        /**
         * Where failures written pending are linked into the search graph. Default: a daemon thread of the memory's
         * own, which {@link PgVectorFailureMemory#close()} lets finish its pass (at most about 10 s). An executor
         * given here is the caller's to run and shut down; one that never runs its tasks leaves the linking to
         * {@link PgVectorFailureMemory#linkPending()} (searches find pending failures either way).
         *
         * @param value the executor
         * @return this builder
         */
        public Builder linkExecutor(Executor value) {
            this.linkExecutor = Objects.requireNonNull(value, "linkExecutor");
            return this;
        }

        Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Connects, applies the migrations, checks the embedding model and replays a leftover spool.
         *
         * @return the memory, ready
         * @throws IllegalStateException when neither a DataSource nor a JDBC url is set
         * @throws MemoryException when the database cannot be reached or prepared, or holds vectors of another model
         */
        public PgVectorFailureMemory build() {
            if (embeddingModel == null) {
                if (!EmbeddingModels.hasAllMiniLmL6V2()) {
                    throw new IllegalStateException("No embedding model: call embeddingModel(...) (e.g."
                            + " EmbeddingModels.hashing(384), or your own through MemoryEmbeddingModel.of), or add the"
                            + " dependency " + OptionalModels.MINILM_ARTIFACT + " for the default all-MiniLM-L6-v2");
                }
                embeddingModel = EmbeddingModels.allMiniLmL6V2();
            }
            if (dataSource != null) {
                return new PgVectorFailureMemory(this, dataSource, null);
            }
            if (jdbcUrl == null) {
                throw new IllegalStateException("set a dataSource or a jdbcUrl");
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(Math.min(1, poolSize));
            config.setConnectionTimeout(connectTimeout.toMillis());
            config.setValidationTimeout(Math.min(connectTimeout.toMillis(), 1000));
            // Start even when the database is down right now: the first statement reports it.
            config.setInitializationFailTimeout(-1);
            config.setPoolName("agentloop-memory");
            HikariDataSource pool = new HikariDataSource(config);
            try {
                return new PgVectorFailureMemory(this, pool, pool);
            } catch (RuntimeException e) {
                pool.close();
                if (e instanceof MemoryException m
                        && !(m instanceof MemoryUnavailableException)
                        && m.getCause() instanceof SQLException) {
                    throw new MemoryException(
                            "Cannot open the failure memory at " + ConnectionFailures.where(jdbcUrl) + ": "
                                    + e.getMessage(),
                            e);
                }
                throw e;
            }
        }
    }
}
