package dev.agentloop.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import dev.agentloop.core.Language;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A gold patch for an existing project turned into the turns a careful developer's model would take in repository
 * mode: search for the changed line, read the code around it, replace exactly what the patch changes (each snippet
 * grown with its neighbouring lines until it is unique in the file), run the failing tests, and answer. It is how a
 * scripted model repairs a repobench instance through actions, and how {@code --gold} proves an instance and the
 * whole action pipeline without a model.
 */
public final class GoldRepair {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldRepair() {}

    /**
     * The coder's turns, each a scripted reply ({@code {"$tool_calls": [...]}} or the final JSON answer).
     *
     * @param patch the gold patch, a unified diff relative to the project's root
     * @param readFile the content of a file of the project at the base, by relative path
     * @param language the project's language (picks how the failing tests are run)
     * @param failingTests the tests that fail at the base, as the runner names them
     * @param testCommand the project's test command, when it has its own; empty for the language's runner
     * @throws IllegalArgumentException with the reason when the patch cannot be read or does not fit the files
     */
    public static List<String> turns(
            String patch,
            Function<String, String> readFile,
            Language language,
            List<String> failingTests,
            String testCommand) {
        Map<String, List<Replacement>> replacements = replacements(patch, readFile);
        List<String> turns = new ArrayList<>();
        Replacement first = replacements.values().iterator().next().get(0);
        String probe = first.firstChangedLine().strip();
        if (!probe.isEmpty()) {
            turns.add(tool("search", Map.of("pattern", Pattern.quote(probe))));
        }
        for (Map.Entry<String, List<Replacement>> file : replacements.entrySet()) {
            Replacement r = file.getValue().get(0);
            turns.add(tool(
                    "read_file",
                    Map.of(
                            "path", file.getKey(),
                            "start_line", Math.max(1, r.line() - 10),
                            "end_line", r.line() + 10)));
            for (Replacement each : file.getValue()) {
                turns.add(tool(
                        "replace_text",
                        Map.of("path", file.getKey(), "search", each.search(), "replace", each.replace())));
            }
        }
        turns.add(tool("run_command", Map.of("command", testRun(language, failingTests, testCommand))));
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("edits");
        answer.put("notes", "changed " + String.join(", ", replacements.keySet()) + " as the failing tests showed");
        turns.add(answer.toString());
        return turns;
    }

    /** The script file's JSON for {@code agent run --model-script}: the coder's turns. */
    public static String script(String description, List<String> turns) {
        ObjectNode root = JSON.createObjectNode().put("description", description);
        var coder = root.putObject("responses").putArray("coder");
        for (String turn : turns) {
            try {
                coder.add(JSON.readTree(turn));
            } catch (IOException e) {
                throw new IllegalStateException("a turn is not JSON: " + turn, e);
            }
        }
        return root.toString();
    }

    private static String testRun(Language language, List<String> failingTests, String testCommand) {
        if (language == Language.PYTHON && !failingTests.isEmpty()) {
            List<String> ids = failingTests.subList(0, Math.min(20, failingTests.size()));
            return "python3 -m pytest -q -p no:cacheprovider "
                    + String.join(" ", ids.stream().map(GoldRepair::quote).toList());
        }
        return testCommand.isBlank() ? (language == Language.JAVASCRIPT ? "node --test" : "true") : testCommand;
    }

    private static String quote(String s) {
        return s.matches("[\\w@%+=:,./\\[\\]-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** One exact replacement in a file: where it starts (1-based), the old text and the new. */
    record Replacement(int line, String search, String replace, String firstChangedLine) {}

    static Map<String, List<Replacement>> replacements(String patch, Function<String, String> readFile) {
        UnifiedDiff diff;
        try {
            diff = UnifiedDiffReader.parseUnifiedDiff(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the gold patch is not a unified diff (" + e.getMessage() + ")", e);
        }
        Map<String, List<Replacement>> out = new LinkedHashMap<>();
        for (UnifiedDiffFile file : diff.getFiles()) {
            String path = strip(file.getFromFile());
            if (path.equals("/dev/null")) {
                throw new IllegalArgumentException("the gold patch creates " + strip(file.getToFile())
                        + "; only changes to existing files are turned into actions");
            }
            String content = readFile.apply(path);
            List<String> lines = content.lines().toList();
            List<Replacement> list = new ArrayList<>();
            for (AbstractDelta<String> delta : file.getPatch().getDeltas()) {
                list.add(unique(path, content, lines, delta));
            }
            if (!list.isEmpty()) {
                out.put(path, list);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the gold patch changes nothing");
        }
        return out;
    }

    /** The delta's old and new lines, grown with the file's neighbouring lines until the old text occurs once. */
    private static Replacement unique(String path, String content, List<String> lines, AbstractDelta<String> delta) {
        int at = delta.getSource().getPosition();
        List<String> old = delta.getSource().getLines();
        List<String> replacement = delta.getTarget().getLines();
        String changed = firstChange(old, replacement);
        for (int grow = 0; grow <= lines.size(); grow++) {
            int from = Math.max(0, at - grow);
            int to = Math.min(lines.size(), at + old.size() + grow);
            if (!old.isEmpty() || grow > 0) {
                List<String> before = lines.subList(from, at);
                List<String> after = lines.subList(Math.min(at + old.size(), lines.size()), to);
                String search = join(before, old, after);
                if (!search.isBlank() && count(content, search) == 1) {
                    return new Replacement(at + 1, search, join(before, replacement, after), changed);
                }
            }
        }
        throw new IllegalArgumentException(
                "the change at " + path + ":" + (at + 1) + " cannot be told apart in the file");
    }

    /** The first old line the new lines do not keep (a hunk's delta may carry its context lines). */
    private static String firstChange(List<String> old, List<String> replacement) {
        for (int i = 0; i < old.size(); i++) {
            if (i >= replacement.size() || !old.get(i).equals(replacement.get(i))) {
                return old.get(i).isBlank() && i + 1 < old.size() ? old.get(i + 1) : old.get(i);
            }
        }
        return replacement.size() > old.size() ? replacement.get(old.size()) : "";
    }

    private static String join(List<String> before, List<String> middle, List<String> after) {
        List<String> all = new ArrayList<>(before);
        all.addAll(middle);
        all.addAll(after);
        return String.join("\n", all);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String strip(String path) {
        return path != null && (path.startsWith("a/") || path.startsWith("b/"))
                ? path.substring(2)
                : String.valueOf(path);
    }

    private static String tool(String name, Map<String, Object> arguments) {
        ObjectNode call = JSON.createObjectNode().put("name", name);
        call.set("arguments", JSON.valueToTree(arguments));
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("$tool_calls").add(call);
        return reply.toString();
    }
}
