package dev.agentloop.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table that fits a width: every column is as wide as its widest cell, and the one flexible column
 * (a task's text) is cut with an ellipsis so the rows fit the terminal.
 */
public final class Table {

    private final List<String> headers;
    private final int flexColumn;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param flexColumn the index of the column that is cut to fit
     * @param headers column titles
     */
    public Table(int flexColumn, String... headers) {
        this.headers = List.of(headers);
        this.flexColumn = flexColumn;
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (String c : cells) {
            row.add(c == null ? "" : c.replaceAll("\\s+", " ").trim());
        }
        rows.add(row);
        return this;
    }

    /** The table as lines no longer than {@code width} (unless even the fixed columns do not fit). */
    public List<String> render(int width) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        int fixed = 0;
        for (int i = 0; i < widths.length; i++) {
            if (i != flexColumn) {
                fixed += widths[i];
            }
        }
        int gaps = 2 * (widths.length - 1);
        int room = Math.max(headers.get(flexColumn).length(), width - fixed - gaps);
        widths[flexColumn] = Math.min(widths[flexColumn], Math.max(room, 8));
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        rows.forEach(r -> lines.add(line(r, widths)));
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = Text.cut(cells.get(i), widths[i]);
            b.append(cell);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return b.toString().stripTrailing();
    }
}
