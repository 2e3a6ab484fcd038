package dev.agentloop.memory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.memory.EmbeddedText;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.RankedMatch;
import dev.agentloop.memory.RetrievalSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code scripts/failbench DATA.jsonl OUT.rankings.jsonl}: stores the data file's memory items through the real
 * {@link PgVectorFailureMemory} as the loop records a failure and, later, its fix; asks with each query item as the
 * loop asks at REFLECT; writes per query the top 10 with their scores ({@code ranked}, {@code scores}) and how many of
 * them the memory shows under the loop's defaults ({@code shown}: {@link AgentConfig}'s retrieval limit and minimum
 * similarity, the memory's {@link RetrievalSettings#minScore()}). Reads only the data file. Each run uses a fresh schema, dropped
 * at the end ({@code -Dfailbench.keep=true} keeps it).
 *
 * <p>Database from {@code AGENT_DB_URL}/{@code AGENT_DB_USER}/{@code AGENT_DB_PASSWORD} (default the provisioned
 * {@code jdbc:postgresql://localhost:5432/agent}, agent/agent). For measurements only: {@code -Dfailbench.text=}
 * an {@link EmbeddedText}, {@code -Dfailbench.hybrid=false}, {@code -Dfailbench.fixLines=false}, {@code
 * -Dfailbench.model=} an embedding model name, {@code -Dfailbench.minScore=}, {@code -Dfailbench.embeddingCache=FILE}
 * (vectors kept across runs).
 */
public final class FailbenchRunner {

    /** The loop keeps bounded excerpts; these are the bounds it uses for the output and the code. */
    static final int OUTPUT_EXCERPT = 8000;

    static final int CODE_EXCERPT = 6000;

    /** How many matches are ranked per query (the scorer reads 10). */
    static final int RANKED = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: scripts/failbench DATA.jsonl OUT.rankings.jsonl");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.isReadable(data)) {
            System.err.println("failbench: cannot read " + data + "; give a failbench data file (JSON lines)");
            System.exit(2);
        }
        String url = env("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
        String user = env("AGENT_DB_USER", "agent");
        String password = env("AGENT_DB_PASSWORD", "agent");
        String schema = "failbench_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                + UUID.randomUUID().toString().substring(0, 6);
        RetrievalSettings settings = RetrievalSettings.ofDefaults()
                .withEmbeddedText(EmbeddedText.valueOf(System.getProperty(
                        "failbench.text",
                        RetrievalSettings.ofDefaults().embeddedText().name())))
                .withHybrid(Boolean.parseBoolean(System.getProperty("failbench.hybrid", "true")))
                .withFixLineMatching(Boolean.parseBoolean(System.getProperty("failbench.fixLines", "true")));
        if (System.getProperty("failbench.fixLineWeight") != null) {
            settings = settings.withFixLineWeight(Double.parseDouble(System.getProperty("failbench.fixLineWeight")));
        }
        if (System.getProperty("failbench.consensus") != null) {
            settings = settings.withConsensusWeight(Double.parseDouble(System.getProperty("failbench.consensus")));
        }
        if (System.getProperty("failbench.diversity") != null) {
            settings = settings.withDiversityPenalty(Double.parseDouble(System.getProperty("failbench.diversity")));
        }
        if (System.getProperty("failbench.minScore") != null) {
            settings = settings.withMinScore(Double.parseDouble(System.getProperty("failbench.minScore")));
        }
        List<FailbenchItem> items = FailbenchItem.read(data);
        Path spool = Files.createTempFile("failbench-spool-", ".jsonl");
        long started = System.nanoTime();
        MemoryEmbeddingModel model =
                CachingEmbedding.of(EmbeddingModels.named(System.getProperty("failbench.model"), System.getenv()));
        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                .jdbcUrl(url)
                .user(user)
                .password(password)
                .schema(schema)
                .spoolFile(spool)
                .embeddingModel(model)
                .retrieval(settings)
                .build()) {
            Map<UUID, String> itemOfFailure = new HashMap<>();
            Map<String, UUID> taskOfProblem = new LinkedHashMap<>();
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            int stored = 0;
            for (FailbenchItem item : items) {
                if (!item.memory()) {
                    continue;
                }
                UUID task = taskOfProblem.computeIfAbsent(item.problem() + "#" + item.id(), k -> uuid(k));
                memory.recordTask(new TaskRecord(task, item.task(), language(item), ProjectType.LIBRARY, "", t0));
                FailureRecord failure = failure(item, task, t0.plusSeconds(stored));
                memory.recordFailure(failure);
                memory.recordFix(new FixRecord(failure.id(), task, 2, item.fix(), true, t0.plusSeconds(stored)));
                itemOfFailure.put(failure.id(), item.id());
                stored++;
            }
            long storedAt = System.nanoTime();
            int queries = answer(memory, items, itemOfFailure, t0, out);
            long done = System.nanoTime();
            if (Boolean.getBoolean("failbench.sweep")) {
                // Measurement only: the same stored rows ranked with other settings (probe vectors are cached).
                for (Map.Entry<String, RetrievalSettings> v :
                        Sweep.variants(settings).entrySet()) {
                    try (PgVectorFailureMemory variant = PgVectorFailureMemory.builder()
                            .jdbcUrl(url)
                            .user(user)
                            .password(password)
                            .schema(schema)
                            .spoolFile(spool)
                            .embeddingModel(model)
                            .retrieval(v.getValue())
                            .build()) {
                        answer(variant, items, itemOfFailure, t0, Path.of(out + "." + v.getKey()));
                    }
                }
            }
            System.err.printf(
                    "failbench: %d memory items stored in %.1f s, %d queries answered in %.1f s (%s, schema %s)%n",
                    stored, (storedAt - started) / 1e9, queries, (done - storedAt) / 1e9, describe(settings), schema);
        } finally {
            Files.deleteIfExists(spool);
            if (!Boolean.getBoolean("failbench.keep")) {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static int answer(
            PgVectorFailureMemory memory,
            List<FailbenchItem> items,
            Map<UUID, String> itemOfFailure,
            Instant t0,
            Path out)
            throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        int queries = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (FailbenchItem item : items) {
                if (item.memory()) {
                    continue;
                }
                UUID task = uuid("query#" + item.id());
                FailureRecord probe = failure(item, task, t0);
                List<RankedMatch> ranked = memory.rank(
                        FailureQuery.similarTo(probe).withLimit(RANKED).excludingTask(task));
                // What the loop asks at REFLECT with its defaults, and so what the model would be shown.
                List<FailureMatch> shown = memory.findSimilar(FailureQuery.similarTo(probe)
                        .withLimit(AgentConfig.DEFAULT_RETRIEVAL_LIMIT)
                        .withLanguage(probe.language())
                        .withMinSimilarity(AgentConfig.DEFAULT_MIN_SIMILARITY)
                        .excludingTask(task));
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("query", item.id());
                line.put(
                        "ranked",
                        ranked.stream()
                                .map(m -> itemOfFailure.get(m.match().failure().id()))
                                .toList());
                line.put(
                        "scores",
                        ranked.stream()
                                .map(m -> Math.round(m.score() * 1000) / 1000.0)
                                .toList());
                line.put("shown", shownPrefix(ranked, shown, item.id()));
                w.write(json.writeValueAsString(line));
                w.newLine();
                queries++;
            }
        }
        return queries;
    }

    /**
     * How many of the ranked matches the loop's query shows: the scorer reads the first {@code shown} ranked ids, so
     * the shown list must begin the ranked one (it does unless the similarity floor drops a match in between, which
     * is reported).
     */
    private static int shownPrefix(List<RankedMatch> ranked, List<FailureMatch> shown, String item) {
        int n = 0;
        while (n < shown.size()
                && n < ranked.size()
                && ranked.get(n)
                        .match()
                        .failure()
                        .id()
                        .equals(shown.get(n).failure().id())) {
            n++;
        }
        if (n < shown.size()) {
            System.err.println("failbench: " + item + ": the shown matches do not begin the ranking; counted " + n
                    + " of " + shown.size());
        }
        return n;
    }

    private static String describe(RetrievalSettings s) {
        return "text " + s.embeddedText() + ", hybrid " + s.hybrid() + ", fixed lines " + s.fixLineMatching()
                + " (weight " + s.fixLineWeight() + "), consensus " + s.consensusWeight() + ", diversity "
                + s.diversityPenalty();
    }

    /** The failure as the loop records it at REFLECT: signature fields by core's FailureSignature. */
    static FailureRecord failure(FailbenchItem item, UUID task, Instant at) {
        TestOutcome outcome =
                item.output().contains("ERROR collecting") || item.output().contains("errors during collection")
                        ? TestOutcome.COLLECTION_ERROR
                        : TestOutcome.FAILED;
        TestReport report = new TestReport(outcome, List.of(), item.output(), "", 1, Duration.ZERO, "");
        FailureSignature signature = FailureSignature.of(report);
        return new FailureRecord(
                uuid("failure#" + item.id()),
                task,
                1,
                signature.value(),
                signature.errorType(),
                signature.message(),
                signature.location(),
                language(item),
                "",
                item.task(),
                cut(item.code(), CODE_EXCERPT),
                cut(item.output(), OUTPUT_EXCERPT),
                at);
    }

    private static Language language(FailbenchItem item) {
        return item.language().isEmpty() ? Language.PYTHON : Language.fromId(item.language());
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    static UUID uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
