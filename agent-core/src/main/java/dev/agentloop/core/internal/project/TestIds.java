package dev.agentloop.core.internal.project;

import dev.agentloop.core.spi.TestCaseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test identities across the two ways tests are named: the runner's report (pytest's JUnit XML has
 * {@code classname="tests.test_x.TestC"}, {@code name="test_y"}) and the ids people and pytest's command line use
 * ({@code tests/test_x.py::TestC::test_y}). A <em>key</em> is {@code module.Class::name}, the form both map to.
 */
public final class TestIds {

    private TestIds() {}

    /** The key of a reported case. */
    public static String key(TestCaseResult c) {
        return c.suite().isEmpty() ? c.name() : c.suite() + "::" + c.name();
    }

    /** The key of a command-line test id ({@code path/to/test_x.py::Class::name}); the id itself when not one. */
    public static String keyOfId(String id) {
        String[] parts = id.strip().split("::");
        if (parts.length < 2 || !parts[0].endsWith(".py")) {
            return id.strip();
        }
        String module =
                parts[0].substring(0, parts[0].length() - 3).replace('/', '.').replace('\\', '.');
        StringBuilder suite = new StringBuilder(module);
        for (int i = 1; i < parts.length - 1; i++) {
            suite.append('.').append(parts[i]);
        }
        return suite + "::" + parts[parts.length - 1];
    }

    /**
     * The command-line id of a reported pytest case, found by looking for the module's file under {@code root}
     * ({@code tests.test_x.TestC} → {@code tests/test_x.py::TestC}).
     */
    public static Optional<String> pytestId(Path root, TestCaseResult c) {
        if (c.suite().isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(Arrays.asList(c.suite().split("\\.")));
        for (int split = parts.size(); split >= 1; split--) {
            String file = String.join("/", parts.subList(0, split)) + ".py";
            if (Files.isRegularFile(root.resolve(file))) {
                StringBuilder id = new StringBuilder(file);
                for (String cls : parts.subList(split, parts.size())) {
                    id.append("::").append(cls);
                }
                return Optional.of(id.append("::").append(c.name()).toString());
            }
        }
        return Optional.empty();
    }
}
