package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.FixLinked;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.FixRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixLinkerTest {

    @TempDir
    Path root;

    private final TestRun run = new TestRun();

    private void write(Workspace workspace, String body) {
        workspace.apply(List.of(new Edit.WriteFile("solution.py", "def add(a, b):\n    return " + body + "\n")));
    }

    @Test
    void twoFailuresThenAPassGiveTwoFixesEachWithTheDiffSinceItsOwnFailure() {
        Workspace workspace = new Workspace(root);
        FixLinker fixes = new FixLinker(run.context, workspace);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        run.state().nextIteration();
        write(workspace, "a - b");
        fixes.failed(first);
        run.state().nextIteration();
        write(workspace, "a * b");
        fixes.failed(second);
        run.state().nextIteration();
        write(workspace, "a + b");
        fixes.passed();

        List<FixRecord> recorded = run.memory.fixes();
        assertThat(recorded).extracting(FixRecord::failureId).containsExactly(first, second);
        assertThat(recorded.get(0).diff())
                .contains("-    return a - b", "+    return a + b")
                .doesNotContain("a * b");
        assertThat(recorded.get(1).diff())
                .contains("-    return a * b", "+    return a + b")
                .doesNotContain("a - b");
        assertThat(recorded).allMatch(f -> f.passedIteration() == 3 && f.verified());
        assertThat(run.events.of(FixLinked.class))
                .extracting(FixLinked::failureId, FixLinked::diffLines)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, 2), org.assertj.core.groups.Tuple.tuple(second, 2));
        assertThat(fixes.pendingCount()).isZero();
    }

    @Test
    void aFailureIsLinkedOnlyOnce() {
        Workspace workspace = new Workspace(root);
        FixLinker fixes = new FixLinker(run.context, workspace);
        run.state().nextIteration();
        write(workspace, "a - b");
        fixes.failed(UUID.randomUUID());
        write(workspace, "a + b");

        fixes.passed();
        fixes.passed();

        assertThat(run.memory.fixes()).hasSize(1);
    }

    @Test
    void aFixTheMemoryCouldNotStoreIsNotAnnounced() {
        Workspace workspace = new Workspace(root);
        FixLinker fixes = new FixLinker(run.context, workspace);
        run.state().nextIteration();
        write(workspace, "a - b");
        fixes.failed(UUID.randomUUID());
        write(workspace, "a + b");
        run.memory.breakDown();

        fixes.passed();

        assertThat(run.events.of(FixLinked.class)).isEmpty();
        assertThat(fixes.pendingCount()).isZero();
    }
}
