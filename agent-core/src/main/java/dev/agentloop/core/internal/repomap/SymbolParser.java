package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses source files into their definitions, imports and references. The production implementation,
 * {@link SandboxSymbolParser}, runs Python's {@code ast} and acorn inside the sandbox; tests use a fake.
 */
public interface SymbolParser {

    /**
     * Identifies what this parser outputs; part of every {@link SymbolCache} key, so a change of the parser's logic
     * must change it. A word of letters, digits, {@code .}, {@code _} and {@code -}.
     */
    String version();

    /** The languages it parses; files of other languages are listed as text. */
    Set<Language> languages();

    /**
     * Parses the files. Every path asked for gets an entry: a file that could not be parsed gets a
     * {@link FileSymbols#failed failed} one with the reason.
     *
     * @param root the folder the paths are relative to
     * @param paths files relative to the root, with {@code /} separators, each of a language in {@link #languages()}
     * @return path to symbols, for every path given
     * @throws dev.agentloop.core.AgentException when the parser itself cannot run (interpreter or parser library
     *     missing, command refused)
     */
    Map<String, FileSymbols> parse(Path root, List<String> paths);
}
