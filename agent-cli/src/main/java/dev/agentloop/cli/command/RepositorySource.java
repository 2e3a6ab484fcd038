package dev.agentloop.cli.command;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.core.source.Source;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.HandoffMode;
import dev.agentloop.git.SourceLimits;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The source {@code agent run --repo} works on, made from the options and the config's limits: a local folder or
 * repository, or a URL cloned into {@code ~/.agentloop/repos}. Bad input (not a folder, unknown ref, too large, an
 * unreachable URL) is a usage error naming it, before anything runs.
 *
 * @param source the source for the task
 * @param folder the user's local folder; empty for a URL
 * @param name a short project name (the folder's or the URL's last part)
 * @param where where the branch is made, for the commands printed at the end
 */
public record RepositorySource(Source source, Optional<Path> folder, String name, String where) {

    /**
     * Makes the source.
     *
     * @throws CliException (exit 2) when the repository cannot be used: not a folder, an unknown ref, too large, a
     *     URL that cannot be fetched
     */
    public static RepositorySource of(CliConfig config, RepositoryOptions options, Path cwd, Path userDir) {
        return of(config, options, cwd, userDir, Optional.empty());
    }

    /**
     * Makes the source; an http(s) URL is fetched with {@code credentials} (a private repository's token).
     *
     * @throws CliException (exit 2) when the repository cannot be used: not a folder, an unknown ref, too large, a
     *     URL that cannot be fetched
     */
    public static RepositorySource of(
            CliConfig config,
            RepositoryOptions options,
            Path cwd,
            Path userDir,
            Optional<dev.agentloop.git.HttpCredentials> credentials) {
        SourceLimits limits = SourceLimits.ofDefaults()
                .withMaxFiles(config.integer(ConfigSchema.REPO_MAX_FILES))
                .withMaxBytes(Durations.tryParseSize(config.get(ConfigSchema.REPO_MAX_SIZE))
                        .orElseThrow());
        GitSources.Builder builder = GitSources.builder()
                .limits(limits)
                .handoffMode(options.apply() ? HandoffMode.PATCH_ONLY : HandoffMode.BRANCH_AND_PATCH);
        credentials.ifPresent(builder::fetchCredentials);
        GitSources sources = builder.build();
        try {
            if (options.isUrl()) {
                if (options.apply()) {
                    throw CliException.usage("--apply needs a local --repo folder to apply the patch to; a URL has"
                            + " none (leave out --apply to get a branch in the cached clone).");
                }
                Path cache = userDir.resolve("repos");
                Source source = sources.remote(options.repo(), options.base(), cache);
                String name = lastPart(options.repo());
                return new RepositorySource(source, Optional.empty(), name, source.describe());
            }
            Path folder = options.folder(cwd);
            Source source = sources.local(folder, options.base());
            return new RepositorySource(source, Optional.of(folder), lastPart(folder.toString()), folder.toString());
        } catch (SourceException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static String lastPart(String location) {
        String s = location.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        int cut = Math.max(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')), s.lastIndexOf(':'));
        return cut >= 0 ? s.substring(cut + 1) : s;
    }
}
