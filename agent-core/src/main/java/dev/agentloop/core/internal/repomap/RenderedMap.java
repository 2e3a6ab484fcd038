package dev.agentloop.core.internal.repomap;

import java.util.List;
import java.util.Objects;

/**
 * A ranked map rendered for a prompt.
 *
 * @param text whole files first, then map lines; empty when nothing fits
 * @param wholeFiles the files shown whole, in order
 * @param mappedFiles the files shown as map lines (with their definitions, or as a bare path), in order
 * @param tokens the estimated size of {@code text}
 */
public record RenderedMap(String text, List<String> wholeFiles, List<String> mappedFiles, int tokens) {

    public RenderedMap {
        Objects.requireNonNull(text, "text");
        wholeFiles = List.copyOf(wholeFiles);
        mappedFiles = List.copyOf(mappedFiles);
    }
}
