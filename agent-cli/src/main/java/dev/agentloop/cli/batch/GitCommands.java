package dev.agentloop.cli.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The few git commands a batch runs on repository instances (clone, show a file at the base, apply a patch), with the
 * system's and the user's git configuration ignored so that every machine does the same.
 */
final class GitCommands {

    private static final long TIMEOUT_MINUTES = 10;

    private GitCommands() {}

    /**
     * Runs {@code git ARGS} in {@code dir} and returns its standard output.
     *
     * @throws IllegalStateException with git's message when it fails, times out or cannot start
     */
    static String run(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + args[0] + " did not end within " + TIMEOUT_MINUTES + " min");
            }
            if (p.exitValue() != 0) {
                String message = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new IllegalStateException("git " + args[0] + " failed: "
                        + (message.isEmpty()
                                ? "exit status " + p.exitValue()
                                : message.lines().findFirst().orElse("")));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("git cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git " + args[0] + " ran", e);
        }
    }
}
