package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PathLookupTest {

    private final PathLookup lookup = new PathLookup(
            Arrays.asList("pkg/b.py", "util.py", null, "other/util.py", "src/lib/b.py", "json/decoder.py"));

    @Test
    void findsRelativeAbsoluteAndUrlForms() {
        assertThat(lookup.find("pkg/b.py")).isZero();
        assertThat(lookup.find("./pkg/b.py")).isZero();
        assertThat(lookup.find("/workspace/pkg/b.py")).isZero();
        assertThat(lookup.find("file:///home/ci/checkout/pkg/b.py")).isZero();
        assertThat(lookup.find("C:\\work\\pkg\\b.py")).isZero();
    }

    @Test
    void aLongerSharedTailWinsAndATieFindsNothing() {
        assertThat(lookup.find("/ci/src/lib/b.py")).isEqualTo(4);
        assertThat(lookup.find("/ci/elsewhere/b.py")).isEqualTo(-1);
        assertThat(lookup.find("/usr/lib/python3.11/json/decoder.py")).isEqualTo(5);
    }

    @Test
    void aRootFileIsNotTakenForAnInstalledModuleOfTheSameName() {
        assertThat(lookup.find("util.py")).isEqualTo(1);
        assertThat(lookup.find("/home/ci/checkout/util.py")).isEqualTo(1);
        assertThat(lookup.find("/usr/lib/python3/dist-packages/util.py")).isEqualTo(-1);
        assertThat(lookup.find("missing.py")).isEqualTo(-1);
    }
}
