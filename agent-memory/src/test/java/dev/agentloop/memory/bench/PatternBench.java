package dev.agentloop.memory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.PgVectorFailureMemory;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/failbench --patterns TASKS.jsonl OUT.jsonl}: are the success patterns offered to the planner the
 * right ones? From {@code agent batch} task lines (HumanEval's {@code tasks.jsonl}): the memory holds, through the real
 * {@link PgVectorFailureMemory#recordPattern}, the solved-task pattern of every problem whose number is 0 or 1 modulo
 * 4; then every problem asks {@code findPatterns} with its task in other words (the function's name and the
 * docstring's prose, without the template sentence and the examples), as a person would ask for the same thing again.
 * A pattern is right when it comes from the same problem; a problem whose pattern is not stored has no right pattern,
 * and anything shown for it misleads. Writes per query the ranked problem ids with their similarities and how many
 * the memory shows under its defaults (the planner asks for {@value #PLANNER_LIMIT}), and prints the scores per half
 * (even and odd problem numbers: calibrate on one, check on the other).
 */
public final class PatternBench {

    /** How many patterns the planner asks for (agent-core's PLAN step). */
    static final int PLANNER_LIMIT = 3;

    /** How many are ranked per query for the curve. */
    static final int RANKED = 10;

    private static final Pattern FUNCTION = Pattern.compile("complete the function `([A-Za-z_0-9]+)`");
    private static final Pattern DOCSTRING = Pattern.compile("(\"\"\"|''')(.*?)\\1", Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: scripts/failbench --patterns TASKS.jsonl OUT.jsonl");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.isReadable(data)) {
            System.err.println("failbench: cannot read " + data + "; give agent batch task lines (JSON lines)");
            System.exit(2);
        }
        List<Problem> problems = read(data);
        String url = FailbenchRunner.env("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
        String user = FailbenchRunner.env("AGENT_DB_USER", "agent");
        String password = FailbenchRunner.env("AGENT_DB_PASSWORD", "agent");
        String schema = "patternbench_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                + UUID.randomUUID().toString().substring(0, 6);
        Path spool = Files.createTempFile("patternbench-spool-", ".jsonl");
        MemoryEmbeddingModel model =
                CachingEmbedding.of(EmbeddingModels.named(System.getProperty("failbench.model"), System.getenv()));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ObjectMapper json = new ObjectMapper();
        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                .jdbcUrl(url)
                .user(user)
                .password(password)
                .schema(schema)
                .spoolFile(spool)
                .embeddingModel(model)
                .build()) {
            Map<UUID, String> problemOfPattern = new LinkedHashMap<>();
            for (Problem p : problems) {
                if (p.stored()) {
                    UUID id = FailbenchRunner.uuid("pattern#" + p.id());
                    memory.recordPattern(new SuccessPattern(
                            id,
                            FailbenchRunner.uuid("task#" + p.id()),
                            p.task(),
                            Language.PYTHON,
                            ProjectType.LIBRARY,
                            "complete " + p.function() + " with the standard library",
                            1,
                            t0));
                    problemOfPattern.put(id, p.id());
                }
            }
            Tally[] halves = {new Tally(), new Tally()};
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (Problem p : problems) {
                    String query = p.reworded();
                    List<PatternMatch> ranked = memory.rankPatterns(query, RANKED);
                    List<PatternMatch> shown = memory.findPatterns(query, PLANNER_LIMIT);
                    int prefix = commonPrefix(ranked, shown);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("query", p.id());
                    line.put("stored", p.stored());
                    line.put(
                            "ranked",
                            ranked.stream()
                                    .map(m -> problemOfPattern.get(m.pattern().id()))
                                    .toList());
                    line.put(
                            "scores",
                            ranked.stream().map(PatternMatch::similarity).toList());
                    line.put("shown", prefix);
                    w.write(json.writeValueAsString(line));
                    w.newLine();
                    List<String> shownIds = ranked.subList(0, prefix).stream()
                            .map(m -> problemOfPattern.get(m.pattern().id()))
                            .toList();
                    halves[p.number() % 2].add(p, shownIds);
                }
            }
            System.err.printf("patterns: %d stored, %d queries%n", problemOfPattern.size(), problems.size());
            System.err.println("half  answerable  shown-precision  coverage(answerable)  misleading(all queries)");
            String[] names = {"even", "odd"};
            for (int i = 0; i < 2; i++) {
                System.err.println(names[i] + "  " + halves[i]);
            }
        } finally {
            Files.deleteIfExists(spool);
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static int commonPrefix(List<PatternMatch> ranked, List<PatternMatch> shown) {
        int n = 0;
        while (n < shown.size()
                && n < ranked.size()
                && ranked.get(n).pattern().id().equals(shown.get(n).pattern().id())) {
            n++;
        }
        if (n < shown.size()) {
            System.err.println("patterns: the shown list is not a prefix of the ranked one; counting its prefix");
        }
        return n;
    }

    /** Scores of one half. */
    private static final class Tally {
        int queries;
        int answerable;
        int covered;
        int items;
        int right;
        int misleading;

        void add(Problem p, List<String> shown) {
            queries++;
            if (p.stored()) {
                answerable++;
            }
            long good = shown.stream().filter(p.id()::equals).count();
            items += shown.size();
            right += (int) good;
            if (!shown.isEmpty() && good > 0) {
                covered++;
            }
            if (!shown.isEmpty() && good == 0) {
                misleading++;
            }
        }

        @Override
        public String toString() {
            return String.format(
                    "%d of %d  %.1f  %.1f  %.1f",
                    answerable,
                    queries,
                    items == 0 ? 0.0 : 100.0 * right / items,
                    answerable == 0 ? 0.0 : 100.0 * covered / answerable,
                    100.0 * misleading / queries);
        }
    }

    /** One problem: its number, the task line's text, its function's name and the docstring's prose. */
    record Problem(String id, int number, String task, String function, String prose) {

        boolean stored() {
            return number % 4 < 2;
        }

        String reworded() {
            return "Implement " + function + ": " + prose;
        }
    }

    static List<Problem> read(Path data) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        List<Problem> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = json.readTree(line);
            String id = o.path("id").asText("");
            String task = o.path("task").asText("");
            Matcher f = FUNCTION.matcher(task);
            Matcher d = DOCSTRING.matcher(task);
            if (id.isEmpty() || !f.find() || !d.find()) {
                throw new IllegalArgumentException(
                        data + " line " + n + ": needs an id and a task naming its function, with a docstring");
            }
            int number = Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
            out.add(new Problem(id, number, task, f.group(1), prose(d.group(2))));
        }
        return out;
    }

    /** The docstring without its examples ({@code >>>} lines and the lines of output after them), in one line. */
    static String prose(String docstring) {
        StringBuilder s = new StringBuilder();
        boolean inExample = false;
        for (String line : docstring.split("\n")) {
            String t = line.strip();
            if (t.startsWith(">>>")
                    || t.toLowerCase(java.util.Locale.ROOT).startsWith("example")
                    || t.toLowerCase(java.util.Locale.ROOT).startsWith("for example")) {
                inExample = true;
                continue;
            }
            if (t.isEmpty()) {
                inExample = false;
                continue;
            }
            if (!inExample) {
                s.append(s.length() > 0 ? " " : "").append(t);
            }
        }
        return s.toString();
    }
}
