package dev.agentloop.git.internal;

import dev.agentloop.core.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code git} command line. Every call gets the same hygiene: the repository-locating variables of the
 * calling environment are dropped (a run started from a git hook must not act on that hook's repository), the
 * system and global configuration are ignored unless a call asks for them (network calls: credential helpers and
 * proxies live there), hooks and fsmonitor are off, any owner is a safe directory (the copy may be chowned to the
 * sandbox's user), prompts are off and messages are in English.
 */
public final class Git {

    private static final Logger LOG = LoggerFactory.getLogger(Git.class);

    /** The oldest git with everything used here ({@code worktree add --lock --reason}, {@code worktree list -z}). */
    static final int[] MIN_VERSION = {2, 36};

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Kept from the caller's environment: how to reach a remote over ssh or ask for a password. */
    private static final Set<String> KEPT_GIT_VARIABLES = Set.of("GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS");

    private static final List<String> ALWAYS = List.of(
            "-c", "safe.directory=*",
            "-c", "core.hooksPath=/dev/null",
            "-c", "core.fsmonitor=false",
            "-c", "core.quotePath=false",
            "-c", "color.ui=false",
            "-c", "advice.detachedHead=false");

    private final String executable;
    private volatile boolean versionChecked;

    /** @param executable the git command: a name looked up on the PATH, or a path */
    public Git(String executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    /** The git command this runs. */
    public String executable() {
        return executable;
    }

    /** A call: arguments after {@code git}, run in a folder. */
    public Call in(Path dir, String... args) {
        return new Call(dir, List.of(args));
    }

    /** Fails with a clear message when git is missing or older than this module needs; checked once. */
    public void requireUsable() {
        if (versionChecked) {
            return;
        }
        String out =
                new Call(Path.of("."), List.of("--version")).run().stdoutText().trim();
        int[] version = parseVersion(out);
        if (version[0] < MIN_VERSION[0] || (version[0] == MIN_VERSION[0] && version[1] < MIN_VERSION[1])) {
            throw new SourceException("'" + out + "' is too old for repository mode; install git " + MIN_VERSION[0]
                    + "." + MIN_VERSION[1] + " or newer.");
        }
        versionChecked = true;
    }

    static int[] parseVersion(String versionLine) {
        // "git version 2.39.5" or "git version 2.39.5.windows.1"
        String[] words = versionLine.split("\\s+");
        String number = words.length >= 3 ? words[2] : "";
        String[] parts = number.split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new SourceException(
                    "Cannot read git's version from '" + versionLine + "'; check that '" + "git' on the PATH is git.");
        }
    }

    /** One git invocation being set up; {@link #run()} or {@link #tryRun()} starts it. */
    public final class Call {
        private final Path dir;
        private final List<String> args;
        private final List<String> config = new ArrayList<>();
        private final Map<String, String> env = new java.util.HashMap<>();
        private byte[] stdin = new byte[0];
        private boolean userConfig;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Call(Path dir, List<String> args) {
            this.dir = dir;
            this.args = args;
        }

        /** Adds {@code -c key=value} before the subcommand. */
        public Call config(String key, String value) {
            config.add("-c");
            config.add(key + "=" + value);
            return this;
        }

        /** Sets an environment variable for this call. */
        public Call env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Feeds these bytes to the command's standard input. */
        public Call stdin(String text) {
            this.stdin = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Lets git read the user's global and system configuration (credentials, proxies) for network calls. */
        public Call withUserConfig() {
            this.userConfig = true;
            return this;
        }

        public Call timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Runs the command and throws a {@link SourceException} quoting git's message when it fails. */
        public Result run() {
            Result result = tryRun();
            if (result.exitCode() != 0) {
                throw new SourceException(
                        "git " + String.join(" ", args) + " failed in " + dir + ": " + result.errorLine() + ".");
            }
            return result;
        }

        /** Runs the command and returns its result whatever its exit code. */
        public Result tryRun() {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(ALWAYS);
            command.addAll(config);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("GIT_") && !KEPT_GIT_VARIABLES.contains(name));
            environment.put("LC_ALL", "C");
            environment.put("GIT_TERMINAL_PROMPT", "0");
            environment.put("GIT_OPTIONAL_LOCKS", "0");
            environment.put("GIT_LITERAL_PATHSPECS", "1");
            if (!userConfig) {
                environment.put("GIT_CONFIG_NOSYSTEM", "1");
                environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
            }
            environment.putAll(env);
            LOG.debug("git {} (in {})", args, dir);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new SourceException(
                        "Cannot run git ('" + executable + "'): it is not installed or not on the PATH; install git "
                                + MIN_VERSION[0] + "." + MIN_VERSION[1] + " or newer.",
                        e);
            }
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // git may exit before reading its input (a failure it reports on stderr); the exit code tells.
                LOG.debug("git {} did not read its input: {}", args, e.getMessage());
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new SourceException("git " + String.join(" ", args) + " did not finish within "
                            + timeout.toSeconds() + " s in " + dir + "; check the repository or the network.");
                }
                return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new SourceException("Interrupted while running git " + String.join(" ", args) + ".", e);
            } catch (ExecutionException e) {
                throw new SourceException(
                        "Cannot read git's output: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (stream) {
                        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                        stream.transferTo(buffer);
                        result.complete(buffer.toByteArray());
                    } catch (IOException | RuntimeException e) {
                        result.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
                    }
                },
                "git-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /**
     * What a git call did.
     *
     * @param exitCode its exit status
     * @param stdout its standard output, as bytes (patches need not be UTF-8)
     * @param stderr its standard error
     */
    public record Result(int exitCode, byte[] stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The output's first line, trimmed. */
        public String line() {
            String text = stdoutText();
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim();
        }

        /** The NUL-separated entries of the output ({@code -z} formats). */
        public List<String> nulSeparated() {
            List<String> entries = new ArrayList<>();
            for (String entry : stdoutText().split("\0")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
            return entries;
        }

        /** git's message for a person: its last "fatal:" or "error:" line, else the first non-empty line of stderr. */
        public String errorLine() {
            String chosen = "";
            for (String line : stderr.strip().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("fatal:") || trimmed.startsWith("error:")) {
                    chosen = trimmed;
                } else if (chosen.isEmpty() && !trimmed.isEmpty()) {
                    chosen = trimmed;
                }
            }
            if (chosen.isEmpty()) {
                return "exit status " + exitCode;
            }
            return chosen.endsWith(".") ? chosen.substring(0, chosen.length() - 1) : chosen;
        }
    }
}
