package dev.agentloop.cli.batch;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gold patch applied to an empty folder: the files it creates, for a greenfield instance, where every file of the
 * patch must come from {@code /dev/null}.
 */
final class GoldPatch {

    private static final String DEV_NULL = "/dev/null";

    private GoldPatch() {}

    /**
     * @return workspace path → content of every file the patch creates, in patch order
     * @throws IllegalArgumentException with the reason the patch does not apply to an empty folder
     */
    static Map<String, String> filesCreated(String patch) {
        UnifiedDiff diff;
        try {
            diff = UnifiedDiffReader.parseUnifiedDiff(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("it is not a unified diff (" + e.getMessage() + ")", e);
        }
        if (diff.getFiles().isEmpty()) {
            throw new IllegalArgumentException("it holds no file diff (expected '--- /dev/null' and '+++ b/<path>')");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (UnifiedDiffFile file : diff.getFiles()) {
            String target = strip(Optional.ofNullable(file.getToFile()).orElse(""));
            if (!DEV_NULL.equals(file.getFromFile())) {
                throw new IllegalArgumentException("it changes " + strip(file.getFromFile())
                        + ", which does not exist in a task's empty folder (a new file comes from /dev/null)");
            }
            if (target.isEmpty() || DEV_NULL.equals(target) || !inside(target)) {
                throw new IllegalArgumentException(
                        "it creates '" + target + "', which is not a relative path inside" + " the workspace");
            }
            List<String> lines;
            try {
                lines = DiffUtils.patch(new ArrayList<>(), file.getPatch());
            } catch (PatchFailedException e) {
                throw new IllegalArgumentException(
                        "its hunks for " + target + " do not apply (" + e.getMessage() + ")");
            }
            String content = String.join("\n", lines);
            if (!lines.isEmpty() && !endsWithoutNewline(patch, target)) {
                content += "\n";
            }
            if (files.putIfAbsent(target, content) != null) {
                throw new IllegalArgumentException("it creates " + target + " twice");
            }
        }
        return files;
    }

    /** Strips git's {@code a/} and {@code b/} prefixes. */
    private static String strip(String path) {
        return path.startsWith("a/") || path.startsWith("b/") ? path.substring(2) : path;
    }

    private static boolean inside(String path) {
        try {
            Path p = Path.of(path).normalize();
            return !p.isAbsolute() && !p.startsWith("..");
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The diff marks the file's last line "\ No newline at end of file" (the reader drops the marker). */
    private static boolean endsWithoutNewline(String patch, String target) {
        int start = patch.indexOf("+++ b/" + target + "\n");
        if (start < 0) {
            start = patch.indexOf("+++ " + target + "\n");
        }
        if (start < 0) {
            return false;
        }
        int next = patch.indexOf("\n--- ", start);
        String section = next < 0 ? patch.substring(start) : patch.substring(start, next);
        return section.contains("\n\\ No newline at end of file");
    }
}
