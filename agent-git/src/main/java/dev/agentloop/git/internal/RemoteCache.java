package dev.agentloop.git.internal;

import dev.agentloop.core.source.SourceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bare clones of git URLs kept in a cache folder, one per URL ({@code <name>-<hash>.git}), fetched again each time a
 * source is made. The remote's branches are fetched to {@code refs/remotes/origin/*}, so the clone's own
 * {@code refs/heads/agentloop/*} branches (the hand-offs) are never touched by a fetch. A lock file beside each clone
 * keeps two processes (or two sources in one process) from fetching into it at once.
 */
public final class RemoteCache {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCache.class);

    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(15);
    private static final long LOCK_POLL_MILLIS = 200;

    private final Git git;
    private final Path cacheDir;

    public RemoteCache(Git git, Path cacheDir) {
        this.git = git;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
    }

    /** The clone's folder for {@code url}. */
    public Path cloneFor(String url) {
        return cacheDir.resolve(nameOf(url) + "-" + hash(url) + ".git");
    }

    /** The last part of a URL without {@code .git}: the project's name. */
    public static String nameOf(String url) {
        String trimmed = url.strip().replaceAll("[/\\\\]+$", "");
        int cut = Math.max(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')), trimmed.lastIndexOf('\\'));
        String last = trimmed.substring(cut + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        last = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return last.isEmpty() ? "repository" : last;
    }

    /**
     * Makes or updates the clone of {@code url} and returns its folder.
     *
     * @throws SourceException when the URL cannot be fetched
     */
    public Path update(String url) {
        return update(url, java.util.Map.of(), java.util.List.of());
    }

    /**
     * Makes or updates the clone of {@code url} and returns its folder; the network calls get {@code environment}
     * (credentials as configuration: never written to the clone), and {@code secrets} are cut from any message.
     *
     * @throws SourceException when the URL cannot be fetched
     */
    public Path update(String url, java.util.Map<String, String> environment, java.util.List<String> secrets) {
        Path clone = cloneFor(url);
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot create the clone cache " + cacheDir + ": " + e.getMessage()
                            + "; check that it is writable.",
                    e);
        }
        Path lockFile = clone.resolveSibling(clone.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = acquire(channel, clone)) {
            LOG.debug("Holding {} ({})", lockFile, lock.isValid() ? "locked" : "released");
            boolean created = !Files.isDirectory(clone);
            if (created) {
                git.in(cacheDir, "init", "--quiet", "--bare", clone.toString()).run();
                git.in(clone, "remote", "add", "origin", url).run();
            }
            Git.Call fetchCall = git.in(clone, "fetch", "--quiet", "--prune", "--tags", "origin");
            environment.forEach(fetchCall::env);
            Git.Result fetch = fetchCall.withUserConfig().timeout(FETCH_TIMEOUT).tryRun();
            if (!fetch.ok()) {
                if (created) {
                    Folders.deleteQuietly(clone);
                }
                throw new SourceException("Cannot fetch " + redact(url) + ": "
                        + without(redact(fetch.errorLine()), secrets)
                        + "; check the URL and that this machine can reach it.");
            }
            // Where the remote's HEAD points now: the default base when no ref is given.
            Git.Call headCall = git.in(clone, "remote", "set-head", "origin", "--auto");
            environment.forEach(headCall::env);
            Git.Result head = headCall.withUserConfig().timeout(FETCH_TIMEOUT).tryRun();
            if (!head.ok()) {
                LOG.debug("{} has no default branch: {}", redact(url), without(redact(head.errorLine()), secrets));
            }
            LOG.info("{} {} into {}", created ? "Cloned" : "Fetched", redact(url), clone);
            return clone;
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot lock the cached clone " + clone + ": " + e.getMessage()
                            + "; check that the cache folder is writable.",
                    e);
        }
    }

    /**
     * The commit {@code ref} names in the clone: a remote branch first, then a tag, then any revision (a commit id);
     * without a ref, the remote's default branch.
     *
     * @throws SourceException when it names nothing
     */
    public String resolve(Path clone, String url, Optional<String> ref) {
        if (ref.isEmpty()) {
            return RepositorySource.resolve(git, clone, "refs/remotes/origin/HEAD")
                    .orElseThrow(() -> new SourceException(redact(url)
                            + " has no default branch (or no commits); give a branch, tag or commit as the base ref."));
        }
        String name = ref.get();
        for (String candidate : new String[] {"refs/remotes/origin/" + name, "refs/tags/" + name, name}) {
            Optional<String> commit = RepositorySource.resolve(git, clone, candidate);
            if (commit.isPresent()) {
                return commit.get();
            }
        }
        throw new SourceException("Unknown ref '" + name + "' in " + redact(url)
                + ": no branch, tag or commit of that name; list them with 'git ls-remote " + redact(url) + "'.");
    }

    private static String without(String text, java.util.List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /** The URL without a password or token in its user part, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(://)[^/@]*@", "$1***@");
    }

    private static FileLock acquire(FileChannel channel, Path clone) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // Another source in this process holds it: wait like for another process.
            }
            if (System.nanoTime() > deadline) {
                throw new SourceException("Another run has been updating the cached clone " + clone + " for "
                        + LOCK_WAIT.toMinutes() + " minutes; try again later or remove the clone.");
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("Interrupted while waiting for the cached clone " + clone + ".", e);
            }
        }
    }

    private static String hash(String url) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(url.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
