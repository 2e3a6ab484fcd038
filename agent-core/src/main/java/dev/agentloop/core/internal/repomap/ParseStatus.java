package dev.agentloop.core.internal.repomap;

/** How parsing one file ended. */
public enum ParseStatus {
    /** Parsed; its definitions, imports and references are known. */
    PARSED,
    /** The parser rejected it (a syntax error, an unknown encoding); it is listed without definitions. */
    SYNTAX_ERROR,
    /** It could not be read or parsing it failed otherwise (timed out, ran out of memory). */
    FAILED
}
