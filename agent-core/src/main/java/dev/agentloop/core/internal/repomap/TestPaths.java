package dev.agentloop.core.internal.repomap;

import java.util.Locale;

/**
 * Whether a path is a test by the usual conventions: a {@code test}/{@code tests}/{@code __tests__}/{@code spec}
 * folder, {@code test_x.py}, {@code x_test.py}, {@code conftest.py}, {@code x.test.js}, {@code x.spec.js}.
 */
final class TestPaths {

    private TestPaths() {}

    static boolean isTest(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String[] parts = lower.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String dir = parts[i];
            if (dir.equals("test")
                    || dir.equals("tests")
                    || dir.equals("__tests__")
                    || dir.equals("spec")
                    || dir.equals("testing")
                    || dir.endsWith("_test")
                    || dir.endsWith("_tests")) {
                return true;
            }
        }
        String name = parts[parts.length - 1];
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return stem.startsWith("test_")
                || stem.endsWith("_test")
                || stem.equals("conftest")
                || stem.equals("test")
                || name.contains(".test.")
                || name.contains(".spec.");
    }
}
