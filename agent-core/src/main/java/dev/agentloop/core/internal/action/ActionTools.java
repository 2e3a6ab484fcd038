package dev.agentloop.core.internal.action;

import dev.agentloop.core.event.ActionKind;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;

/**
 * The actions as langchain4j tool specifications, for endpoints with native tool calling. The JSON protocol uses the
 * same names and arguments, described in the role prompts.
 */
public final class ActionTools {

    private ActionTools() {}

    /** Every action, in a stable order. */
    public static List<ToolSpecification> all() {
        return List.of(
                tool(
                        ActionKind.LIST_FILES,
                        "List the project's files whose path matches a glob (e.g. \"**/*.py\", \"src/*\").",
                        JsonObjectSchema.builder()
                                .addStringProperty("glob", "a glob over paths relative to the root; default all files")
                                .build()),
                tool(
                        ActionKind.READ_FILE,
                        "Read a file, or a range of its lines, with line numbers.",
                        JsonObjectSchema.builder()
                                .addStringProperty("path", "the file, relative to the project's root")
                                .addIntegerProperty("start_line", "first line to show (1-based); default 1")
                                .addIntegerProperty("end_line", "last line to show; default the end")
                                .required("path")
                                .build()),
                tool(
                        ActionKind.SEARCH,
                        "Search the project's text files for a regular expression; answers file:line: text.",
                        JsonObjectSchema.builder()
                                .addStringProperty("pattern", "a Java regular expression searched in each line")
                                .addStringProperty("glob", "only files matching this glob; default all")
                                .required("pattern")
                                .build()),
                tool(
                        ActionKind.RUN_COMMAND,
                        "Run a shell command in the sandbox, in the project's root (no network). Use it to run"
                                + " tests or inspect the project; answers the exit status and the output.",
                        JsonObjectSchema.builder()
                                .addStringProperty("command", "the command line, run by sh -c")
                                .required("command")
                                .build()),
                tool(
                        ActionKind.REPLACE_TEXT,
                        "Replace one exact snippet of a file with new text. The snippet must occur exactly once.",
                        JsonObjectSchema.builder()
                                .addStringProperty("path", "the file, relative to the project's root")
                                .addStringProperty("search", "the exact text to replace, with its whitespace")
                                .addStringProperty("replace", "the new text")
                                .required("path", "search", "replace")
                                .build()),
                tool(
                        ActionKind.WRITE_FILE,
                        "Create a file or replace its whole content.",
                        JsonObjectSchema.builder()
                                .addStringProperty("path", "the file, relative to the project's root")
                                .addStringProperty("content", "the whole new content")
                                .required("path", "content")
                                .build()),
                tool(
                        ActionKind.APPLY_DIFF,
                        "Apply a unified diff (with @@ hunk headers and 3 lines of context) to one file.",
                        JsonObjectSchema.builder()
                                .addStringProperty("path", "the file, relative to the project's root")
                                .addStringProperty("diff", "the unified diff")
                                .required("path", "diff")
                                .build()));
    }

    private static ToolSpecification tool(ActionKind kind, String description, JsonObjectSchema parameters) {
        return ToolSpecification.builder()
                .name(kind.id())
                .description(description)
                .parameters(parameters)
                .build();
    }
}
