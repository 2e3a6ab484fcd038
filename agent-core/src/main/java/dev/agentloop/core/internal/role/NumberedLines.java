package dev.agentloop.core.internal.role;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files with each line numbered ({@code "  7| text"}), for the roles that must cite line numbers (reviewer,
 * auditor): a model counting lines itself gets them wrong.
 */
final class NumberedLines {

    private NumberedLines() {}

    static Map<String, String> of(Map<String, String> files) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, content) -> out.put(path, number(content)));
        return out;
    }

    static String number(String content) {
        String[] lines = content.split("\n", -1);
        int count = content.endsWith("\n") ? lines.length - 1 : lines.length;
        int width = Integer.toString(Math.max(1, count)).length();
        StringBuilder out = new StringBuilder(content.length() + count * (width + 2));
        for (int i = 0; i < count; i++) {
            String n = Integer.toString(i + 1);
            out.append(" ".repeat(width - n.length()))
                    .append(n)
                    .append("| ")
                    .append(lines[i])
                    .append('\n');
        }
        return out.toString();
    }
}
