package dev.agentloop.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Real git repositories and folders for tests, made with the git command line, and fingerprints of their state. */
final class TestRepos {

    private TestRepos() {}

    /** Runs git in {@code dir} with a test identity and no global configuration; fails the test on a non-zero exit. */
    static String git(Path dir, String... args) {
        Result result = tryGit(dir, args);
        assertThat(result.exit)
                .as("git %s in %s: %s", List.of(args), dir, result.err)
                .isZero();
        return result.out;
    }

    record Result(int exit, String out, String err) {}

    static Result tryGit(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Test User");
        env.put("GIT_AUTHOR_EMAIL", "test@example.org");
        env.put("GIT_COMMITTER_NAME", "Test User");
        env.put("GIT_COMMITTER_EMAIL", "test@example.org");
        env.put("LC_ALL", "C");
        // Never let a status refresh rewrite the index: the tests compare its bytes.
        env.put("GIT_OPTIONAL_LOCKS", "0");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(process.getErrorStream(), err));
            drain.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(2, TimeUnit.MINUTES);
            drain.join();
            return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new repository in {@code dir} with {@code files} (path → content) in one commit on branch main. */
    static Path repo(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(dir, "init", "-q", "-b", "main");
        write(dir, files);
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "first");
        return dir;
    }

    /** Writes the files and commits them all; returns the new commit. */
    static String commit(Path repo, Map<String, String> files, String message) {
        write(repo, files);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
        return head(repo);
    }

    static String head(Path repo) {
        return git(repo, "rev-parse", "HEAD").strip();
    }

    static void write(Path root, Map<String, String> files) {
        files.forEach((path, content) -> write(root, path, content));
    }

    static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything a person could see changed in a repository or folder: each file's (and link's) content hash outside
     * {@code .git}, and for a repository its status, HEAD, HEAD's target and the index file's bytes.
     */
    static Map<String, String> fingerprint(Path root) {
        Map<String, String> print = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.getFileName().toString().equals(".git")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    print.put("dir " + root.relativize(dir), "");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String key = "file " + root.relativize(file);
                    if (attrs.isSymbolicLink()) {
                        print.put(key, "-> " + Files.readSymbolicLink(file));
                    } else {
                        print.put(key, sha(Files.readAllBytes(file)) + " " + Files.isExecutable(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Path gitDir = root.resolve(".git");
            if (Files.isDirectory(gitDir)) {
                print.put("status", git(root, "status", "--porcelain", "--untracked-files=all", "--ignored"));
                print.put("HEAD file", Files.readString(gitDir.resolve("HEAD")));
                print.put("HEAD", git(root, "rev-parse", "HEAD"));
                print.put("index", sha(Files.readAllBytes(gitDir.resolve("index"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return print;
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request for a copy in {@code workspace}, named after a random task id as the loop names it. */
    static dev.agentloop.core.source.CopyRequest request(Path workspace) {
        UUID id = UUID.randomUUID();
        return new dev.agentloop.core.source.CopyRequest(id, workspace.resolve(id.toString()), "Fix the parser");
    }

    /** The worktree folders git lists for {@code repo}, the main one included. */
    static List<Path> worktrees(Path repo) {
        List<Path> paths = new ArrayList<>();
        for (String line : git(repo, "worktree", "list", "--porcelain").split("\n")) {
            if (line.startsWith("worktree ")) {
                paths.add(Path.of(line.substring("worktree ".length())));
            }
        }
        return paths;
    }
}
