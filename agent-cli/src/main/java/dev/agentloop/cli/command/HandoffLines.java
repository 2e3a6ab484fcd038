package dev.agentloop.cli.command;

import dev.agentloop.core.source.Handoff;
import java.util.ArrayList;
import java.util.List;

/** What a solved run on a project prints: the branch, the diff stat, and the commands to review, apply or drop it. */
final class HandoffLines {

    private HandoffLines() {}

    static List<String> of(Handoff handoff, String where) {
        List<String> lines = new ArrayList<>();
        String git = "git -C " + quote(where);
        if (handoff.branch().isPresent()) {
            String branch = handoff.branch().get();
            lines.add("branch: " + branch + " (one commit "
                    + handoff.commit()
                            .substring(0, Math.min(12, handoff.commit().length())) + " on the base) in "
                    + where);
        } else {
            lines.add("changes of " + where + " (a plain folder: no branch)");
        }
        handoff.diffStat().lines().forEach(l -> lines.add("  " + l));
        lines.add("patch: " + handoff.patchFile());
        if (handoff.branch().isPresent()) {
            String branch = handoff.branch().get();
            lines.add("review: " + git + " show --stat -p " + branch);
            lines.add("apply:  " + git + " merge --ff-only " + branch + "   (or: " + git + " apply "
                    + quote(handoff.patchFile().toString()) + ")");
            lines.add("delete: " + git + " branch -D " + branch);
        } else {
            lines.add("apply:  " + git + " apply " + quote(handoff.patchFile().toString())
                    + "   (or run again with --apply)");
        }
        return lines;
    }

    private static String quote(String s) {
        return s.matches("[\\w@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
