package dev.agentloop.memory.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.agentloop.memory.MemoryUnavailableException;
import dev.agentloop.memory.MemoryUnavailableException.Reason;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * Finds the root cause of a failure to reach or prepare the memory's database in the cause chain (the pool and the
 * driver wrap it two or three levels deep, under "connection is not available, request timed out") and says it
 * first, with a hint that holds for any program embedding the memory.
 */
public final class ConnectionFailures {

    /** PostgreSQL's SQL states for a refused login: wrong password, and no matching pg_hba rule or role. */
    private static final String INVALID_PASSWORD = "28P01";

    private static final String INVALID_AUTHORIZATION = "28000";
    private static final String INVALID_CATALOG = "3D000";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String UNDEFINED_FILE = "58P01";
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    private ConnectionFailures() {}

    /**
     * The root cause of {@code error} when it is one a person fixes outside the program.
     *
     * @param error what connecting (or a statement) threw
     * @param where the database, as {@link #where(String)} or {@link #where(DataSource)} names it
     * @return the exception to throw instead, its message naming the root cause first; empty when the chain holds no
     *     known root cause
     */
    public static Optional<MemoryUnavailableException> rootCause(Throwable error, String where) {
        SQLException login = null;
        SQLException catalog = null;
        UnknownHostException unknownHost = null;
        ConnectException refused = null;
        SocketTimeoutException timeout = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (INVALID_PASSWORD.equals(state) || INVALID_AUTHORIZATION.equals(state)) {
                    login = sql; // the innermost one carries the server's own words
                } else if (INVALID_CATALOG.equals(state)) {
                    catalog = sql;
                }
            }
            if (t instanceof UnknownHostException u) {
                unknownHost = u;
            } else if (t instanceof ConnectException c) {
                refused = c;
            } else if (t instanceof SocketTimeoutException s) {
                timeout = s;
            }
        }
        if (login != null) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.AUTHENTICATION_FAILED,
                    "Authentication failed at " + where + " (" + serverWords(login)
                            + "); check the user name and password the memory connects with.",
                    error));
        }
        if (catalog != null) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.UNKNOWN_DATABASE,
                    "Unknown database at " + where + " (" + serverWords(catalog)
                            + "); create it, or correct the database name in the JDBC URL.",
                    error));
        }
        if (unknownHost != null) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.UNKNOWN_HOST,
                    "Unknown host '" + unknownHost.getMessage() + "' in " + where
                            + "; check the host name of the JDBC URL.",
                    error));
        }
        if (refused != null) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.CONNECTION_REFUSED,
                    "Connection refused at " + where
                            + "; check that PostgreSQL is running and accepts TCP connections on that host and port.",
                    error));
        }
        if (timeout != null) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.CONNECTION_TIMED_OUT,
                    "Connecting timed out at " + where
                            + "; check that the host is reachable and that PostgreSQL listens on that port.",
                    error));
        }
        return Optional.empty();
    }

    /**
     * The failure of {@code CREATE EXTENSION vector} as the missing extension it reports, or empty for another
     * failure.
     *
     * @param error what the statement threw
     * @param where the database
     * @param user the user that tried
     */
    public static Optional<MemoryUnavailableException> vectorExtension(SQLException error, String where, String user) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String text = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (UNDEFINED_FILE.equals(state)
                || FEATURE_NOT_SUPPORTED.equals(state)
                || text.contains("is not available")
                || text.contains("could not open extension control file")) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.VECTOR_EXTENSION_UNAVAILABLE,
                    "The vector extension (pgvector) is not installed on the PostgreSQL server of " + where
                            + "; install pgvector on the server, then run CREATE EXTENSION vector in the database"
                            + " as a superuser.",
                    error));
        }
        if (INSUFFICIENT_PRIVILEGE.equals(state)) {
            return Optional.of(new MemoryUnavailableException(
                    Reason.VECTOR_EXTENSION_NOT_CREATED,
                    "The vector extension (pgvector) is not created in " + where + " and user '" + user
                            + "' may not create it; run CREATE EXTENSION vector in that database as a superuser.",
                    error));
        }
        return Optional.empty();
    }

    /** A JDBC URL without its parameters, which may hold a password. */
    public static String where(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** The database a data source connects to, when it says; else "the memory database". */
    public static String where(DataSource dataSource) {
        String url = null;
        if (dataSource instanceof HikariDataSource hikari) {
            url = hikari.getJdbcUrl();
        } else if (dataSource instanceof BaseDataSource pg) {
            url = pg.getURL();
        }
        return url == null || url.isBlank() ? "the memory database" : where(url);
    }

    /** The server's message without its severity prefix, on one line. */
    private static String serverWords(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        return message.replaceFirst("^(FATAL|ERROR): +", "");
    }
}
