package dev.agentloop.cli.command;

import dev.agentloop.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The acceptance tests of {@code agent run --tests FILE...}: read from the user's files, placed in the workspace at
 * the relative path given (a path that is absolute or climbs out with {@code ..} keeps only its file name). The
 * user's files are only read.
 */
final class GivenTests {

    private GivenTests() {}

    /**
     * @param files the paths as the user typed them
     * @param resolve turns a typed path into the file to read
     * @return workspace path → content, in the order given
     * @throws CliException (exit 2) naming the file that is missing, unreadable, empty or placed twice
     */
    static Map<String, String> read(List<Path> files, UnaryOperator<Path> resolve) {
        Map<String, String> tests = new LinkedHashMap<>();
        for (Path typed : files) {
            Path file = resolve.apply(typed);
            if (!Files.isRegularFile(file)) {
                throw CliException.usage("--tests " + typed + ": no such file.");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("--tests " + typed + " cannot be read (" + e.getMessage() + ").");
            }
            if (content.isBlank()) {
                throw CliException.usage("--tests " + typed + " is empty: give a file with tests.");
            }
            String place = placeOf(typed);
            if (tests.putIfAbsent(place, content) != null) {
                throw CliException.usage(
                        "--tests: two files would both be " + place + " in the workspace; rename" + " one of them.");
            }
        }
        return tests;
    }

    private static String placeOf(Path typed) {
        Path normal = typed.normalize();
        if (typed.isAbsolute() || normal.startsWith("..") || normal.toString().isEmpty()) {
            return typed.getFileName().toString();
        }
        return normal.toString().replace('\\', '/');
    }
}
