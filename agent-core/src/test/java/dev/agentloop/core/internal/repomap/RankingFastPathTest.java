package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking's fast paths (BM25 from postings, PageRank summed over in-edges, postings updated file by file) give
 * exactly what the straightforward computations they replaced give: same numbers to the last bit, hence the same
 * ranking.
 */
class RankingFastPathTest {

    private static final int FILES = 300;

    @TempDir
    Path root;

    private final Random random = new Random(20261201);
    private final List<String> paths = new ArrayList<>();
    private RepoMap map;

    @BeforeEach
    void aRepository() throws IOException {
        for (int i = 0; i < FILES; i++) {
            String path = "pkg" + (i % 9) + "/module_" + i + ".py";
            paths.add(path);
            write(path, module(i));
        }
        map = RepoMap.build(root, new FakeSymbolParser(), SymbolCache.none());
    }

    @Test
    void pageRankSummedOverInEdgesEqualsSpreadingRanksOverOutEdges() {
        SymbolIndex index = map.index();
        ReferenceGraph graph = index.graph();
        double[] seeds = new double[index.capacity()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = random.nextInt(4) == 0 ? random.nextDouble() : 0;
        }
        seeds[0] = 1;

        double[] fast = graph.pageRank(seeds, 0.85, 30, 1e-5);

        assertThat(countEdges(graph)).isGreaterThan(FILES * 5);
        assertThat(fast).containsExactly(spreadOverOutEdges(graph, seeds, 0.85, 30, 1e-5));
        double[] uniform = new double[index.capacity()];
        Arrays.fill(uniform, 1);
        assertThat(graph.pageRank(uniform, 0.85, 100, 1e-12))
                .containsExactly(spreadOverOutEdges(graph, uniform, 0.85, 100, 1e-12));
    }

    @Test
    void bm25FromPostingsEqualsScanningEveryFilesTerms() {
        SymbolIndex index = map.index();
        double[] terms = new double[index.vocabulary().size()];
        for (int t = 0; t < terms.length; t++) {
            terms[t] = random.nextInt(3) == 0 ? 1 + Math.log(1 + random.nextInt(5)) : 0;
        }

        double[] fast = MapRanker.bm25(index, terms);

        assertThat(Arrays.stream(fast).filter(s -> s > 0).count()).isGreaterThan(FILES / 2);
        assertThat(fast).containsExactly(scanEveryBag(index, terms));
    }

    @Test
    void postingsUpdatedFileByFileEqualPostingsMadeAfresh() throws IOException {
        for (int round = 0; round < 12; round++) {
            String changed = paths.get(random.nextInt(paths.size()));
            write(changed, module(FILES + round) + "def renamed_" + round + "(x)\n    uncommon_word_" + round + "\n");
            String added = "pkg_new/added_" + round + ".py";
            write(added, module(FILES * 2 + round));
            List<String> touched = new ArrayList<>(List.of(changed, added));
            if (round % 3 == 0) {
                String removed = paths.remove(random.nextInt(paths.size()));
                Files.delete(root.resolve(removed));
                touched.add(removed);
            }
            paths.add(added);
            map.update(touched);

            SymbolIndex index = map.index();
            IndexedFile[] byId = new IndexedFile[index.capacity()];
            for (int id = 0; id < byId.length; id++) {
                byId[id] = index.file(id);
            }
            int terms = index.vocabulary().size();
            TermPostings afresh = TermPostings.of(byId, terms);
            List<Integer> differing = new ArrayList<>();
            for (int t = 0; t < terms; t++) {
                TermPostings updated = index.postings();
                if (!Arrays.equals(updated.files(t), afresh.files(t))
                        || !Arrays.equals(updated.counts(t), afresh.counts(t))
                        || updated.files(t).length != index.documentFrequency(t)) {
                    differing.add(t);
                }
            }
            assertThat(differing)
                    .as("terms whose postings differ after round %d", round)
                    .isEmpty();
        }
        double[] terms = new double[map.index().vocabulary().size()];
        Arrays.fill(terms, 1);
        assertThat(MapRanker.bm25(map.index(), terms)).containsExactly(scanEveryBag(map.index(), terms));
    }

    @Test
    void tracebacksReadLineByLineGiveThePlacesMatchingTheWholeTextGives() {
        int frames = 0;
        for (int i = 0; i < 200; i++) {
            String text = testOutput(20 + random.nextInt(400));

            List<Frame> byLine = TracebackParser.parse(text, true);

            assertThat(byLine).as("places in:%n%s", text).isEqualTo(TracebackParser.parse(text, false));
            frames += byLine.size();
        }
        assertThat(frames).isGreaterThan(2000);
    }

    @Test
    void qualifiedNamesFoundInOnePassAreThoseThePatternFinds() {
        java.util.regex.Pattern qualified =
                java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*)\\.([A-Za-z_$][\\w$]*)");
        int pairs = 0;
        for (int i = 0; i < 400; i++) {
            String text = testOutput(20 + random.nextInt(200));
            List<String> expected = new ArrayList<>();
            java.util.regex.Matcher m = qualified.matcher(text);
            while (m.find()) {
                expected.add(m.group(1) + "|" + m.group(2));
                m.region(m.start(2), text.length());
            }
            List<String> found = new ArrayList<>();

            QueryEvidence.qualifiedPairs(text, (owner, member) -> found.add(owner + "|" + member));

            assertThat(found).as("pairs in:%n%s", text).isEqualTo(expected);
            pairs += found.size();
        }
        assertThat(pairs).isGreaterThan(4000);
    }

    /** Test-runner-like text: tracebacks, locations, node ids, stacks, headers, mentions, and odd characters. */
    private String testOutput(int pieces) {
        String[] parts = {
            "File \"",
            "\", line ",
            "\", line 12, in test_decode",
            ", in ",
            "/workspace/",
            "file://",
            "pkg/mod",
            "test_x",
            ".py",
            ".js",
            ".mjs",
            ".cjs",
            ".jsx",
            ".ts",
            ".tsx",
            ".pyc",
            ":",
            "::",
            ":3",
            ":41:7",
            "\n",
            "\r\n",
            " ",
            "  ",
            "\t",
            "    at ",
            "at async ",
            "(",
            ")",
            "[",
            "]",
            "[a-1]",
            "FAIL: ",
            "ERROR: ",
            "test_y (pkg.test_mod.Case.test_y)",
            "self.loads",
            "json.decoder.JSONDecodeError",
            "a.b.c",
            "$x.y",
            "_p.q",
            "9a.b",
            "x9.",
            ".z",
            "Obj.<anonymous>",
            "E   ",
            "> ",
            "FAILED ",
            " - ",
            "-",
            "@scope",
            "+",
            "'",
            "\"",
            "<",
            ">",
            "é",
            "ünïcode.py",
            "\\",
            "node:internal/x.js:1:2",
            "12",
            "0",
            "in f",
            "ValueError"
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }

    /** PageRank as it was computed before: every file's rank spread over its out-edges, file after file. */
    private static double[] spreadOverOutEdges(
            ReferenceGraph graph, double[] personalization, double damping, int maxIterations, double tolerance) {
        int n = graph.size();
        double sum = 0;
        for (double x : personalization) {
            sum += x;
        }
        double[] outWeight = new double[n];
        for (int a = 0; a < n; a++) {
            for (double w : graph.weights(a)) {
                outWeight[a] += w;
            }
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = personalization[i] / sum;
        }
        double[] rank = p.clone();
        double[] next = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double dangling = 0;
            Arrays.fill(next, 0);
            for (int a = 0; a < n; a++) {
                if (outWeight[a] == 0) {
                    dangling += rank[a];
                    continue;
                }
                double share = damping * rank[a] / outWeight[a];
                int[] t = graph.targets(a);
                double[] w = graph.weights(a);
                for (int i = 0; i < t.length; i++) {
                    next[t[i]] += share * w[i];
                }
            }
            double jump = (1 - damping) + damping * dangling;
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] += jump * p[i];
                change += Math.abs(next[i] - rank[i]);
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (change < tolerance) {
                break;
            }
        }
        return rank;
    }

    /** BM25 as it was computed before: every term of every file's bag looked up in the query. */
    private static double[] scanEveryBag(SymbolIndex index, double[] terms) {
        double[] qw = new double[terms.length];
        for (int term = 0; term < terms.length; term++) {
            if (terms[term] > 0) {
                qw[term] = terms[term] * index.idf(term);
            }
        }
        double[] scores = new double[index.capacity()];
        for (int i = 0; i < scores.length; i++) {
            IndexedFile file = index.file(i);
            if (file == null) {
                continue;
            }
            TermBag bag = file.terms();
            double s = 0;
            for (int j = 0; j < bag.size(); j++) {
                int term = bag.term(j);
                if (term >= terms.length) {
                    break;
                }
                if (qw[term] > 0) {
                    s += qw[term] * Bm25.tf(bag.count(j), bag.length(), index.averageLength());
                }
            }
            scores[i] = s;
        }
        return scores;
    }

    private static int countEdges(ReferenceGraph graph) {
        int edges = 0;
        for (int a = 0; a < graph.size(); a++) {
            edges += graph.targets(a).length;
        }
        return edges;
    }

    /** A module defining a class and functions that use others' names, common words and an import. */
    private String module(int i) {
        StringBuilder text = new StringBuilder();
        text.append("import pkg")
                .append(random.nextInt(9))
                .append(".module_")
                .append(random.nextInt(FILES))
                .append('\n');
        text.append("class Widget").append(i).append('\n');
        text.append("    def render_part_").append(i % 40).append("(self, value)\n");
        text.append("        self value HTTPServer parse_header ")
                .append("word")
                .append(random.nextInt(50))
                .append('\n');
        for (int f = 0; f < 3; f++) {
            text.append("def compute_").append(i).append('_').append(f).append("(x)\n");
            for (int r = 0; r < 4; r++) {
                text.append("    compute_")
                        .append(random.nextInt(FILES))
                        .append('_')
                        .append(random.nextInt(3))
                        .append(" Widget")
                        .append(random.nextInt(FILES))
                        .append(" render_part_")
                        .append(random.nextInt(40))
                        .append(" term")
                        .append(random.nextInt(200))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
