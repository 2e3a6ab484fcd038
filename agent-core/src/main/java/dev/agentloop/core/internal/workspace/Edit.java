package dev.agentloop.core.internal.workspace;

import java.util.Objects;

/**
 * One change the Coder (or Tester) asks for: a whole-file write, a unified diff against the current file, or an exact
 * search/replace of one snippet.
 */
public sealed interface Edit permits Edit.WriteFile, Edit.PatchFile, Edit.ReplaceText {

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

    /**
     * Replace the one occurrence of {@code search} in the file with {@code replace}. Refused when the snippet is not
     * found or found more than once (the model must quote more context).
     */
    record ReplaceText(String path, String search, String replace) implements Edit {
        public ReplaceText {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(replace, "replace");
            if (search.isEmpty()) {
                throw new IllegalArgumentException("search must not be empty");
            }
        }
    }
}
