package dev.agentloop.memory.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.spi.MemoryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of writes the database did not take, one JSON line each, forced to disk before {@link
 * #append} returns. Several processes may share one file: every access holds an exclusive file lock.
 */
public final class Spool {

    private final Path file;
    // Created on first use: the read-only history path counts the backlog without loading Jackson or starting
    // Logback (see PgVectorHistory), so neither is touched by the constructor or by backlog().
    private ObjectMapper json;

    public Spool(Path file) {
        this.file = file.toAbsolutePath();
    }

    /**
     * A spool file for a memory whose caller chose none: {@code <tmp>/agentloop-spool-<random>/<schema>.jsonl}. Nothing
     * is made on disk until a write has to wait for the database.
     */
    public static Path temporaryFile(String schema) {
        return Path.of(System.getProperty("java.io.tmpdir"), "agentloop-spool-" + UUID.randomUUID(), schema + ".jsonl")
                .toAbsolutePath();
    }

    /**
     * Removes a {@link #temporaryFile} and its folder when no write waits in it; a backlog stays where it is.
     *
     * @return true when nothing of it is left on disk
     */
    public synchronized boolean removeIfEmpty() {
        if (Files.exists(file) && backlog() > 0) {
            return false;
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
            return true;
        } catch (IOException e) {
            return false; // another file in the folder, or a racing writer: leave it
        }
    }

    private ObjectMapper json() {
        if (json == null) {
            json = Json.mapper();
        }
        return json;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends a write and forces it to disk.
     *
     * @throws MemoryException when the file cannot be written (then the write is truly lost, and the caller must know)
     */
    public synchronized void append(Write write) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (json().writeValueAsString(write) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    FileLock ignored = ch.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new MemoryException("cannot write the memory spool file " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many writes wait in the file. */
    public synchronized int backlog() {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            return readLines(ch).size();
        } catch (IOException e) {
            throw new MemoryException("cannot read the memory spool file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Receives spooled writes in order; throws to stop the replay (the rest stays spooled). */
    @FunctionalInterface
    public interface Consumer {
        void accept(Write write) throws Exception;
    }

    /**
     * Hands every spooled write to {@code consumer}, oldest first, then empties the file. When the consumer throws,
     * the writes not yet accepted stay in the file, in order, and the exception is rethrown. A line that cannot be
     * parsed (a torn last line after a crash) is logged and skipped.
     *
     * @return how many writes were replayed
     */
    public synchronized int replay(Consumer consumer) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            List<String> lines = readLines(ch);
            int done = 0;
            try {
                for (String line : lines) {
                    Write write;
                    try {
                        write = json().readValue(line, Write.class);
                    } catch (IOException e) {
                        LoggerFactory.getLogger(Spool.class)
                                .warn("Skipping an unreadable line of the memory spool {}: {}", file, e.getMessage());
                        done++;
                        continue;
                    }
                    consumer.accept(write);
                    done++;
                }
            } finally {
                rewrite(ch, lines.subList(done, lines.size()));
            }
            return done;
        }
    }

    private static List<String> readLines(FileChannel ch) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) ch.size());
        ch.position(0);
        while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
            // read all
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void rewrite(FileChannel ch, List<String> remaining) throws IOException {
        if (remaining.isEmpty()) {
            ch.truncate(0);
            ch.force(true);
            return;
        }
        // Never truncate the only copy of what is left: write it aside, then move it over the file.
        Path aside = file.resolveSibling(file.getFileName() + ".rest");
        StringBuilder rest = new StringBuilder();
        for (String line : remaining) {
            rest.append(line).append('\n');
        }
        try (FileChannel out = FileChannel.open(
                aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(rest.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(
                aside,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
