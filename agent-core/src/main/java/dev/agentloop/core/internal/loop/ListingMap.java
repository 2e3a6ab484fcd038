package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.workspace.ProjectFiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simplest project map: the project's text files, those whose path words occur in the query first. Used when no
 * parser-backed repository map is available.
 */
final class ListingMap implements ProjectMap {

    private static final int MAX_FILES = 2_000;

    private final ProjectFiles files;

    ListingMap(ProjectFiles files) {
        this.files = files;
    }

    @Override
    public String render(String query, int budgetTokens) {
        Set<String> words = new HashSet<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
            if (w.length() > 2) {
                words.add(w);
            }
        }
        List<ProjectFiles.Entry> entries =
                new ArrayList<>(files.list("**", MAX_FILES).entries());
        entries.sort(Comparator.comparingInt((ProjectFiles.Entry e) -> -score(e.path(), words))
                .thenComparing(ProjectFiles.Entry::path));
        StringBuilder out = new StringBuilder();
        int budgetChars = budgetTokens * 4;
        for (ProjectFiles.Entry e : entries) {
            String line = e.render() + "\n";
            if (out.length() + line.length() > budgetChars) {
                out.append("(").append(entries.size()).append(" files in all; list or search for the rest)\n");
                break;
            }
            out.append(line);
        }
        return out.toString();
    }

    private static int score(String path, Set<String> words) {
        int score = 0;
        for (String part : path.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
            if (words.contains(part)) {
                score++;
            }
        }
        return score;
    }

    @Override
    public void changed(Collection<String> paths) {
        // nothing cached
    }
}
