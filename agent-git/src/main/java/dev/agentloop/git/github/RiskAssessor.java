package dev.agentloop.git.github;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The risk tier of a change, read from its git patch under {@link RiskRules}: high for security-sensitive paths,
 * migrations and changed or removed public signatures; medium for dependency manifests, new files, new functions and
 * changes over the small-change size; low for tests and docs only, or a small change inside existing functions.
 */
public final class RiskAssessor {

    // a definition's line in Python, JavaScript or Java; group 1 is its name
    private static final Pattern DEFINITION = Pattern.compile("^\\s*(?:(?:async\\s+)?def\\s+(\\w+)\\s*\\("
            + "|(?:export\\s+)?(?:async\\s+)?function\\s+(\\w+)\\s*\\("
            + "|public\\s+(?:static\\s+)?(?:final\\s+)?[\\w<>\\[\\], ?]+\\s+(\\w+)\\s*\\()");

    private final RiskRules rules;

    /** @param rules what to look for */
    public RiskAssessor(RiskRules rules) {
        this.rules = rules;
    }

    /**
     * Assesses a git patch ({@code diff --git} sections); an empty patch is low risk.
     *
     * @param patch the patch; empty for no change
     * @return the tier, its reasons and what the merge policy must ask for
     */
    public RiskAssessment assess(String patch) {
        Map<String, FileChange> files = parse(patch);
        List<String> high = new ArrayList<>();
        List<String> medium = new ArrayList<>();
        boolean dependency = false;
        boolean schema = false;
        boolean onlyTestsAndDocs = true;
        int changed = 0;
        for (FileChange f : files.values()) {
            changed += f.added.size() + f.removed.size();
            boolean test = PathGlobs.matches(rules.testGlobs(), f.path);
            boolean doc = PathGlobs.matches(rules.docGlobs(), f.path);
            if (PathGlobs.matches(rules.securityGlobs(), f.path)) {
                high.add("changes the security-sensitive path " + f.path);
            }
            if (PathGlobs.matches(rules.migrationGlobs(), f.path)) {
                high.add("changes the database migration or schema " + f.path);
                schema = true;
            }
            if (PathGlobs.matches(rules.dependencyGlobs(), f.path)) {
                medium.add("changes the dependency manifest " + f.path);
                dependency = true;
                onlyTestsAndDocs = false;
                continue;
            }
            if (test || doc) {
                continue;
            }
            onlyTestsAndDocs = false;
            if (f.created) {
                medium.add("adds the file " + f.path);
            }
            Map<String, String> removed = definitions(f.removed);
            Map<String, String> added = definitions(f.added);
            for (Map.Entry<String, String> r : removed.entrySet()) {
                if (r.getKey().startsWith("_")) {
                    continue;
                }
                String now = added.get(r.getKey());
                if (now == null) {
                    high.add("removes the public function " + r.getKey() + " from " + f.path);
                } else if (!normalize(now).equals(normalize(r.getValue()))) {
                    high.add("changes the public signature of " + r.getKey() + " in " + f.path);
                }
            }
            if (!f.created) {
                for (String name : added.keySet()) {
                    if (!removed.containsKey(name)) {
                        medium.add("adds the function " + name + " to " + f.path);
                    }
                }
            }
        }
        if (!high.isEmpty()) {
            high.addAll(medium);
            return new RiskAssessment(RiskTier.HIGH, high, dependency, schema);
        }
        if (!onlyTestsAndDocs && changed > rules.smallChangeLines()) {
            medium.add(changed + " changed lines, over the small-change size of " + rules.smallChangeLines());
        }
        if (!medium.isEmpty()) {
            return new RiskAssessment(RiskTier.MEDIUM, medium, dependency, schema);
        }
        String why = files.isEmpty()
                ? "no change"
                : onlyTestsAndDocs
                        ? "tests or docs only (" + files.size() + " file(s))"
                        : "a small change (" + changed + " lines) inside existing functions";
        return new RiskAssessment(RiskTier.LOW, List.of(why), false, false);
    }

    private static String normalize(String line) {
        return line.replaceAll("\\s+", "");
    }

    private static Map<String, String> definitions(List<String> lines) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = DEFINITION.matcher(line);
            if (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                found.putIfAbsent(name, line);
            }
        }
        return found;
    }

    private static Map<String, FileChange> parse(String patch) {
        Map<String, FileChange> files = new LinkedHashMap<>();
        FileChange current = null;
        boolean inHunk = false;
        for (String line : patch.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                String path = line.substring(line.lastIndexOf(" b/") + 3);
                current = files.computeIfAbsent(path, FileChange::new);
                inHunk = false;
            } else if (current == null) {
                continue;
            } else if (!inHunk && line.startsWith("new file mode")) {
                current.created = true;
            } else if (line.startsWith("@@")) {
                inHunk = true;
            } else if (inHunk && line.startsWith("+")) {
                current.added.add(line.substring(1));
            } else if (inHunk && line.startsWith("-")) {
                current.removed.add(line.substring(1));
            }
        }
        return files;
    }

    private static final class FileChange {
        final String path;
        final List<String> added = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        boolean created;

        FileChange(String path) {
            this.path = path;
        }
    }

    /**
     * {@return the paths a patch changes, in order}
     *
     * @param patch a git patch
     */
    public static Set<String> paths(String patch) {
        return new LinkedHashSet<>(parse(patch).keySet());
    }
}
