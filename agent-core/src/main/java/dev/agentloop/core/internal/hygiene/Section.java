package dev.agentloop.core.internal.hygiene;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One variable of a prompt, with how it may be shrunk when the prompt is over budget. Sections are shrunk in the
 * order of {@link #rank} (lowest first), each by as much as needed down to its floor.
 */
public sealed interface Section permits Section.Text, Section.Files, Section.Lines {

    String name();

    /** Lower ranks are shrunk first. */
    int rank();

    /** Plain text, cut in the middle with a marker. */
    record Text(String name, int rank, String text) implements Section {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Files (path to content), rendered as code blocks; the largest is trimmed first. */
    record Files(String name, int rank, Map<String, String> files) implements Section {
        public Files {
            files = Map.copyOf(files);
        }
    }

    /**
     * One line per earlier iteration, oldest first; the newest {@code keep} are listed and older ones counted, and
     * when over budget the oldest listed lines go first.
     */
    record Lines(String name, int rank, List<String> lines, int keep) implements Section {
        public Lines {
            lines = List.copyOf(lines);
        }
    }
}
