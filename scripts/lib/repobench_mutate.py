"""One-line mutations inside the functions of a project's library code, of the kinds failbench labels.

Each candidate changes exactly one physical line of one file and names the innermost function around it.
Python is read with `ast` and `tokenize`; JavaScript with a small tokenizer that knows strings, template
literals, comments and regular-expression literals (mutations touch only operators, numbers and names, so a
candidate cannot leave a string or a regular expression changed).
"""

import ast
import io
import re
import tokenize
from dataclasses import dataclass


@dataclass(frozen=True)
class Mutation:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    col: int  # 0-based character column of the change
    kind: str  # failbench's fix_class names
    function: str  # innermost enclosing function, qualified by class/outer function ("Class.method")
    old_line: str
    new_line: str

    def key(self):
        return (self.path, self.line, self.col, self.kind, self.new_line)


# ---------------------------------------------------------------- Python

PY_SWAPS = {
    "<": ("<=", "comparison-boundary"), "<=": ("<", "comparison-boundary"),
    ">": (">=", "comparison-boundary"), ">=": (">", "comparison-boundary"),
    "==": ("!=", "negated-condition"), "!=": ("==", "negated-condition"),
    "+=": ("-=", "arithmetic-operator"), "-=": ("+=", "arithmetic-operator"),
    "//": ("/", "true-vs-floor-division"),
}
PY_NAME_SWAPS = {
    "and": ("or", "boolean-operator"), "or": ("and", "boolean-operator"),
    "True": ("False", "wrong-constant"), "False": ("True", "wrong-constant"),
    "continue": ("break", "early-loop-exit"),
}
PY_CALL_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}
PY_METHOD_SWAPS = {
    "startswith": "endswith", "endswith": "startswith", "lstrip": "rstrip", "rstrip": "lstrip",
    "lower": "upper", "upper": "lower", "find": "rfind", "rfind": "find", "index": "rindex",
    "rindex": "index", "append": "extend", "extend": "append",
}


# Calls whose swapped arguments fail at once with a TypeError: not the kind of bug worth an instance.
NOT_SWAPPED = {"isinstance", "issubclass", "hasattr", "getattr", "setattr", "super", "print"}


def _functions(tree):
    """(qualified name, first body line, last line) of every function, innermost last for a given line."""
    out = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                body = child.body
                if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                           ast.Constant) \
                        and isinstance(body[0].value.value, str):
                    body = body[1:]
                if body:
                    out.append((name, body[0].lineno, child.end_lineno))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return out


def _innermost(functions, line):
    best = None
    for name, first, last in functions:
        if first <= line <= last and (best is None or first >= best[1]):
            best = (name, first, last)
    return best[0] if best else None


def _excluded_lines(tree):
    """Lines where a mutation would not be library logic: asserts, raises, TYPE_CHECKING blocks."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assert, ast.Raise)):
            lines.update(range(node.lineno, node.end_lineno + 1))
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def _number_context(tree):
    """{(line, col): kind} for integer literals whose place names a finer kind than wrong-constant."""
    ctx = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            kind = "slice-bound" if isinstance(node.slice, ast.Slice) else "index-shift"
            for sub in ast.walk(node.slice):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, int):
                    ctx[(sub.lineno, sub.col_offset)] = kind
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
            for arg in node.args:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, int):
                        ctx[(sub.lineno, sub.col_offset)] = "range-bound-off-by-one"
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, (int, bool)):
            ctx[(node.value.lineno, node.value.col_offset)] = "wrong-initial-value"
    return ctx


def _byte_to_char(line, byte_col):
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def python_mutations(path, source):
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    functions = _functions(tree)
    if not functions:
        return []
    lines = source.splitlines(keepends=True)
    excluded = _excluded_lines(tree)
    numbers = _number_context(tree)
    original_dump = ast.dump(tree)
    candidates = []

    def add(line_no, col, kind, new_text):
        function = _innermost(functions, line_no)
        if function is None or line_no in excluded:
            return
        old = lines[line_no - 1]
        if new_text == old:
            return
        mutated = "".join(lines[:line_no - 1]) + new_text + "".join(lines[line_no:])
        try:
            new_tree = ast.parse(mutated)
            compile(mutated, path, "exec")
        except (SyntaxError, ValueError):
            return
        if ast.dump(new_tree) == original_dump:
            return
        candidates.append(Mutation(path, line_no, col, kind, function, old.rstrip("\n"), new_text.rstrip("\n")))

    def replace(line_no, start, end, text, kind):
        old = lines[line_no - 1]
        add(line_no, start, kind, old[:start] + text + old[end:])

    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)]
    for i, tok in enumerate(tokens):
        (row, col), (erow, ecol) = tok.start, tok.end
        if row != erow:
            continue
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.type == tokenize.OP:
            if tok.string in PY_SWAPS:
                new, kind = PY_SWAPS[tok.string]
                replace(row, col, ecol, new, kind)
            elif tok.string in ("+", "-") and prev is not None and prev.type != tokenize.STRING and (
                    nxt is None or nxt.type != tokenize.STRING) and (
                    prev.type in (tokenize.NAME, tokenize.NUMBER)
                    and prev.string not in ("return", "in", "not", "and", "or", "if", "else", "yield", "lambda")
                    or prev.string in (")", "]")):
                replace(row, col, ecol, "-" if tok.string == "+" else "+", "arithmetic-operator")
        elif tok.type == tokenize.NAME:
            if tok.string in PY_NAME_SWAPS:
                new, kind = PY_NAME_SWAPS[tok.string]
                if (row, col) in numbers and kind == "wrong-constant":
                    kind = numbers[(row, col)]
                replace(row, col, ecol, new, kind)
            elif tok.string in PY_CALL_SWAPS and nxt is not None and nxt.string == "(" and (
                    prev is None or prev.string != "."):
                kind = "min-max-swap" if tok.string in ("min", "max") else "wrong-builtin"
                replace(row, col, ecol, PY_CALL_SWAPS[tok.string], kind)
            elif tok.string in PY_METHOD_SWAPS and prev is not None and prev.string == "." \
                    and nxt is not None and nxt.string == "(":
                replace(row, col, ecol, PY_METHOD_SWAPS[tok.string],
                        "string-method-swap" if tok.string not in ("append", "extend") else "wrong-builtin")
            elif tok.string == "is" and nxt is not None:
                if nxt.string == "not" and nxt.start[0] == row:
                    replace(row, col, nxt.end[1], "is", "negated-condition")
                else:
                    replace(row, col, ecol, "is not", "negated-condition")
            elif tok.string == "not" and nxt is not None and nxt.string == "in" and nxt.start[0] == row:
                replace(row, col, nxt.end[1], "in", "negated-condition")
            elif tok.string in ("if", "elif", "while") and nxt is not None and nxt.string == "not" \
                    and nxt.start[0] == row:
                after = tokens[i + 2] if i + 2 < len(tokens) else None
                if after is not None and after.start[0] == row:
                    replace(row, nxt.start[1], after.start[1], "", "negated-condition")
        elif tok.type == tokenize.NUMBER and re.fullmatch(r"[0-9]+", tok.string):
            value = int(tok.string)
            kind = numbers.get((row, col), "wrong-constant")
            replace(row, col, ecol, str(value + 1), kind)
            if value > 0:
                replace(row, col, ecol, str(value - 1), kind)

    # Statement-level mutations, from the tree.
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None and node.lineno == node.end_lineno:
            text = lines[node.lineno - 1]
            start = _byte_to_char(text.rstrip("\n"), node.col_offset)
            end = _byte_to_char(text.rstrip("\n"), node.end_col_offset)
            if text[start:].startswith("return"):
                value = ast.get_source_segment(source, node.value) or ""
                replacement = "return None" if value not in ("None",) else None
                if replacement:
                    add(node.lineno, start, "missing-return-value", text[:start] + replacement + text[end:])
        elif isinstance(node, (ast.If, ast.While)) and isinstance(node.test, (ast.Name, ast.Attribute, ast.Call,
                                                                                  ast.Subscript)) \
                and node.test.lineno == node.test.end_lineno:
            text = lines[node.test.lineno - 1]
            start = _byte_to_char(text.rstrip("\n"), node.test.col_offset)
            add(node.test.lineno, start, "negated-condition", text[:start] + "not " + text[start:])
        elif isinstance(node, ast.Call) and len(node.args) == 2 and not (
                isinstance(node.func, ast.Name) and node.func.id in NOT_SWAPPED) and not any(
                isinstance(a, ast.Starred) for a in node.args) and node.lineno == node.end_lineno:
            a, b = node.args
            if a.lineno != b.lineno or a.end_lineno != a.lineno or b.end_lineno != b.lineno:
                continue
            text = lines[a.lineno - 1]
            raw = text.rstrip("\n")
            a0, a1 = _byte_to_char(raw, a.col_offset), _byte_to_char(raw, a.end_col_offset)
            b0, b1 = _byte_to_char(raw, b.col_offset), _byte_to_char(raw, b.end_col_offset)
            sa, sb = text[a0:a1], text[b0:b1]
            if sa == sb or a1 > b0:
                continue
            add(a.lineno, a0, "swapped-arguments", text[:a0] + sb + text[a1:b0] + sa + text[b1:])
    return candidates


# ---------------------------------------------------------------- JavaScript

JS_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")
  | (?P<template>`(?:\\.|[^`\\])*`)
  | (?P<number>(?:0[xXbBoO][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)n?)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<op>>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|
           \+=|-=|\*=|/=|%=|&=|\|=|\^=|\*\*|<<|>>|[{}()\[\];,<>+\-*/%&|^!~?:=.@\#])
""", re.S | re.X)
REGEX_LITERAL = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*")
REGEX_AFTER = {"(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "&&", "||", "??", "return", "typeof",
               "===", "!==", "==", "!=", "+", "-", "*", "%", "<", ">", "<=", ">=", "case", "=>", "in", "of", None}
JS_KEYWORDS = {"if", "for", "while", "switch", "catch", "with", "function", "return", "typeof", "new", "else",
               "do", "try", "in", "of", "instanceof", "delete", "void", "yield", "await", "case"}
JS_SWAPS = {
    "<": ("<=", "comparison-boundary"), "<=": ("<", "comparison-boundary"),
    ">": (">=", "comparison-boundary"), ">=": (">", "comparison-boundary"),
    "===": ("!==", "negated-condition"), "!==": ("===", "negated-condition"),
    "==": ("!=", "negated-condition"), "!=": ("==", "negated-condition"),
    "&&": ("||", "boolean-operator"), "||": ("&&", "boolean-operator"),
    "+=": ("-=", "arithmetic-operator"), "-=": ("+=", "arithmetic-operator"),
}
JS_NAME_SWAPS = {"true": ("false", "wrong-constant"), "false": ("true", "wrong-constant"),
                 "continue": ("break", "early-loop-exit")}
JS_METHOD_SWAPS = {"startsWith": "endsWith", "endsWith": "startsWith", "toLowerCase": "toUpperCase",
                   "toUpperCase": "toLowerCase", "indexOf": "lastIndexOf", "lastIndexOf": "indexOf",
                   "trimStart": "trimEnd", "trimEnd": "trimStart", "min": "max", "max": "min",
                   "some": "every", "every": "some"}


@dataclass
class _Tok:
    kind: str
    text: str
    start: int  # offset in the source
    line: int


def js_tokens(source):
    tokens, pos, line = [], 0, 1
    while pos < len(source):
        prev = next((t for t in reversed(tokens)), None)
        prev_text = prev.text if prev else None
        if source[pos] == "/" and not source.startswith("//", pos) and not source.startswith("/*", pos) \
                and (prev is None or prev_text in REGEX_AFTER or (prev.kind == "op" and prev_text not in (")", "]", "}"))):
            m = REGEX_LITERAL.match(source, pos)
            if m:
                tokens.append(_Tok("regex", m.group(), pos, line))
                line += m.group().count("\n")
                pos = m.end()
                continue
        m = JS_TOKEN.match(source, pos)
        if not m:
            raise ValueError(f"cannot tokenize at offset {pos}: {source[pos:pos + 20]!r}")
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            tokens.append(_Tok(kind, m.group(), pos, line))
        line += m.group().count("\n")
        pos = m.end()
    return tokens


def _js_functions(tokens):
    """(name, first token index, last token index) of functions with a body, innermost last per token."""
    out = []
    stack = []  # (open brace index, function name or None, class name or None)
    for i, tok in enumerate(tokens):
        if tok.text == "{":
            name, cls = None, None
            prev = tokens[i - 1] if i > 0 else None
            if prev is not None and prev.text == ")":
                depth, j = 0, i - 1
                while j >= 0:
                    if tokens[j].text == ")":
                        depth += 1
                    elif tokens[j].text == "(":
                        depth -= 1
                        if depth == 0:
                            break
                    j -= 1
                before = tokens[j - 1] if j > 0 else None
                if before is not None and before.kind == "name" and before.text not in JS_KEYWORDS:
                    name = before.text
                    if stack and stack[-1][2] and (j < 2 or tokens[j - 2].text != "function"):
                        name = f"{stack[-1][2]}.{name}"
                elif before is not None and before.text == "function":
                    name = _js_assigned_name(tokens, j - 1)
            elif prev is not None and prev.text == "=>":
                name = _js_arrow_name(tokens, i - 1)
            else:
                k = i - 1
                while k >= 0 and tokens[k].kind in ("name", "op") and tokens[k].text not in ("{", "}", ";", "class"):
                    k -= 1
                if k >= 0 and tokens[k].text == "class" and k + 1 < i and tokens[k + 1].kind == "name":
                    cls = tokens[k + 1].text
            stack.append((i, name, cls))
        elif tok.text == "}" and stack:
            start, name, cls = stack.pop()
            if name:
                out.append((name, start, i))
        elif tok.text == "=>" and i + 1 < len(tokens) and tokens[i + 1].text != "{":
            name = _js_arrow_name(tokens, i)
            if name:
                end, depth = i + 1, 0
                while end < len(tokens):
                    t = tokens[end]
                    if t.text in "([{":
                        depth += 1
                    elif t.text in ")]}":
                        if depth == 0:
                            break
                        depth -= 1
                    elif depth == 0 and (t.text in (";", ",") or t.line > tokens[end - 1].line
                                         and tokens[end - 1].text not in JS_SWAPS and t.text not in JS_SWAPS
                                         and t.text not in ("?", ":", ".", "+", "-")):
                        break
                    end += 1
                out.append((name, i + 1, end - 1))
    return out


def _js_assigned_name(tokens, fn_index):
    k = fn_index - 1
    if k >= 1 and tokens[k].text in ("=", ":"):
        end, k = k, k - 1
        while k >= 0 and (tokens[k].kind == "name" or tokens[k].text == "."):
            k -= 1
        name = "".join(t.text for t in tokens[k + 1:end])
        return name or "<anonymous>"
    return "<anonymous>"


def _js_arrow_name(tokens, arrow_index):
    j = arrow_index - 1
    if j >= 0 and tokens[j].text == ")":
        depth = 0
        while j >= 0:
            if tokens[j].text == ")":
                depth += 1
            elif tokens[j].text == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
    j -= 1
    if j >= 1 and tokens[j].text in ("=", ":") and tokens[j - 1].kind == "name":
        k = j - 1
        while k >= 2 and tokens[k - 1].text == "." and tokens[k - 2].kind == "name":
            k -= 2
        return "".join(t.text for t in tokens[k:j])
    return None


def javascript_mutations(path, source):
    try:
        tokens = js_tokens(source)
    except ValueError:
        return []
    functions = _js_functions(tokens)
    line_starts = [0]
    for m in re.finditer("\n", source):
        line_starts.append(m.end())
    lines = source.splitlines(keepends=True)
    candidates = []

    def innermost(index):
        best = None
        for name, first, last in functions:
            if first <= index <= last and (best is None or first >= best[1]):
                best = (name, first, last)
        return best[0] if best else None

    def replace(i, start, end, text, kind):
        tok = tokens[i]
        function = innermost(i)
        if function is None:
            return
        line_no = tok.line
        col0 = line_starts[line_no - 1]
        old = lines[line_no - 1]
        new = old[:start - col0] + text + old[end - col0:]
        if new == old:
            return
        lead = old.lstrip()
        if lead.startswith(("throw ", "debug(", "console.")):
            return
        candidates.append(Mutation(path, line_no, start - col0, kind, function, old.rstrip("\n"), new.rstrip("\n")))

    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        end = tok.start + len(tok.text)
        if tok.kind == "op":
            if tok.text in JS_SWAPS:
                new, kind = JS_SWAPS[tok.text]
                replace(i, tok.start, end, new, kind)
            elif tok.text in ("+", "-") and prev is not None and (nxt is None or nxt.kind not in (
                    "string", "template")) and (
                    prev.kind in ("name", "number") and prev.text not in JS_KEYWORDS
                    or prev.text in (")", "]")):
                replace(i, tok.start, end, "-" if tok.text == "+" else "+", "arithmetic-operator")
            elif tok.text == "!" and nxt is not None and nxt.text != "!" and (prev is None or prev.text != "!"):
                replace(i, tok.start, end, "", "negated-condition")
        elif tok.kind == "name":
            if tok.text in JS_NAME_SWAPS:
                new, kind = JS_NAME_SWAPS[tok.text]
                replace(i, tok.start, end, new, kind)
            elif tok.text in JS_METHOD_SWAPS and prev is not None and prev.text == "." and nxt is not None \
                    and nxt.text == "(":
                kind = "min-max-swap" if tok.text in ("min", "max") else (
                    "wrong-builtin" if tok.text in ("some", "every") else "string-method-swap")
                replace(i, tok.start, end, JS_METHOD_SWAPS[tok.text], kind)
            elif tok.text == "return" and nxt is not None and nxt.line == tok.line and nxt.text not in (";", "}"):
                # `return EXPR` whose statement ends on this line: `return undefined`.
                j, depth = i + 1, 0
                while j < len(tokens) and tokens[j].line == tok.line:
                    t = tokens[j]
                    if t.text in "([{":
                        depth += 1
                    elif t.text in ")]}":
                        depth -= 1
                        if depth < 0:
                            break
                    elif t.text == ";" and depth == 0:
                        break
                    j += 1
                following = tokens[j] if j < len(tokens) else None
                if depth <= 0 and (following is None or following.line != tok.line and following.text not in (
                        ".", "?", ":", "&&", "||", "+", "-", "?.") or following.text in (";", "}")):
                    last = tokens[j - 1]
                    replace(i, tok.start, last.start + len(last.text), "return undefined", "missing-return-value")
        elif tok.kind == "number" and re.fullmatch(r"[0-9]+", tok.text):
            value = int(tok.text)
            kind = "wrong-constant"
            if prev is not None and prev.text == "[" and i >= 2 and (
                    tokens[i - 2].kind == "name" or tokens[i - 2].text in (")", "]")):
                kind = "index-shift"
            replace(i, tok.start, end, str(value + 1), kind)
            if value > 0:
                replace(i, tok.start, end, str(value - 1), kind)
    return candidates


def mutations_for(language, path, source):
    if language == "python":
        return python_mutations(path, source)
    if language == "javascript":
        return javascript_mutations(path, source)
    raise ValueError(f"unknown language {language}")
