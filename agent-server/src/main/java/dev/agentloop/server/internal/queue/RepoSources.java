package dev.agentloop.server.internal.queue;

import dev.agentloop.core.source.Source;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSources;
import dev.agentloop.server.internal.json.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the source of a repository task: a git URL (https, http, ssh, git) cloned into the cache, or a local folder
 * under one of the allowed roots, named as a path (its copies are its own worktrees, its hand-off branch is made in
 * it) or as a {@code file://} URL (cloned into the cache like a remote, so the repository itself is not written to). Checked when the task is submitted (a 400 naming {@code repo} or {@code base}) and
 * made again by the worker that runs it.
 */
public final class RepoSources {

    private static final List<String> URL_SCHEMES = List.of("https://", "http://", "ssh://", "git://");

    private final GitSources sources;
    private final List<Path> roots;
    private final Path cache;

    public RepoSources(GitSources sources, List<Path> roots, Path cache) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.roots = List.copyOf(roots);
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * Checks a submission's repository without copying anything.
     *
     * @throws InvalidRequestException naming {@code repo} or {@code base}
     */
    public void check(String repo, Optional<String> base) {
        if (isFileUrl(repo)) {
            allowedFolder(fileUrlPath(repo));
            return; // cloned by the worker, like any URL
        }
        if (isUrl(repo)) {
            return; // cloned by the worker; a bad URL fails the task with git's message
        }
        Path folder = allowedFolder(repo);
        try {
            sources.local(folder, base);
        } catch (SourceException e) {
            String field = base.isPresent() && e.getMessage().contains(base.get()) ? "base" : "repo";
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    /**
     * The source for a run.
     *
     * @throws SourceException when the repository cannot be opened (the task then fails with the message)
     */
    public Source open(String repo, Optional<String> base) {
        if (isFileUrl(repo)) {
            try {
                allowedFolder(fileUrlPath(repo));
            } catch (InvalidRequestException e) {
                throw new SourceException(e.getMessage());
            }
            return sources.remote(repo, base, cache);
        }
        if (isUrl(repo)) {
            return sources.remote(repo, base, cache);
        }
        try {
            return sources.local(allowedFolder(repo), base);
        } catch (InvalidRequestException e) {
            throw new SourceException(e.getMessage());
        }
    }

    /** A short project name: the folder's or the URL's last part. */
    public static String name(String repo) {
        String s = repo.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        int cut = Math.max(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')), s.lastIndexOf(':'));
        return cut >= 0 ? s.substring(cut + 1) : s;
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (java.io.IOException e) {
            return root;
        }
    }

    private static boolean isFileUrl(String repo) {
        return repo.toLowerCase(Locale.ROOT).startsWith("file://");
    }

    /** The folder a {@code file://} URL names. */
    private static String fileUrlPath(String repo) {
        try {
            return Path.of(java.net.URI.create(repo)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new InvalidRequestException(
                    "repo", "The field 'repo' is not a usable file URL; write it as file:///path/to/repository.");
        }
    }

    private static boolean isUrl(String repo) {
        String lower = repo.toLowerCase(Locale.ROOT);
        return URL_SCHEMES.stream().anyMatch(lower::startsWith) || lower.matches("[a-z0-9._-]+@[a-z0-9.-]+:.*");
    }

    private Path allowedFolder(String repo) {
        if (repo.contains("://")) {
            throw new InvalidRequestException(
                    "repo",
                    "The field 'repo' uses a scheme that is not accepted; use https, http, ssh, git or file URLs.");
        }
        if (roots.isEmpty()) {
            throw new InvalidRequestException(
                    "repo",
                    "Local folders are not accepted by this server (no server.repo-roots configured); give a git URL.");
        }
        Path folder;
        try {
            folder = Path.of(repo).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new InvalidRequestException("repo", "The folder " + repo + " does not exist on the server.");
            }
            folder = folder.toRealPath(); // a link must not lead out of the accepted folders
        } catch (java.nio.file.InvalidPathException | java.io.IOException e) {
            throw new InvalidRequestException("repo", "The field 'repo' is not a usable folder: " + e.getMessage());
        }
        Path real = folder;
        if (roots.stream().map(RepoSources::real).noneMatch(real::startsWith)) {
            throw new InvalidRequestException(
                    "repo", "The folder " + repo + " is outside the folders this server accepts (server.repo-roots).");
        }
        return folder;
    }
}
