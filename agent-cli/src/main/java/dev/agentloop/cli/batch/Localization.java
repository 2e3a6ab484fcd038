package dev.agentloop.cli.batch;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a ranking (the repository map's, or a baseline's) and a run looked, against where the change really was: the
 * gold patch's files and functions of a repository instance.
 *
 * @param goldFiles the files the gold patch changes
 * @param rankedFiles the ranking's best files, best first; empty when nothing was ranked (no map: the run used the
 *     plain listing, or ended before its first CODE step)
 * @param fileRank the 1-based place of the first gold file in {@code rankedFiles}; 0 when none is there
 * @param functionRank the 1-based place of the first gold function among the ranking's best definitions; 0 when none
 *     is there or the instance names no function
 * @param readGold the run read a gold file (a {@code read_file} action); false when no run is measured
 * @param editedGold the run changed a gold file (an edit action, or its handed-back patch); false when no run is
 *     measured
 */
public record Localization(
        List<String> goldFiles,
        List<String> rankedFiles,
        int fileRank,
        int functionRank,
        boolean readGold,
        boolean editedGold) {

    public Localization {
        goldFiles = List.copyOf(goldFiles);
        rankedFiles = List.copyOf(rankedFiles);
        if (fileRank < 0 || functionRank < 0) {
            throw new IllegalArgumentException("ranks must be >= 0, were " + fileRank + " and " + functionRank);
        }
    }

    /**
     * A ranking against the gold files and functions.
     *
     * @param files the ranked files, best first
     * @param definitions the ranked definitions, best first, each as its file and qualified name
     */
    public static Localization ofRanking(
            List<String> goldFiles,
            Collection<String> goldFunctions,
            List<String> files,
            List<Definition> definitions) {
        return new Localization(
                goldFiles,
                files,
                rank(files, goldFiles),
                functionRank(definitions, goldFiles, goldFunctions),
                false,
                false);
    }

    /** The same ranking with what the run read and changed. */
    public Localization withRun(Set<String> read, Set<String> edited) {
        return new Localization(
                goldFiles,
                rankedFiles,
                fileRank,
                functionRank,
                goldFiles.stream().anyMatch(read::contains),
                goldFiles.stream().anyMatch(edited::contains));
    }

    /** Whether the ranking had anything: a run that never ranked its map has no file ranking to judge. */
    public boolean ranked() {
        return !rankedFiles.isEmpty();
    }

    /** A gold file came first. */
    public boolean fileTop1() {
        return fileRank == 1;
    }

    /** A gold file was among the first five. */
    public boolean fileTop5() {
        return fileRank >= 1 && fileRank <= 5;
    }

    /** A gold function came first. */
    public boolean functionTop1() {
        return functionRank == 1;
    }

    /** A gold function was among the first five. */
    public boolean functionTop5() {
        return functionRank >= 1 && functionRank <= 5;
    }

    /** The 1-based place of the first of {@code gold} in {@code ranked}; 0 when none is there. */
    public static int rank(List<String> ranked, Collection<String> gold) {
        for (int i = 0; i < ranked.size(); i++) {
            if (gold.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int functionRank(
            List<Definition> ranked, Collection<String> goldFiles, Collection<String> goldFunctions) {
        for (int i = 0; i < ranked.size(); i++) {
            Definition d = ranked.get(i);
            if (goldFiles.contains(d.path()) && goldFunctions.contains(d.name())) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * A ranked definition.
     *
     * @param path its file, relative to the project's root
     * @param name its name qualified by its class or enclosing function, as {@code gold_functions} names it
     */
    public record Definition(String path, String name) {
        public Definition {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
        }
    }
}
