# apicompat.py: what the API conformance checks share
#
# The checks compare our public headers (include/libvirt) with the ones
# Debian's libvirt-dev installs.  They read both through the C
# preprocessor, pick out the declarations that come from each header
# tree, generate small C programs from them and let the compiler decide:
# the facts are what the compiler sees, not what a regular expression
# guesses.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

UPSTREAM_INCLUDE = "/usr/include"
UPSTREAM_LIBRARY = "/usr/lib/x86_64-linux-gnu/libvirt.so.0"

HERE = os.path.dirname(os.path.abspath(__file__))
TOP_SRCDIR = os.path.dirname(os.path.dirname(HERE))


class CheckError(Exception):
    """A problem that stops a check before it can compare anything."""


# ---------------------------------------------------------------- TAP

class Tap:
    """Numbered TAP output; the plan is printed at the end."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def result(self, ok, title, diags=()):
        """Report one case; @diags, lines explaining a failure, are
        printed only when it failed."""
        self.count += 1
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.count, title))
        if not ok:
            for line in diags:
                print("# " + line)
        sys.stdout.flush()
        return ok

    def diag(self, line):
        print("# " + line)

    def finish(self):
        print("1..%d" % self.count)
        return 1 if self.failed or self.count == 0 else 0


def common_arguments(description):
    """An argument parser with the options every header check takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--ours", default=os.path.join(TOP_SRCDIR, "include"),
                        help="include directory holding our libvirt/ headers")
    parser.add_argument("--theirs", default=UPSTREAM_INCLUDE,
                        help="include directory holding upstream's libvirt/ headers")
    return parser


# ---------------------------------------------------------------- compiler

def compiler(var, default):
    return shlex.split(os.environ.get(var) or default)


def indent(text):
    """Compiler output, indented to set it apart from our own words."""
    return "\n".join("  " + l for l in text.strip().splitlines())


def run(argv, stdin=None):
    """Run @argv; return (exit status, stdout, stderr)."""
    try:
        proc = subprocess.run(argv, input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
    except OSError as e:
        raise CheckError("cannot run %s: %s" % (argv[0], e.strerror))
    return proc.returncode, proc.stdout, proc.stderr


class Scratch:
    """A temporary directory for generated sources and programs."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="apicompat-")
        self.path = self._dir.name

    def write(self, name, text):
        path = os.path.join(self.path, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def cleanup(self):
        self._dir.cleanup()


def public_headers(incdir):
    """The headers of @incdir/libvirt an application may include directly.

    Upstream's sub-headers refuse to be included on their own (they #error
    unless libvirt.h includes them); the rest are entry points.
    """
    libdir = os.path.join(incdir, "libvirt")
    if not os.path.isdir(libdir):
        raise CheckError("%s has no libvirt/ directory" % incdir)
    ret = []
    for name in sorted(os.listdir(libdir)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(libdir, name)) as f:
            text = f.read()
        if re.search(r"^\s*#\s*error\b", text, re.M):
            continue
        ret.append(name)
    return ret


def header_sets(ours, theirs):
    """Our public headers, and those of them upstream also installs."""
    mine = public_headers(ours)
    common = [h for h in mine if os.path.exists(os.path.join(theirs, "libvirt", h))]
    return mine, common


def all_headers(incdir):
    libdir = os.path.join(incdir, "libvirt")
    return sorted(n for n in os.listdir(libdir) if n.endswith(".h"))


def include_lines(headers):
    return "".join("#include <libvirt/%s>\n" % h for h in headers)


# ---------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\r\f\v]+) |
    (?P<string>(?:L|u8|u|U)?"(?:\\.|[^"\\\n])*") |
    (?P<char>(?:L|u|U)?'(?:\\.|[^'\\\n])*') |
    (?P<number>\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*) |
    (?P<ident>[A-Za-z_][A-Za-z_0-9]*) |
    (?P<punct><<=|>>=|\.\.\.|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!~<>=?:;,.(){}\[\]#])
""", re.X)

_LINEMARKER_RE = re.compile(r'^#\s*(?:line\s+)?(\d+)\s+"((?:\\.|[^"\\])*)"')
_DEFINE_RE = re.compile(r"^#\s*define\s+([A-Za-z_]\w*)(\()?\s*(.*)$")


class Token:
    __slots__ = ("text", "kind", "file", "line")

    def __init__(self, text, kind, file, line):
        self.text = text
        self.kind = kind
        self.file = file
        self.line = line

    def __repr__(self):
        return self.text


class Macro:
    def __init__(self, name, value, funclike, file):
        self.name = name
        self.value = value
        self.funclike = funclike
        self.file = file


def tokenize_line(text, file, line):
    ret = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m:
            # A stray character the grammar does not know; public headers
            # have none, so stop rather than misread what follows.
            raise CheckError("%s:%d: cannot read %r" % (file, line, text[pos:pos + 20]))
        pos = m.end()
        if m.lastgroup != "ws":
            ret.append(Token(m.group(), m.lastgroup, file, line))
    return ret


def preprocess(incdir, headers, defines=(), macros=False):
    """Preprocess a file that includes @headers from @incdir.

    Returns (tokens, macro definitions): every token and, with @macros,
    every #define, each tagged with the real path of the file it comes from.
    """
    src = include_lines(headers)
    argv = compiler("CC", "gcc") + ["-E", "-std=gnu11", "-I", incdir]
    argv += ["-D" + d for d in defines]
    if macros:
        argv.append("-dD")
    argv += ["-x", "c", "-"]
    rc, out, err = run(argv, stdin=src)
    if rc != 0:
        raise CheckError("preprocessing %s from %s failed:\n%s" %
                         (", ".join(headers), incdir, indent(err)))
    tokens = []
    defs = []
    file = None
    line = 0
    realpaths = {}
    for text in out.split("\n"):
        m = _LINEMARKER_RE.match(text)
        if m:
            line = int(m.group(1))
            name = m.group(2)
            if name not in realpaths:
                realpaths[name] = (os.path.realpath(name)
                                   if not name.startswith("<") else name)
            file = realpaths[name]
            continue
        if text.startswith("#"):
            d = _DEFINE_RE.match(text)
            if d:
                defs.append(Macro(d.group(1), d.group(3).strip(),
                                  d.group(2) is not None, file))
        else:
            tokens.extend(tokenize_line(text, file, line))
        line += 1
    return tokens, defs


def in_tree(path, incdir):
    """True when @path is one of the libvirt/ headers under @incdir."""
    if path is None:
        return False
    root = os.path.join(os.path.realpath(incdir), "libvirt") + os.sep
    return path.startswith(root)


# ---------------------------------------------------------------- declarations

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_KEYWORDS = {
    "auto", "char", "const", "double", "enum", "extern", "float", "int",
    "long", "register", "restrict", "short", "signed", "static", "struct",
    "typedef", "union", "unsigned", "void", "volatile", "_Bool", "inline",
    "__restrict", "__restrict__", "__inline", "__extension__", "__const",
}


def split_top(tokens, sep):
    """Split @tokens at @sep tokens outside any brackets."""
    parts = [[]]
    depth = 0
    for t in tokens:
        if t.text in _OPEN:
            depth += 1
        elif t.text in _CLOSE:
            depth -= 1
        if depth == 0 and t.text == sep:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def strip_attributes(tokens):
    """Drop GNU __attribute__((...)), __asm__(...) and __extension__."""
    ret = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.text in ("__attribute__", "__attribute", "__asm__", "__asm"):
            i += 1
            depth = 0
            while i < len(tokens):
                if tokens[i].text == "(":
                    depth += 1
                elif tokens[i].text == ")":
                    depth -= 1
                    if depth == 0:
                        i += 1
                        break
                i += 1
            continue
        if t.text == "__extension__":
            i += 1
            continue
        ret.append(t)
        i += 1
    return ret


def matching(tokens, i):
    """Index of the bracket closing the one at @i."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].text in _OPEN:
            depth += 1
        elif tokens[j].text in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    raise CheckError("%s:%d: unbalanced %s" % (tokens[i].file, tokens[i].line, tokens[i].text))


def declarator_name(tokens):
    """Index of the identifier a declaration (without braces) declares."""
    first = None
    depth = 0
    for i, t in enumerate(tokens):
        if t.text == "(" and depth == 0:
            first = i
            break
        if t.text in _OPEN:
            depth += 1
        elif t.text in _CLOSE:
            depth -= 1
    if first is not None:
        nxt = tokens[first + 1].text if first + 1 < len(tokens) else ""
        if nxt == "*":
            # (*name)(...): a pointer to a function, or a function
            # returning one; the name is the first identifier inside.
            end = matching(tokens, first)
            for j in range(first + 1, end):
                if tokens[j].kind == "ident" and tokens[j].text not in _KEYWORDS:
                    return j
            return None
        if first > 0 and tokens[first - 1].kind == "ident" and \
           tokens[first - 1].text not in _KEYWORDS:
            return first - 1
        return None
    last = None
    for i, t in enumerate(tokens):
        if t.text == "[" or t.text == ":":
            break
        if t.kind == "ident" and t.text not in _KEYWORDS:
            last = i
    return last


def spell(tokens):
    """C text for @tokens, spaced so that it reads like C."""
    out = ""
    prev = None
    for t in tokens:
        if prev is not None:
            if (prev.kind in ("ident", "number") and t.kind in ("ident", "number")) or \
               t.text in ("*",) and prev.kind == "ident" or \
               prev.text == "," or \
               (t.text == "(" and prev.kind == "ident" and prev.text in _KEYWORDS):
                out += " "
        out += t.text
        prev = t
    return out


class Declarations:
    """What a set of headers declares, by kind."""

    def __init__(self):
        self.constants = {}   # enum constant -> Token of its name
        self.structs = {}     # struct tag -> [Field]
        self.functions = {}   # name -> type text (a function type)
        self.variables = {}   # name -> type text
        self.typedefs = {}    # name -> type text, or None for an anonymous type
        self.files = {}       # any declared name -> file
        self.macros = {}      # macro name -> Macro


class Field:
    def __init__(self, name, typetext):
        self.name = name
        self.typetext = typetext   # None if it cannot be spelled alone


def _enum_body(decls, tokens):
    for item in split_top(tokens, ","):
        if not item:
            continue
        name = item[0]
        if name.kind != "ident":
            raise CheckError("%s:%d: unexpected %r in an enum" % (name.file, name.line, name.text))
        decls.constants[name.text] = name
        decls.files[name.text] = name.file


def _struct_body(tokens):
    fields = []
    for item in split_top(tokens, ";"):
        item = strip_attributes(item)
        if not item:
            continue
        if any(t.text == "{" for t in item):
            # A nested struct or union: the field name follows its body.
            start = next(i for i, t in enumerate(item) if t.text == "{")
            end = matching(item, start)
            rest = [t for t in item[end + 1:] if t.kind == "ident"]
            if not rest:
                raise CheckError("%s:%d: anonymous member" % (item[0].file, item[0].line))
            fields.append(Field(rest[-1].text, None))
            continue
        declarators = split_top(item, ",")
        idx = declarator_name(declarators[0])
        if idx is None:
            raise CheckError("%s:%d: cannot find the field name in %r" %
                             (item[0].file, item[0].line, spell(item)))
        if len(declarators) == 1 and not any(t.text == ":" for t in item):
            typetext = spell(item[:idx] + item[idx + 1:])
        else:
            typetext = None
        fields.append(Field(declarators[0][idx].text, typetext))
        for extra in declarators[1:]:
            names = [t for t in extra if t.kind == "ident"]
            if names:
                fields.append(Field(names[-1].text, None))
    return fields


def _declaration(decls, tokens):
    tokens = strip_attributes(tokens)
    if not tokens:
        return
    file = tokens[0].file
    is_typedef = tokens[0].text == "typedef"
    if is_typedef:
        tokens = tokens[1:]
    brace = next((i for i, t in enumerate(tokens) if t.text == "{"), None)
    if brace is not None:
        end = matching(tokens, brace)
        kind = tokens[0].text if tokens[0].text in ("enum", "struct", "union") else None
        tag = tokens[1].text if brace >= 2 and tokens[1].kind == "ident" else None
        after = [t for t in tokens[end + 1:] if t.kind == "ident"]
        if kind == "enum":
            _enum_body(decls, tokens[brace + 1:end])
        elif kind in ("struct", "union") and tag:
            decls.structs[tag] = _struct_body(tokens[brace + 1:end])
            decls.files[tag] = file
        if is_typedef:
            for t in after:
                decls.typedefs[t.text] = "%s %s" % (kind, tag) if tag else None
                decls.files[t.text] = file
        return
    idx = declarator_name(tokens)
    if idx is None:
        return
    name = tokens[idx].text
    rest = tokens[:idx] + tokens[idx + 1:]
    decls.files[name] = file
    if is_typedef:
        decls.typedefs[name] = spell(rest)
        return
    storage = [t for t in rest if t.text in ("extern", "static", "inline", "__inline")]
    rest = [t for t in rest if t not in storage]
    if idx + 1 < len(tokens) and tokens[idx + 1].text == "(":
        decls.functions[name] = spell(rest)
    else:
        decls.variables[name] = spell(rest)


def declarations(incdir, headers, defines=("VIR_ENUM_SENTINELS",)):
    """Everything @headers declare in files under @incdir/libvirt."""
    tokens, defs = preprocess(incdir, headers, defines, macros=True)
    decls = Declarations()
    for d in defs:
        if in_tree(d.file, incdir):
            decls.macros[d.name] = d
    # Group the tree's tokens into top-level declarations.
    current = []
    depth = 0
    for t in tokens:
        if not in_tree(t.file, incdir) and depth == 0 and not current:
            continue
        if t.text in _OPEN:
            depth += 1
        elif t.text in _CLOSE:
            depth -= 1
        if depth == 0 and t.text == ";":
            if in_tree(current[0].file if current else None, incdir):
                _declaration(decls, current)
            current = []
            continue
        current.append(t)
    if current:
        raise CheckError("%s:%d: declaration never ends: %s" %
                         (current[0].file, current[0].line, spell(current[:8])))
    return decls


# ---------------------------------------------------------------- macros

_INT_WORDS = {"int", "long", "short", "char", "signed", "unsigned"}


def macro_kind(macro, numeric_names):
    """'int' for an integer constant expression, 'string' for a string
    literal, None for anything else (attributes, keywords, empty)."""
    if macro.funclike or not macro.value:
        return None
    try:
        toks = tokenize_line(macro.value, macro.file, 0)
    except CheckError:
        return None
    if all(t.kind == "string" for t in toks):
        return "string"
    has_value = False
    for t in toks:
        if t.kind == "number":
            if not re.match(r"^(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*$", t.text):
                return None
            has_value = True
        elif t.kind == "ident":
            if t.text in numeric_names:
                has_value = True
            elif t.text not in _INT_WORDS:
                return None
        elif t.kind != "punct" or t.text in (";", "{", "}", ",", "#", "."):
            return None
    return "int" if has_value else None


# ---------------------------------------------------------------- compiling

def compile_and_run(scratch, name, source, incdir, extra=()):
    """Build @source against @incdir and run it; returns its output."""
    src = scratch.write(name + ".c", source)
    exe = os.path.join(scratch.path, name)
    argv = compiler("CC", "gcc") + ["-std=gnu11", "-w", "-I", incdir]
    argv += list(extra) + ["-o", exe, src]
    rc, out, err = run(argv)
    if rc != 0:
        raise CheckError("cannot build the %s probe against %s:\n%s" %
                         (name, incdir, indent(err)))
    rc, out, err = run([exe])
    if rc != 0:
        raise CheckError("the %s probe built against %s failed:\n%s" %
                         (name, incdir, indent(err)))
    return out


_DIAG_RE = re.compile(r"^[^:\s]+\.c:(\d+):(?:\d+:)?\s*error:\s*(.*)$")


def compile_lines(scratch, name, prologue, lines, incdir):
    """Compile @prologue followed by @lines (pairs of (key, C text), one
    line each) against @incdir.

    Returns ({key: [error messages]}, errors not on any line).
    """
    text = prologue
    first = prologue.count("\n") + 1
    keys = {}
    for i, (key, code) in enumerate(lines):
        keys[first + i] = key
        text += code.replace("\n", " ") + "\n"
    src = scratch.write(name + ".c", text)
    argv = compiler("CC", "gcc") + ["-std=gnu11", "-fsyntax-only", "-fmax-errors=0",
                                    "-Wno-deprecated-declarations",
                                    "-fno-diagnostics-show-caret",
                                    "-I", incdir, src]
    rc, out, err = run(argv)
    failures = {}
    other = []
    for line in err.splitlines():
        m = _DIAG_RE.match(line)
        if not m:
            continue
        key = keys.get(int(m.group(1)))
        if key is None:
            other.append(line)
        else:
            failures.setdefault(key, []).append(m.group(2))
    if rc != 0 and not failures and not other:
        other.append(err.strip() or "the compiler failed without a message")
    return failures, other


def objdump_dynamic(path):
    """The dynamic symbols @path defines: {name: (version, hidden, kind)}.

    @hidden is True for a non-default version (name@VERSION rather than
    name@@VERSION); such a symbol is keyed "name@VERSION".

    Version-definition symbols (objdump lists each version node as an
    absolute symbol of its own name) are left out; see version_chain().
    """
    rc, out, err = run(["objdump", "-T", path])
    if rc != 0:
        raise CheckError("objdump -T %s failed: %s" % (path, err.strip()))
    ret = {}
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+\s(.{7})\s(\S+)\s+[0-9a-f]+\s+(?:(\(?)([^\s()]+)\)?\s+)?(\S+)$",
                     line)
        if not m:
            continue
        flags, section, paren, version, name = m.groups()
        if section == "*UND*":
            continue
        if flags[0] not in ("g", "u", "w") and flags[1] not in ("g", "u", "w"):
            continue
        if section == "*ABS*" and version == name:
            continue
        kind = "function" if "F" in flags else "object" if "O" in flags else "other"
        if version in (None, "Base"):
            version = None
        if paren == "(":
            # A non-default version of a symbol: keep it apart from the
            # default one, under a name no upstream symbol has.
            ret["%s@%s" % (name, version)] = (version, True, kind)
        else:
            ret[name] = (version, False, kind)
    return ret


def version_chain(path):
    """The version definitions of @path, in order: [(name, parent)]."""
    rc, out, err = run(["objdump", "-p", path])
    if rc != 0:
        raise CheckError("objdump -p %s failed: %s" % (path, err.strip()))
    ret = []
    section = False
    for line in out.splitlines():
        if line.startswith("Version definitions:"):
            section = True
            continue
        if not section:
            continue
        if not line.strip() or not (line[0].isdigit() or line[0] == "\t"):
            break
        m = re.match(r"^\d+\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+(\S+)$", line)
        if m:
            if int(m.group(1), 16) & 1:
                continue   # the file's own name (VER_FLG_BASE)
            ret.append([m.group(2), None])
        elif line.startswith("\t") and ret:
            ret[-1][1] = line.strip()
    return [tuple(v) for v in ret]
