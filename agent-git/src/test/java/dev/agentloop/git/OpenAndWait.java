package dev.agentloop.git;

import dev.agentloop.core.source.CopyRequest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * A run that opens a working copy and then hangs until it is killed: {@code StaleWorktreeTest} starts it as a child
 * process and kills it with SIGKILL, as {@code kill -9} would.
 */
public final class OpenAndWait {

    private OpenAndWait() {}

    /** Arguments: the repository, the copy's folder. */
    public static void main(String[] args) throws Exception {
        GitSource source = GitSources.of(Path.of(args[0]), Optional.empty(), SourceLimits.ofDefaults());
        GitWorkingCopy copy = source.open(new CopyRequest(UUID.randomUUID(), Path.of(args[1]), "hang"));
        System.out.println("OPEN " + copy.root());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
