package dev.agentloop.cli.config;

import java.util.ArrayList;
import java.util.List;

/** A list value as the config holds it: a YAML list's text ({@code [a, b]}) or comma-separated items. */
public final class ConfigLists {

    private ConfigLists() {}

    /** The items, trimmed, without empty ones and without quotes around them. */
    public static List<String> parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<String> items = new ArrayList<>();
        for (String item : t.split(",")) {
            String s = item.trim();
            if (s.length() >= 2
                    && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
                s = s.substring(1, s.length() - 1).trim();
            }
            if (!s.isEmpty()) {
                items.add(s);
            }
        }
        return List.copyOf(items);
    }
}
