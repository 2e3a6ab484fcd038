package dev.agentloop.core.internal.repomap;

import java.util.List;

/**
 * What one {@link RepoMap#update} or {@link RepoMap#refresh} changed.
 *
 * @param added files new to the map
 * @param changed files whose content (or kind) changed
 * @param removed files gone from the map
 * @param parsed how many files the parser was asked to parse (the others came from the cache)
 */
public record MapChange(List<String> added, List<String> changed, List<String> removed, int parsed) {

    public MapChange {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** True when the map is as it was. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
