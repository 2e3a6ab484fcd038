package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves import statements to files of the map. Python: dotted module names against the files' module names
 * ({@code a/b/c.py} is {@code a.b.c}, {@code a/b/__init__.py} is {@code a.b}), relative imports against the
 * importing file's package, and, when the root is above the import root (a {@code src/} layout), by the longest
 * unambiguous suffix. JavaScript: relative specifiers with node's extension and {@code index.js} rules; package
 * names are outside the map.
 */
final class ImportResolver {

    /** A suffix shared by more modules than this is too ambiguous to resolve. */
    private static final int MAX_SUFFIX_CANDIDATES = 3;

    private final Map<String, Integer> ids;
    private final Map<String, Integer> modules = new HashMap<>();
    private final Map<String, List<Integer>> suffixes = new HashMap<>();

    /** @param paths the map's files by id (null for an id without a file) */
    ImportResolver(List<String> paths) {
        this.ids = new HashMap<>(paths.size() * 2);
        for (int id = 0; id < paths.size(); id++) {
            String path = paths.get(id);
            if (path == null) {
                continue;
            }
            ids.put(path, id);
            if (path.endsWith(".py")) {
                String module = moduleOf(path);
                modules.putIfAbsent(module, id);
                int dot = module.indexOf('.');
                while (dot >= 0) {
                    suffixes.computeIfAbsent(module.substring(dot + 1), k -> new ArrayList<>(1))
                            .add(id);
                    dot = module.indexOf('.', dot + 1);
                }
            }
        }
    }

    /** The files an import of {@code from} refers to (empty when it is outside the map). */
    List<Integer> resolve(String from, Language language, ImportRef ref) {
        return language == Language.PYTHON ? resolvePython(from, ref) : resolveJavaScript(from, ref.module());
    }

    private List<Integer> resolvePython(String from, ImportRef ref) {
        String spec = ref.module();
        int level = 0;
        while (level < spec.length() && spec.charAt(level) == '.') {
            level++;
        }
        String name = spec.substring(level);
        String base;
        boolean relative = level > 0;
        if (relative) {
            String pkg = packageOf(from);
            for (int i = 1; i < level && !pkg.isEmpty(); i++) {
                int dot = pkg.lastIndexOf('.');
                pkg = dot < 0 ? "" : pkg.substring(0, dot);
            }
            base = pkg.isEmpty() ? name : name.isEmpty() ? pkg : pkg + "." + name;
        } else {
            base = name;
        }
        List<Integer> found = new ArrayList<>(2);
        if (ref.names().isEmpty()) {
            addModule(base, relative, found);
        } else {
            for (String imported : ref.names()) {
                // from pkg import mod (a submodule) or from mod import name (a name in the module)
                if (imported.equals("*") || !addModule(base + "." + imported, relative, found)) {
                    addModule(base, relative, found);
                }
            }
        }
        return found;
    }

    private boolean addModule(String module, boolean relative, List<Integer> found) {
        if (module.isEmpty()) {
            return false;
        }
        Integer id = modules.get(module);
        if (id != null) {
            if (!found.contains(id)) {
                found.add(id);
            }
            return true;
        }
        if (relative) {
            return false; // a relative import names its module exactly
        }
        List<Integer> candidates = suffixes.get(module);
        if (candidates == null || candidates.size() > MAX_SUFFIX_CANDIDATES) {
            return false;
        }
        for (Integer candidate : candidates) {
            if (!found.contains(candidate)) {
                found.add(candidate);
            }
        }
        return true;
    }

    private List<Integer> resolveJavaScript(String from, String spec) {
        if (!spec.startsWith("./") && !spec.startsWith("../")) {
            return List.of();
        }
        int slash = from.lastIndexOf('/');
        String joined = normalize((slash < 0 ? "" : from.substring(0, slash + 1)) + spec);
        if (joined == null) {
            return List.of();
        }
        for (String candidate : new String[] {
            joined, joined + ".js", joined + ".mjs", joined + ".cjs", joined + "/index.js", joined + "/index.mjs"
        }) {
            Integer id = ids.get(candidate);
            if (id != null) {
                return List.of(id);
            }
        }
        return List.of();
    }

    /** Resolves {@code .} and {@code ..} segments; null when the path climbs out of the root. */
    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** {@code a/b/c.py} → {@code a.b.c}; {@code a/b/__init__.py} → {@code a.b}. */
    static String moduleOf(String path) {
        String stem = path.substring(0, path.length() - ".py".length());
        if (stem.equals("__init__")) {
            return "";
        }
        if (stem.endsWith("/__init__")) {
            stem = stem.substring(0, stem.length() - "/__init__".length());
        }
        return stem.replace('/', '.');
    }

    /** The package a module's relative imports start from: itself for a package's __init__, else its parent. */
    private static String packageOf(String path) {
        String module = moduleOf(path);
        if (path.endsWith("__init__.py")) {
            return module;
        }
        int dot = module.lastIndexOf('.');
        return dot < 0 ? "" : module.substring(0, dot);
    }
}
