package dev.agentloop.cli.batch;

import java.util.Locale;

/** Why an instance of the selection was not started (or not finished) by this invocation. */
enum NotRunReason {
    /** The batch's cost cap could not cover its worst-case first call. */
    COST_CAP,
    /** The batch's token cap could not cover its worst-case first call. */
    TOKEN_CAP,
    /** The batch was cancelled (Ctrl-C) before the instance finished. */
    CANCELLED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
