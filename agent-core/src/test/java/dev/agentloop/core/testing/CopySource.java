package dev.agentloop.core.testing;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.source.Source;
import dev.agentloop.core.source.WorkingCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A plain-folder source for core's tests: copies the folder, hands off the list of changed files. */
public final class CopySource implements Source {

    private final Path original;
    private final List<String> messages = new ArrayList<>();
    private final List<Path> copies = new ArrayList<>();

    public CopySource(Path original) {
        this.original = original;
    }

    /** The commit messages handed off, in order. */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** The copies made, in order. */
    public synchronized List<Path> copies() {
        return List.copyOf(copies);
    }

    @Override
    public String describe() {
        return "folder " + original;
    }

    @Override
    public synchronized WorkingCopy open(CopyRequest request) {
        Path copy = request.folder();
        copyTree(original, copy);
        copies.add(copy);
        return new WorkingCopy() {
            @Override
            public Path root() {
                return copy;
            }

            @Override
            public RepositoryInfo repository() {
                return new RepositoryInfo("fixture", original.toString(), "", "", "");
            }

            @Override
            public Handoff handOff(String message) {
                synchronized (CopySource.this) {
                    messages.add(message);
                }
                List<String> changed = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(copy)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String rel = copy.relativize(p).toString();
                        Path before = original.resolve(rel);
                        if (!Files.exists(before) || !Files.readString(before).equals(Files.readString(p))) {
                            changed.add(rel);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Handoff(
                        Optional.empty(),
                        "",
                        copy.resolveSibling("fixture.patch"),
                        "",
                        changed,
                        changed.size() + " files");
            }

            @Override
            public Optional<String> baseContent(String path) {
                Path file = original.resolve(path).normalize();
                try {
                    return file.startsWith(original) && Files.isRegularFile(file)
                            ? Optional.of(Files.readString(file))
                            : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void close() {
                delete(copy);
            }
        };
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
