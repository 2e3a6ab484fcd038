package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands as host processes, under bubblewrap when it is installed (network unshared, host read-only except
 * the workspace and a scratch folder, own pid namespace so nothing outlives the command), otherwise as a plain
 * process in its own session whose process group is killed when the command ends. The environment is rebuilt from
 * scratch: the host's variables (API keys, database passwords) never reach generated code.
 */
public final class HostProcessExecutor implements CommandExecutor {

    /** How much a {@link HostProcessExecutor} isolates. */
    public enum Isolation {
        BUBBLEWRAP,
        NONE
    }

    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final Path workspace;
    private final Isolation isolation;
    private final String bwrap;
    private final Path scratch;

    public HostProcessExecutor(Path workspace, Isolation isolation, String bwrapPath) {
        this.workspace = workspace;
        this.isolation = isolation;
        this.bwrap = bwrapPath;
        try {
            this.scratch = Files.createTempDirectory("agentloop-scratch");
        } catch (IOException e) {
            throw new SandboxException("Cannot create a scratch folder for the process sandbox: " + e.getMessage(), e);
        }
    }

    /** The bubblewrap binary on PATH that works here, if any. */
    public static Optional<String> findBubblewrap() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                try {
                    Process p = new ProcessBuilder(
                                    candidate.toString(),
                                    "--ro-bind",
                                    "/",
                                    "/",
                                    "--dev",
                                    "/dev",
                                    "--unshare-all",
                                    "--die-with-parent",
                                    "true")
                            .redirectErrorStream(true)
                            .start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return Optional.of(candidate.toString());
                    }
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public ExecResult execute(ExecRequest request, Duration timeout, long capBytes) {
        Path cwd = request.workingDirectory().isEmpty() ? workspace : workspace.resolve(request.workingDirectory());
        List<String> argv = new ArrayList<>();
        if (isolation == Isolation.BUBBLEWRAP) {
            argv.addAll(List.of(
                    bwrap,
                    "--ro-bind",
                    "/",
                    "/",
                    "--dev",
                    "/dev",
                    "--proc",
                    "/proc",
                    "--tmpfs",
                    "/tmp",
                    "--bind",
                    workspace.toString(),
                    workspace.toString(),
                    "--bind",
                    scratch.toString(),
                    scratch.toString(),
                    "--unshare-all",
                    "--die-with-parent",
                    "--new-session",
                    "--chdir",
                    cwd.toString(),
                    "--"));
        } else {
            // Its own session and process group, so the group can be killed with everything it started.
            argv.add("setsid");
        }
        argv.addAll(request.command());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> host = new HashMap<>(env);
        env.clear();
        env.put("PATH", host.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", scratch.toString());
        env.put("TMPDIR", isolation == Isolation.BUBBLEWRAP ? "/tmp" : scratch.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(request.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ExecResult(
                    ExecStatus.EXITED,
                    127,
                    "",
                    "cannot run " + request.command().get(0) + ": " + e.getMessage() + "\n",
                    since(started),
                    0,
                    0,
                    "");
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // stdin of the command: nothing was to be written anyway
        }
        CompletableFuture<Captured> out =
                CompletableFuture.supplyAsync(() -> capture(process.getInputStream(), capBytes));
        CompletableFuture<Captured> err =
                CompletableFuture.supplyAsync(() -> capture(process.getErrorStream(), capBytes));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            process.destroyForcibly();
            throw new SandboxException("Interrupted while a command ran in the process sandbox", e);
        }
        killTree(process);
        Captured o = collect(out, process);
        Captured e = collect(err, process);
        String stdout = OutputText.of(o.kept(), o.dropped(), "stdout");
        String stderr = OutputText.of(e.kept(), e.dropped(), "stderr");
        if (!finished) {
            return new ExecResult(
                    ExecStatus.TIMED_OUT,
                    -1,
                    stdout,
                    stderr + "\n[agentloop: the command exceeded its " + "time limit of " + timeout.toMillis()
                            + " ms; its process tree was killed]\n",
                    since(started),
                    o.dropped(),
                    e.dropped(),
                    "");
        }
        return new ExecResult(
                ExecStatus.EXITED, process.exitValue(), stdout, stderr, since(started), o.dropped(), e.dropped(), "");
    }

    /**
     * Kills the command's process group (plain mode) and every descendant still known, by signals only: {@link
     * Process#destroyForcibly()} would also close the streams, and output the command wrote just before it ended
     * (still in the pipe, not yet read by its capture thread) would be lost.
     */
    private void killTree(Process process) {
        if (isolation == Isolation.NONE) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no kill binary: the descendants below are still killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a capture thread read. The pipe ends once every process holding it is dead; a process that escaped the
     * tree (left its group in plain mode) may still hold it, so after a grace period the streams are closed.
     */
    private static Captured collect(CompletableFuture<Captured> capture, Process process) {
        try {
            return capture.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            return capture.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return capture.join();
        } catch (ExecutionException e) {
            throw new SandboxException(
                    "Cannot read a command's output: " + e.getCause().getMessage(), e);
        }
    }

    private record Captured(byte[] kept, long dropped) {}

    private static Captured capture(InputStream in, long cap) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long dropped = 0;
        byte[] buffer = new byte[65536];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                long room = cap - kept.size();
                if (room >= n) {
                    kept.write(buffer, 0, n);
                } else {
                    if (room > 0) {
                        kept.write(buffer, 0, (int) room);
                    }
                    dropped += n - Math.max(room, 0);
                }
            }
        } catch (IOException e) {
            // The process was killed and its pipe closed: what was read so far is the output.
        }
        return new Captured(kept.toByteArray(), dropped);
    }

    @Override
    public String workspacePath() {
        return workspace.toString();
    }

    @Override
    public String scratchPath(String name) {
        return scratch.resolve(name).toString();
    }

    @Override
    public Optional<String> readScratch(String name) {
        Path file = scratch.resolve(name);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.deleteIfExists(file);
            return Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return isolation == Isolation.BUBBLEWRAP ? "process (bubblewrap)" : "process (no isolation)";
    }

    @Override
    public void close() {
        try (var walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch folder in the temp directory that could not be removed is harmless
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
