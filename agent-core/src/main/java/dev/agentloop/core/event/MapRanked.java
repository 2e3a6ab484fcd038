package dev.agentloop.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The repository map was ranked for the Coder (repository mode, each CODE step): the files and definitions it puts
 * first, best first. What a run was shown as the likely place of the change, so that localization can be measured
 * against where the change really was.
 *
 * @param taskId the task
 * @param iteration the iteration whose CODE step was shown the map
 * @param at when
 * @param files the best files, relative to the project's root, best first (at most {@link #TOP})
 * @param definitions the best definitions, best first (at most {@link #TOP})
 */
public record MapRanked(UUID taskId, int iteration, Instant at, List<String> files, List<Symbol> definitions)
        implements AgentEvent {

    /** How many files and definitions the event carries at most. */
    public static final int TOP = 10;

    /**
     * Copies the lists.
     *
     * @param taskId the task
     * @param iteration the iteration whose CODE step was shown the map
     * @param at when
     * @param files the best files, relative to the project's root, best first (at most {@link #TOP})
     * @param definitions the best definitions, best first (at most {@link #TOP})
     */
    public MapRanked {
        files = List.copyOf(files);
        definitions = List.copyOf(definitions);
    }

    /**
     * A ranked definition.
     *
     * @param path the file defining it, relative to the project's root
     * @param name its name qualified by its class or enclosing function ({@code Class.method}, {@code outer.inner})
     */
    public record Symbol(String path, String name) {
        /**
         * Checks the components: neither may be null.
         *
         * @param path the file defining it, relative to the project's root
         * @param name its name qualified by its class or enclosing function
         */
        public Symbol {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
        }
    }
}
