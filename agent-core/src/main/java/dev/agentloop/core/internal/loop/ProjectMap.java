package dev.agentloop.core.internal.loop;

import java.util.Collection;

/** What the Coder is shown of an existing project before it acts: the files most relevant to the task, ranked. */
interface ProjectMap {

    /**
     * The map for a query (the task, and the failing tests' output when there is one), within a token budget.
     */
    String render(String query, int budgetTokens);

    /** Files changed since the map was built (by the run's edits or commands). */
    void changed(Collection<String> paths);
}
