package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Task;
import dev.agentloop.core.spi.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Repository instances ({@code repo} + {@code base}) before repository mode runs them in a batch: each is parsed and
 * checked as far as that goes without it (a local repository must exist), then reported, per instance, as not
 * runnable yet.
 */
public final class UnsupportedRepositoryInstances implements InstanceHandler {

    private static final Pattern URL = Pattern.compile("^(https?|ssh|git|file)://.+|^[\\w.-]+@[\\w.-]+:.+");

    private final Path batchFolder;

    /** @param batchFolder the batch file's folder, against which a relative {@code repo} path is resolved */
    public UnsupportedRepositoryInstances(Path batchFolder) {
        this.batchFolder = batchFolder;
    }

    @Override
    public void check(BatchInstance instance, boolean gold) {
        BatchInstance.RepoRef repo = instance.repo().orElseThrow();
        if (!URL.matcher(repo.location()).matches()) {
            Path folder = batchFolder.resolve(repo.location()).normalize();
            if (!Files.isDirectory(folder)) {
                throw InvalidInstanceException.of(
                        instance, "the repo " + repo.location() + " does not exist (looked for " + folder + ").");
            }
        }
        if (gold && instance.goldPatch().isEmpty()) {
            throw InvalidInstanceException.of(instance, "it has no gold_patch, which --gold needs.");
        }
        throw InvalidInstanceException.of(
                instance,
                "repository instances (repo + base) cannot run in a batch yet; this version runs tasks in an"
                        + " empty folder (task without repo).");
    }

    @Override
    public Task task(BatchInstance instance, UUID taskId) {
        throw new UnsupportedOperationException("repository instances are checked out by check()");
    }

    @Override
    public GoldAnswer gold(BatchInstance instance) {
        throw new UnsupportedOperationException("repository instances are checked out by check()");
    }

    @Override
    public Verdict judge(BatchInstance instance, AgentResult result, Sandbox sandbox) {
        throw new UnsupportedOperationException("repository instances are checked out by check()");
    }
}
