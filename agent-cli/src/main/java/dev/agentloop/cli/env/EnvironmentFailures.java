package dev.agentloop.cli.env;

import dev.agentloop.cli.EnvironmentNotReadyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Tells an unreachable service (exit 3) from a bug (exit 4) by the cause chain of an error. */
public final class EnvironmentFailures {

    private EnvironmentFailures() {}

    /** True when some cause in the chain is a refused, timed-out or unknown connection. */
    public static boolean isEnvironmental(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EnvironmentNotReadyException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
