package dev.agentloop.memory;

import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.memory.internal.Candidate;
import dev.agentloop.memory.internal.CodePatterns;
import dev.agentloop.memory.internal.FailureTexts;
import dev.agentloop.memory.internal.FixKinds;
import dev.agentloop.memory.internal.Ranker;
import dev.agentloop.memory.internal.RecordRedaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The failure memory in this process's heap: the same redaction, embedded text and ranking as {@link
 * PgVectorFailureMemory} (exact vector search instead of HNSW, a word-overlap score instead of PostgreSQL's
 * full-text rank), nothing persisted. For tests and for embedded use without a database. Thread-safe (every method
 * is synchronized).
 */
public final class InMemoryFailureMemory implements ManagedFailureMemory {

    private final MemoryEmbeddingModel model;
    private final RetrievalSettings settings;

    private final Map<UUID, TaskRecord> tasks = new LinkedHashMap<>();
    private final Map<UUID, TaskCompletion> completions = new HashMap<>();
    private final Map<UUID, Map<Integer, IterationRecord>> iterations = new HashMap<>();
    private final Map<UUID, StoredFailure> failures = new LinkedHashMap<>();
    private final Map<UUID, FixRecord> fixes = new LinkedHashMap<>();
    private final Map<UUID, Map<Integer, Map<UUID, Double>>> retrievals = new LinkedHashMap<>();
    private final Map<UUID, Map<UUID, ApprovalRecord>> approvals = new LinkedHashMap<>();
    private final Map<UUID, StoredPattern> patterns = new LinkedHashMap<>();

    private record StoredFailure(
            FailureRecord record, float[] vector, Set<String> words, List<String> fixPatterns, String fixKind) {}

    private record StoredPattern(SuccessPattern record, float[] vector) {}

    private InMemoryFailureMemory(MemoryEmbeddingModel model, RetrievalSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * {@return a memory with the given embedding model and the default retrieval settings}
     *
     * @param model e.g. {@link EmbeddingModels#allMiniLmL6V2()}, or {@link EmbeddingModels#hashing(int)} for tests
     */
    public static InMemoryFailureMemory of(MemoryEmbeddingModel model) {
        return new InMemoryFailureMemory(model, RetrievalSettings.ofDefaults());
    }

    /**
     * {@return a memory with the given embedding model and retrieval settings}
     *
     * @param model the embedding model
     * @param settings how candidates are ranked and when the memory abstains
     */
    public static InMemoryFailureMemory of(MemoryEmbeddingModel model, RetrievalSettings settings) {
        return new InMemoryFailureMemory(model, settings);
    }

    /** {@return a memory with the light {@code hashing-256} embedding: no model to load, lexical similarity only} */
    public static InMemoryFailureMemory ofDefaults() {
        return of(EmbeddingModels.hashing(256));
    }

    @Override
    public synchronized void recordTask(TaskRecord task) {
        TaskRecord t = RecordRedaction.of(Objects.requireNonNull(task, "task"));
        tasks.putIfAbsent(t.id(), t);
    }

    @Override
    public synchronized void recordIteration(IterationRecord iteration) {
        IterationRecord i = RecordRedaction.of(Objects.requireNonNull(iteration, "iteration"));
        iterations.computeIfAbsent(i.taskId(), k -> new LinkedHashMap<>()).putIfAbsent(i.number(), i);
    }

    @Override
    public synchronized void completeTask(TaskCompletion completion) {
        TaskCompletion c = RecordRedaction.of(Objects.requireNonNull(completion, "completion"));
        if (tasks.containsKey(c.taskId())) {
            completions.put(c.taskId(), c);
        }
    }

    @Override
    public synchronized void recordFailure(FailureRecord failure) {
        FailureRecord f = RecordRedaction.of(Objects.requireNonNull(failure, "failure"));
        if (failures.containsKey(f.id())) {
            return;
        }
        failures.put(
                f.id(),
                new StoredFailure(
                        f,
                        model.embed(settings.embeddedText().of(f)),
                        new HashSet<>(FailureTexts.words(FailureTexts.lexicalText(f))),
                        List.of(),
                        ""));
    }

    @Override
    public synchronized void recordFix(FixRecord fix) {
        FixRecord f = RecordRedaction.of(Objects.requireNonNull(fix, "fix"));
        if (fixes.putIfAbsent(f.failureId(), f) == null) {
            StoredFailure stored = failures.get(f.failureId());
            if (stored != null && stored.fixPatterns().isEmpty()) {
                failures.put(
                        f.failureId(),
                        new StoredFailure(
                                stored.record(),
                                stored.vector(),
                                stored.words(),
                                List.copyOf(CodePatterns.ofRemovedLines(f.diff())),
                                FixKinds.of(f.diff())));
            }
        }
    }

    @Override
    public synchronized void recordRetrieval(RetrievalRecord retrieval) {
        Objects.requireNonNull(retrieval, "retrieval");
        Map<UUID, Double> hits = retrievals
                .computeIfAbsent(retrieval.taskId(), k -> new LinkedHashMap<>())
                .computeIfAbsent(retrieval.iteration(), k -> new LinkedHashMap<>());
        for (RetrievalRecord.Hit hit : retrieval.hits()) {
            hits.putIfAbsent(hit.failureId(), hit.similarity());
        }
    }

    @Override
    public synchronized void recordApproval(UUID taskId, ApprovalRecord approval) {
        Objects.requireNonNull(taskId, "taskId");
        ApprovalRecord a = RecordRedaction.of(Objects.requireNonNull(approval, "approval"));
        approvals
                .computeIfAbsent(taskId, k -> new LinkedHashMap<>())
                .putIfAbsent(PgVectorFailureMemory.approvalId(taskId, a), a);
    }

    @Override
    public synchronized void recordPattern(SuccessPattern pattern) {
        SuccessPattern p = RecordRedaction.of(Objects.requireNonNull(pattern, "pattern"));
        patterns.putIfAbsent(p.id(), new StoredPattern(p, model.embed(p.taskText())));
    }

    /** The shown part of {@link #rank}: below {@link RetrievalSettings#minScore()} the memory says nothing. */
    @Override
    public List<FailureMatch> findSimilar(FailureQuery query) {
        return rank(query).stream()
                .filter(RankedMatch::shown)
                .map(RankedMatch::match)
                .toList();
    }

    @Override
    public synchronized List<RankedMatch> rank(FailureQuery query) {
        Objects.requireNonNull(query, "query");
        FailureRecord probe = RecordRedaction.of(query.probe());
        float[] vector = model.embed(settings.embeddedText().of(probe));
        List<String> probeWords = List.copyOf(new java.util.LinkedHashSet<>(
                FailureTexts.words(FailureTexts.orQuery(FailureTexts.lexicalText(probe)))));
        Set<String> probePatterns = CodePatterns.ofCode(probe.codeExcerpt());
        List<Candidate> candidates = new ArrayList<>();
        for (StoredFailure f : failures.values()) {
            FailureRecord r = f.record();
            if (query.language().isPresent() && r.language() != query.language().get()
                    || query.project().isPresent()
                            && !r.project().equals(query.project().get())
                    || query.excludeTaskId().isPresent()
                            && r.taskId().equals(query.excludeTaskId().get())) {
                continue;
            }
            Optional<FixRecord> fix = Optional.ofNullable(fixes.get(r.id()));
            if (query.verifiedFixesOnly() && !fix.map(FixRecord::verified).orElse(false)) {
                continue;
            }
            double similarity = Math.max(0, Math.min(1, dot(vector, f.vector())));
            double lexical = 0;
            for (String w : probeWords) {
                if (f.words().contains(w)) {
                    lexical++;
                }
            }
            lexical = lexical / Math.log(2 + f.words().size());
            candidates.add(new Candidate(r, fix, stats(r.id()), similarity, lexical, f.fixPatterns(), f.fixKind()));
        }
        // Keep what the indexes would have returned: the best candidates of each list.
        List<Ranker.Ranked> ranked =
                Ranker.ranked(candidates, Ranker.Preference.of(query), probePatterns, settings, query.limit());
        return Ranker.judged(ranked, settings.minScore(), query.minSimilarity());
    }

    private FixStats stats(UUID failureId) {
        int retrieved = 0;
        int solved = 0;
        for (Map.Entry<UUID, Map<Integer, Map<UUID, Double>>> e : retrievals.entrySet()) {
            boolean hit = e.getValue().values().stream().anyMatch(m -> m.containsKey(failureId));
            if (hit) {
                retrieved++;
                TaskCompletion c = completions.get(e.getKey());
                if (c != null && c.status() == TaskStatus.SOLVED) {
                    solved++;
                }
            }
        }
        return new FixStats(retrieved, solved);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The part of {@link #rankPatterns} at or above {@link RetrievalSettings#minPatternSimilarity()}. */
    @Override
    public List<PatternMatch> findPatterns(String taskText, int limit) {
        return rankPatterns(taskText, limit).stream()
                .filter(p -> p.similarity() >= settings.minPatternSimilarity())
                .toList();
    }

    @Override
    public synchronized List<PatternMatch> rankPatterns(String taskText, int limit) {
        Objects.requireNonNull(taskText, "taskText");
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be in 1..100, was " + limit);
        }
        float[] vector = model.embed(RecordRedaction.redact(taskText));
        return patterns.values().stream()
                .map(p -> new PatternMatch(p.record(), Math.max(0, Math.min(1, dot(vector, p.vector())))))
                .sorted(Comparator.comparingDouble(PatternMatch::similarity).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<TaskSummary> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        return tasks.values().stream()
                .map(this::summary)
                .filter(s -> query.status().map(st -> st == s.status()).orElse(true))
                .sorted(Comparator.comparing(TaskSummary::startedAt)
                        .reversed()
                        .thenComparing(s -> s.task().id()))
                .skip(query.offset())
                .limit(query.limit())
                .toList();
    }

    private TaskSummary summary(TaskRecord t) {
        Optional<TaskCompletion> completion = Optional.ofNullable(completions.get(t.id()));
        int hits = retrievals.getOrDefault(t.id(), Map.of()).values().stream()
                .mapToInt(Map::size)
                .sum();
        return new TaskSummary(
                t,
                completion.map(TaskCompletion::status).orElse(TaskStatus.RUNNING),
                completion,
                iterations.getOrDefault(t.id(), Map.of()).size(),
                hits);
    }

    @Override
    public synchronized Optional<TaskDetail> task(String idOrPrefix) {
        String wanted = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (wanted.length() < 4) {
            throw new IllegalArgumentException(
                    "a task id prefix needs at least 4 characters, was '" + idOrPrefix + "'");
        }
        List<TaskRecord> found = tasks.values().stream()
                .filter(t -> t.id().toString().startsWith(wanted))
                .toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            List<String> ids =
                    found.stream().map(t -> t.id().toString()).limit(10).toList();
            throw new IllegalArgumentException("'" + idOrPrefix + "' matches several tasks; give more of the id: "
                    + String.join(", ", ids) + (found.size() > 10 ? ", …" : ""));
        }
        TaskRecord t = found.get(0);
        List<FailureRecord> taskFailures = failures.values().stream()
                .map(StoredFailure::record)
                .filter(f -> f.taskId().equals(t.id()))
                .sorted(Comparator.comparingInt(FailureRecord::iteration).thenComparing(FailureRecord::recordedAt))
                .toList();
        List<FixRecord> taskFixes = fixes.values().stream()
                .filter(f -> f.taskId().equals(t.id()))
                .sorted(Comparator.comparingInt(FixRecord::passedIteration).thenComparing(FixRecord::recordedAt))
                .toList();
        List<RetrievalRecord> taskRetrievals = new ArrayList<>();
        retrievals.getOrDefault(t.id(), Map.of()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> taskRetrievals.add(new RetrievalRecord(
                        t.id(),
                        e.getKey(),
                        e.getValue().entrySet().stream()
                                .sorted(Map.Entry.<UUID, Double>comparingByValue()
                                        .reversed())
                                .map(h -> new RetrievalRecord.Hit(h.getKey(), h.getValue()))
                                .toList())));
        List<ApprovalRecord> taskApprovals = approvals.getOrDefault(t.id(), Map.of()).values().stream()
                .sorted(Comparator.comparing(ApprovalRecord::decidedAt))
                .toList();
        List<IterationRecord> taskIterations = iterations.getOrDefault(t.id(), Map.of()).values().stream()
                .sorted(Comparator.comparingInt(IterationRecord::number))
                .toList();
        return Optional.of(
                new TaskDetail(summary(t), taskIterations, taskFailures, taskFixes, taskRetrievals, taskApprovals));
    }

    @Override
    public synchronized MemoryStats stats() {
        long verified = fixes.values().stream().filter(FixRecord::verified).count();
        long retrievalRows = retrievals.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Map::size)
                .sum();
        return new MemoryStats(
                tasks.size(),
                failures.size(),
                fixes.size(),
                verified,
                patterns.size(),
                retrievalRows,
                0,
                "",
                model.name(),
                model.dimension());
    }

    @Override
    public MemoryHealth health() {
        return new MemoryHealth(true, "", "", model.name(), model.name(), 0, List.of());
    }

    /** Nothing to rebuild: this memory has no index. */
    @Override
    public List<String> reindex(IndexBuildSettings settings, ReindexListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        return List.of();
    }

    @Override
    public synchronized int reembed(ReembedListener listener) {
        Objects.requireNonNull(listener, "listener");
        int total = failures.size() + patterns.size();
        int done = 0;
        listener.progress(0, total);
        for (Map.Entry<UUID, StoredFailure> e : failures.entrySet()) {
            StoredFailure f = e.getValue();
            e.setValue(new StoredFailure(
                    f.record(),
                    model.embed(settings.embeddedText().of(f.record())),
                    f.words(),
                    f.fixPatterns(),
                    f.fixKind()));
            listener.progress(++done, total);
        }
        for (Map.Entry<UUID, StoredPattern> e : patterns.entrySet()) {
            e.setValue(new StoredPattern(
                    e.getValue().record(), model.embed(e.getValue().record().taskText())));
            listener.progress(++done, total);
        }
        return total;
    }
}
