package dev.agentloop.core.event;

/** What a model did with an action, before it answered (repository mode's CODE and REFLECT). */
public enum ActionKind {
    /** Listed files matching a glob. */
    LIST_FILES("list_files"),
    /** Read a file or a line range of it. */
    READ_FILE("read_file"),
    /** Searched the files with a regular expression. */
    SEARCH("search"),
    /** Ran a shell command in the sandbox. */
    RUN_COMMAND("run_command"),
    /** Replaced an exact snippet of a file. */
    REPLACE_TEXT("replace_text"),
    /** Wrote a whole file. */
    WRITE_FILE("write_file"),
    /** Applied a unified diff to a file. */
    APPLY_DIFF("apply_diff"),
    /** Not an action: an unknown action the model asked for, or the phase's limit being reached. */
    OTHER("other");

    private final String id;

    ActionKind(String id) {
        this.id = id;
    }

    /** {@return the name the model uses for it: the tool's name, or the {@code "action"} field of the JSON protocol} */
    public String id() {
        return id;
    }

    /** {@return true for the actions that change files} */
    public boolean edits() {
        return this == REPLACE_TEXT || this == WRITE_FILE || this == APPLY_DIFF;
    }
}
