package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranks the definitions of the best files (and of the files tracebacks point into) for function-level
 * localization. Each part of a definition's score is scaled to at most 1: the frames inside it say most; its name
 * in the text (often an exception's) and a failing test's name matching it say more in a likely file; its file's
 * rank and the overlap of its name and docstring with the text say least. Variables count half, and a test's
 * definitions count the test penalty twice: a test function is where a failure shows, almost never what to fix.
 */
final class DefinitionRanker {

    /** Highest score first, then by path and line (written out: a chain of lambdas costs several times more). */
    private static final Comparator<RankedDefinition> BEST_FIRST = (a, b) -> {
        int order = Double.compare(b.score(), a.score());
        if (order == 0) {
            order = a.path().compareTo(b.path());
        }
        return order != 0
                ? order
                : Integer.compare(a.definition().line(), b.definition().line());
    };

    private final RankingWeights weights;

    DefinitionRanker(RankingWeights weights) {
        this.weights = weights;
    }

    /**
     * @param files the ranked files, best first
     * @param score each file's score by id
     */
    List<RankedDefinition> rank(SymbolIndex index, List<RankedFile> files, double[] score, QueryEvidence evidence) {
        if (weights.maxDefinitions() == 0 || files.isEmpty()) {
            return List.of();
        }
        double best = files.get(0).score();
        Set<Integer> candidates = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(weights.definitionFiles(), files.size()); i++) {
            if (files.get(i).score() > 0) {
                candidates.add(index.id(files.get(i).path()));
            }
        }
        Set<Integer> framed = evidence.filesWithFrameHits();
        candidates.addAll(framed);
        List<Parts> scored = new ArrayList<>();
        double maxName = 0;
        for (int id : candidates) {
            IndexedFile file = index.file(id);
            double fileShare = best > 0 ? Math.max(0, score[id]) / best : 0;
            boolean hasFrames = framed.contains(id);
            List<Definition> defs = file.definitions();
            for (int k = 0; k < defs.size(); k++) {
                Definition d = defs.get(k);
                double name = 0;
                Integer mentions = evidence.words.get(d.name());
                if (mentions != null) {
                    int ds = Math.max(1, index.definers(d.name()).length);
                    name = QueryEvidence.specificity(d.name()) * Math.log1p(mentions) / Math.sqrt(ds);
                    if (!d.parent().isEmpty() && evidence.qualified.contains(d.parent() + "." + d.name())) {
                        name *= 1.5;
                    }
                }
                maxName = Math.max(maxName, name);
                scored.add(new Parts(
                        file,
                        d,
                        fileShare,
                        hasFrames ? evidence.frameHit(id, d) : 0,
                        name,
                        evidence.testNameMatch(file.definitionNamePieces(k)),
                        overlap(index, file.definitionTerms(k), evidence.terms)));
            }
        }
        List<RankedDefinition> ranked = new ArrayList<>();
        for (Parts p : scored) {
            double plausible = Math.sqrt(p.fileShare);
            double s = 0.5 * p.fileShare
                    + p.frame
                    + plausible * (0.6 * (maxName > 0 ? p.name / maxName : 0) + 0.6 * p.testName)
                    + 0.3 * p.overlap;
            if (p.definition.kind() == SymbolKind.VARIABLE) {
                s *= 0.5;
            }
            if (p.file.test()) {
                s *= weights.testPenalty() * weights.testPenalty();
            }
            if (s > 0) {
                ranked.add(new RankedDefinition(p.file.path(), p.definition, s));
            }
        }
        ranked.sort(BEST_FIRST);
        return ranked.size() > weights.maxDefinitions() ? ranked.subList(0, weights.maxDefinitions()) : ranked;
    }

    /** The share (0..1) of a definition's name and docstring terms found in the query, weighted by IDF. */
    private static double overlap(SymbolIndex index, int[] own, double[] terms) {
        double total = 0;
        double found = 0;
        for (int term : own) {
            double idf = index.idf(term);
            total += idf;
            if (term < terms.length && terms[term] > 0) {
                found += idf;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    private record Parts(
            IndexedFile file,
            Definition definition,
            double fileShare,
            double frame,
            double name,
            double testName,
            double overlap) {}
}
