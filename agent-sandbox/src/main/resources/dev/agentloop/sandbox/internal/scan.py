# agentloop static scan of generated Python, run inside the sandbox (it only parses, never imports, the files).
# Usage: python3 -c <this> FILE...   (paths relative to the working directory, the workspace)
# Prints one JSON object: {"findings": [{rule, severity, file, line, message}], "imports": [{name, file, line}]}
# where "imports" lists top-level modules that are neither the standard library nor the workspace's own.
import ast
import json
import os
import re
import sys

SECRET_NAME = re.compile(r"(?i)(passw(or)?d|passwd|secret|api_?key|access_?key|private_?key|auth_?token|token)$|"
                         r"^(passw(or)?d|secret|api_?key|token)")
PLACEHOLDER = re.compile(r"(?i)[x*.<>{}$_-]+|changeme|example\w*")
SECRET_VALUE = re.compile(r"AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|ghp_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}"
                          r"|-----BEGIN [A-Z ]*PRIVATE KEY-----")
SHELL_CALLS = {"os.system", "os.popen", "os.popen2", "os.popen3", "os.spawnl", "os.spawnlp", "os.spawnv",
               "os.spawnvp", "os.execl", "os.execlp", "os.execv", "os.execvp", "commands.getoutput",
               "subprocess.getoutput", "subprocess.getstatusoutput"}
PICKLE_CALLS = {"pickle.loads", "pickle.load", "cPickle.loads", "cPickle.load", "marshal.loads", "marshal.load",
                "dill.loads", "dill.load", "shelve.open", "pickle.Unpickler"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "yaml.SafeLoader", "yaml.CSafeLoader", "BaseLoader", "yaml.BaseLoader"}

if hasattr(sys, "stdlib_module_names"):
    STDLIB = set(sys.stdlib_module_names)
else:  # Python < 3.10: whatever resolves outside site-/dist-packages
    import importlib.util

    def _is_std(name):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        origin = getattr(spec, "origin", None) or ""
        return spec is not None and "-packages" not in origin

    STDLIB = None

findings = []
imports = []


def is_stdlib(name):
    if name in sys.builtin_module_names:
        return True
    return name in STDLIB if STDLIB is not None else _is_std(name)


def is_local(name, path):
    for base in {".", os.path.dirname(path) or "."}:
        if os.path.exists(os.path.join(base, name + ".py")) or os.path.isdir(os.path.join(base, name)):
            return True
    return False


class Scan(ast.NodeVisitor):
    def __init__(self, path):
        self.path = path
        self.aliases = {}

    def add(self, rule, severity, node, message):
        findings.append({"rule": rule, "severity": severity, "file": self.path,
                         "line": getattr(node, "lineno", 0), "message": message})

    def dotted(self, node):
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return base + "." + node.attr if base else ""
        return ""

    def imported(self, module, node):
        top = module.split(".")[0]
        if top and not is_stdlib(top) and not is_local(top, self.path):
            imports.append({"name": top, "file": self.path, "line": node.lineno})

    def visit_Import(self, node):
        for a in node.names:
            self.imported(a.name, node)
            if a.asname:
                self.aliases[a.asname] = a.name
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if node.level == 0 and node.module:
            self.imported(node.module, node)
            for a in node.names:
                self.aliases[a.asname or a.name] = node.module + "." + a.name
        self.generic_visit(node)

    def visit_Call(self, node):
        name = self.dotted(node.func)
        if name in ("eval", "builtins.eval"):
            self.add("python.eval", "MEDIUM", node, "eval() runs arbitrary code")
        elif name in ("exec", "builtins.exec"):
            self.add("python.exec", "MEDIUM", node, "exec() runs arbitrary code")
        elif name in ("compile", "builtins.compile"):
            self.add("python.compile", "LOW", node, "compile() builds code objects from strings")
        elif name in SHELL_CALLS:
            self.add("python.os-system", "HIGH", node, name + "() runs a shell command")
        elif name.startswith("subprocess."):
            for kw in node.keywords:
                if kw.arg == "shell" and isinstance(kw.value, ast.Constant) and kw.value.value:
                    self.add("python.subprocess-shell", "HIGH", node, name + "(shell=True) runs a shell command")
        elif name in PICKLE_CALLS:
            self.add("python.pickle-loads", "HIGH", node, name + "() can run code hidden in its input")
        elif name in ("yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.full_load"):
            loader = [kw.value for kw in node.keywords if kw.arg == "Loader"]
            if len(node.args) > 1:
                loader.append(node.args[1])
            if name.endswith("unsafe_load") or not any(self.dotted(l) in SAFE_LOADERS for l in loader):
                self.add("python.yaml-load", "MEDIUM", node, name + "() without a safe loader can build any object")
        for kw in node.keywords:
            if kw.arg and SECRET_NAME.search(kw.arg):
                self.secret(kw.arg, kw.value, node)
        self.generic_visit(node)

    def secret(self, name, value, node):
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            text = value.value
            if len(text) >= 8 and " " not in text and not PLACEHOLDER.fullmatch(text):
                self.add("python.hardcoded-secret", "HIGH", node, "a secret is written into the code ('" + name + "')")
                return True
        return False

    def visit_Assign(self, node):
        for target in node.targets:
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
            if name and SECRET_NAME.search(name):
                self.secret(name, node.value, node)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and SECRET_VALUE.search(node.value):
            self.add("python.hardcoded-secret", "HIGH", node, "a string looks like a credential")


for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            tree = ast.parse(f.read(), path)
    except (SyntaxError, ValueError, OSError):
        continue  # the test run reports syntax errors; nothing to scan here
    Scan(path).visit(tree)

print(json.dumps({"findings": findings, "imports": imports}))
