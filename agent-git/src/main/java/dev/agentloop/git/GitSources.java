package dev.agentloop.git;

import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.internal.FolderSource;
import dev.agentloop.git.internal.Git;
import dev.agentloop.git.internal.ProjectProbe;
import dev.agentloop.git.internal.RemoteCache;
import dev.agentloop.git.internal.RepositorySource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes repository mode's {@link GitSource sources}: a plain folder, a local git repository at a base ref, or a git
 * URL. Each factory method checks its input at once (the folder exists, the ref resolves, the URL can be fetched) and
 * pins the base commit; {@link GitSource#open} checks the size and makes the private copy.
 *
 * <pre>{@code
 * GitSource source = GitSources.of(Path.of("~/proj"), Optional.of("main"), SourceLimits.ofDefaults());
 * try (GitWorkingCopy copy = source.open(new CopyRequest(taskId, workspaceRoot.resolve(taskId.toString()), title))) {
 *     // ... the run edits copy.root() ...
 *     Handoff handoff = copy.handOff(title + "\n\n" + summary);   // branch agentloop/<short-id> + <short-id>.patch
 * }
 * }</pre>
 *
 * <p>Git runs as the {@code git} command (2.36 or newer) with the system and global configuration ignored (only
 * fetches of a URL read them, for credentials and proxies) and hooks off. Commits are made as the repository's own
 * {@code user.name}/{@code user.email} when its configuration has them, else as {@code agentloop
 * <agentloop@localhost>}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GitSources {

    /** The git command used unless {@link Builder#git} says otherwise: {@code git} on the PATH. */
    public static final String DEFAULT_GIT = "git";

    private final Git git;
    private final SourceLimits limits;
    private final HandoffMode handoffMode;
    private final Optional<HttpCredentials> credentials;

    private GitSources(Builder builder) {
        this.git = new Git(builder.git);
        this.limits = builder.limits;
        this.handoffMode = builder.handoffMode;
        this.credentials = builder.credentials;
    }

    /**
     * Git on the PATH, {@link SourceLimits#ofDefaults()}, {@link HandoffMode#BRANCH_AND_PATCH}.
     *
     * @return the sources
     */
    public static GitSources ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a folder or a local repository with the default git and hand-off; see {@link #local}}
     *
     * @param dir the project's folder
     * @param baseRef for a repository, the branch, tag or commit to start from; empty for {@code HEAD}
     * @param limits the size limits
     * @throws SourceException as {@link #local} does
     */
    public static GitSource of(Path dir, Optional<String> baseRef, SourceLimits limits) {
        return builder().limits(limits).build().local(dir, baseRef);
    }

    /**
     * {@return a git URL with the default git and hand-off; see {@link #remote}}
     *
     * @param url anything {@code git fetch} accepts
     * @param ref a remote branch, tag or commit; empty for the remote's default branch
     * @param cacheDir where the clones are kept
     * @param limits the size limits
     * @throws SourceException as {@link #remote} does
     */
    public static GitSource ofUrl(String url, Optional<String> ref, Path cacheDir, SourceLimits limits) {
        return builder().limits(limits).build().remote(url, ref, cacheDir);
    }

    /**
     * The project in {@code dir}: a {@link SourceKind#REPOSITORY} when {@code dir} is the top of a git repository
     * (a working tree or a bare repository), else a {@link SourceKind#FOLDER}.
     *
     * @param dir the project's folder
     * @param baseRef for a repository, the branch, tag or commit the copy starts from; empty for {@code HEAD}. A
     *     plain folder takes none.
     * @return the source, not copied yet
     * @throws SourceException when {@code dir} does not exist or is not a folder, lies inside a repository without
     *     being its top, is a plain folder but a base ref was given, the ref names no commit, the repository has no
     *     commit yet, or git is missing
     */
    public GitSource local(Path dir, Optional<String> baseRef) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(baseRef, "baseRef");
        git.requireUsable();
        Path absolute = dir.toAbsolutePath().normalize();
        ProjectProbe.Project project = ProjectProbe.probe(git, absolute);
        if (project.kind() == ProjectProbe.Kind.FOLDER) {
            if (baseRef.isPresent()) {
                throw new SourceException("A base ref ('" + baseRef.get() + "') needs a git repository, but " + absolute
                        + " is a plain folder; drop the base ref (--base) or make the folder a repository (git init).");
            }
            return new FolderSource(git, project.root(), absolute.toString(), limits);
        }
        Path repository = project.root();
        String ref = baseRef.map(String::strip).orElse("HEAD");
        if (ref.isEmpty() || ref.startsWith("-")) {
            throw new SourceException("'" + ref + "' is not a ref; give a branch, tag or commit as the base ref.");
        }
        String commit = RepositorySource.resolve(git, repository, ref)
                .orElseThrow(() -> baseRef.isPresent()
                        ? new SourceException("Unknown ref '" + ref + "' in " + repository
                                + ": no branch, tag or commit of that name; list them with 'git -C " + repository
                                + " branch -a' or 'git -C " + repository + " tag'.")
                        : new SourceException(
                                repository + " has no commit yet; commit the project first (git commit), or "
                                        + "give a plain folder."));
        RepositoryInfo info = new RepositoryInfo(
                nameOf(repository),
                absolute.toString(),
                RemoteCache.redact(RepositorySource.origin(git, repository)),
                ref,
                commit);
        return new RepositorySource(git, repository, info, SourceKind.REPOSITORY, limits, handoffMode);
    }

    /**
     * The repository at {@code url} (anything {@code git fetch} accepts: {@code https://}, {@code ssh://},
     * {@code file://}, {@code host:path}), fetched now into a cached bare clone under {@code cacheDir}
     * ({@code <name>-<hash>.git}, reused and fetched again next time). Copies are worktrees of that clone, and the
     * hand-off's branch is made in it ({@link GitSource#branchRepository()}); nothing is pushed. An http(s) URL is
     * fetched with the {@link Builder#fetchCredentials credentials}, if any.
     *
     * @param url anything {@code git fetch} accepts
     * @param ref a remote branch, tag or commit; empty for the remote's default branch
     * @param cacheDir where the clones are kept
     * @return the source, not copied yet
     * @throws SourceException when the URL cannot be fetched, the ref names nothing, or git is missing
     */
    public GitSource remote(String url, Optional<String> ref, Path cacheDir) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (url.isBlank()) {
            throw new SourceException(
                    "The repository URL is empty; give a git URL such as https://host/owner/repo.git.");
        }
        git.requireUsable();
        RemoteCache cache = new RemoteCache(git, cacheDir);
        Path clone = cache.update(url.strip(), fetchEnvironment(url.strip()), secrets());
        String commit = cache.resolve(clone, url.strip(), ref.map(String::strip));
        String shown = RemoteCache.redact(url.strip());
        RepositoryInfo info = new RepositoryInfo(RemoteCache.nameOf(url), shown, shown, ref.orElse("HEAD"), commit);
        return new RepositorySource(git, clone, info, SourceKind.REMOTE, limits, handoffMode);
    }

    /**
     * What a fetch of {@code url} gets in its environment: for an http(s) remote with credentials, the authorization
     * header as configuration for that URL only (git reads {@code GIT_CONFIG_*}; nothing is written to a file).
     */
    private Map<String, String> fetchEnvironment(String url) {
        if (credentials.isEmpty() || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return Map.of();
        }
        return Map.of(
                "GIT_CONFIG_COUNT", "1",
                "GIT_CONFIG_KEY_0", "http." + url + ".extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: " + credentials.get().authorization());
    }

    /** The values no message may show. */
    private List<String> secrets() {
        return credentials
                .map(c -> List.of(c.secret(), c.authorization().substring("Basic ".length())))
                .orElse(List.of());
    }

    /** A project's short name: its folder's name without {@code .git} ({@code /} has none: "root"). */
    static String nameOf(Path folder) {
        String name =
                folder.getFileName() == null ? "root" : folder.getFileName().toString();
        return name.endsWith(".git") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Applies hand-offs' patches to the user's working tree with the same git.
     *
     * @return the applier
     */
    public PatchApplier patchApplier() {
        return new PatchApplier(git);
    }

    /** {@return the size limits copies are checked against} */
    public SourceLimits limits() {
        return limits;
    }

    /** {@return what a hand-off makes: a branch and a patch, or the patch only} */
    public HandoffMode handoffMode() {
        return handoffMode;
    }

    /** Builds {@link GitSources}; every setting has a default. */
    public static final class Builder {
        private String git = DEFAULT_GIT;
        private SourceLimits limits = SourceLimits.ofDefaults();
        private HandoffMode handoffMode = HandoffMode.BRANCH_AND_PATCH;
        private Optional<HttpCredentials> credentials = Optional.empty();

        private Builder() {}

        /**
         * The git command: a name on the PATH or a path. Default {@value GitSources#DEFAULT_GIT}.
         *
         * @param value the git
         * @return this builder
         */
        public Builder git(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("git must name the git command, was '" + value + "'");
            }
            this.git = value;
            return this;
        }

        /**
         * Default {@link SourceLimits#ofDefaults()}.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(SourceLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Default {@link HandoffMode#BRANCH_AND_PATCH}.
         *
         * @param value the handoff mode
         * @return this builder
         */
        public Builder handoffMode(HandoffMode value) {
            this.handoffMode = Objects.requireNonNull(value, "handoffMode");
            return this;
        }

        /**
         * Credentials for fetching {@code https}/{@code http} URLs (a private repository), sent to that remote only;
         * other remotes ({@code ssh}, {@code file}) and local repositories never see them. Default none.
         *
         * @param value the credentials
         * @return this builder
         */
        public Builder fetchCredentials(HttpCredentials value) {
            this.credentials = Optional.of(Objects.requireNonNull(value, "fetchCredentials"));
            return this;
        }

        /** {@return the sources} */
        public GitSources build() {
            return new GitSources(this);
        }
    }
}
