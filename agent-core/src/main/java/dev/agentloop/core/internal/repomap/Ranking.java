package dev.agentloop.core.internal.repomap;

import java.util.List;
import java.util.Optional;

/**
 * A map ranked for one query.
 *
 * @param files every file of the map, most relevant first (files without any evidence last, by importance)
 * @param definitions the most relevant definitions, most relevant first: those in the best files and those the
 *     query points at directly (a traceback frame inside it, its name in the text)
 */
public record Ranking(List<RankedFile> files, List<RankedDefinition> definitions) {

    public Ranking {
        files = List.copyOf(files);
        definitions = List.copyOf(definitions);
    }

    /** The first {@code n} file paths. */
    public List<String> topFiles(int n) {
        return files.stream().limit(n).map(RankedFile::path).toList();
    }

    /** The rank (0-based) of a file, if the ranking has it. */
    public Optional<Integer> rankOf(String path) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).path().equals(path)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
