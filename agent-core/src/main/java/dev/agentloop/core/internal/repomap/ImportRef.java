package dev.agentloop.core.internal.repomap;

import java.util.List;
import java.util.Objects;

/**
 * One import statement as the parser saw it; resolved to files of the map by {@link ImportResolver}.
 *
 * @param module the module as written: Python's dotted name with one leading dot per relative level
 *     ({@code ..pkg.mod}), or JavaScript's specifier ({@code ./lib/b.js}, {@code lodash})
 * @param names the names imported from it (Python's {@code from m import a, b}); empty otherwise
 */
public record ImportRef(String module, List<String> names) {

    public ImportRef {
        Objects.requireNonNull(module, "module");
        names = List.copyOf(names);
    }
}
