package dev.agentloop.core.internal.project;

import dev.agentloop.core.Language;
import dev.agentloop.core.TestTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the oracle honest: an edit that deletes or changes a line of a test file that existed before the task (its
 * assertions, its test functions) is refused with the reason, unless the task asks for test changes. Adding lines
 * and adding new test files is always fine. Acceptance tests the user gave may not change at all.
 */
public final class TestGuard {

    private static final Set<String> TEST_DIRS = Set.of("tests", "test", "testing", "__tests__", "spec");

    private final Language language;
    private final TestTargets targets;
    private final Map<String, String> baseContent = new HashMap<>();

    public TestGuard(Language language, TestTargets targets) {
        this.language = language;
        this.targets = targets;
    }

    /** True when the path names a test file by the language's conventions. */
    public boolean isTestFile(String path) {
        String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        String name = p.substring(p.lastIndexOf('/') + 1);
        boolean byName = switch (language) {
            case PYTHON ->
                (name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py"))
                        && name.endsWith(".py");
            case JAVASCRIPT -> name.matches(".*\\.(test|spec)\\.[cm]?[jt]s");
            case JAVA -> name.endsWith("test.java") || name.endsWith("tests.java");
        };
        if (byName) {
            return true;
        }
        String[] parts = p.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRS.contains(parts[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks one file's change.
     *
     * @param path the file, relative to the root
     * @param existedBefore the file was there before the run's first edit of it
     * @param before its content before this edit
     * @param after its content after this edit; null when the edit deletes it
     * @return the refusal, a sentence for the model, or empty when the change is allowed
     */
    public Optional<String> check(String path, boolean existedBefore, String before, String after) {
        if (targets.given().containsKey(path)) {
            return Optional.of("The edit to " + path + " was refused: it is one of the task's acceptance tests, which"
                    + " may be read but not changed. Change the code under test instead.");
        }
        if (targets.allowTestChanges() || !isTestFile(path)) {
            return Optional.empty();
        }
        String base = baseContent.computeIfAbsent(path, p -> existedBefore ? before : null);
        if (base == null) {
            return Optional.empty();
        }
        if (after == null) {
            return Optional.of("The edit deleting " + path + " was refused: it is a test that existed before the task,"
                    + " and existing tests may not be weakened. Change the code under test instead.");
        }
        List<String> removed = removedLines(base, after);
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The edit to " + path + " was refused: it removes or changes " + removed.size()
                + " line(s) of a test that existed before the task (e.g. '" + removed.get(0)
                + "'), and existing tests may not be weakened. Adding tests is fine; change the code under test"
                + " to make the tests pass.");
    }

    /** Non-blank lines of {@code before} that {@code after} no longer has (counted, so a duplicate line counts). */
    static List<String> removedLines(String before, String after) {
        Map<String, Integer> kept = new HashMap<>();
        for (String line : after.split("\n", -1)) {
            kept.merge(line.strip(), 1, Integer::sum);
        }
        List<String> removed = new ArrayList<>();
        for (String line : before.split("\n", -1)) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            Integer n = kept.get(s);
            if (n == null || n == 0) {
                removed.add(s.length() > 120 ? s.substring(0, 119) + "…" : s);
            } else {
                kept.put(s, n - 1);
            }
        }
        return removed;
    }
}
