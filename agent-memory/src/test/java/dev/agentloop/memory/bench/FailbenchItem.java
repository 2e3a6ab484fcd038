package dev.agentloop.memory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of a failbench data file (never the labels file). */
record FailbenchItem(
        String id,
        String split,
        String language,
        String problem,
        String task,
        String code,
        String test,
        String output,
        String fix) {

    boolean memory() {
        return split.equals("memory");
    }

    static List<FailbenchItem> read(Path data) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<FailbenchItem> items = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = json.readTree(line);
                String id = text(o, "id");
                String split = text(o, "split");
                if (id.isEmpty() || !(split.equals("memory") || split.equals("query"))) {
                    throw new IllegalArgumentException(
                            data + " line " + n + ": needs an id and split 'memory' or 'query'");
                }
                items.add(new FailbenchItem(
                        id,
                        split,
                        text(o, "language"),
                        text(o, "problem"),
                        text(o, "task"),
                        text(o, "code"),
                        text(o, "test"),
                        text(o, "output"),
                        text(o, "fix")));
            }
        }
        return items;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
