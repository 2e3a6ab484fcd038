package dev.agentloop.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The language of the code a task produces; it picks the sandbox image and the test runner. */
public enum Language {
    /** Python, tested with pytest. */
    PYTHON("python"),
    /** JavaScript, tested with node's test runner. */
    JAVASCRIPT("javascript"),
    /** Java, tested with JUnit 5. */
    JAVA("java");

    private final String id;

    Language(String id) {
        this.id = id;
    }

    /** {@return the lower-case name used in config, on the command line and in stored rows} */
    public String id() {
        return id;
    }

    /**
     * Parses {@code python}, {@code javascript} or {@code java} (case-insensitive).
     *
     * @param value the id, surrounding blanks ignored
     * @return the language
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Language fromId(String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (Language language : values()) {
                if (language.id.equals(wanted)) {
                    return language;
                }
            }
        }
        throw new IllegalArgumentException("Unknown language '" + value + "'; allowed: "
                + Arrays.stream(values()).map(Language::id).collect(Collectors.joining(", ")));
    }

    /**
     * The language of an existing project, from its files: {@code package.json} → JavaScript; {@code pom.xml} → Java;
     * {@code pyproject.toml}, {@code setup.py}, {@code setup.cfg}, {@code pytest.ini}, {@code tox.ini} or
     * {@code .py} files → Python.
     *
     * @param root the project's folder
     * @return empty when nothing tells
     */
    public static java.util.Optional<Language> ofProject(java.nio.file.Path root) {
        return dev.agentloop.core.internal.project.TestCommandDetector.language(root);
    }
}
