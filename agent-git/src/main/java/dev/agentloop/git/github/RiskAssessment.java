package dev.agentloop.git.github;

import java.util.List;

/**
 * A change's risk tier and why.
 *
 * @param tier the highest tier a rule gave
 * @param reasons one line per rule that applied, e.g. "changes the public signature of parse in lib/p.py"
 * @param newDependency a dependency file changed (the merge policy asks for an approval)
 * @param schemaChange a database migration or schema file changed (the merge policy asks for an approver)
 */
public record RiskAssessment(RiskTier tier, List<String> reasons, boolean newDependency, boolean schemaChange) {

    /**
     * Copies the reasons.
     *
     * @param tier the highest tier a rule gave
     * @param reasons one line per rule that applied, e.g. "changes the public signature of parse in lib/p.py"
     * @param newDependency a dependency file changed (the merge policy asks for an approval)
     * @param schemaChange a database migration or schema file changed (the merge policy asks for an approver)
     */
    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }
}
