# Prints the definitions, imports and references of Python files, one record per line (see SymbolRecords.java):
#   F <path> <status> <message>   one per file, before its other records; status OK, SYNTAX, ERROR
#   D <kind> <name> <line> <end> <parent> <signature> <doc>   kind c(lass) f(unction) m(ethod) v(ariable)
#   I <module> <names>            an import: dots for relative levels, then the module; names comma-separated
#   R <name>[:<count>] ...        identifiers used (loads of names, attributes, imported names) with counts
# Fields are tab-separated; tabs, newlines and backslashes in a field are escaped as \t, \n and \\.
# The records go out as one line "Z<tab><base64 of the zlib-compressed UTF-8 records>", under half their size: a
# command may then take twice the files within the sandbox's output cap (each command costs a start and a limit change).
# Usage: python3 -c "$(cat python_symbols.py)" FILE... (paths relative to the working directory).
import ast
import binascii
import io
import os
import sys
import zlib

MAX_SIGNATURE = 200
MAX_DOC = 120


def esc(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def clip(text, limit):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def unparse(node):
    try:
        return ast.unparse(node)
    except Exception:
        return "..."


def doc_line(node):
    try:
        doc = ast.get_docstring(node, clean=False)
    except Exception:
        return ""
    if not doc:
        return ""
    for line in doc.splitlines():
        if line.strip():
            return clip(line.strip(), MAX_DOC)
    return ""


def function_signature(node):
    prefix = "async def " if isinstance(node, ast.AsyncFunctionDef) else "def "
    text = prefix + node.name + "(" + unparse(node.args) + ")"
    if node.returns is not None:
        text += " -> " + unparse(node.returns)
    return clip(text, MAX_SIGNATURE)


def class_signature(node):
    parts = [unparse(b) for b in node.bases] + [unparse(k) for k in node.keywords]
    return clip("class " + node.name + ("(" + ", ".join(parts) + ")" if parts else ""), MAX_SIGNATURE)


SIMPLE_VALUES = (ast.Constant, ast.Name, ast.Attribute)


def variable_signature(name, annotation, value):
    text = name
    if annotation is not None:
        text += ": " + unparse(annotation)
    if value is not None:
        shown = unparse(value) if isinstance(value, SIMPLE_VALUES) else "..."
        text += " = " + (shown if len(shown) <= 60 else "...")
    return clip(text, MAX_SIGNATURE)


def end_of(node):
    return getattr(node, "end_lineno", None) or node.lineno


def definitions(body, parent, out):
    """Top-level (or class-level) definitions, looking through if/try/with blocks as the module runs them."""
    for node in body:
        kind = type(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            out.append(("m" if parent else "f", node.name, node.lineno, end_of(node), parent,
                        function_signature(node), doc_line(node)))
        elif kind is ast.ClassDef:
            out.append(("c", node.name, node.lineno, end_of(node), parent, class_signature(node), doc_line(node)))
            definitions(node.body, node.name, out)
        elif kind is ast.Assign or kind is ast.AnnAssign:
            targets = node.targets if kind is ast.Assign else [node.target]
            annotation = None if kind is ast.Assign else node.annotation
            for target in targets:
                names = [target] if type(target) is ast.Name else (
                    [e for e in target.elts if type(e) is ast.Name] if type(target) in (ast.Tuple, ast.List) else [])
                for name in names:
                    out.append(("v", name.id, node.lineno, end_of(node), parent,
                                variable_signature(name.id, annotation, node.value), ""))
        elif kind is ast.If or kind is ast.With or kind is ast.AsyncWith:
            definitions(node.body, parent, out)
            definitions(getattr(node, "orelse", []), parent, out)
        elif kind is ast.Try or kind.__name__ == "TryStar":
            definitions(node.body, parent, out)
            for handler in node.handlers:
                definitions(handler.body, parent, out)
            definitions(node.orelse, parent, out)
            definitions(node.finalbody, parent, out)


# Fields that never hold a node with a name in it (identifiers, numbers, flags, contexts, operators): not walked.
SCALAR_FIELDS = frozenset(("name", "id", "attr", "arg", "asname", "module", "level", "is_async", "conversion",
                           "type_comment", "kind", "tag", "ctx", "op", "ops"))
LEAVES = (ast.Constant, ast.Global, ast.Nonlocal, ast.Pass, ast.Break, ast.Continue, ast.expr_context,
          ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.TypeIgnore) + (
    (ast.MatchSingleton,) if hasattr(ast, "MatchSingleton") else ())


def child_fields(kind):
    """The fields of a node type that may hold nodes; none for leaves and for what is not a node at all."""
    if not issubclass(kind, ast.AST) or issubclass(kind, LEAVES):
        return ()
    return tuple(f for f in kind._fields if f not in SCALAR_FIELDS)


def scan(tree):
    """Imports and identifier counts over the whole tree."""
    imports = []
    counts = {}
    get = counts.get
    Name, Attribute, Load = ast.Name, ast.Attribute, ast.Load
    Import, ImportFrom = ast.Import, ast.ImportFrom
    fields_of = {}
    stack = [tree]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is Name:
            if type(node.ctx) is Load:
                name = node.id
                counts[name] = get(name, 0) + 1
            continue
        if kind is Attribute:
            if type(node.ctx) is Load:
                name = node.attr
                counts[name] = get(name, 0) + 1
            push(node.value)
            continue
        if kind is Import:
            for alias in node.names:
                imports.append((node.lineno, node.col_offset, alias.name, ""))
            continue
        if kind is ImportFrom:
            names = [a.name for a in node.names]
            imports.append((node.lineno, node.col_offset, "." * (node.level or 0) + (node.module or ""), ",".join(names)))
            for name in names:
                if name != "*":
                    counts[name] = get(name, 0) + 1
            continue
        fields = fields_of.get(kind)
        if fields is None:
            fields = fields_of[kind] = child_fields(kind)
        for field in fields:
            value = getattr(node, field, None)
            if type(value) is list:
                extend(value)  # None items (a dict's ** entries) and strings (Global's names) are leaves
            elif value is not None:
                push(value)
    imports.sort()  # the walk is depth-first from the end: restore source order
    return [(module, names) for _, _, module, names in imports], counts


def describe(path):
    try:
        return parse_file(path)
    except Exception as e:  # one odd file must not stop the others
        return "F\t%s\tERROR\t%s\n" % (esc(path), esc(type(e).__name__ + ": " + str(e)[:200]))


def parse_file(path):
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        return "F\t%s\tERROR\t%s\n" % (esc(path), esc(e.strerror or str(e)))
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        return "F\t%s\tSYNTAX\t%s\n" % (esc(path), esc("line %s: %s" % (e.lineno, e.msg)))
    except (ValueError, RecursionError, MemoryError) as e:
        return "F\t%s\tERROR\t%s\n" % (esc(path), esc(type(e).__name__ + ": " + str(e)[:200]))
    lines = ["F\t%s\tOK\t\n" % esc(path)]
    defs = []
    definitions(tree.body, "", defs)
    for kind, name, line, end, parent, signature, doc in defs:
        lines.append("D\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n" % (kind, name, line, end, parent, esc(signature), esc(doc)))
    try:
        imports, counts = scan(tree)
    except RecursionError:
        imports, counts = [], {}
    for module, names in imports:
        lines.append("I\t%s\t%s\n" % (module, names))
    if counts:
        lines.append("R\t" + " ".join(n if c == 1 else "%s:%d" % (n, c) for n, c in counts.items()) + "\n")
    return "".join(lines)


def cpu_limit():
    """CPUs this process may use: the affinity mask, capped by the cgroup's CPU quota (v2 or v1)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    quota = None
    try:
        with open("/sys/fs/cgroup/cpu.max") as f:
            q, p = f.read().split()[:2]
            if q != "max":
                quota = int(q) / int(p)
    except (OSError, ValueError):
        try:
            with open("/sys/fs/cgroup/cpu/cpu.cfs_quota_us") as f:
                q = int(f.read())
            with open("/sys/fs/cgroup/cpu/cpu.cfs_period_us") as f:
                p = int(f.read())
            if q > 0:
                quota = q / p
        except (OSError, ValueError):
            pass
    if quota is not None:
        cpus = min(cpus, max(1, int(quota + 0.5)))
    return max(1, cpus)


def size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def work(order, queue, out):
    """Parses the files whose numbers this process reads from the queue until it is empty."""
    while True:
        claim = os.read(queue, 4)  # a read this small from a pipe is atomic: each number goes to one process
        if len(claim) < 4:
            return
        out.write(describe(order[int.from_bytes(claim, "little")]))


def parse_in_processes(paths, workers, out):
    """Parses on forked processes (no imports, no pickling): the files, largest first, are claimed one at a time
    from a pipe, so no process is left alone with a large file at the end; each child writes its records to an
    unlinked file of its own, copied out after this process's own records. False when processes cannot be made."""
    order = sorted(paths, key=size, reverse=True)
    spool_dir = os.environ.get("TMPDIR") or "/tmp"
    children = []
    try:
        queue, feed = os.pipe()
        os.write(feed, b"".join(i.to_bytes(4, "little") for i in range(len(order))))  # fits the pipe's buffer
        os.close(feed)
        out.flush()
        for k in range(workers - 1):
            name = os.path.join(spool_dir, "agentloop-symbols-%d-%d" % (os.getpid(), k))
            spool = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            os.unlink(name)
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    with os.fdopen(spool, "w", encoding="utf-8", errors="backslashreplace") as records:
                        work(order, queue, records)
                except BaseException:
                    status = 3
                os._exit(status)
            children.append((pid, spool))
    except OSError:
        if children:
            raise  # some files are claimed already: let the caller retry the chunk
        return False
    work(order, queue, out)
    failed = False
    for pid, spool in children:
        failed |= os.waitpid(pid, 0)[1] != 0
        os.lseek(spool, 0, os.SEEK_SET)
        with os.fdopen(spool, encoding="utf-8") as records:
            out.write(records.read())
    if failed:
        sys.exit(3)  # a process died (a crash on one file): the caller splits the chunk and retries
    return True


def main(paths):
    sys.setrecursionlimit(10000)
    records = io.StringIO()
    workers = min(cpu_limit(), 4, max(1, len(paths) // 8))
    if not (workers > 1 and hasattr(os, "fork") and parse_in_processes(paths, workers, records)):
        for path in paths:
            records.write(describe(path))
    data = records.getvalue().encode("utf-8", "backslashreplace")
    sys.stdout.buffer.write(b"Z\t" + binascii.b2a_base64(zlib.compress(data, 1), newline=False) + b"\n")


if __name__ == "__main__":
    main(sys.argv[1:])
