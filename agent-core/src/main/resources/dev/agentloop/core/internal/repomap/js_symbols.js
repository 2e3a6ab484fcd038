// Prints the definitions, imports and references of JavaScript files in the record format of python_symbols.py
// (F, D, I, R lines; see SymbolRecords.java), parsed with acorn (Debian's node-acorn).
// Usage: node -e "$(cat js_symbols.js)" -- FILE... (paths relative to the working directory).
'use strict';
const fs = require('fs');
let acorn;
try {
  acorn = require('acorn');
} catch (e) {
  acorn = require('/usr/share/nodejs/acorn');
}

const MAX_SIGNATURE = 200;
const MAX_DOC = 120;

const esc = (s) => String(s).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const clip = (s, limit) => {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length <= limit ? t : t.slice(0, limit - 3) + '...';
};

function parse(source) {
  const options = {
    ecmaVersion: 'latest',
    locations: true,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
  };
  const comments = [];
  try {
    return { ast: acorn.parse(source, { ...options, sourceType: 'module', onComment: comments }), comments };
  } catch (moduleError) {
    // Sloppy-mode scripts (with, octal literals, ...) are not modules.
    comments.length = 0;
    try {
      return { ast: acorn.parse(source, { ...options, sourceType: 'script', onComment: comments }), comments };
    } catch (scriptError) {
      throw moduleError;
    }
  }
}

function docIndex(comments) {
  // The first line of a block comment (JSDoc) ending on the line before a definition.
  const byEndLine = new Map();
  for (const c of comments) {
    if (c.type !== 'Block') continue;
    const line = c.value.split('\n').map((l) => l.replace(/^\s*\*+\s?/, '').trim()).find((l) => l && !l.startsWith('@'));
    if (line) byEndLine.set(c.loc.end.line, clip(line, MAX_DOC));
  }
  return (node) => byEndLine.get(node.loc.start.line - 1) || '';
}

function paramsOf(fn, source) {
  return fn.params.map((p) => source.slice(p.start, p.end)).join(', ');
}

function functionSignature(name, fn, source, arrow, declaredAs) {
  const text = arrow
    ? (declaredAs ? declaredAs + ' ' : '') + name + ' = ' + (fn.async ? 'async ' : '') + '(' + paramsOf(fn, source) + ') =>'
    : (fn.async ? 'async ' : '') + 'function' + (fn.generator ? '* ' : ' ') + name + '(' + paramsOf(fn, source) + ')';
  return clip(text, MAX_SIGNATURE);
}

function classSignature(name, cls, source) {
  const base = cls.superClass ? ' extends ' + source.slice(cls.superClass.start, cls.superClass.end) : '';
  return clip('class ' + name + base, MAX_SIGNATURE);
}

const isFunction = (n) => n && (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression');

function propertyName(key, computed) {
  if (!key) return null;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'PrivateIdentifier') return '#' + key.name;
  return null;
}

// The dotted path of a member expression (module.exports.foo -> ['module', 'exports', 'foo']), or null.
function memberPath(node) {
  const parts = [];
  while (node && node.type === 'MemberExpression') {
    const name = propertyName(node.property, node.computed);
    if (name === null) return null;
    parts.unshift(name);
    node = node.object;
  }
  if (!node || (node.type !== 'Identifier' && node.type !== 'ThisExpression')) return null;
  parts.unshift(node.type === 'Identifier' ? node.name : 'this');
  return parts;
}

function definitions(program, source, doc) {
  const out = [];
  const add = (kind, name, node, parent, signature) =>
    out.push([kind, name, node.loc.start.line, node.loc.end.line, parent, signature, doc(node)]);

  const addClass = (name, cls, at) => {
    add('c', name, at, '', classSignature(name, cls, source));
    for (const member of cls.body.body) {
      if (member.type !== 'MethodDefinition') continue;
      const mname = propertyName(member.key, member.computed);
      if (mname === null) continue;
      const prefix = (member.static ? 'static ' : '') + (member.kind === 'get' || member.kind === 'set' ? member.kind + ' ' : '');
      add('m', mname, member, name, clip(prefix + (member.value.async ? 'async ' : '') + mname + '(' + paramsOf(member.value, source) + ')', MAX_SIGNATURE));
    }
  };

  const addValue = (name, value, at, parent, declaredAs) => {
    if (isFunction(value)) {
      const arrow = value.type === 'ArrowFunctionExpression';
      add(parent ? 'm' : 'f', name, at, parent, functionSignature(name, value, source, arrow, declaredAs));
    } else if (value && value.type === 'ClassExpression') {
      addClass(name, value, at);
    } else if (!parent) {
      add('v', name, at, '', clip(declaredAs === 'exports' ? 'exports.' + name : (declaredAs ? declaredAs + ' ' : '') + name, MAX_SIGNATURE));
    }
  };

  const declaration = (node, at) => {
    if (!node) return;
    switch (node.type) {
      case 'FunctionDeclaration':
        add('f', node.id ? node.id.name : 'default', at, '', functionSignature(node.id ? node.id.name : 'default', node, source, false));
        break;
      case 'ClassDeclaration':
        addClass(node.id ? node.id.name : 'default', node, at);
        break;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          if (d.id.type === 'Identifier') addValue(d.id.name, d.init, at, '', node.kind);
        }
        break;
      default:
        break;
    }
  };

  for (const node of program.body) {
    switch (node.type) {
      case 'ExportNamedDeclaration':
        declaration(node.declaration, node);
        break;
      case 'ExportDefaultDeclaration':
        if (node.declaration.type === 'FunctionDeclaration' || node.declaration.type === 'ClassDeclaration') {
          declaration(node.declaration, node);
        } else if (isFunction(node.declaration) || node.declaration.type === 'ClassExpression') {
          addValue('default', node.declaration, node, '', '');
        }
        break;
      case 'ExpressionStatement': {
        // CommonJS and prototype assignments: exports.f = ..., module.exports = {...}, Foo.prototype.m = ...
        const e = node.expression;
        if (e.type !== 'AssignmentExpression' || e.operator !== '=') break;
        const path = memberPath(e.left);
        if (!path) break;
        if ((path.length === 2 && path[0] === 'module' && path[1] === 'exports') && e.right.type === 'ObjectExpression') {
          for (const p of e.right.properties) {
            if (p.type !== 'Property') continue;
            const name = propertyName(p.key, p.computed);
            if (name !== null && (isFunction(p.value) || p.value.type === 'ClassExpression')) addValue(name, p.value, p, '', '');
          }
        } else if (path.length === 3 && path[0] === 'module' && path[1] === 'exports') {
          addValue(path[2], e.right, node, '', 'exports');
        } else if (path.length === 2 && path[0] === 'exports') {
          addValue(path[1], e.right, node, '', 'exports');
        } else if (path.length === 3 && path[1] === 'prototype' && isFunction(e.right)) {
          addValue(path[2], e.right, node, path[0], '');
        } else if (path.length === 2 && path[0] !== 'this' && path[0] !== 'module' && isFunction(e.right)) {
          addValue(path[1], e.right, node, path[0], '');
        }
        break;
      }
      default:
        declaration(node, node);
    }
  }
  return out;
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'value', 'regex', 'bigint']);

function scan(program) {
  const imports = [];
  const counts = new Map();
  const count = (name) => counts.set(name, (counts.get(name) || 0) + 1);
  const stack = [[program, null, null]];
  while (stack.length) {
    const [node, parent, key] = stack.pop();
    switch (node.type) {
      case 'Identifier':
        // Declared names, parameters and plain object keys are not uses of a name.
        if (key === 'id' || key === 'params' || key === 'label') break;
        if (key === 'key' && parent && !parent.computed && !parent.shorthand) break;
        count(node.name);
        break;
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source && typeof node.source.value === 'string') imports.push([node.start, node.source.value]);
        break;
      case 'ImportExpression':
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') imports.push([node.start, node.source.value]);
        break;
      case 'CallExpression':
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0
            && node.arguments[0].type === 'Literal' && typeof node.arguments[0].value === 'string') {
          imports.push([node.start, node.arguments[0].value]);
        }
        break;
      default:
        break;
    }
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      const v = node[k];
      if (Array.isArray(v)) {
        for (const item of v) if (item && typeof item.type === 'string') stack.push([item, node, k]);
      } else if (v && typeof v.type === 'string') {
        stack.push([v, node, k]);
      }
    }
  }
  // The walk is depth-first from the end: restore source order.
  imports.sort((a, b) => a[0] - b[0]);
  return { imports: imports.map((i) => i[1]), counts };
}

function describe(path) {
  let source;
  try {
    source = fs.readFileSync(path, 'utf8');
  } catch (e) {
    return 'F\t' + esc(path) + '\tERROR\t' + esc(e.code || e.message) + '\n';
  }
  let parsed;
  try {
    parsed = parse(source);
  } catch (e) {
    const where = e.loc ? 'line ' + e.loc.line + ': ' : '';
    return 'F\t' + esc(path) + '\tSYNTAX\t' + esc(where + String(e.message).replace(/ \(\d+:\d+\)$/, '')) + '\n';
  }
  const lines = ['F\t' + esc(path) + '\tOK\t\n'];
  for (const [kind, name, line, end, parent, signature, doc] of definitions(parsed.ast, source, docIndex(parsed.comments))) {
    lines.push('D\t' + kind + '\t' + esc(name) + '\t' + line + '\t' + end + '\t' + esc(parent) + '\t' + esc(signature) + '\t' + esc(doc) + '\n');
  }
  const { imports, counts } = scan(parsed.ast);
  for (const spec of imports) lines.push('I\t' + esc(spec) + '\t\n');
  if (counts.size) {
    lines.push('R\t' + Array.from(counts, ([n, c]) => (c === 1 ? n : n + ':' + c)).join(' ') + '\n');
  }
  return lines.join('');
}

const chunks = [];
for (const path of process.argv.slice(1)) {
  try {
    chunks.push(describe(path));
  } catch (e) {
    // One odd file must not stop the others.
    chunks.push('F\t' + esc(path) + '\tERROR\t' + esc(String(e && e.message).slice(0, 200)) + '\n');
  }
}
// Compressed, as python_symbols.py prints them: one line "Z<tab><base64 of the zlib-compressed UTF-8 records>".
process.stdout.write('Z\t' + require('zlib').deflateSync(Buffer.from(chunks.join(''), 'utf8'), { level: 1 })
  .toString('base64') + '\n');
