package dev.agentloop.core.internal.repomap;

/** What a {@link Definition} defines. */
public enum SymbolKind {
    /** A class (or a class expression bound to a name). */
    CLASS('c', "class"),
    /** A module-level function (or a function bound to a module-level name). */
    FUNCTION('f', "def"),
    /** A function defined in a class (or assigned to a class's prototype). */
    METHOD('m', "def"),
    /** A module-level variable or constant. */
    VARIABLE('v', "var");

    private final char code;
    private final String keyword;

    SymbolKind(char code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    /** The one-letter code of the parser scripts' record format. */
    public char code() {
        return code;
    }

    /** A short word for the kind, as map lines show it when a signature is missing. */
    public String keyword() {
        return keyword;
    }

    /**
     * The kind with this record code.
     *
     * @throws IllegalArgumentException naming the code when it is unknown
     */
    public static SymbolKind ofCode(char code) {
        for (SymbolKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown definition kind '" + code + "'");
    }
}
