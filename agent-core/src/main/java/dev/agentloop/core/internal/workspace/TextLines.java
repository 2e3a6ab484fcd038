package dev.agentloop.core.internal.workspace;

import java.util.ArrayList;
import java.util.List;

/** Text split into lines without terminators, remembering whether the last line ended with a newline. */
record TextLines(List<String> lines, boolean trailingNewline) {

    static TextLines of(String text) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return new TextLines(lines, false);
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        boolean trailing = start == text.length();
        if (!trailing) {
            lines.add(text.substring(start));
        }
        return new TextLines(lines, trailing);
    }

    String join() {
        if (lines.isEmpty()) {
            return "";
        }
        return String.join("\n", lines) + (trailingNewline ? "\n" : "");
    }
}
