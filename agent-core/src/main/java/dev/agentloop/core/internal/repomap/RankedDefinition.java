package dev.agentloop.core.internal.repomap;

import java.util.Objects;

/**
 * A definition's place in a {@link Ranking}: where a function-level localization looks.
 *
 * @param path the file defining it, relative to the root
 * @param definition the definition
 * @param score higher is more relevant; comparable within one ranking only
 */
public record RankedDefinition(String path, Definition definition, double score) {

    public RankedDefinition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(definition, "definition");
    }
}
