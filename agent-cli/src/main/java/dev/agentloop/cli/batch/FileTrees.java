package dev.agentloop.cli.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a batch's scratch folders (judges' checkouts, clones of a run that is run again). */
final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a folder and everything in it, as far as it can: a file the sandbox's user left unremovable stays, and
     * the folder with it, named after its instance.
     */
    static void delete(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left in place, see above
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
