package dev.agentloop.cli.config;

/** Where a config value came from, lowest precedence first. */
public enum ConfigSource {
    DEFAULT("built-in default"),
    PROJECT_FILE("project file"),
    USER_FILE("user file"),
    ENVIRONMENT("environment"),
    FLAG("command-line flag");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** For {@code agent config show}. */
    public String label() {
        return label;
    }
}
