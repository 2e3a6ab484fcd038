package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the map's file a path printed by a test run means: the same path relative to the root, an absolute path in
 * the sandbox ({@code /workspace/pkg/b.py}) or elsewhere ({@code /home/ci/project/pkg/b.py}), a {@code file://}
 * URL. Without an exact match, the file whose path shares the longest tail with it wins when no other file shares as
 * long a tail, and the tail is at least a folder and the file name, or the file's whole path (a file at the root)
 * when the printed path is not one of an installed package ({@code /usr/lib/python3/dist-packages/x.py} does not
 * land on the root's {@code x.py}).
 */
final class PathLookup {

    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final List<String> paths;

    /** @param paths the map's files by id (null for an id without a file) */
    PathLookup(List<String> paths) {
        this.paths = paths;
        for (int id = 0; id < paths.size(); id++) {
            String path = paths.get(id);
            if (path == null) {
                continue;
            }
            exact.put(path, id);
            byName.computeIfAbsent(path.substring(path.lastIndexOf('/') + 1), k -> new ArrayList<>(1))
                    .add(id);
        }
    }

    /** True for paths of installed packages, which a lone file name of the map must not be taken for. */
    private static boolean installed(String path) {
        return path.contains("site-packages/")
                || path.contains("dist-packages/")
                || path.contains("node_modules/")
                || path.startsWith("/usr/")
                || path.startsWith("node:");
    }

    /** The id of the file meant, or -1. */
    int find(String printed) {
        String path = printed.replace('\\', '/');
        if (path.startsWith("file://")) {
            path = path.substring("file://".length());
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        Integer id = exact.get(path);
        if (id != null) {
            return id;
        }
        if (path.startsWith("/workspace/")) {
            id = exact.get(path.substring("/workspace/".length()));
            if (id != null) {
                return id;
            }
        }
        String[] parts = path.split("/");
        List<Integer> candidates = byName.get(parts[parts.length - 1]);
        if (candidates == null) {
            return -1;
        }
        int best = -1;
        int bestTail = 0;
        boolean tie = false;
        for (int candidate : candidates) {
            String[] own = paths.get(candidate).split("/");
            int tail = 0;
            while (tail < own.length
                    && tail < parts.length
                    && own[own.length - 1 - tail].equals(parts[parts.length - 1 - tail])) {
                tail++;
            }
            boolean whole = tail == own.length;
            if (tail == 0 || (tail < 2 && !(whole && !installed(path)))) {
                continue;
            }
            if (tail > bestTail) {
                best = candidate;
                bestTail = tail;
                tie = false;
            } else if (tail == bestTail) {
                tie = true;
            }
        }
        return tie ? -1 : best;
    }
}
