package dev.agentloop.core.testing;

import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test whose service (PostgreSQL, Docker, an image, a host tool) is missing: under {@code CI=true}
 * (any case) the test fails, because a CI run must never pass by skipping; elsewhere it is skipped with the reason.
 * Every module's tests go through here, so the rule and its check exist once.
 */
public final class RequiredService {

    /** What every message ends with: how to get the missing service. */
    public static final String REMEDY = "run scripts/provision (then `source scripts/test-env`) to set it up";

    private RequiredService() {}

    /** True when the environment says this is a CI run ({@code CI=true}, in any case). */
    public static boolean ci() {
        return ci(System.getenv());
    }

    static boolean ci(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim());
    }

    /**
     * Fails (CI) or skips (elsewhere) unless {@code present}.
     *
     * @param present whether the service is there
     * @param what what is missing, e.g. "python3 with pytest is not installed on this host"
     */
    public static void require(boolean present, String what) {
        if (!present) {
            missing(what);
        }
    }

    /**
     * Ends the test because {@code what} is missing: fails it under CI, skips it elsewhere. Never returns normally;
     * declared to return the exception so callers can write {@code throw RequiredService.missing(...)} where the
     * compiler needs to see that the path ends.
     */
    public static RuntimeException missing(String what) {
        return missing(what, System.getenv());
    }

    static RuntimeException missing(String what, Map<String, String> env) {
        String message = what + "; " + REMEDY;
        if (ci(env)) {
            Assertions.fail("CI=true and " + message);
        }
        Assumptions.abort("Skipped: " + message);
        throw new AssertionError("not reached: abort throws");
    }
}
