package dev.agentloop.core.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {

    @TempDir
    Path temp;

    Path root;
    ProjectFiles files;

    @BeforeEach
    void project() throws Exception {
        root = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(root.resolve("pkg"));
        Files.writeString(root.resolve("pkg/mod.py"), "import os\n\n\ndef parse(text):\n    return text.strip()\n");
        Files.write(root.resolve("pkg/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.write(root.resolve("big.txt"), new byte[(int) ProjectFiles.MAX_FILE_BYTES + 1]);
        Files.writeString(temp.resolve("secret.txt"), "outside\n");
        Files.createSymbolicLink(root.resolve("leak.txt"), temp.resolve("secret.txt"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]\n");
        files = new ProjectFiles(root);
    }

    @Test
    void listingMarksBinaryLargeAndLinkedFilesAndSkipsGit() {
        var listing = files.list("**", 100);
        assertThat(listing.entries())
                .extracting(ProjectFiles.Entry::render)
                .containsExactly(
                        "big.txt  (1048577 bytes, over 1 MB, not shown)",
                        "leak.txt  (symbolic link, not followed)",
                        "pkg/logo.png  (binary, not shown)",
                        "pkg/mod.py");
        assertThat(files.list("*.py", 100).entries())
                .extracting(ProjectFiles.Entry::path)
                .containsExactly("pkg/mod.py");
    }

    @Test
    void readingGivesNumberedLinesAndRefusesWhatIsNeverShown() {
        assertThat(files.read("pkg/mod.py", 4, 5))
                .isEqualTo("4| def parse(text):\n5|     return text.strip()\n" + "(lines 4-5 of 5)\n");
        assertThatThrownBy(() -> files.read("pkg/logo.png", 1, 0)).hasMessageContaining("binary");
        assertThatThrownBy(() -> files.read("big.txt", 1, 0)).hasMessageContaining("over the 1 MB limit");
        assertThatThrownBy(() -> files.read("leak.txt", 1, 0)).hasMessageContaining("links are not followed");
        assertThatThrownBy(() -> files.read("../secret.txt", 1, 0)).hasMessageContaining("outside the project");
        assertThatThrownBy(() -> files.read("/etc/passwd", 1, 0)).hasMessageContaining("outside the project");
        assertThatThrownBy(() -> files.read("pkg", 1, 0)).hasMessageContaining("it is a folder");
    }

    @Test
    void searchAnswersFileLineTextAndNeverLooksIntoLinksOrBinaries() {
        var result = files.search("def \\w+\\(", "**", 10);
        assertThat(result.hits()).containsExactly("pkg/mod.py:4: def parse(text):");
        assertThat(files.search("outside", "**", 10).hits()).isEmpty();
        assertThatThrownBy(() -> files.search("(", "**", 10)).hasMessageContaining("not a valid regular expression");
    }
}
