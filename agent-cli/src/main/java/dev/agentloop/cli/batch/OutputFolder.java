package dev.agentloop.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch's output folder: {@code batch.json} (which batch file it belongs to), {@code results.jsonl} (one line per
 * finished instance, each written and forced to disk before the next, so a killed batch leaves at most a torn last
 * line, which {@code --resume} drops), and {@code summary.json} / {@code report.html} (replaced whole, atomically).
 */
public final class OutputFolder implements AutoCloseable {

    static final String BATCH_JSON = "batch.json";
    static final String RESULTS = "results.jsonl";
    static final String SUMMARY = "summary.json";
    static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<TaskResult> previous;
    private final Optional<String> repair;
    private final FileChannel results;

    private OutputFolder(Path dir, List<TaskResult> previous, Optional<String> repair, FileChannel results) {
        this.dir = dir;
        this.previous = List.copyOf(previous);
        this.repair = repair;
        this.results = results;
    }

    /**
     * Opens (or makes) the folder for a batch file.
     *
     * @param resume go on in a folder that already holds results, also of another version of the batch file
     * @throws CliException (exit 2) when the folder belongs to another batch file or already holds results and
     *     {@code resume} is false, when it is a file or holds other files, or when a result line in the middle of
     *     {@code results.jsonl} is not a result
     */
    public static OutputFolder open(Path dir, BatchFile file, boolean resume, Instant now) {
        Path out = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw CliException.usage("--out " + dir + " is a file; give a folder for the results.");
            }
            Files.createDirectories(out);
            Path batchJson = out.resolve(BATCH_JSON);
            Path resultsFile = out.resolve(RESULTS);
            if (Files.exists(batchJson)) {
                JsonNode recorded = JSON.readTree(Files.readString(batchJson));
                String input = recorded.path("input").asText("");
                String hash = recorded.path("sha256").asText("");
                boolean same = input.equals(file.path().toString()) && hash.equals(file.sha256());
                if (!same && !resume) {
                    throw CliException.usage("--out " + dir + " holds the results of another batch file (" + input
                            + (input.equals(file.path().toString()) ? ", since changed" : "")
                            + "); give another --out, or add --resume to go on there with this file.");
                }
            } else if (!isEmptyFolder(out)) {
                throw CliException.usage("--out " + dir + " is not empty and holds no " + BATCH_JSON
                        + "; give a new or empty folder for the results.");
            }
            Parsed parsed = readResults(resultsFile);
            if (!parsed.results.isEmpty() && !resume) {
                throw CliException.usage("--out " + dir + " already holds " + parsed.results.size() + " result(s) of"
                        + " this batch; add --resume to run only the instances not finished yet, or give another"
                        + " --out.");
            }
            if (parsed.repair.isPresent()) {
                try (FileChannel channel = FileChannel.open(resultsFile, StandardOpenOption.WRITE)) {
                    channel.truncate(parsed.keepBytes);
                    channel.force(true);
                }
            }
            writeBatchJson(batchJson, file, now);
            FileChannel channel = FileChannel.open(
                    resultsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new OutputFolder(out, parsed.results, parsed.repair, channel);
        } catch (IOException e) {
            throw CliException.usage("--out " + dir + " cannot be used (" + e.getMessage() + ").");
        }
    }

    /** The finished results, and how much of the file to keep when its last line is torn. */
    private record Parsed(List<TaskResult> results, Optional<String> repair, long keepBytes) {}

    /** Reads the finished results and finds a torn last line (a batch killed while writing it). */
    private static Parsed readResults(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Parsed(List.of(), Optional.empty(), 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        Optional<String> repair = Optional.empty();
        String whole = new String(bytes, 0, end, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(whole.lines().toList());
        int keep = end;
        if (end < bytes.length) {
            repair = Optional.of("dropped a torn last line of " + RESULTS + " (" + (bytes.length - end)
                    + " bytes, left by a batch that was killed while writing it); that instance runs again");
        } else if (!lines.isEmpty() && !parses(lines.get(lines.size() - 1))) {
            // a complete but unreadable last line is what a crash between write and newline can leave, too
            String last = lines.remove(lines.size() - 1);
            keep = end - last.getBytes(StandardCharsets.UTF_8).length - 1;
            repair = Optional.of("dropped an unreadable last line of " + RESULTS + "; that instance runs again");
        }
        Map<TaskResult.ResultKey, TaskResult> results = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            TaskResult r;
            try {
                r = ResultCodec.read(line);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(file + " line " + (i + 1) + " is not a batch result (" + e.getMessage()
                        + "); remove or fix that line, then run again.");
            }
            results.putIfAbsent(r.key(), r);
        }
        return new Parsed(new ArrayList<>(results.values()), repair, Math.max(0, keep));
    }

    private static boolean parses(String line) {
        try {
            ResultCodec.read(line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void writeBatchJson(Path file, BatchFile batch, Instant now) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        String created = now.toString();
        if (Files.exists(file)) {
            created = JSON.readTree(Files.readString(file)).path("created_at").asText(created);
        }
        n.put("input", batch.path().toString());
        n.put("sha256", batch.sha256());
        n.put("created_at", created);
        n.put("updated_at", now.toString());
        replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    /** The results earlier runs of this folder finished, one per instance and memory mode. */
    public List<TaskResult> previous() {
        return previous;
    }

    /** What was repaired when the folder was opened (a torn last line), if anything. */
    public Optional<String> repair() {
        return repair;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends one result line and forces it to disk before returning.
     *
     * @throws UncheckedIOException when the line cannot be written
     */
    public synchronized void append(TaskResult result) {
        ByteBuffer buffer = ByteBuffer.wrap((ResultCodec.write(result) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buffer.hasRemaining()) {
                results.write(buffer);
            }
            results.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir.resolve(RESULTS) + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code summary.json}. */
    public void writeSummary(String json) {
        write(SUMMARY, json);
    }

    /** Replaces {@code report.html}. */
    public void writeReport(String html) {
        write(REPORT, html);
    }

    private synchronized void write(String name, String text) {
        try {
            replace(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes a sibling temporary file and moves it over the target, so readers never see half a file. */
    private static void replace(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public synchronized void close() {
        try {
            results.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
