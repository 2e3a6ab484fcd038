package dev.agentloop.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The third-party packages generated code may import without asking: the ones the sandbox image carries (the
 * network stays off, so nothing else could be installed anyway). Anything else becomes an approval request.
 * The standard library and the task's own modules are always allowed and are not listed here.
 *
 * <p>File format ({@code config/allowed-deps.json}): an object per language id, each mapping {@code "all"} and
 * optionally project-type ids ({@code web_app}, ...) to arrays of top-level package names. Keys starting with
 * {@code $} are comments.
 */
public final class AllowedDependencies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AllowedDependencies DEFAULTS = new AllowedDependencies(Map.of(
            Language.PYTHON,
            Map.of(
                    "all",
                    Set.of(
                            "pytest",
                            "_pytest",
                            "hypothesis",
                            "attr",
                            "attrs",
                            "sortedcontainers",
                            "pluggy",
                            "iniconfig",
                            "packaging",
                            "py",
                            "more_itertools",
                            "yaml",
                            "dateutil",
                            "six",
                            "setuptools",
                            "pkg_resources")),
            Language.JAVASCRIPT,
            Map.of("all", Set.of())));

    private final Map<Language, Map<String, Set<String>>> allowed;

    private AllowedDependencies(Map<Language, Map<String, Set<String>>> allowed) {
        EnumMap<Language, Map<String, Set<String>>> copy = new EnumMap<>(Language.class);
        allowed.forEach((language, byType) -> {
            Map<String, Set<String>> inner = new HashMap<>();
            byType.forEach((type, names) -> inner.put(type, Set.copyOf(names)));
            copy.put(language, Map.copyOf(inner));
        });
        this.allowed = copy;
    }

    /** {@return what the default images carry: the same lists as the repository's {@code config/allowed-deps.json}} */
    public static AllowedDependencies defaults() {
        return DEFAULTS;
    }

    /** {@return nothing beyond the standard library and the task's own modules} */
    public static AllowedDependencies none() {
        return new AllowedDependencies(Map.of());
    }

    /**
     * Reads an allow-list file.
     *
     * @param file the JSON allow-list file
     * @return the allow-list
     * @throws IllegalArgumentException naming the file and the problem when it cannot be read or parsed
     */
    public static AllowedDependencies fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the dependency allow-list " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid dependency allow-list " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the allow-list format described in the class comment.
     *
     * @param json the allow-list
     * @return the allow-list
     * @throws IllegalArgumentException naming the bad entry
     */
    public static AllowedDependencies fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of languages");
        }
        Map<Language, Map<String, Set<String>>> result = new EnumMap<>(Language.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("$")) {
                continue;
            }
            Language language = Language.fromId(entry.getKey());
            if (!entry.getValue().isObject()) {
                throw new IllegalArgumentException(
                        "'" + entry.getKey() + "' must map \"all\" or project types to lists");
            }
            Map<String, Set<String>> byType = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> types = entry.getValue().fields(); types.hasNext(); ) {
                Map.Entry<String, JsonNode> typeEntry = types.next();
                String type = typeEntry.getKey();
                if (type.startsWith("$")) {
                    continue;
                }
                if (!type.equals("all")) {
                    type = ProjectType.fromId(type).id();
                }
                if (!typeEntry.getValue().isArray()) {
                    throw new IllegalArgumentException(
                            "'" + entry.getKey() + "." + typeEntry.getKey() + "' must be a list of package names");
                }
                java.util.HashSet<String> names = new java.util.HashSet<>();
                typeEntry.getValue().forEach(n -> names.add(n.asText().trim()));
                byType.put(type, names);
            }
            result.put(language, byType);
        }
        return new AllowedDependencies(result);
    }

    /**
     * {@return true when code of this language and project type may use the top-level package {@code name}}
     *
     * @param language the code's language
     * @param projectType the project type
     * @param name the top-level package (Python) or package name (JavaScript, Java)
     */
    public boolean allows(Language language, ProjectType projectType, String name) {
        Map<String, Set<String>> byType = allowed.getOrDefault(language, Map.of());
        String wanted = language == Language.PYTHON ? name : name.toLowerCase(Locale.ROOT);
        return byType.getOrDefault("all", Set.of()).contains(wanted)
                || byType.getOrDefault(projectType.id(), Set.of()).contains(wanted);
    }
}
