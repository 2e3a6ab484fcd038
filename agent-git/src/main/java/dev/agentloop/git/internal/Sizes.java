package dev.agentloop.git.internal;

import java.util.Locale;

/** Sizes for people. */
final class Sizes {

    private Sizes() {}

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
