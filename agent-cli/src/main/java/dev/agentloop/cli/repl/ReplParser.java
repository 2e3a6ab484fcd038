package dev.agentloop.cli.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Multi-line entry: a line ending with a backslash continues on the next, and a block opened with {@code """}
 * runs until the closing {@code """}. JLine shows the continuation prompt while the parser reports the entry as
 * unfinished.
 */
final class ReplParser extends DefaultParser {

    static final String BLOCK = "\"\"\"";

    ReplParser() {
        // quotes in task text ("don't") must not open a multi-line string
        setEofOnUnclosedQuote(false);
        setEofOnEscapedNewLine(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            if (countBlocks(line) % 2 == 1) {
                throw new EOFError(-1, -1, "open \"\"\" block", "\"\"\"");
            }
            if (line.endsWith("\\")) {
                throw new EOFError(-1, -1, "continued line", "\\");
            }
        }
        return super.parse(line, cursor, context);
    }

    /** The text typed, with continuation backslashes and block markers removed. */
    static String text(String entry) {
        String text = entry.replace("\\\n", "\n");
        if (text.contains(BLOCK)) {
            text = text.replace(BLOCK, "");
        }
        return text.strip();
    }

    private static int countBlocks(String line) {
        int count = 0;
        for (int i = line.indexOf(BLOCK); i >= 0; i = line.indexOf(BLOCK, i + BLOCK.length())) {
            count++;
        }
        return count;
    }
}
