package dev.agentloop.memory;

import dev.agentloop.core.spi.MemoryException;
import java.util.Optional;

/**
 * The memory's schema is missing or older than this library's migrations, and the caller asked for read-only access
 * (which never migrates). Opening the memory for writing ({@link PgVectorFailureMemory}) applies the migrations.
 */
public final class MemorySchemaException extends MemoryException {

    private static final long serialVersionUID = 1L;

    /** The schema that was looked at. */
    private final String schema;
    /** The applied migration version; null when the schema has no migration history. */
    private final String found;
    /** The newest migration version this library ships. */
    private final String required;

    /**
     * @param schema the schema that was looked at
     * @param found the applied migration version; null when the schema has no migration history at all
     * @param required the newest migration version this library ships
     */
    public MemorySchemaException(String schema, String found, String required) {
        super(
                found == null
                        ? "The failure memory has no tables in schema '" + schema + "' yet"
                        : "The failure memory in schema '" + schema + "' is at schema version " + found
                                + ", older than version " + required + " that this version of agentloop reads");
        this.schema = schema;
        this.found = found;
        this.required = required;
    }

    /** {@return the schema that was looked at} */
    public String schema() {
        return schema;
    }

    /** {@return the applied migration version; empty when the schema has none} */
    public Optional<String> found() {
        return Optional.ofNullable(found);
    }

    /** {@return the newest migration version this library ships} */
    public String required() {
        return required;
    }
}
