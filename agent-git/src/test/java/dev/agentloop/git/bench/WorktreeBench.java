package dev.agentloop.git.bench;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.GitWorkingCopy;
import dev.agentloop.git.SourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Times {@link GitSource#open} on a repository (the worktree of its HEAD, with the size check, the stale-worktree
 * check and the scan for links out of it) and {@link GitWorkingCopy#close}, and prints a Markdown table row with
 * the machine's load. Run by {@code scripts/bench-git}.
 *
 * <p>Arguments: the repository, the number of timed runs, a workspace folder for the copies.
 */
public final class WorktreeBench {

    private static final int WARM_UP = 3;

    private WorktreeBench() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path workspace = Path.of(args[2]);
        Files.createDirectories(workspace);
        String load = loadAverage();

        long start = System.nanoTime();
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        double makeMs = (System.nanoTime() - start) / 1e6;

        List<Double> open = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> openCpu = new ArrayList<>();
        int files = 0;
        for (int i = 0; i < WARM_UP + runs; i++) {
            // The floor, interleaved with the real thing: git worktree add alone, from a shell's point of view.
            Path plain = workspace.resolve("plain-" + i);
            long b0 = System.nanoTime();
            run(repo, "git", "worktree", "add", "-q", "--detach", plain.toString(), "HEAD");
            long b1 = System.nanoTime();
            run(repo, "git", "worktree", "remove", "--force", plain.toString());

            UUID id = UUID.randomUUID();
            long c0 = cpuMillis();
            long t0 = System.nanoTime();
            GitWorkingCopy copy = source.open(new CopyRequest(id, workspace.resolve(id.toString()), "bench"));
            long t1 = System.nanoTime();
            long c1 = cpuMillis();
            if (i == 0) {
                files = copy.files().size();
            }
            long t2 = System.nanoTime();
            copy.close();
            long t3 = System.nanoTime();
            if (i >= WARM_UP) {
                bare.add((b1 - b0) / 1e6);
                open.add((t1 - t0) / 1e6);
                openCpu.add((double) (c1 - c0));
                close.add((t3 - t2) / 1e6);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "repository: %s (%d files in the copy), %s, JDK %s%n",
                repo,
                files,
                git(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "GitSources.of (probe, resolve HEAD): %.0f ms%n", makeMs);
        System.out.println("| files | runs | load (start → end) | open p50 ms | open max ms | open CPU p50 ms"
                + " | bare `git worktree add` p50 ms | close p50 ms | close max ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf(
                Locale.ROOT,
                "| %d | %d | %s → %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                files,
                runs,
                load,
                loadAverage(),
                percentile(open, 50),
                percentile(open, 100),
                percentile(openCpu, 50),
                percentile(bare, 50),
                percentile(close, 50),
                percentile(close, 100));
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * CPU time of this JVM (all threads) and of its finished child processes (the git commands), from
     * {@code /proc/self/stat}: what the work costs whatever else the machine runs. Clock ticks of 10 ms.
     */
    private static long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command's ")": state is field 3, so utime..cstime (fields 14-17) are at 11..14.
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks * 10;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String loadAverage() throws IOException {
        return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" "))
                .findFirst()
                .orElse("?");
    }

    private static String git() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "--version").start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return out;
    }
}
