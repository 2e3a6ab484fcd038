package dev.agentloop.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of project a task belongs to; it picks the planner's template and the allowed dependencies. */
public enum ProjectType {
    /** A web application or service. */
    WEB_APP("web_app"),
    /** A data pipeline: reading, transforming and writing data. */
    DATA_PIPELINE("data_pipeline"),
    /** A command-line tool. */
    CLI_TOOL("cli_tool"),
    /** A library: functions or classes for other code (the default). */
    LIBRARY("library");

    private final String id;

    ProjectType(String id) {
        this.id = id;
    }

    /** {@return the snake-case name used in config and on the command line} */
    public String id() {
        return id;
    }

    /**
     * Parses {@code web_app}, {@code data_pipeline}, {@code cli_tool} or {@code library} (case-insensitive).
     *
     * @param value the id, case-insensitive; dashes stand for underscores
     * @return the project type
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static ProjectType fromId(String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (ProjectType type : values()) {
                if (type.id.equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("Unknown project type '" + value + "'; allowed: "
                + Arrays.stream(values()).map(ProjectType::id).collect(Collectors.joining(", ")));
    }
}
