package dev.agentloop.core.internal.workspace;

import java.util.Objects;

/** One change the Coder (or Tester) asks for: a whole-file write or a unified diff against the current file. */
public sealed interface Edit permits Edit.WriteFile, Edit.PatchFile {

    /** The path relative to the workspace root, as the model gave it. */
    String path();

    /** Replace (or create) the file with {@code content}. */
    record WriteFile(String path, String content) implements Edit {
        public WriteFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Apply a unified diff to the file (an absent file counts as empty). */
    record PatchFile(String path, String diff) implements Edit {
        public PatchFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(diff, "diff");
        }
    }
}
