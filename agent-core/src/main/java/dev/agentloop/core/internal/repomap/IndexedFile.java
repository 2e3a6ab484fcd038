package dev.agentloop.core.internal.repomap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a {@link SymbolIndex}: what the inventory saw, what the parser found (for source files), and the terms
 * BM25 counts for it (its path, definition names, docstrings and the identifiers it uses), computed once per
 * content.
 */
public final class IndexedFile {

    /** How many times a path term counts: a file's name says much about it. */
    static final int PATH_WEIGHT = 3;

    /** How many times a defined name's terms count. */
    static final int DEFINITION_WEIGHT = 2;

    /** The most times one used identifier counts, however often it is used. */
    static final int REFERENCE_CAP = 3;

    private final FileEntry entry;
    private final FileSymbols symbols;
    private final boolean test;
    private final TermBag terms;
    private final Vocabulary vocabulary;
    // Ranking looks at the definitions of a few files only: their terms and name pieces are made on first use.
    private volatile DefinitionParts definitionParts;

    IndexedFile(FileEntry entry, FileSymbols symbols, Vocabulary vocabulary) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.symbols = symbols;
        this.vocabulary = vocabulary;
        this.test = TestPaths.isTest(entry.path());
        this.terms = termsOf(entry.path(), symbols, vocabulary);
    }

    /** The inventory's view of the file. */
    public FileEntry entry() {
        return entry;
    }

    /** The path relative to the root. */
    public String path() {
        return entry.path();
    }

    /** What the parser found; present for source files only. */
    public Optional<FileSymbols> symbols() {
        return Optional.ofNullable(symbols);
    }

    /** Whether the path looks like a test ({@code tests/}, {@code test_x.py}, {@code x.test.js}, ...). */
    public boolean test() {
        return test;
    }

    TermBag terms() {
        return terms;
    }

    /** The i-th definition's name cut into lower-case words ({@link Tokens#pieces}). */
    List<String> definitionNamePieces(int i) {
        return definitionParts().namePieces.get(i);
    }

    /** The distinct terms (by number) of the i-th definition's name and docstring. */
    int[] definitionTerms(int i) {
        return definitionParts().terms[i];
    }

    private DefinitionParts definitionParts() {
        DefinitionParts parts = definitionParts;
        if (parts == null) {
            parts = new DefinitionParts(definitions(), vocabulary);
            definitionParts = parts; // a race makes the same parts twice, harmlessly
        }
        return parts;
    }

    /** Per definition: its name's pieces, and the distinct terms of its name and docstring. */
    private static final class DefinitionParts {
        final List<List<String>> namePieces;
        final int[][] terms;

        DefinitionParts(List<Definition> definitions, Vocabulary vocabulary) {
            List<List<String>> pieces = new ArrayList<>(definitions.size());
            terms = new int[definitions.size()][];
            for (int i = 0; i < definitions.size(); i++) {
                Definition d = definitions.get(i);
                pieces.add(List.copyOf(Tokens.pieces(d.name())));
                TermBag.Builder own = new TermBag.Builder(vocabulary).addWord(d.name(), 1);
                if (!d.doc().isEmpty()) {
                    own.addText(d.doc(), 1);
                }
                TermBag bag = own.build();
                terms[i] = new int[bag.size()];
                for (int j = 0; j < bag.size(); j++) {
                    terms[i][j] = bag.term(j);
                }
            }
            namePieces = List.copyOf(pieces);
        }
    }

    /** The definitions, or none when the file was not parsed. */
    List<Definition> definitions() {
        return symbols == null ? List.of() : symbols.definitions();
    }

    private static TermBag termsOf(String path, FileSymbols symbols, Vocabulary vocabulary) {
        TermBag.Builder bag = new TermBag.Builder(vocabulary);
        int dot = path.lastIndexOf('.');
        bag.addText(dot > path.lastIndexOf('/') ? path.substring(0, dot) : path, PATH_WEIGHT);
        if (symbols != null) {
            for (Definition d : symbols.definitions()) {
                bag.addWord(d.name(), d.kind() == SymbolKind.VARIABLE ? 1 : DEFINITION_WEIGHT);
                if (!d.doc().isEmpty()) {
                    bag.addText(d.doc(), 1);
                }
            }
            symbols.references().forEach((name, count) -> bag.addWord(name, Math.min(count, REFERENCE_CAP)));
        }
        return bag.build();
    }

    @Override
    public String toString() {
        return entry.path() + " (" + entry.kind() + ")";
    }
}
