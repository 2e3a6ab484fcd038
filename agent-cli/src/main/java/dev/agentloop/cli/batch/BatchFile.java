package dev.agentloop.cli.batch;

import dev.agentloop.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch file read whole: its instances and, per bad line, the problem. A bad line never stops the others.
 *
 * @param path the file, absolute
 * @param sha256 the hash of its bytes, which names it in {@code batch.json}
 * @param instances the good lines, in file order
 * @param invalid the bad lines, in file order
 */
public record BatchFile(
        Path path, String sha256, List<BatchInstance> instances, List<InvalidInstanceException> invalid) {

    public BatchFile {
        instances = List.copyOf(instances);
        invalid = List.copyOf(invalid);
    }

    /**
     * Reads and parses a batch file (JSON Lines; blank lines are skipped).
     *
     * @throws CliException (exit 2) when the file cannot be read or holds no line at all
     */
    public static BatchFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw CliException.usage("The batch file " + file + " does not exist.");
        } catch (IOException e) {
            throw CliException.usage("The batch file " + file + " cannot be read (" + e.getMessage() + ").");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<BatchInstance> instances = new ArrayList<>();
        List<InvalidInstanceException> invalid = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                BatchInstance instance = InstanceParser.parse(line, number);
                Integer first = seen.putIfAbsent(instance.id(), number);
                if (first != null) {
                    throw InvalidInstanceException.of(
                            instance, "the id " + instance.id() + " is already used on line " + first + ".");
                }
                instances.add(instance);
            } catch (InvalidInstanceException e) {
                invalid.add(e);
            }
        }
        if (instances.isEmpty() && invalid.isEmpty()) {
            throw CliException.usage("The batch file " + file + " holds no task: give one JSON object per line"
                    + " (format: docs/benchmarks.md, section \"batch\").");
        }
        return new BatchFile(file.toAbsolutePath().normalize(), sha256(bytes), instances, invalid);
    }

    /** Finds an instance by id. */
    public Optional<BatchInstance> instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
