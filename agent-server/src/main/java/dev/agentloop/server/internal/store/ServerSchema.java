package dev.agentloop.server.internal.store;

import dev.agentloop.server.ServerException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades the server's tables with Flyway, beside the memory's in the same schema but with a history
 * table of their own, so that the two modules migrate independently. Flyway's lock makes servers starting at once
 * safe.
 */
public final class ServerSchema {

    /** The Flyway history table of the server's migrations. */
    public static final String HISTORY_TABLE = "agentloop_server_schema_history";

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private ServerSchema() {}

    /**
     * Checks a schema name given to a builder: it is put into SQL text, so only a lower-case identifier is taken.
     *
     * @return the name
     * @throws IllegalArgumentException for another name
     */
    public static String requireName(String value) {
        Objects.requireNonNull(value, "schema");
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "schema must be a lower-case SQL identifier (letters, digits, _), was '" + value + "'");
        }
        return value;
    }

    /**
     * @throws ServerException naming the schema when the migration fails
     */
    public static void migrate(DataSource dataSource, String schema) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    .locations("classpath:dev/agentloop/server/db")
                    // the memory's tables may already be there: start from an empty baseline, then apply V1
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new ServerException(
                    "The server's tables in schema '" + schema + "' could not be created or upgraded: "
                            + e.getMessage(),
                    e);
        }
    }
}
