package dev.agentloop.core.internal.repomap;

/** What the map does with a file of the repository. */
public enum FileKind {
    /** Source in a language the parser reads: parsed, ranked, shown whole or as map lines. */
    SOURCE,
    /** Other text (docs, config, data): listed by path, ranked by its path, never parsed. */
    TEXT,
    /** Binary content: listed as such, never parsed nor shown. */
    BINARY,
    /** Over the size limit (1 MB by default): listed as such, never parsed nor shown. */
    TOO_LARGE,
    /** A symbolic link to something inside the root: listed, not followed (its target is mapped in its own right). */
    LINK,
    /** A symbolic link leading out of the root (or nowhere): listed as such, never followed. */
    LINK_OUTSIDE,
    /** Could not be read when the map was built: listed as such. */
    UNREADABLE;

    /** True for the kinds whose content may go into a prompt. */
    public boolean showable() {
        return this == SOURCE || this == TEXT;
    }
}
