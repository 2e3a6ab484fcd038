package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A file's out-edges do not depend on the order its references are met in: that order is an immutable map's, which
 * differs between JVMs, and the same repository must give the same map every time.
 */
class ReferenceGraphRowTest {

    @Test
    void weightsSummedInAnyOrderGiveTheSameEdgeWeight() {
        // in floating point, (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in the last bit
        ReferenceGraph.Row forward = new ReferenceGraph.Row(3);
        forward.add(0, 1, 0.1);
        forward.add(0, 1, 0.2);
        forward.add(0, 1, 0.3);
        forward.keep();
        ReferenceGraph.Row backward = new ReferenceGraph.Row(3);
        backward.add(0, 1, 0.3);
        backward.add(0, 1, 0.2);
        backward.add(0, 1, 0.1);
        backward.keep();

        assertThat(forward.weights()).containsExactly(backward.weights());
        assertThat(forward.weights()[0]).isEqualTo(0.6);
    }

    @Test
    void equalWeightsAreKeptInTheFilesOrderWhateverOrderTheyWereMetIn() {
        ReferenceGraph.Row row = new ReferenceGraph.Row(5);
        row.add(0, 4, 1.0);
        row.add(0, 2, 1.0);
        row.add(0, 3, 2.0);
        row.add(0, 1, 1.0);
        row.keep();

        assertThat(row.targets()).containsExactly(3, 1, 2, 4);
        assertThat(row.weights()).containsExactly(2.0, 1.0, 1.0, 1.0);
    }

    @Test
    void aFileHasNoEdgeToItselfAndTheScratchRowIsClearedForTheNextFile() {
        ReferenceGraph.Row row = new ReferenceGraph.Row(3);
        row.add(0, 0, 5.0);
        row.add(0, 2, 1.5);
        row.keep();
        assertThat(row.targets()).containsExactly(2);

        row.add(1, 0, 0.5);
        row.keep();
        assertThat(row.targets()).containsExactly(0);
        assertThat(row.weights()).containsExactly(0.5);
    }
}
