package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.fingerprint;
import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.read;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {

    @TempDir
    Path tmp;

    Path folder;
    Path workspace;

    @BeforeEach
    void makeFolder() throws Exception {
        folder = Files.createDirectory(tmp.resolve("plain"));
        TestRepos.write(
                folder,
                Map.of(
                        "app/main.py", "print('hi')\n",
                        "app/lib.py", "def f():\n    return 1\n",
                        "README.md", "# plain\n",
                        ".gitignore", "*.pyc\n/dist/\nsecrets.env\n",
                        "app/.gitignore", "cache/\n!keep.pyc\n",
                        "app/mod.pyc", "compiled",
                        "app/keep.pyc", "kept by a negation",
                        "app/cache/x.txt", "cached",
                        "dist/app.tar", "archive",
                        "secrets.env", "TOKEN=1\n"));
        write(folder, "docs/dist/page.md", "not the root dist: kept\n");
        workspace = tmp.resolve("workspace");
    }

    @Test
    void theBaseContentOfAFileIsItsTextWhenTheCopyWasMade() throws Exception {
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            write(copy.root(), "app/lib.py", "def f():\n    return 2\n");

            assertThat(copy.baseContent("app/lib.py")).contains("def f():\n    return 1\n");
            assertThat(copy.baseContent("secrets.env"))
                    .as("ignored: never copied")
                    .isEmpty();
            assertThat(copy.baseContent("app/none.py")).isEmpty();
        }
    }

    @Test
    void theCopyLeavesOutWhatGitignoreIgnores() {
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            assertThat(copy.root().resolve("app/main.py")).hasContent("print('hi')");
            assertThat(copy.root().resolve("app/keep.pyc")).exists();
            assertThat(copy.root().resolve("docs/dist/page.md")).exists();
            assertThat(copy.root().resolve("app/mod.pyc")).doesNotExist();
            assertThat(copy.root().resolve("app/cache")).doesNotExist();
            assertThat(copy.root().resolve("dist")).doesNotExist();
            assertThat(copy.root().resolve("secrets.env")).doesNotExist();
            // No .git in the copy: the snapshot lives outside, where the sandbox does not look.
            assertThat(copy.root().resolve(".git")).doesNotExist();
            assertThat(copy.files())
                    .extracting(CopyFile::path)
                    .containsExactly(
                            ".gitignore",
                            "README.md",
                            "app/.gitignore",
                            "app/keep.pyc",
                            "app/lib.py",
                            "app/main.py",
                            "docs/dist/page.md");
        }
    }

    @Test
    void theHandOffIsAGitPatchThatRecreatesTheFinalState() throws Exception {
        Files.setPosixFilePermissions(folder.resolve("app/main.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(folder.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        Map<String, String> before = fingerprint(folder);
        Path pristine = tmp.resolve("pristine");
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        Handoff handoff;
        Map<String, String> finalState;
        try (GitWorkingCopy copy = source.open(request)) {
            assertThat(Files.isExecutable(copy.root().resolve("app/main.py"))).isTrue();
            // The pristine check-out: the copy as it was made.
            copyTree(copy.root(), pristine);
            write(copy.root(), "app/lib.py", "def f():\n    return 2\n");
            write(copy.root(), "app/new.py", "NEW = True\n");
            Files.delete(copy.root().resolve("README.md"));
            Files.write(copy.root().resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 9, 9});
            write(copy.root(), "app/new.pyc", "ignored, not in the patch");
            handoff = copy.handOff("Return 2");
            finalState = fingerprint(copy.root());
        }

        assertThat(handoff.branch()).isEmpty();
        assertThat(handoff.commit()).isEmpty();
        assertThat(handoff.files()).containsExactly("README.md", "app/lib.py", "app/new.py", "logo.png");
        assertThat(handoff.patch())
                .contains("diff --git a/app/lib.py b/app/lib.py")
                .contains("--- /dev/null\n+++ b/app/new.py")
                .contains("+++ /dev/null")
                .contains("GIT binary patch")
                .doesNotContain("new.pyc");
        assertThat(handoff.patchFile()).isEqualTo(workspace.resolve(request.shortId() + ".patch"));
        assertThat(fingerprint(folder)).isEqualTo(before);

        // git apply (outside any repository) turns the original copy into the final one.
        git(pristine, "apply", handoff.patchFile().toString());
        finalState.remove("file app/new.pyc");
        assertThat(fingerprint(pristine)).isEqualTo(finalState);
    }

    @Test
    void linksOutOfTheFolderAreNotCopiedAndLinksInsideAre() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(folder.resolve("to-secret"), outside);
        Files.createSymbolicLink(folder.resolve("app/up"), Path.of("../../secret.txt"));
        Files.createSymbolicLink(folder.resolve("app/readme"), Path.of("../README.md"));
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            assertThat(Files.exists(copy.root().resolve("to-secret"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
            assertThat(Files.exists(copy.root().resolve("app/up"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
            assertThat(Files.readSymbolicLink(copy.root().resolve("app/readme")))
                    .isEqualTo(Path.of("../README.md"));
            assertThat(read(copy.root(), "app/readme")).isEqualTo("# plain\n");
            assertThat(copy.omitted()).containsExactlyInAnyOrder("to-secret", "app/up");
        }
    }

    @Test
    void linksOutCreatedDuringTheRunAreFlagged() throws Exception {
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            Files.createSymbolicLink(copy.root().resolve("passwd"), Path.of("/etc/passwd"));
            assertThat(copy.files())
                    .filteredOn(f -> f.path().equals("passwd"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.flags()).containsExactly(FileFlag.SYMLINK_OUTSIDE);
                        assertThat(f.promptable()).isFalse();
                    });
        }
    }

    @Test
    void closeRemovesTheCopyAndItsSnapshot() throws Exception {
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        GitWorkingCopy copy = source.open(request(workspace));
        write(copy.root(), "README.md", "# changed\n");
        Handoff handoff = copy.handOff("Change");
        copy.close();
        copy.close();

        assertThat(copy.root()).doesNotExist();
        try (var left = Files.list(workspace)) {
            assertThat(left).containsExactly(handoff.patchFile());
        }
        assertThat(read(folder, "README.md")).isEqualTo("# plain\n");
    }

    @Test
    void attributesThatConvertLineEndingsDoNotChangeThePatchesBytes() throws Exception {
        write(folder, ".gitattributes", "*.txt text eol=crlf\n");
        Files.writeString(folder.resolve("crlf.txt"), "one\r\ntwo\r\n");
        GitSource source = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            Files.writeString(copy.root().resolve("crlf.txt"), "one\r\ntwo\r\nthree\r\n");
            Handoff handoff = copy.handOff("Add three");
            assertThat(handoff.patch()).contains(" two\r\n+three\r\n");
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
