package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.env.MemoryAdmin;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.output.JsonWriter;
import dev.agentloop.cli.output.Table;
import dev.agentloop.cli.output.Text;
import dev.agentloop.core.Language;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.memory.IndexBuildProgress;
import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.ManagedFailureMemory;
import dev.agentloop.memory.RankedMatch;
import dev.agentloop.memory.ReindexListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent memory search|stats|migrate|reembed|reindex}. */
@Command(
        name = "memory",
        header = "Searches and maintains the failure memory.",
        mixinStandardHelpOptions = true,
        description = "Looks into the failure memory (PostgreSQL + pgvector).",
        subcommands = {
            MemoryCommand.Search.class,
            MemoryCommand.Stats.class,
            MemoryCommand.Migrate.class,
            MemoryCommand.Reembed.class,
            MemoryCommand.Reindex.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent memory search \"AssertionError: expected 'hello-world'\"",
            "  agent memory stats",
            "  agent memory migrate",
            "  agent memory reembed",
            "  agent memory reindex --memory 2GiB --workers 1",
            "",
            CommandSupport.EXIT_CODES
        })
public final class MemoryCommand implements Callable<Integer> {

    private final CliContext context;

    public MemoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new Stats(context).call();
    }

    /** {@code agent memory search "error text"}. */
    @Command(
            name = "search",
            header = "Shows what the memory would retrieve for an error.",
            mixinStandardHelpOptions = true,
            description = "Shows what the memory would retrieve for an error: the most similar past failures, their"
                    + " similarity, their ranking score, whether the model would be shown them (memory.min-score) and"
                    + " whether a fix is known.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent memory search \"TypeError: cannot read properties of undefined\" -l javascript", ""})
    public static final class Search implements Callable<Integer> {

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ERROR", description = "The error text to match.")
        String error;

        @Option(names = "--limit", defaultValue = "5", description = "Matches to show, 1..100 (default 5).")
        int limit;

        @Option(
                names = {"-l", "--language"},
                description = "Only failures in this language.")
        String language;

        @Option(names = "--json", description = "One JSON object per match.")
        boolean json;

        public Search(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (error.isBlank()) {
                throw dev.agentloop.cli.CliException.usage("Give the error text to search for.");
            }
            if (limit < 1 || limit > 100) {
                throw dev.agentloop.cli.CliException.usage("--limit must be in 1..100, was " + limit + ".");
            }
            CliConfig config = CommandSupport.loadConfig(context);
            Language lang =
                    language == null ? Language.fromId(config.get(ConfigSchema.LANGUAGE)) : parseLanguage(language);
            FailureQuery query = probe(error, lang);
            List<RankedMatch> matches;
            try (FailureMemory memory = context.backends().openMemory(config)) {
                FailureQuery q = query.withLimit(limit);
                matches = ranking(memory, language == null ? q : q.withLanguage(lang));
            }
            if (json) {
                for (RankedMatch r : matches) {
                    FailureMatch m = r.match();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("failureId", m.failure().id());
                    row.put("taskId", m.failure().taskId());
                    row.put("similarity", m.similarity());
                    row.put("score", Double.isNaN(r.score()) ? null : r.score());
                    row.put("shown", r.shown());
                    row.put("error", m.failure().headline());
                    row.put("language", m.failure().language().id());
                    row.put("hasFix", m.fix().isPresent());
                    row.put("fix", m.fix().map(f -> f.diff()).orElse(null));
                    context.out().println(JsonWriter.write(row));
                }
                return 0;
            }
            if (matches.isEmpty()) {
                context.out().println("No similar failure in memory.");
                return 0;
            }
            Table table = new Table(5, "SIMILARITY", "SCORE", "SHOWN", "FAILURE", "TASK", "ERROR", "FIX");
            for (RankedMatch r : matches) {
                FailureMatch m = r.match();
                table.row(
                        Text.similarity(m.similarity()),
                        Double.isNaN(r.score()) ? "-" : Text.similarity(r.score()),
                        r.shown() ? "yes" : "no",
                        Text.shortId(m.failure().id()),
                        Text.shortId(m.failure().taskId()),
                        m.failure().headline(),
                        m.fix().map(f -> f.verified() ? "verified" : "yes").orElse("-"));
            }
            table.render(context.terminal().width()).forEach(context.out()::println);
            long held = matches.stream().filter(r -> !r.shown()).count();
            if (held > 0) {
                context.out()
                        .println(held + " match(es) below " + ConfigSchema.MEMORY_MIN_SCORE
                                + " would not be handed to the model.");
            }
            return 0;
        }

        /** The memory's whole ranking with its scores when it can tell them, else what it hands out. */
        private static List<RankedMatch> ranking(FailureMemory memory, FailureQuery q) {
            if (memory instanceof ManagedFailureMemory managed) {
                return managed.rank(q);
            }
            return memory.findSimilar(q).stream()
                    .map(m -> new RankedMatch(m, Double.NaN, true))
                    .toList();
        }

        private static Language parseLanguage(String value) {
            try {
                return Language.fromId(value);
            } catch (IllegalArgumentException e) {
                throw dev.agentloop.cli.CliException.usage(e.getMessage() + ".");
            }
        }

        private static FailureQuery probe(String error, Language language) {
            int colon = error.indexOf(':');
            String type = colon > 0 && colon < 60 && !error.substring(0, colon).contains(" ")
                    ? error.substring(0, colon).trim()
                    : "";
            String message =
                    type.isEmpty() ? error.trim() : error.substring(colon + 1).trim();
            FailureRecord probe = new FailureRecord(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    0,
                    error.trim(),
                    type,
                    message,
                    "",
                    language,
                    "",
                    "",
                    "",
                    error,
                    Instant.now());
            return FailureQuery.similarTo(probe);
        }
    }

    /** {@code agent memory stats}. */
    @Command(
            name = "stats",
            header = "Counts what the memory holds.",
            mixinStandardHelpOptions = true,
            description = "Counts of tasks, failures, fixes and patterns, the embedding model and the schema version."
                    + " Reads only: it never changes the schema.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent memory stats", ""})
    public static final class Stats implements Callable<Integer> {

        private final CliContext context;

        public Stats(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliConfig config = CommandSupport.loadConfig(context);
            try (MemoryReader reader = context.backends().openReader(config)) {
                Map<String, String> stats = reader.stats();
                int width =
                        stats.keySet().stream().mapToInt(String::length).max().orElse(0);
                stats.forEach((k, v) -> context.out().println(String.format("%-" + width + "s  %s", k, v)));
            } catch (Exception e) {
                throw rethrow(e);
            }
            return 0;
        }
    }

    /** {@code agent memory migrate}. */
    @Command(
            name = "migrate",
            header = "Creates or upgrades the memory's schema.",
            mixinStandardHelpOptions = true,
            description = "Creates the failure memory's tables, or upgrades them to this version's schema. Idempotent;"
                    + " agent run does it too, while history, show and memory stats only read and ask for it.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent memory migrate", ""})
    public static final class Migrate implements Callable<Integer> {

        private final CliContext context;

        public Migrate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliConfig config = CommandSupport.loadConfig(context);
            try (MemoryAdmin admin = context.backends().openMemoryAdmin(config, false)) {
                context.out()
                        .println("The failure memory in schema '" + config.get(ConfigSchema.DB_SCHEMA)
                                + "' is at schema version " + admin.schemaVersion() + ".");
            } catch (Exception e) {
                throw rethrow(e);
            }
            return 0;
        }
    }

    /** {@code agent memory reembed}. */
    @Command(
            name = "reembed",
            header = "Recomputes every embedding after a model change.",
            mixinStandardHelpOptions = true,
            description = "Recomputes every stored failure's embedding with the configured embedding model (after"
                    + " changing models.embedding). Shows progress.",
            footerHeading = "%nExamples:%n",
            footer = {"  AGENT_EMBEDDING_MODEL=all-minilm-l6-v2 agent memory reembed", ""})
    public static final class Reembed implements Callable<Integer> {

        private final CliContext context;

        public Reembed(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliConfig config = CommandSupport.loadConfig(context);
            try (MemoryAdmin admin = context.backends().openMemoryAdmin(config, true)) {
                long done = admin.reembed((n, total) -> {
                    if (context.terminal().interactive()) {
                        context.err().print("\r\033[2Kre-embedded " + n + "/" + total);
                    } else if (n % 100 == 0 || n == total) {
                        context.err().println("re-embedded " + n + "/" + total);
                    }
                    context.err().flush();
                });
                if (context.terminal().interactive()) {
                    context.err().print("\r\033[2K");
                }
                context.out()
                        .println("Re-embedded " + done + " failure(s) with " + config.get(ConfigSchema.EMBEDDING_MODEL)
                                + ".");
            } catch (Exception e) {
                throw rethrow(e);
            }
            return 0;
        }
    }

    /** {@code agent memory reindex}. */
    @Command(
            name = "reindex",
            header = "Rebuilds the memory's vector indexes, showing progress.",
            mixinStandardHelpOptions = true,
            description =
                    "Rebuilds the HNSW indexes over the failures' and the patterns' vectors while the memory stays"
                            + " usable (a concurrent build under a temporary name, swapped in at the end), with enough memory"
                            + " for the graph and the server's parallel workers unless told otherwise. Needed after a migration"
                            + " left the index to be built on a large memory (agent doctor says so). Progress comes from"
                            + " PostgreSQL's pg_stat_progress_create_index.",
            footerHeading = "%nExamples:%n",
            footer = {"  agent memory reindex", "  agent memory reindex --memory 2GiB --workers 1", ""})
    public static final class Reindex implements Callable<Integer> {

        private final CliContext context;

        @Option(
                names = "--memory",
                paramLabel = "SIZE",
                description = "maintenance_work_mem for the builds, e.g. 2GiB (default: what the graph needs, at most"
                        + " half the server's effective_cache_size).")
        String memory;

        @Option(
                names = "--workers",
                paramLabel = "N",
                description = "Parallel workers for each build, 0..64 (default: the server's"
                        + " max_parallel_maintenance_workers).")
        Integer workers;

        public Reindex(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            IndexBuildSettings settings = settings();
            CliConfig config = CommandSupport.loadConfig(context);
            try (MemoryAdmin admin = context.backends().openMemoryAdmin(config, false)) {
                ReindexProgress progress = new ReindexProgress(context);
                List<String> rebuilt = admin.reindex(settings, progress);
                progress.finish();
                context.out()
                        .println(
                                rebuilt.isEmpty()
                                        ? "Nothing to rebuild: this memory has no index."
                                        : "Rebuilt " + String.join(" and ", rebuilt) + ".");
            } catch (Exception e) {
                throw rethrow(e);
            }
            return 0;
        }

        private IndexBuildSettings settings() {
            IndexBuildSettings settings = IndexBuildSettings.ofDefaults();
            if (memory != null) {
                long bytes = Durations.tryParseSize(memory)
                        .orElseThrow(() -> dev.agentloop.cli.CliException.usage(
                                "--memory must be a size like 512MiB or 2GiB, was '" + memory + "'."));
                if (bytes < IndexBuildSettings.MIN_MEMORY) {
                    throw dev.agentloop.cli.CliException.usage("--memory must be at least 64MiB, was " + memory + ".");
                }
                settings = settings.withMemoryBytes(bytes);
            }
            if (workers != null) {
                if (workers < 0 || workers > 64) {
                    throw dev.agentloop.cli.CliException.usage("--workers must be in 0..64, was " + workers + ".");
                }
                settings = settings.withWorkers(workers);
            }
            return settings;
        }
    }

    /** Prints a build's progress: one rewritten line on a terminal, a line per phase and per 10% otherwise. */
    static final class ReindexProgress implements ReindexListener {

        private final CliContext context;
        private String lastKey = "";

        ReindexProgress(CliContext context) {
            this.context = context;
        }

        @Override
        public void progress(IndexBuildProgress p) {
            String line = p.index() + ": " + p.phase()
                    + (p.total() > 0
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    " %,d/%,d %s (%d%%)",
                                    p.done(),
                                    p.total(),
                                    p.unit().name().toLowerCase(java.util.Locale.ROOT),
                                    (int) (100 * p.fraction()))
                            : "");
            if (context.terminal().interactive()) {
                context.err().print("\r\033[2K" + line);
                if (p.phase().equals(IndexBuildProgress.DONE)) {
                    context.err().println();
                }
            } else {
                String key = p.index() + "|" + p.phase() + "|" + (int) (10 * p.fraction());
                if (!key.equals(lastKey)) {
                    context.err().println(line);
                    lastKey = key;
                }
            }
            context.err().flush();
        }

        void finish() {
            context.err().flush();
        }
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
