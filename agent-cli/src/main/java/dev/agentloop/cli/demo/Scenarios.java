package dev.agentloop.cli.demo;

import dev.agentloop.cli.CliException;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.StopReason;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the demo scenarios: each folder under {@code examples/} with a {@code scenario.yaml}, in name order.
 *
 * <pre>
 * title: Python - slugify, first try fails
 * task: |
 *   Write slugify(text) ...
 * language: python          # python | javascript | java
 * project-type: library     # web_app | data_pipeline | cli_tool | library
 * max-iterations: 4
 * expect: solved            # solved | stopped
 * stop-reason: same-failure-repeated   # optional with stopped: the StopReason it must stop for
 * script: model.yaml        # the scripted model's answers, next to this file
 * </pre>
 */
public final class Scenarios {

    public static final String FILE = "scenario.yaml";

    private Scenarios() {}

    /**
     * Every scenario under a folder, in name order.
     *
     * @throws CliException (exit 2) when the folder has none or one is malformed
     */
    public static List<Scenario> all(Path examples) {
        if (!Files.isDirectory(examples)) {
            throw CliException.usage("No demo scenarios: " + examples + " is missing; run from the project folder"
                    + " or use bin/agent.");
        }
        try (Stream<Path> dirs = Files.list(examples)) {
            List<Scenario> list = dirs.filter(d -> Files.isRegularFile(d.resolve(FILE)))
                    .sorted()
                    .map(Scenarios::load)
                    .toList();
            if (list.isEmpty()) {
                throw CliException.usage("No demo scenarios in " + examples + " (no */" + FILE + ").");
            }
            return list;
        } catch (IOException e) {
            throw CliException.usage("Cannot list " + examples + ": " + e.getMessage());
        }
    }

    /**
     * One scenario from its folder (or its {@value #FILE}).
     *
     * @throws CliException (exit 2) naming the file and key when it is malformed
     */
    public static Scenario load(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE) : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("No scenario at " + folderOrFile + ": expected a folder under examples/ with a "
                    + FILE + ", e.g. --model-script examples/01-python-slugify.");
        }
        Map<String, Object> map;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(loaded instanceof Map<?, ?> m)) {
                throw CliException.usage(file + ": expected a mapping with title, task, language, script.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) m;
            map = typed;
        } catch (IOException | org.yaml.snakeyaml.error.YAMLException e) {
            throw CliException.usage(file + " cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        Path folder = file.toAbsolutePath().getParent();
        String name = folder.getFileName().toString();
        try {
            Path script = folder.resolve(required(map, "script", file));
            if (!Files.isRegularFile(script)) {
                throw CliException.usage(file + ": script '" + map.get("script") + "' does not exist next to it.");
            }
            return new Scenario(
                    name,
                    String.valueOf(map.getOrDefault("title", name)),
                    required(map, "task", file).strip(),
                    Language.fromId(String.valueOf(map.getOrDefault("language", "python"))),
                    ProjectType.fromId(String.valueOf(map.getOrDefault("project-type", "library"))),
                    Integer.parseInt(String.valueOf(map.getOrDefault("max-iterations", "5"))),
                    Scenario.Expected.valueOf(
                            String.valueOf(map.getOrDefault("expect", "solved")).toUpperCase(Locale.ROOT)),
                    Optional.ofNullable(map.get("stop-reason")).map(Scenarios::stopReason),
                    script);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(file + ": " + e.getMessage() + ".");
        }
    }

    private static StopReason stopReason(Object value) {
        String id = String.valueOf(value).strip().replace('-', '_').toUpperCase(Locale.ROOT);
        try {
            return StopReason.valueOf(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stop-reason '" + value + "' is not one of "
                    + java.util.Arrays.stream(StopReason.values())
                            .map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList());
        }
    }

    private static String required(Map<String, Object> map, String key, Path file) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw CliException.usage(file + ": '" + key + "' is missing.");
        }
        return String.valueOf(v);
    }
}
