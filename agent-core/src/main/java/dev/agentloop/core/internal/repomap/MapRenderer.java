package dev.agentloop.core.internal.repomap;

import dev.langchain4j.model.TokenCountEstimator;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link Ranking} into a token budget: the best files whole, with line numbers ({@code 12| code}), then
 * the others as map lines in rank order — the path, then its definitions by line, members indented under their
 * class — until the budget is spent. A file whose definitions do not all fit shows its best-ranked ones; binary,
 * oversized and linked files appear as a bare path saying so, and are never read.
 *
 * <pre>
 * pkg/b.py (whole file):
 *  1| import os
 *  2| ...
 *
 * pkg/a.py:
 *    3| class Parser(Base)
 *   10|     def parse(self, text)
 *   40| def helper(x, y=1)
 * docs/logo.png [binary, not shown]
 * </pre>
 */
public final class MapRenderer {

    private final Path root;
    private final SymbolIndex index;
    private final RenderOptions options;

    public MapRenderer(Path root, SymbolIndex index, RenderOptions options) {
        this.root = Objects.requireNonNull(root, "root");
        this.index = Objects.requireNonNull(index, "index");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Renders within the budget.
     *
     * @param budgetTokens the most tokens the text may take, as the estimator counts them
     * @throws IllegalArgumentException when the budget is negative
     */
    public RenderedMap render(Ranking ranking, int budgetTokens, TokenCountEstimator estimator) {
        if (budgetTokens < 0) {
            throw new IllegalArgumentException("budgetTokens must be >= 0, was " + budgetTokens);
        }
        Objects.requireNonNull(estimator, "estimator");
        StringBuilder text = new StringBuilder();
        int used = 0;
        List<String> whole = new ArrayList<>();
        double best = ranking.files().isEmpty() ? 0 : ranking.files().get(0).score();
        int wholeBudget = (int) (budgetTokens * options.wholeShare());
        for (RankedFile file : ranking.files()) {
            if (whole.size() >= options.maxWholeFiles()
                    || file.score() <= 0
                    || file.score() < best * options.minScoreShare()) {
                break;
            }
            IndexedFile indexed = index.file(file.path()).orElse(null);
            // Skip unreadable kinds, and files that cannot fit at any plausible tokenizer (8 bytes per token).
            if (indexed == null || !file.kind().showable() || indexed.entry().size() / 8 > wholeBudget - used) {
                continue;
            }
            String block = wholeFile(file.path());
            if (block == null) {
                continue;
            }
            int tokens = estimator.estimateTokenCountInText(block);
            if (used + tokens <= wholeBudget) {
                text.append(block);
                used += tokens;
                whole.add(file.path());
            }
        }
        Map<String, Map<Integer, Double>> definitionScores = definitionScores(ranking);
        List<String> mapped = new ArrayList<>();
        for (RankedFile file : ranking.files()) {
            if (whole.contains(file.path())) {
                continue;
            }
            IndexedFile indexed = index.file(file.path()).orElse(null);
            if (indexed == null) {
                continue;
            }
            List<Definition> shown = new ArrayList<>(indexed.definitions());
            String block = mapBlock(indexed, shown);
            int tokens = estimator.estimateTokenCountInText(block);
            if (used + tokens > budgetTokens && !shown.isEmpty()) {
                // Keep the best-ranked definitions that fit (with the classes of the methods kept), in line order.
                Map<Integer, Double> scores = definitionScores.getOrDefault(file.path(), Map.of());
                List<Definition> byScore = new ArrayList<>(shown);
                byScore.sort(Comparator.comparingDouble((Definition d) -> -scores.getOrDefault(d.line(), 0.0))
                        .thenComparingInt(Definition::line));
                for (int keep = byScore.size() / 2; used + tokens > budgetTokens && !shown.isEmpty(); keep /= 2) {
                    shown = withClasses(byScore.subList(0, keep), indexed.definitions());
                    block = mapBlock(indexed, shown);
                    tokens = estimator.estimateTokenCountInText(block);
                }
            }
            if (used + tokens > budgetTokens) {
                break;
            }
            text.append(block);
            used += tokens;
            mapped.add(file.path());
        }
        String rendered = text.toString();
        return new RenderedMap(rendered, whole, mapped, estimator.estimateTokenCountInText(rendered));
    }

    private static Map<String, Map<Integer, Double>> definitionScores(Ranking ranking) {
        Map<String, Map<Integer, Double>> scores = new HashMap<>();
        for (RankedDefinition d : ranking.definitions()) {
            scores.computeIfAbsent(d.path(), k -> new HashMap<>())
                    .merge(d.definition().line(), d.score(), Math::max);
        }
        return scores;
    }

    /** The chosen definitions plus the classes enclosing the chosen members. */
    private static List<Definition> withClasses(List<Definition> chosen, List<Definition> all) {
        List<Definition> shown = new ArrayList<>(chosen);
        for (Definition d : chosen) {
            if (d.parent().isEmpty()) {
                continue;
            }
            for (Definition c : all) {
                if (c.kind() == SymbolKind.CLASS
                        && c.name().equals(d.parent())
                        && c.contains(d.line())
                        && !shown.contains(c)) {
                    shown.add(c);
                }
            }
        }
        return shown;
    }

    /** The file with numbered lines, or null when it cannot be read as UTF-8 text. */
    private String wholeFile(String path) {
        String content;
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(path));
            content = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null; // gone since the map was built: it is listed, not shown
        }
        String[] lines = content.split("\r?\n", -1);
        int count = content.endsWith("\n") ? lines.length - 1 : lines.length;
        int width = Integer.toString(Math.max(1, count)).length();
        StringBuilder out = new StringBuilder(content.length() + count * (width + 3) + path.length() + 20);
        out.append(path).append(" (whole file):\n");
        for (int i = 0; i < count; i++) {
            String number = Integer.toString(i + 1);
            out.append(" ".repeat(width - number.length()))
                    .append(number)
                    .append("| ")
                    .append(lines[i])
                    .append('\n');
        }
        out.append('\n');
        return out.toString();
    }

    /** The map lines of one file: the path, then the given definitions in line order. */
    static String mapBlock(IndexedFile file, List<Definition> definitions) {
        String note = note(file);
        if (note != null) {
            return file.path() + " " + note + "\n";
        }
        if (definitions.isEmpty()) {
            return file.path() + "\n";
        }
        List<Definition> ordered = new ArrayList<>(definitions);
        ordered.sort(Comparator.comparingInt(Definition::line));
        int width = Integer.toString(ordered.get(ordered.size() - 1).line()).length();
        StringBuilder out = new StringBuilder(file.path()).append(":\n");
        for (Definition d : ordered) {
            String number = Integer.toString(d.line());
            out.append("  ")
                    .append(" ".repeat(width - number.length()))
                    .append(number)
                    .append("| ");
            if (!d.parent().isEmpty()) {
                out.append("    ");
            }
            out.append(d.header()).append('\n');
        }
        return out.toString();
    }

    /** Why a file is listed without definitions, in brackets; null when it is not special. */
    private static String note(IndexedFile file) {
        return switch (file.entry().kind()) {
            case BINARY -> "[binary, not shown]";
            case TOO_LARGE -> "[" + file.entry().size() + " bytes, over the size limit, not shown]";
            case LINK -> "[symbolic link, not followed]";
            case LINK_OUTSIDE -> "[symbolic link out of the repository, not followed]";
            case UNREADABLE -> "[unreadable]";
            case TEXT -> null;
            case SOURCE ->
                file.symbols()
                        .filter(s -> s.status() != ParseStatus.PARSED)
                        .map(s -> "[not parsed: " + s.message() + "]")
                        .orElse(null);
        };
    }
}
