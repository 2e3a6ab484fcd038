package dev.agentloop.core.internal.hygiene;

import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a prompt's variable parts into a token budget: the history summary goes first, then retrieved failures and
 * test output (cut in the middle, the failing assertions at the top are kept), then the current files (largest
 * trimmed first), and the spec and plan last. Sizes come from the configured langchain4j
 * {@link TokenCountEstimator}.
 */
public final class ContextBudget {

    /** Marks where text was cut; says how much, so the model knows something is missing. */
    static final String CUT = "\n[... %d characters cut to fit the context budget ...]\n";

    private final TokenCountEstimator estimator;

    public ContextBudget(TokenCountEstimator estimator) {
        this.estimator = estimator;
    }

    /**
     * Renders the sections so that together they take at most {@code budgetTokens}.
     *
     * @return variable name to rendered text, in the order given
     */
    public Map<String, String> fit(List<Section> sections, int budgetTokens) {
        Map<String, String> rendered = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Section section : sections) {
            String text = render(section, Integer.MAX_VALUE);
            rendered.put(section.name(), text);
            sizes.put(section.name(), estimator.estimateTokenCountInText(text));
        }
        int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
        if (total <= budgetTokens) {
            return rendered;
        }
        List<Section> order = new ArrayList<>(sections);
        order.sort(Comparator.comparingInt(Section::rank));
        // First pass: shrink in rank order but leave each section a floor, so one huge section (a 5 MB log, a
        // giant file) cannot push a smaller one out entirely. Second pass: whatever is still over, down to nothing.
        int floor = budgetTokens / (2 * sections.size());
        for (int pass = 0; pass < 2 && total > budgetTokens; pass++) {
            for (Section section : order) {
                if (total <= budgetTokens) {
                    break;
                }
                int current = sizes.get(section.name());
                int target = Math.max(0, current - (total - budgetTokens));
                if (pass == 0) {
                    target = Math.max(target, Math.min(current, floor));
                }
                if (target >= current) {
                    continue;
                }
                String text = shrink(section, rendered.get(section.name()), target);
                int size = estimator.estimateTokenCountInText(text);
                rendered.put(section.name(), text);
                sizes.put(section.name(), size);
                total += size - current;
            }
        }
        return rendered;
    }

    private String shrink(Section section, String text, int targetTokens) {
        if (section instanceof Section.Files files) {
            return shrinkFiles(files, targetTokens);
        }
        if (section instanceof Section.Lines lines) {
            return shrinkLines(lines, targetTokens);
        }
        return cutMiddleToTokens(text, targetTokens);
    }

    private String render(Section section, int maxChars) {
        if (section instanceof Section.Text t) {
            return t.text();
        }
        if (section instanceof Section.Files f) {
            return renderFiles(new TreeMap<>(f.files()));
        }
        Section.Lines l = (Section.Lines) section;
        return renderLines(l.lines(), l.keep());
    }

    static String renderFiles(Map<String, String> files) {
        if (files.isEmpty()) {
            return "(no files yet)";
        }
        int size = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            size += file.getKey().length() + file.getValue().length() + 16;
        }
        // sized up front: files run to hundreds of kilobytes, and growing the builder copies them again and again
        StringBuilder s = new StringBuilder(size);
        files.forEach((path, content) -> s.append("### ")
                .append(path)
                .append("\n```\n")
                .append(content)
                .append(content.endsWith("\n") ? "" : "\n")
                .append("```\n\n"));
        return s.toString().stripTrailing();
    }

    static String renderLines(List<String> lines, int keep) {
        if (lines.isEmpty()) {
            return "(none)";
        }
        int from = Math.max(0, lines.size() - keep);
        StringBuilder s = new StringBuilder();
        if (from > 0) {
            s.append("(").append(from).append(" earlier iteration(s) not listed)\n");
        }
        for (int i = from; i < lines.size(); i++) {
            s.append(lines.get(i)).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private String shrinkLines(Section.Lines lines, int targetTokens) {
        int keep = Math.min(lines.keep(), lines.lines().size());
        String text = renderLines(lines.lines(), keep);
        while (keep > 0 && estimator.estimateTokenCountInText(text) > targetTokens) {
            keep--;
            text = renderLines(lines.lines(), keep);
        }
        return estimator.estimateTokenCountInText(text) > targetTokens ? cutMiddleToTokens(text, targetTokens) : text;
    }

    private String shrinkFiles(Section.Files section, int targetTokens) {
        TreeMap<String, String> files = new TreeMap<>(section.files());
        String text = renderFiles(files);
        int guard = 0;
        // a real tokenizer's estimate costs as much as reading the text: one estimate per round
        int tokens = estimator.estimateTokenCountInText(text);
        while (tokens > targetTokens && guard++ < 64) {
            // trim the largest file first, by as much as is still missing (at least half of it)
            Map.Entry<String, String> largest = files.entrySet().stream()
                    .max(Comparator.comparingInt(e -> e.getValue().length()))
                    .orElseThrow();
            int over = tokens - targetTokens;
            int content = largest.getValue().length();
            int charsOver = (int) Math.ceil(over * charsPerToken(text, tokens));
            int keep = Math.max(0, Math.min(content / 2, content - charsOver - 64));
            if (content < 200) {
                keep = 0;
            }
            files.put(largest.getKey(), cutMiddle(largest.getValue(), keep));
            text = renderFiles(files);
            tokens = estimator.estimateTokenCountInText(text);
        }
        return tokens > targetTokens ? cutMiddleToTokens(text, targetTokens) : text;
    }

    /** Cuts the middle out of {@code text} so its estimate is at most {@code targetTokens}. */
    String cutMiddleToTokens(String text, int targetTokens) {
        int size = estimator.estimateTokenCountInText(text);
        if (size <= targetTokens) {
            return text;
        }
        double ratio = charsPerToken(text);
        int keep = (int) Math.max(0, targetTokens * ratio - CUT.length() - 16);
        String cut = cutMiddle(text, keep);
        while (keep > 0 && estimator.estimateTokenCountInText(cut) > targetTokens) {
            keep = keep * 9 / 10;
            cut = cutMiddle(text, keep);
        }
        if (estimator.estimateTokenCountInText(cut) > targetTokens) {
            return "";
        }
        return cut;
    }

    private double charsPerToken(String text) {
        return charsPerToken(text, estimator.estimateTokenCountInText(text));
    }

    private static double charsPerToken(String text, int tokens) {
        return Math.max(0.5, (double) text.length() / Math.max(1, tokens));
    }

    /**
     * Keeps {@code keepChars} of {@code text}: two thirds from the start (where runners put failing assertions),
     * one third from the end (the summary), with a marker between.
     */
    public static String cutMiddle(String text, int keepChars) {
        if (text.length() <= keepChars) {
            return text;
        }
        int head = keepChars * 2 / 3;
        int tail = keepChars - head;
        int cut = text.length() - head - tail;
        return text.substring(0, head) + String.format(CUT, cut) + text.substring(text.length() - tail);
    }
}
