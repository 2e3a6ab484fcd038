package dev.agentloop.cli.env;

import java.util.List;

/** Closing several resources so that a failure while closing never hides the first error. */
final class Resources {

    private Resources() {}

    /**
     * Closes each in order.
     *
     * @param primary the error that caused the close, which gets close failures as suppressed; null when none
     * @return the first close failure when there was no primary error, else null
     */
    static RuntimeException closeAll(List<? extends AutoCloseable> resources, Throwable primary) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
