package dev.agentloop.cli.progress;

import dev.agentloop.cli.env.RunHandle;

/** How Ctrl-C reaches the run in progress: a shutdown hook for {@code agent run}, a signal handler in the REPL. */
public interface Cancellation {

    /** A run started; Ctrl-C should cancel it from now on. */
    void register(RunHandle run);

    /** The run ended. */
    void unregister(RunHandle run);

    /** Nothing reaches the run from here: whoever started it cancels it. */
    static Cancellation none() {
        return new Cancellation() {
            @Override
            public void register(RunHandle run) {}

            @Override
            public void unregister(RunHandle run) {}
        };
    }

    /**
     * For {@code agent run}: SIGINT starts the JVM's shutdown, and the hook cancels the run and waits (bounded) for
     * it to remove its sandbox and record the cancelled iteration before the JVM exits with 130.
     */
    static Cancellation shutdownHook(java.time.Duration grace) {
        return new Cancellation() {
            private Thread hook;

            @Override
            public synchronized void register(RunHandle run) {
                hook = new Thread(
                        () -> {
                            run.cancel();
                            java.util.concurrent.CompletableFuture<Void> done =
                                    java.util.concurrent.CompletableFuture.runAsync(() -> {
                                        try {
                                            run.await();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    });
                            try {
                                done.get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                            } catch (Exception e) {
                                // the JVM is exiting anyway; the sandbox's own labels let leftovers be reaped
                            }
                        },
                        "agent-cancel-on-ctrl-c");
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public synchronized void unregister(RunHandle run) {
                if (hook != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // already running: let it finish
                    }
                    hook = null;
                }
            }
        };
    }
}
