package dev.agentloop.core.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path temp;

    private Workspace workspace() {
        return new Workspace(temp.resolve("ws"));
    }

    @Test
    void writesWholeFilesAndKeepsEachEditAsADiff() throws IOException {
        Workspace ws = workspace();

        ws.apply(List.of(new Edit.WriteFile("pkg/solution.py", "x = 1\n")));
        ws.apply(List.of(new Edit.WriteFile("pkg/solution.py", "x = 2\n")));

        assertThat(Files.readString(ws.root().resolve("pkg/solution.py"))).isEqualTo("x = 2\n");
        assertThat(ws.history()).hasSize(2);
        assertThat(ws.history().get(0).diff()).contains("--- /dev/null", "+x = 1");
        assertThat(ws.history().get(1).diff()).contains("-x = 1", "+x = 2");
    }

    @Test
    void aRewriteWithShorterContentLeavesNothingOfTheOldFileOnDisk() throws IOException {
        Files.createDirectories(temp.resolve("ws"));
        Files.writeString(temp.resolve("ws/solution.py"), "left over from an earlier run\n".repeat(100));
        Workspace ws = workspace();

        ws.apply(List.of(new Edit.WriteFile("solution.py", "x = 1\n# a longer first version\n")));
        ws.apply(List.of(new Edit.WriteFile("solution.py", "x = 2\n")));
        ws.apply(List.of(new Edit.WriteFile("empty.py", "y = 1\n")));
        ws.apply(List.of(new Edit.WriteFile("empty.py", "")));

        assertThat(Files.readString(ws.root().resolve("solution.py"))).isEqualTo("x = 2\n");
        assertThat(Files.size(ws.root().resolve("empty.py"))).isZero();
    }

    @Test
    void textThatIsNotValidUnicodeIsRefusedNotMangled() {
        Workspace ws = workspace();

        assertThatThrownBy(() -> ws.apply(List.of(new Edit.WriteFile("bad.py", "x = '\uD800'\n"))))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("bad.py");
    }

    @Test
    void appliesAUnifiedDiffWhoseHunkIsOffByAFewLines() {
        Workspace ws = workspace();
        ws.apply(List.of(
                new Edit.WriteFile("a.py", "import os\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n")));

        ws.apply(List.of(new Edit.PatchFile(
                "a.py", "--- a/a.py\n+++ b/a.py\n@@ -3,3 +3,3 @@\n def g():\n-    return 2\n+    return 3\n")));

        assertThat(ws.read("a.py")).endsWith("def g():\n    return 3\n").contains("return 1");
    }

    @Test
    void diffRoundTripsThroughApply() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "a\nB\nc\nd\ne\nf\ng\nh\nI\nj\nk";

        String diff = UnifiedDiff.diff("f.txt", before, after);

        assertThat(UnifiedDiff.apply(before, diff)).isEqualTo(after);
        assertThat(UnifiedDiff.changedLines(diff)).isEqualTo(5);
    }

    @Test
    void rejectsADiffThatDoesNotMatchAndAppliesNothingOfTheBatch() {
        Workspace ws = workspace();
        ws.apply(List.of(new Edit.WriteFile("a.py", "x = 1\n")));

        assertThatThrownBy(() -> ws.apply(List.of(
                        new Edit.WriteFile("b.py", "y = 1\n"),
                        new Edit.PatchFile("a.py", "@@ -1 +1 @@\n-x = 5\n+x = 6\n"))))
                .isInstanceOf(EditRejectedException.class)
                .hasMessageContaining("a.py")
                .hasMessageContaining("hunk 1");
        assertThat(ws.files()).containsOnlyKeys("a.py");
        assertThat(ws.root().resolve("b.py")).doesNotExist();
    }

    @Test
    void rejectsAbsolutePaths() {
        assertThatThrownBy(() -> workspace().apply(List.of(new Edit.WriteFile("/etc/passwd", "x"))))
                .isInstanceOf(EditRejectedException.class)
                .hasMessageContaining("'/etc/passwd'")
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> workspace().apply(List.of(new Edit.WriteFile("C:\\Windows\\x.py", "x"))))
                .hasMessageContaining("'C:\\Windows\\x.py'");
    }

    @Test
    void rejectsDotDotEvenWhenItWouldStayInside() {
        assertThatThrownBy(() -> workspace().apply(List.of(new Edit.WriteFile("pkg/../../evil.py", "x"))))
                .isInstanceOf(EditRejectedException.class)
                .hasMessageContaining("'pkg/../../evil.py'")
                .hasMessageContaining("..");
        assertThat(temp.resolve("evil.py")).doesNotExist();
    }

    @Test
    void rejectsASymlinkThatLeadsOutside() throws IOException {
        Workspace ws = workspace();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(ws.root().resolve("link"), outside);

        assertThatThrownBy(() -> ws.apply(List.of(new Edit.WriteFile("link/evil.py", "x"))))
                .isInstanceOf(EditRejectedException.class)
                .hasMessageContaining("'link/evil.py'")
                .hasMessageContaining("symbolic link");
        assertThat(outside.resolve("evil.py")).doesNotExist();
    }

    @Test
    void rejectsASymlinkedFileThatPointsOutside() throws IOException {
        Workspace ws = workspace();
        Path secret = Files.writeString(temp.resolve("secret.txt"), "keep");
        Files.createSymbolicLink(ws.root().resolve("solution.py"), secret);

        assertThatThrownBy(() -> ws.apply(List.of(new Edit.WriteFile("solution.py", "overwritten"))))
                .hasMessageContaining("'solution.py'");
        assertThat(Files.readString(secret)).isEqualTo("keep");
    }

    @Test
    void allowsASymlinkThatStaysInside() throws IOException {
        Workspace ws = workspace();
        Files.createDirectories(ws.root().resolve("real"));
        Files.createSymbolicLink(ws.root().resolve("alias"), ws.root().resolve("real"));

        ws.apply(List.of(new Edit.WriteFile("alias/ok.py", "x = 1\n")));

        assertThat(ws.root().resolve("real/ok.py")).exists();
    }

    @Test
    void diffSinceASnapshotIsTheFix() {
        Workspace ws = workspace();
        ws.apply(List.of(new Edit.WriteFile("a.py", "return a - b\n")));
        Map<String, String> failing = ws.snapshot();
        ws.apply(List.of(new Edit.WriteFile("a.py", "return a + b\n"), new Edit.WriteFile("b.py", "new\n")));

        String fix = ws.diffSince(failing);

        assertThat(fix).contains("-return a - b", "+return a + b", "+++ b/b.py", "+new");
    }
}
