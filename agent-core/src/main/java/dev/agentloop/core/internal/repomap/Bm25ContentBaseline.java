package dev.agentloop.core.internal.repomap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a map's localization is compared with: BM25 of the query over the files' whole contents (the
 * SWE-bench retrieval baseline), with the map's own tokenizer on both sides. No parser, no graph, no tracebacks.
 */
public final class Bm25ContentBaseline {

    private final List<String> paths;
    private final List<TermBag> bags;
    private final Vocabulary vocabulary;
    private final int[] documentFrequency;
    private final double averageLength;

    private Bm25ContentBaseline(List<String> paths, List<TermBag> bags, Vocabulary vocabulary) {
        this.paths = paths;
        this.bags = bags;
        this.vocabulary = vocabulary;
        this.documentFrequency = new int[vocabulary.size()];
        long total = 0;
        for (TermBag bag : bags) {
            for (int i = 0; i < bag.size(); i++) {
                documentFrequency[bag.term(i)]++;
            }
            total += bag.length();
        }
        this.averageLength = bags.isEmpty() ? 0 : (double) total / bags.size();
    }

    /**
     * Indexes the files' contents (read as UTF-8, malformed bytes replaced).
     *
     * @param root the folder the paths are relative to
     * @param paths the files to rank, relative to the root
     * @throws java.io.UncheckedIOException naming the file when one cannot be read
     */
    public static Bm25ContentBaseline of(Path root, Collection<String> paths) {
        List<String> kept = new ArrayList<>(paths.size());
        List<TermBag> bags = new ArrayList<>(paths.size());
        Vocabulary vocabulary = new Vocabulary();
        for (String path : paths) {
            String content;
            try {
                content = new String(Files.readAllBytes(root.resolve(path)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(
                        "Cannot read " + root.resolve(path) + " for the BM25 baseline", e);
            }
            kept.add(path);
            bags.add(new TermBag.Builder(vocabulary).addText(content, 1).build());
        }
        return new Bm25ContentBaseline(kept, bags, vocabulary);
    }

    /** Every file, best BM25 score first (ties by path). */
    public List<String> rank(String query) {
        Map<String, Integer> counts = new HashMap<>();
        Tokens.textTerms(query, t -> counts.merge(t, 1, Integer::sum));
        double[] scores = new double[paths.size()];
        counts.forEach((word, count) -> {
            int term = vocabulary.find(word);
            if (term < 0) {
                return;
            }
            double weight = (1 + Math.log(count)) * Bm25.idf(paths.size(), documentFrequency[term]);
            for (int i = 0; i < bags.size(); i++) {
                int tf = bags.get(i).countOf(term);
                if (tf > 0) {
                    scores[i] += weight * Bm25.tf(tf, bags.get(i).length(), averageLength);
                }
            }
        });
        List<Integer> order = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(paths::get));
        return order.stream().map(paths::get).toList();
    }
}
