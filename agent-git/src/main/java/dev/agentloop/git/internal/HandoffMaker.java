package dev.agentloop.git.internal;

import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a copy's state into a {@link Handoff}: stages everything (the copy's {@code .gitignore} files apply), makes
 * one commit on the base with {@code commit-tree} (no hooks, no signing), writes the patch beside the copy, and only
 * then, in one step, creates the branch with {@code update-ref} expecting it not to exist: an existing branch is
 * never overwritten and a failure leaves no branch and no patch behind.
 */
final class HandoffMaker {

    private static final Logger LOG = LoggerFactory.getLogger(HandoffMaker.class);

    /** Used when the repository's own configuration names nobody (global configuration is not read). */
    static final String DEFAULT_NAME = "agentloop";

    static final String DEFAULT_EMAIL = "agentloop@localhost";

    private static final String[] DIFF_OPTIONS = {
        "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/"
    };

    /**
     * A branch to create.
     *
     * @param name e.g. {@code agentloop/1a2b3c4d}
     * @param repository the repository it goes to, as the user knows it (for messages)
     */
    record Branch(String name, Path repository) {}

    private HandoffMaker() {}

    /**
     * @param copy the copy's git
     * @param base the commit the copy started from
     * @param message the commit message; a blank one becomes {@code agentloop: <branch or patch name>}
     * @param branch the branch to create; empty for none
     * @param patchFile where the patch goes (replaced if present)
     */
    static Handoff make(CopyRepo copy, String base, String message, Optional<Branch> branch, Path patchFile) {
        copy.call("add", "--all").run();
        String tree = copy.call("write-tree").run().line();
        String baseTree =
                copy.call("rev-parse", "--verify", base + "^{tree}").run().line();
        if (tree.equals(baseTree)) {
            LOG.info("The copy {} has no changes: no commit, no branch, an empty patch", copy.folder());
            writeAtomically(patchFile, new byte[0]);
            return new Handoff(Optional.empty(), "", patchFile, "", List.of(), "");
        }
        String name = configured(copy, "user.name", DEFAULT_NAME);
        String email = configured(copy, "user.email", DEFAULT_EMAIL);
        String text = message == null || message.isBlank()
                ? "agentloop: "
                        + branch.map(Branch::name)
                                .orElse(patchFile.getFileName().toString())
                : message.strip();
        String commit = copy.call("commit-tree", "--no-gpg-sign", "-p", base, "-F", "-", tree)
                .stdin(text + "\n")
                .env("GIT_AUTHOR_NAME", name)
                .env("GIT_AUTHOR_EMAIL", email)
                .env("GIT_COMMITTER_NAME", name)
                .env("GIT_COMMITTER_EMAIL", email)
                .run()
                .line();
        byte[] patch = copy.call(diff("--binary", base, commit)).run().stdout();
        List<String> files = copy.call(diff("--name-only", "-z", base, commit)).run().nulSeparated().stream()
                .sorted()
                .toList();
        String stat = copy.call(diff("--stat", base, commit)).run().stdoutText();
        writeAtomically(patchFile, patch);
        if (branch.isPresent()) {
            createBranch(copy, branch.get(), commit, patchFile);
        }
        LOG.info(
                "Handed off {} changed files as {}{}",
                files.size(),
                patchFile,
                branch.map(b -> " and branch " + b.name() + " at " + commit).orElse(""));
        return new Handoff(
                branch.map(Branch::name), commit, patchFile, new String(patch, StandardCharsets.UTF_8), files, stat);
    }

    /** The branch's full ref name. */
    static String ref(String branch) {
        return "refs/heads/" + branch;
    }

    /** True when the branch exists in {@code repository}. */
    static boolean branchExists(Git git, Path repository, String branch) {
        return git.in(repository, "rev-parse", "--verify", "--quiet", ref(branch))
                .tryRun()
                .ok();
    }

    /** The sentence for an existing branch. */
    static SourceException branchExistsError(String branch, Path repository) {
        return new SourceException("The branch " + branch + " already exists in " + repository
                + " and is never overwritten; delete it (git -C " + repository + " branch -D " + branch
                + ") or give the task a new id.");
    }

    private static void createBranch(CopyRepo copy, Branch branch, String commit, Path patchFile) {
        // The empty old value makes update-ref fail if the ref exists: the check and the write are one step.
        Git.Result result = copy.call("update-ref", "-m", "agentloop: hand-off", ref(branch.name()), commit, "")
                .tryRun();
        if (result.ok()) {
            return;
        }
        try {
            Files.deleteIfExists(patchFile);
        } catch (IOException e) {
            LOG.warn("Could not delete the patch {} of a failed hand-off: {}", patchFile, e.getMessage());
        }
        if (result.stderr().contains("already exists")) {
            throw branchExistsError(branch.name(), branch.repository());
        }
        throw new SourceException("Cannot create the branch " + branch.name() + " in " + branch.repository() + ": "
                + result.errorLine() + "; check the repository's refs (git for-each-ref refs/heads/agentloop).");
    }

    private static String[] diff(String... args) {
        String[] all = new String[1 + DIFF_OPTIONS.length + args.length];
        all[0] = "diff";
        System.arraycopy(DIFF_OPTIONS, 0, all, 1, DIFF_OPTIONS.length);
        System.arraycopy(args, 0, all, 1 + DIFF_OPTIONS.length, args.length);
        return all;
    }

    private static String configured(CopyRepo copy, String key, String fallback) {
        Git.Result result = copy.call("config", "--get", key).tryRun();
        String value = result.ok() ? result.line() : "";
        return value.isEmpty() ? fallback : value;
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".patch", ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot write the patch " + file + ": " + e.getMessage() + "; check that its folder is writable.",
                    e);
        }
    }
}
