package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentProbeTest {

    @Test
    void saysTheVersionAndThePackagesSortedOnce() {
        assertThat(EnvironmentProbe.describe("Python 3.11.2\nrequests 2.28.1\nattrs 22.2.0\nrequests 2.28.1\n"))
                .isEqualTo("Python 3.11.2; installed packages: attrs 22.2.0, requests 2.28.1");
    }

    @Test
    void namesTheTestFrameworksFirstSoTheCapNeverHidesThem() {
        StringBuilder out = new StringBuilder("Python 3.11.7\n");
        for (int i = 0; i < EnvironmentProbe.MAX_PACKAGES + 20; i++) {
            out.append(String.format("aaa%03d 1.0%n", i));
        }
        out.append("pytest 7.2.1\nzope.interface 6.0\nhypothesis 6.1.0\n");

        assertThat(EnvironmentProbe.describe(out.toString()))
                .startsWith("Python 3.11.7; installed packages: hypothesis 6.1.0, pytest 7.2.1, aaa000 1.0")
                .doesNotContain("zope")
                .endsWith(" and 23 more");
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
