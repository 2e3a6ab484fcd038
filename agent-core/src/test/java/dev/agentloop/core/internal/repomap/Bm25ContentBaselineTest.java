package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bm25ContentBaselineTest {

    @TempDir
    Path root;

    @Test
    void ranksTheFileWhoseContentSharesTheRarestTermsFirst() throws IOException {
        Files.writeString(root.resolve("a.py"), "def parse_header(line):\n    return line.split(':')\n");
        Files.writeString(root.resolve("b.py"), "def render(page):\n    return page\n");
        Files.writeString(root.resolve("c.py"), "def render_header(page):\n    return page\n");

        Bm25ContentBaseline baseline = Bm25ContentBaseline.of(root, List.of("a.py", "b.py", "c.py"));

        assertThat(baseline.rank("parse_header splits the line wrongly")).containsExactly("a.py", "c.py", "b.py");
        assertThat(baseline.rank("nothing in common")).containsExactly("a.py", "b.py", "c.py");
    }
}
