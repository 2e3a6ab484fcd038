package dev.agentloop.cli.config;

/** The kinds of value a config key holds; each knows how to say what it allows. */
public enum ValueType {
    STRING,
    INTEGER,
    /** A decimal number within the key's bounds. */
    DECIMAL,
    BOOLEAN,
    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}; {@code 0} for none. */
    DURATION,
    /** A size: {@code 512MiB}, {@code 64MiB}, {@code 1GiB}, {@code 1024KiB} or bytes. */
    SIZE,
    /** One of a fixed list. */
    CHOICE,
    /** An http or https URL. */
    HTTP_URL,
    /** {@code jdbc:postgresql://host:port/db}. */
    JDBC_URL
}
