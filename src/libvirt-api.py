#!/usr/bin/env python3
# libvirt-api.py: write the mechanical parts of the public API from
# src/libvirt-api.txt, the one table of every public symbol.
#
#   libvirt-api.py [--check]
#
# From the table and the prototypes in include/libvirt/*.h it writes:
#   src/libvirt_public.syms          the linker version script
#   tests/apicompat/expected-symbols.txt
#   src/driver-*.h                   the driver tables, one member per
#                                    entry point that reaches a driver
#   src/libvirt-AREA-gen.c           the entry points whose whole job is
#                                    to check their arguments and call
#                                    the driver (or say it has none)
#   docs/api.rst                     which functions are implemented
# With --check it writes nothing and fails, naming the files, when any
# of them differs from what it would write: the build tree's test
# "api-generated" runs it so, so a table or header change without a
# regeneration cannot go unnoticed.
#
# The table's format is described at its top.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests", "apicompat"))
import apicompat  # noqa: E402

TABLE = os.path.join(HERE, "libvirt-api.txt")
INCLUDE = os.path.join(TOP, "include")

# Where the entry points of each part of the API report their errors
# from: the error domain Debian's libvirt uses for them (measured by
# tests/apicompat/gen-probe.py).
AREAS = {
    "host": "VIR_FROM_DOMAIN",
    "domain": "VIR_FROM_DOMAIN",
    "domain-snapshot": "VIR_FROM_DOMAIN_SNAPSHOT",
    "domain-checkpoint": "VIR_FROM_DOMAIN_CHECKPOINT",
    "network": "VIR_FROM_NETWORK",
    "storage": "VIR_FROM_STORAGE",
    "nodedev": "VIR_FROM_NODEDEV",
    "interface": "VIR_FROM_INTERFACE",
    "secret": "VIR_FROM_SECRET",
    "nwfilter": "VIR_FROM_NWFILTER",
    "stream": "VIR_FROM_STREAMS",
}

# The driver tables: table prefix -> (struct, header, how an entry
# point reaches the table from a connection).
DRIVERS = {
    "hv": ("virHypervisorDriver", "driver-hypervisor.h", "conn->driver"),
    "network": ("virNetworkDriver", "driver-network.h", "conn->networkDriver"),
    "storage": ("virStorageDriver", "driver-storage.h", "conn->storageDriver"),
    "interface": ("virInterfaceDriver", "driver-interface.h", "conn->interfaceDriver"),
    "nodedev": ("virNodeDeviceDriver", "driver-nodedev.h", "conn->nodeDeviceDriver"),
    "secret": ("virSecretDriver", "driver-secret.h", "conn->secretDriver"),
    "nwfilter": ("virNWFilterDriver", "driver-nwfilter.h", "conn->nwfilterDriver"),
    "stream": ("virStreamDriver", "driver-stream.h", "st->driver"),
}

# Handle types: (what names it in messages, check macro suffix, how to get
# its connection from a variable @v).
HANDLES = {
    "virConnectPtr": ("Connect", "%s"),
    "virDomainPtr": ("Domain", "%s->conn"),
    "virNetworkPtr": ("Network", "%s->conn"),
    "virNetworkPortPtr": ("NetworkPort", "%s->net->conn"),
    "virInterfacePtr": ("Interface", "%s->conn"),
    "virStoragePoolPtr": ("StoragePool", "%s->conn"),
    "virStorageVolPtr": ("StorageVol", "%s->conn"),
    "virNodeDevicePtr": ("NodeDevice", "%s->conn"),
    "virSecretPtr": ("Secret", "%s->conn"),
    "virNWFilterPtr": ("NWFilter", "%s->conn"),
    "virNWFilterBindingPtr": ("NWFilterBinding", "%s->conn"),
    "virDomainSnapshotPtr": ("DomainSnapshot", "%s->domain->conn"),
    "virDomainCheckpointPtr": ("DomainCheckpoint", "%s->domain->conn"),
    "virStreamPtr": ("Stream", "%s->conn"),
}

# Members a driver has besides those named in the table: how it is
# opened and closed, and what the library asks it on its own.
EXTRA_MEMBERS = {
    "hv": [
        ("connectOpen", "virDrvOpenStatus (virConnectPtr conn, virConnectAuthPtr auth, "
                        "GUri *uri, unsigned int flags)",
         "@uri is @conn->uri parsed.  Returns a virDrvOpenStatus; on success the driver's "
         "private data is set on @conn."),
        ("connectClose", "int (virConnectPtr conn)", None),
        ("connectSupportsFeature", "int (virConnectPtr conn, int feature)", None),
    ],
    "network": [
        ("connectOpen", "virDrvOpenStatus (virConnectPtr conn, virConnectAuthPtr auth, "
                        "GUri *uri, unsigned int flags)", None),
        ("connectClose", "int (virConnectPtr conn)", None),
    ],
}
for _d in ("storage", "interface", "nodedev", "secret", "nwfilter"):
    EXTRA_MEMBERS[_d] = EXTRA_MEMBERS["network"]

# Entry points whose driver member returns something else than they do.
MEMBER_RETURNS = {
    "virDomainGetMaxMemory": "unsigned long long",
}

# Parameter descriptions used when the table gives none.
PARAM_DOCS = {
    "conn": "a connection",
    "domain": "a domain",
    "dom": "a domain",
    "network": "a network",
    "net": "a network",
    "port": "a network port",
    "iface": "an interface",
    "pool": "a storage pool",
    "vol": "a storage volume",
    "dev": "a node device",
    "secret": "a secret",
    "nwfilter": "a network filter",
    "binding": "a network filter binding",
    "snapshot": "a domain snapshot",
    "checkpoint": "a domain checkpoint",
    "stream": "a stream",
    "st": "a stream",
    "flags": "bitwise-OR of the flags the function documents, or 0",
    "xml": "an XML description",
    "xmlDesc": "an XML description",
    "xmlDesc_": "an XML description",
    "name": "a name",
    "uuid": "a raw UUID, VIR_UUID_BUFLEN bytes",
    "uuidstr": "a UUID in its printed form",
    "names": "an array to fill with names, each for the caller to free",
    "maxnames": "the length of @names",
    "params": "an array of typed parameters",
    "nparams": "the number of entries in @params",
    "opaque": "passed to the callback",
    "cb": "the callback",
    "freecb": "called with @opaque when the callback is removed, or NULL",
    "callbackID": "an ID returned when the callback was registered",
    "eventID": "the kind of event",
    "info": "where to store the information",
    "disk": "a disk of the domain, named by its target or its source",
    "path": "a path",
    "device": "a device of the domain",
    "cpumap": "a CPU bitmap",
    "maplen": "the length of @cpumap, in bytes",
    "type": "a type",
}


class Entry:
    def __init__(self, name, node, area, member, checks, docs):
        self.name = name
        self.node = node
        self.area = area
        self.member = member
        self.checks = checks
        self.docs = docs
        self.hand = "hand" in checks
        if self.hand:
            self.checks = [c for c in checks if c != "hand"]


def read_table():
    entries = []
    with open(TABLE) as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] in " \t":
                if not entries:
                    raise SystemExit("%s:%d: a description before any entry" % (TABLE, number))
                entries[-1].docs.append(line.strip())
                continue
            fields = line.split()
            if len(fields) < 4:
                raise SystemExit("%s:%d: expected NAME NODE AREA MEMBER [CHECKS]" % (TABLE, number))
            entries.append(Entry(fields[0], fields[1], fields[2], fields[3], fields[4:], []))
    return entries


def split_params(ftype):
    """(return type, [(type, name)]) of a function type "RET (PARAMS)"."""
    toks = apicompat.tokenize_line(ftype, "x", 0)
    end = len(toks) - 1
    start = end
    depth = 0
    while True:
        if toks[start].text == ")":
            depth += 1
        elif toks[start].text == "(":
            depth -= 1
            if depth == 0:
                break
        start -= 1
    ret = apicompat.spell(toks[:start])
    params = []
    for p in apicompat.split_top(toks[start + 1:end], ","):
        if not p or (len(p) == 1 and p[0].text == "void"):
            continue
        idx = apicompat.declarator_name(p)
        if len(p) == 1 or (idx is not None and p[idx].text in HANDLES):
            raise SystemExit("a parameter without a name in %s" % ftype)
        params.append((apicompat.spell(p[:idx] + p[idx + 1:]), p[idx].text))
    return ret, params


def decl_text(ret, name, params):
    """A declaration "RET NAME(TYPE NAME, ...)" with the star where C puts it."""
    args = ", ".join(join_type(t, n) for t, n in params) or "void"
    return "%s%s(%s)" % (ret if ret.endswith("*") else ret + " ", name, args)


def join_type(typetext, name):
    if "(*)" in typetext:
        return typetext.replace("(*)", "(*%s)" % name)
    if typetext.endswith("]"):
        i = typetext.index("[")
        return "%s %s%s" % (typetext[:i], name, typetext[i:])
    if typetext.endswith("*"):
        return typetext + name
    return "%s %s" % (typetext, name)


def wrap(text, indent=None, width=80):
    """Wrap a one-line C declaration or call at the commas of its last
    top-level parenthesised list, aligning continuation lines with it."""
    if len(text) < width:
        return text
    depth = 0
    open_at = None
    quoted = False
    for i, c in enumerate(text):
        if c == '"' and text[i - 1] != "\\":
            quoted = not quoted
        if quoted:
            continue
        if c == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == ")":
            depth -= 1
    if open_at is None:
        return text
    cut = []
    depth = 0
    quoted = False
    for i in range(open_at, len(text)):
        c = text[i]
        if c == '"' and text[i - 1] != "\\":
            quoted = not quoted
        if quoted:
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 1:
            cut.append(i)
    if not cut:
        return text
    pad = " " * (open_at + 1 if indent is None else indent)
    pieces = []
    start = 0
    for i in cut:
        pieces.append(text[start:i + 1].strip())
        start = i + 1
    pieces.append(text[start:].strip())
    lines = []
    line = ""
    for piece in pieces:
        if not line:
            line = piece
        elif len(line) + 1 + len(piece) < width:
            line += " " + piece
        else:
            lines.append(line)
            line = pad + piece
    lines.append(line)
    return "\n".join(lines)


def printf_of(typetext, name):
    t = typetext.replace("const ", "").strip()
    if t == "char *":
        return "%s=%%s" % name, "NULLSTR(%s)" % name
    if "*" in t or t.endswith("Ptr") or t.endswith("Callback") or t.endswith("Func"):
        return "%s=%%p" % name, "(void *)%s" % name if "(" not in typetext else "%s" % name
    if t in ("int",):
        return "%s=%%d" % name, name
    if t in ("unsigned int",):
        return ("%s=0x%%x" if name == "flags" else "%s=%%u") % name, name
    if t == "long long":
        return "%s=%%lld" % name, name
    if t == "unsigned long long":
        return "%s=%%llu" % name, name
    if t == "unsigned long":
        return "%s=%%lu" % name, name
    if t == "long":
        return "%s=%%ld" % name, name
    if t == "double":
        return "%s=%%f" % name, name
    if t == "size_t":
        return "%s=%%zu" % name, name
    return "%s=%%d" % name, "(int)%s" % name


def failure(ret):
    """(C test that @ret signals failure, value to return on failure)."""
    r = ret.replace("const ", "").strip()
    if r == "int":
        return "ret < 0", "-1"
    if r.endswith("*") or r.endswith("Ptr"):
        return "!ret", "NULL"
    if r == "unsigned long long":
        return "ret == 0", "0"
    raise SystemExit("no failure convention for a function returning %s" % ret)


CHECK_MESSAGES = {
    "nonnull": ("!(%s)", "%1$s in %2$s must not be NULL"),
    "null": ("(%s) != NULL", "%1$s in %2$s must be NULL"),
    "nonneg": ("(%s) < 0", "%1$s in %2$s must be zero or greater"),
    "positive": ("(%s) <= 0", "%1$s in %2$s must be greater than zero"),
    "nonzero": ("(%s) == 0", "%1$s in %2$s must not be zero"),
}
CHECK_MACROS = {
    "nonnull": "virCheckNonNullArgGoto", "null": "virCheckNullArgGoto",
    "nonneg": "virCheckNonNegativeArgGoto", "positive": "virCheckPositiveArgGoto",
    "nonzero": "virCheckNonZeroArgGoto",
}


def named_check(kind, arg, name):
    """An argument check; @name is what upstream's message calls @arg."""
    if name == arg:
        return "    %s(%s, error);\n" % (CHECK_MACROS[kind], arg)
    test, msg = CHECK_MESSAGES[kind]
    return ("    if (%s) {\n"
            "        virReportInvalidArg(%s, _(\"%s\"), \"%s\", __func__);\n"
            "        goto error;\n    }\n" % (test % arg, arg, msg, name))


def check_code(check, params, func):
    kind, _, arg = check.partition(":")
    if kind == "ro":
        return "    virCheckReadOnlyGoto(conn->flags, error);\n"
    if kind in CHECK_MACROS:
        arg, _, name = arg.partition("=")
        if arg not in [n for t, n in params]:
            raise SystemExit("%s: check %s names no parameter" % (func, check))
        if name.startswith("*"):
            # the value @arg points to (upstream names it "*arg")
            test, msg = CHECK_MESSAGES[kind]
            return ("    if (%s) {\n"
                    "        virReportInvalidArg(%s, _(\"%s\"), \"%s\", __func__);\n"
                    "        goto error;\n    }\n" % (test % ("*" + arg), arg, msg, name))
        return named_check(kind, arg, name or arg)
    if kind in ("nonnullif", "nullif"):
        # ARG:COND: the check applies only when the C condition holds
        arg, _, cond = arg.partition(":")
        if arg not in [n for t, n in params] or not cond:
            raise SystemExit("%s: check %s names no parameter or condition" % (func, check))
        cond = cond.replace("&&", " && ").replace("||", " || ")
        for op in ("!=", "=="):
            cond = cond.replace(op, " %s " % op)
        body = named_check(kind[:-2], arg, arg)
        return "    if (%s) {\n%s    }\n" % (
            cond, "".join("    " + line + "\n" for line in body.rstrip("\n").split("\n")))
    if kind == "excl":
        a, b = arg.split(",")
        return "    VIR_EXCLUSIVE_FLAGS_GOTO(%s, %s, error);\n" % (a, b)
    if kind == "lessthan":
        var, limit = arg.split(":")
        return ("    if (%s >= %s) {\n"
                "        virReportInvalidArg(%s, _(\"%%1$s in %%2$s must be less than %%3$d\"),\n"
                "                            \"%s\", __func__, %s);\n"
                "        goto error;\n    }\n" % (var, limit, var, var, limit))
    raise SystemExit("%s: unknown check %s" % (func, check))


ACCESSORS = {
    # kind: (field expression, what it gives)
    "name": "%s->name",
    "key": "%s->key",
    "usageID": "%s->usageID",
    "usageType": "%s->usageType",
    "mac": "%s->mac",
    "portdev": "%s->portdev",
    "filtername": "%s->filtername",
    "domain": "%s->domain",
    "network": "%s->net",
    "id": "%s->id",
}


def debug_line(fmt, args):
    return "    " + wrap("VIR_DEBUG(\"%s\", %s);" % (fmt, args), indent=14) + "\n"


def handle_check(htype, var, retval, goto=False):
    kind = HANDLES[htype][0]
    if goto:
        return "    virCheck%sGoto(%s, error);\n" % (kind, var)
    return "    virCheck%sReturn(%s, %s);\n" % (kind, var, retval)


def default_returns(entry, ret):
    """What a generated entry point returns, said from its name and type."""
    r = ret.replace("const ", "").strip()
    name = entry.name
    kind = entry.member[4:] if entry.member.startswith("get.") else None
    if kind in ("conn", "domain", "network"):
        return "the handle it belongs to (no new reference), or NULL on error"
    if kind == "id":
        return "the ID, or (unsigned int)-1 if it was not running or on error"
    if kind == "usageType":
        return "a virSecretUsageType, or -1 on error"
    if r == "char *" and ret.startswith("const"):
        return "a string owned by the handle, or NULL on error"
    if r == "char *":
        return "the result, for the caller to free(), or NULL on error"
    if r.endswith("Ptr"):
        return "a new handle, or NULL on error (the lookups: the not-found code of its kind)"
    if r == "int":
        short = name[3:]
        if re.search(r"(^|[a-z])(Is|Has)[A-Z]", short):
            return "1 if so, 0 if not, -1 on error"
        if re.search(r"NumOf|Num[A-Z]|Num$|List", short):
            return "the number found, or -1 on error"
        return "0 on success, -1 on error"
    return "what the driver gives, or %s on error" % failure(ret)[1]


def doc_comment(entry, params, ret, implemented):
    """The doc comment of a generated entry point, from the table."""
    pdocs = {}
    desc = []
    returns = None
    for line in entry.docs:
        m = re.match(r"^@(\w+): (.*)$", line)
        if m:
            pdocs[m.group(1)] = m.group(2)
        elif line.startswith("Returns: "):
            returns = line[len("Returns: "):]
        else:
            desc.append(line)
    text = "/**\n * %s:\n" % entry.name
    for t, n in params:
        d = pdocs.get(n) or PARAM_DOCS.get(n)
        if d is None:
            raise SystemExit("%s: no description of parameter %s" % (entry.name, n))
        text += comment_wrap("@%s: " % n, d, " *     ")
    text += " *\n"
    if not desc:
        raise SystemExit("%s: no description in the table" % entry.name)
    if implemented is False:
        desc.append("This library's drivers do not implement it: after its argument "
                    "checks the call fails with VIR_ERR_NO_SUPPORT.")
    text += comment_wrap("", " ".join(desc), " * ")
    if ret != "void":
        if returns is None:
            returns = default_returns(entry, ret)
        text += " *\n" + comment_wrap("Returns: ", returns, " * ")
    text += " */\n"
    return text


def comment_wrap(first, text, indent):
    words = text.split()
    lines = []
    line = " * " + first
    for w in words:
        if len(line) + len(w) + 1 > 80 and line.strip() not in ("*", "* " + first.strip()):
            lines.append(line.rstrip())
            line = indent + w
        else:
            line += ("" if line.endswith(" ") else " ") + w
    lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def gen_entry(entry, ret, params):
    """C source of a generated entry point."""
    htype = params[0][0] if params else None
    if htype not in HANDLES:
        raise SystemExit("%s: a generated entry point must take a handle first" % entry.name)
    var = params[0][1]
    conn_expr = HANDLES[htype][1] % var
    body = ""
    fmt = ", ".join(printf_of(t, n)[0] for t, n in params)
    args = ", ".join(printf_of(t, n)[1] for t, n in params)
    head = "%s\n%s\n{\n" % (ret, wrap(decl_text("", entry.name, params).strip()))
    mem = entry.member
    if mem.startswith("get."):
        kind = mem[4:]
        failval = {"name": "NULL", "key": "NULL", "usageID": "NULL", "mac": "NULL",
                   "portdev": "NULL", "filtername": "NULL", "domain": "NULL",
                   "network": "NULL", "usageType": "-1", "id": "(unsigned int)-1",
                   "conn": "NULL", "uuid": "-1", "uuidstr": "-1", "ref": "-1",
                   "free": "-1"}[kind]
        body += debug_line(fmt, args)
        body += "    virResetLastError();\n"
        body += handle_check(htype, var, failval)
        if kind in ACCESSORS:
            body += "    return %s;\n" % (ACCESSORS[kind] % var)
        elif kind == "conn":
            body += "    return %s;\n" % conn_expr
        elif kind == "ref":
            body += "    virObjectRefInternal(&%s->object);\n    return 0;\n" % var
        elif kind == "free":
            body += "    virObjectUnrefInternal(&%s->object);\n    return 0;\n" % var
        elif kind in ("uuid", "uuidstr"):
            out = params[1][1]
            body += "    virCheckNonNullArgGoto(%s, error);\n" % out
            if kind == "uuid":
                body += "    memcpy(%s, %s->uuid, VIR_UUID_BUFLEN);\n" % (out, var)
            else:
                body += "    virUUIDFormat(%s->uuid, %s);\n" % (var, out)
            body += "    return 0;\n\n error:\n    virDispatchError(%s);\n    return -1;\n" % conn_expr
        return head + body + "}\n"
    if mem == "lookupuuidstr":
        out = params[1][1]
        target = entry.name[:-len("String")]
        body += "    unsigned char raw[VIR_UUID_BUFLEN];\n\n"
        body += debug_line(fmt, args)
        body += "    virResetLastError();\n"
        body += handle_check(htype, var, "NULL")
        body += named_check("nonnull", out, "uuidstr")
        if htype == "virConnectPtr" and entry.area == "domain":
            # Upstream's oldest lookup kept its old message.
            body += ("    if (virUUIDParse(%s, raw) < 0) {\n"
                     "        virReportInvalidArg(%s, \"%%s\", _(\"Invalid UUID\"));\n"
                     "        goto error;\n    }\n" % (out, out))
        else:
            body += ("    if (virUUIDParse(%s, raw) < 0) {\n"
                     "        virReportInvalidArg(%s, _(\"%%1$s in %%2$s must be a valid UUID\"),\n"
                     "                            \"uuidstr\", __func__);\n"
                     "        goto error;\n    }\n" % (out, out))
        body += "    return %s(%s, raw);\n\n" % (target, var)
        body += " error:\n    virDispatchError(%s);\n    return NULL;\n}\n" % conn_expr
        return head + body
    test, failval = failure(ret)
    if var != "conn":
        body += "    virConnectPtr conn;\n\n"
    body += debug_line(fmt, args)
    body += "    virResetLastError();\n"
    body += handle_check(htype, var, failval)
    if var != "conn":
        body += "    conn = %s;\n" % conn_expr
    for t, n in params[1:]:
        if t in HANDLES:
            body += handle_check(t, n, failval, goto=True)
    for c in entry.checks:
        body += check_code(c, params, entry.name)
    if mem != "-":
        drv, member = mem.split(".")
        table = DRIVERS[drv][2]
        if drv == "stream":
            table = "%s->driver" % var
        cond = "%s && %s->%s" % (table, table, member) if drv != "hv" else "%s->%s" % (table, member)
        call = "%s->%s(%s)" % (table, member, ", ".join(n for t, n in params))
        body += "    if (%s) {\n" % cond
        decl = ("%s ret = %s;" % (ret, call) if not ret.endswith("*") else
                "%sret = %s;" % (ret, call))
        body += "        " + wrap(decl, width=72).replace("\n", "\n        ") + "\n\n"
        body += "        if (%s)\n            goto error;\n        return ret;\n    }\n" % test
    body += "    virReportUnsupportedError();\n\n"
    body += " error:\n    virDispatchError(conn);\n    return %s;\n}\n" % failval
    return head + body


def is_implemented(entry, impl):
    """True, False, or None for the library's own functions."""
    if entry.member in ("lib", "lookupuuidstr") or entry.member.startswith("get."):
        return None
    if entry.member == "-":
        return False
    drv, member = entry.member.split(".")
    return member in impl[drv]


def generate_sources(entries, protos):
    files = {}
    impl = implemented_members()
    for e in entries:
        if e.hand or e.member == "lib":
            continue
        if e.area not in AREAS:
            raise SystemExit("%s: unknown area %s" % (e.name, e.area))
        ret, params = protos[e.name]
        text = doc_comment(e, params, ret, is_implemented(e, impl)) + gen_entry(e, ret, params)
        files.setdefault(e.area, []).append(text)
    out = {}
    for area, bodies in files.items():
        name = "libvirt-%s-gen.c" % area
        text = ("/*\n * %s: generated entry points (%s)\n *\n"
                " * Generated by src/libvirt-api.py from src/libvirt-api.txt: do not edit.\n"
                " * Each function checks its arguments as upstream libvirt does, then\n"
                " * calls the driver's member of the same name, or reports that the\n"
                " * connection's driver has none.\n *\n"
                " * SPDX-License-Identifier: LGPL-2.1-or-later\n */\n\n"
                "#include \"datatypes.h\"\n#include \"virerror.h\"\n#include \"virlog.h\"\n"
                "#include \"viruuid.h\"\n\n#define VIR_FROM_THIS %s\n\n"
                "VIR_LOG_INIT(\"libvirt.%s\");\n\n" % (name, area, AREAS[area], area))
        text += "\n\n".join(bodies)
        out[os.path.join("src", name)] = text
    return out


def member_signature(e, protos):
    ret, params = protos[e.name]
    ret = MEMBER_RETURNS.get(e.name, ret)
    return ret, params


def generate_drivers(entries, protos):
    members = {d: {} for d in DRIVERS}
    for e in entries:
        if "." not in e.member or e.member.startswith("get."):
            continue
        drv, member = e.member.split(".")
        if drv not in DRIVERS:
            raise SystemExit("%s: unknown driver %s" % (e.name, drv))
        sig = member_signature(e, protos)
        if member in members[drv] and members[drv][member] != sig:
            raise SystemExit("%s: member %s.%s has two signatures" % (e.name, drv, member))
        members[drv][member] = sig
    out = {}
    for drv, (struct, header, access) in DRIVERS.items():
        guard = header.upper().replace("-", "_").replace(".", "_")
        text = ("/*\n * %s: the %s table\n *\n"
                " * Generated by src/libvirt-api.py from src/libvirt-api.txt: do not edit.\n"
                " * One member per driver call, named as in upstream libvirt (the entry\n"
                " * point's name without \"vir\"), with the entry point's parameters.  A\n"
                " * NULL member means the driver does not implement the call: the entry\n"
                " * point then reports VIR_ERR_NO_SUPPORT.\n *\n"
                " * SPDX-License-Identifier: LGPL-2.1-or-later\n */\n\n"
                "#pragma once\n\n#ifndef __VIR_DRIVER_H_INCLUDES__\n"
                "# error \"Include driver.h rather than this file\"\n#endif\n\n"
                % (header, struct))
        text += "typedef struct _%s %s;\nstruct _%s {\n    const char *name;\n\n" % (
            struct, struct, struct)
        for member, sig, doc in EXTRA_MEMBERS.get(drv, []):
            if member in members[drv]:
                continue
            if doc:
                text += comment_wrap("", doc, "     * ").replace(" * ", "    /* ", 1).rstrip("\n") + " */\n"
            r, p = sig.split(" (", 1)
            text += "    " + wrap("%s (*%s)(%s;" % (r, member, p)).replace("\n", "\n    ") + "\n"
        for member in sorted(members[drv]):
            ret, params = members[drv][member]
            args = ", ".join(join_type(t, n) for t, n in params)
            line = "%s(*%s)(%s);" % (ret if ret.endswith("*") else ret + " ", member, args)
            text += "    " + wrap(line).replace("\n", "\n    ") + "\n"
        text += "};\n"
        out[os.path.join("src", header)] = text
    return out


def generate_syms(entries):
    chain = [n for n, p in apicompat.version_chain(apicompat.UPSTREAM_LIBRARY)
             if "PRIVATE" not in n]
    by_node = {}
    for e in entries:
        by_node.setdefault(e.node, []).append(e.name)
    unknown = set(by_node) - set(chain)
    if unknown:
        raise SystemExit("unknown version nodes: %s" % ", ".join(sorted(unknown)))
    syms = ("#\n# The symbols libvirt.so.0 exports, by the version node upstream libvirt\n"
            "# introduced each in.  Programs linked against Debian's libvirt record\n"
            "# these nodes, and the dynamic linker insists on finding the same ones\n"
            "# here, so each symbol sits in upstream's node, and the nodes follow\n"
            "# upstream's chain, each inheriting from the one before.\n#\n"
            "# Generated by src/libvirt-api.py from src/libvirt-api.txt: do not edit.\n#\n")
    expected = ("# The public symbols we export, each with the version node Debian's\n"
                "# libvirt 9.0.0 exports it in (objdump -T libvirt.so.0).\n"
                "# Generated by src/libvirt-api.py; checked by symbolstest.py.\n")
    previous = None
    for node in chain:
        if node not in by_node:
            continue
        names = sorted(by_node[node])
        syms += "\n%s {\n    global:\n" % node
        syms += "".join("        %s;\n" % n for n in names)
        if previous is None:
            syms += "    local:\n        *;\n"
        syms += "}%s;\n" % (" " + previous if previous else "")
        expected += "".join("%s %s\n" % (n, node) for n in names)
        previous = node
    return {os.path.join("src", "libvirt_public.syms"): syms,
            os.path.join("tests", "apicompat", "expected-symbols.txt"): expected}


def implemented_members():
    """{driver prefix: set of members} the QEMU driver fills in, read from
    the designated initializers of its tables."""
    tables = {
        "virHypervisorDriver": "hv", "virNetworkDriver": "network",
        "virStorageDriver": "storage", "virInterfaceDriver": "interface",
        "virNodeDeviceDriver": "nodedev", "virSecretDriver": "secret",
        "virNWFilterDriver": "nwfilter", "virStreamDriver": "stream",
    }
    found = {v: set() for v in tables.values()}
    qemudir = os.path.join(HERE, "qemu")
    for fn in sorted(os.listdir(qemudir)):
        if not fn.endswith(".c"):
            continue
        text = open(os.path.join(qemudir, fn)).read()
        for m in re.finditer(r"^(?:static )?(?:const )?(vir\w+Driver) \w+ = \{\n(.*?)^\};",
                             text, re.M | re.S):
            if m.group(1) not in tables:
                continue
            for mm in re.finditer(r"^\s*\.(\w+)\s*=\s*(\w+)", m.group(2), re.M):
                found[tables[m.group(1)]].add(mm.group(1))
    return found


def generate_docs(entries):
    impl = implemented_members()
    rows = []
    counts = {"implemented": 0, "library": 0, "not supported": 0}
    for e in entries:
        if e.member in ("lib",) or e.member.startswith("get.") or e.member == "lookupuuidstr":
            status = "library"
        elif e.member == "-":
            status = "not supported"
        else:
            drv, member = e.member.split(".")
            status = "implemented" if member in impl[drv] else "not supported"
        counts[status] += 1
        rows.append((e.name, e.node.replace("LIBVIRT_", ""), e.area, status))
    text = ("=============================\n"
            "The public API, and our part\n"
            "=============================\n\n"
            ".. Generated by src/libvirt-api.py from src/libvirt-api.txt and the\n"
            "   QEMU driver's tables: do not edit.\n\n"
            "Every function and variable Debian's ``libvirt.so.0`` (libvirt 9.0.0)\n"
            "exports is exported by ours, under the same version node.  Each is one\n"
            "of:\n\n"
            "- **implemented**: the QEMU driver does it;\n"
            "- **library**: the library does it without a driver (handles, errors,\n"
            "  events, typed parameters);\n"
            "- **not supported**: the arguments are checked as upstream checks them,\n"
            "  then the call fails with ``VIR_ERR_NO_SUPPORT`` (\"this function is not\n"
            "  supported by the connection driver: virXxx\").\n\n"
            "%d symbols: %d implemented, %d library, %d not supported.\n\n"
            % (len(rows), counts["implemented"], counts["library"], counts["not supported"]))
    w = [max(len(r[i]) for r in rows + [("Function", "Since", "Part", "Status")])
         for i in range(4)]
    sep = "  ".join("=" * x for x in w) + "\n"
    text += sep + "  ".join(h.ljust(x) for h, x in zip(("Function", "Since", "Part", "Status"), w)).rstrip() + "\n" + sep
    for r in sorted(rows):
        text += "  ".join(c.ljust(x) for c, x in zip(r, w)).rstrip() + "\n"
    text += sep
    return {os.path.join("docs", "api.rst"): text}


def main():
    global TABLE
    args = sys.argv[1:]
    check = "--check" in args
    if "--table" in args:
        TABLE = args[args.index("--table") + 1]
    try:
        return generate(check)
    except SystemExit as e:
        if isinstance(e.code, str):
            print(e.code)
            return 1
        raise


def generate(check):
    entries = read_table()
    seen = set()
    for e in entries:
        if e.name in seen:
            raise SystemExit("%s is in the table twice" % e.name)
        seen.add(e.name)
    decls = apicompat.declarations(INCLUDE, ["libvirt.h", "virterror.h"])
    protos = {}
    for e in entries:
        if e.name in decls.functions:
            protos[e.name] = split_params(decls.functions[e.name])
        elif e.name not in decls.variables:
            raise SystemExit("%s: our headers do not declare it" % e.name)
    undeclared = sorted(n for n in list(decls.functions) + list(decls.variables) if n not in seen)
    if undeclared:
        raise SystemExit("declared but not in the table: " + ", ".join(undeclared))
    outputs = {}
    outputs.update(generate_syms(entries))
    outputs.update(generate_sources(entries, protos))
    outputs.update(generate_drivers(entries, protos))
    outputs.update(generate_docs(entries))
    stale = []
    for rel, text in sorted(outputs.items()):
        path = os.path.join(TOP, rel)
        old = open(path).read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            stale.append(rel)
        else:
            with open(path, "w") as f:
                f.write(text)
            print("wrote %s" % rel)
    if stale:
        print("stale generated files (run src/libvirt-api.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
