package dev.agentloop.cli.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds lines of a batch file for tests. */
public final class BatchLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchLines() {}

    /** A unified diff creating {@code path} with {@code content} (which ends with a newline). */
    public static String creation(String path, String content) {
        List<String> lines = content.lines().toList();
        StringBuilder s = new StringBuilder("--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.size() + " @@\n");
        lines.forEach(l -> s.append('+').append(l).append('\n'));
        return s.toString();
    }

    /**
     * A greenfield Python task whose gold patch writes {@code solution.py} holding {@code answer}, judged by a hidden
     * test that only the right answer passes in {@link FakeBackends}' sandbox.
     */
    public static ObjectNode task(String id, String answer) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("language", "python");
        n.put("project", "demo");
        n.put("task", "Write solution.py with answer() for " + id + ".");
        n.putObject("hidden_tests")
                .put(
                        "test_hidden.py",
                        "# " + FakeBackends.REQUIRES_RIGHT + "\nfrom solution import answer\n\n\n"
                                + "def test_secret_expectation_" + id.replace('/', '_') + "():\n"
                                + "    assert answer() == 'RIGHT'\n");
        n.put("gold_patch", creation("solution.py", "def answer():\n    return '" + answer + "'\n"));
        return n;
    }

    /** The lines as a file's text. */
    public static String file(List<?> lines) {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        return s.toString();
    }
}
