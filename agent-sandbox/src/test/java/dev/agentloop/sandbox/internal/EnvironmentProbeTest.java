package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentProbeTest {

    @Test
    void saysTheVersionAndThePackagesSortedOnce() {
        assertThat(EnvironmentProbe.describe("Python 3.11.2\npytest 7.2.1\nattrs 22.2.0\npytest 7.2.1\n"))
                .isEqualTo("Python 3.11.2; installed packages: attrs 22.2.0, pytest 7.2.1");
    }

    @Test
    void withoutPackagesSaysStandardLibraryOnly() {
        assertThat(EnvironmentProbe.describe("Node.js 18.19.0\n")).isEqualTo("Node.js 18.19.0 (standard library only)");
    }

    @Test
    void countsThePackagesPastTheCap() {
        StringBuilder out = new StringBuilder("Node.js 18.19.0\n");
        for (int i = 0; i < EnvironmentProbe.MAX_PACKAGES + 5; i++) {
            out.append(String.format("pkg%03d%n", i));
        }

        assertThat(EnvironmentProbe.describe(out.toString())).endsWith("pkg039 and 5 more");
    }

    @Test
    void nothingAtAllIsEmpty() {
        assertThat(EnvironmentProbe.describe("\n\n")).isEmpty();
    }
}
