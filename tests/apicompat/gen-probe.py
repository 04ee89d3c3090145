#!/usr/bin/env python3
# gen-probe.py OUT.c: a program that calls every public function with bad
# arguments, to compare what two libraries say before reaching a driver
#
# For each function Debian's headers declare (libvirt.h, virterror.h),
# the generated program runs a set of probes, each in a child process
# (a probe may crash a library that does not check an argument):
#   badobj      its first argument, a handle, is NULL
#   rw          every argument valid, on a read-write connection
#   ro          every argument valid, on a read-only connection
#   null:N      argument N, a pointer, is NULL
#   neg:N       argument N, a signed integer, is -1
#   zero:N      argument N, an integer, is 0
#   flags       every bit of the flags argument set
#   ro-null     read-only connection, every pointer NULL, integers -1
#   rw-null     read-write connection, every pointer NULL, integers -1
# and prints one line per probe: "FUNCTION PROBE: RESULT", RESULT being
# "ok", "error CODE DOMAIN MESSAGE", "crash SIGNAL" or "timeout".
#
# The program takes a URI and, optionally, a file of domain XML to define
# when the connection has no domain; it finds the other objects by
# listing them.  Probes that need an object the connection cannot give
# are left out.  compare-probe.py reads the output of two runs.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

import apicompat

HANDLES = {
    "virConnectPtr": "conn",
    "virDomainPtr": "dom",
    "virNetworkPtr": "net",
    "virNetworkPortPtr": "port",
    "virInterfacePtr": "iface",
    "virStoragePoolPtr": "pool",
    "virStorageVolPtr": "vol",
    "virNodeDevicePtr": "dev",
    "virSecretPtr": "secret",
    "virNWFilterPtr": "nwfilter",
    "virNWFilterBindingPtr": "binding",
    "virDomainSnapshotPtr": "snapshot",
    "virDomainCheckpointPtr": "checkpoint",
    "virStreamPtr": "stream",
}

# Functions not probed: they block, or act on the whole process in ways
# that make the probes of later functions meaningless.
SKIP = {
    "virEventRunDefaultImpl", "virEventRegisterImpl", "virEventRegisterDefaultImpl",
    "virInitialize", "virGetVersion", "virConnectOpen", "virConnectOpenReadOnly",
    "virConnectOpenAuth", "virSetErrorFunc", "virConnSetErrorFunc",
    "virDefaultErrorFunc", "virEventAddHandle", "virEventAddTimeout",
    "virEventUpdateHandle", "virEventUpdateTimeout", "virEventRemoveHandle",
    "virEventRemoveTimeout",
}

PROLOGUE = r"""
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Each pointer argument points to a zeroed area of its own. */
static char probe_buf[16][1 << 16] __attribute__((aligned(64)));
static int probe_cb(void) { return 0; }

struct objs {
    virConnectPtr conn;
    virDomainPtr dom;
    virNetworkPtr net;
    virNetworkPortPtr port;
    virInterfacePtr iface;
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virNodeDevicePtr dev;
    virSecretPtr secret;
    virNWFilterPtr nwfilter;
    virNWFilterBindingPtr binding;
    virDomainSnapshotPtr snapshot;
    virDomainCheckpointPtr checkpoint;
    virStreamPtr stream;
};

static struct objs rw, ro;
static const char *domxml;

static void
ignore_error(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void
find_objects(struct objs *o, const char *uri, int readonly)
{
    virDomainPtr *doms = NULL;
    virNetworkPtr *nets = NULL;
    virNetworkPortPtr *ports = NULL;
    virInterfacePtr *ifaces = NULL;
    virStoragePoolPtr *pools = NULL;
    virStorageVolPtr *vols = NULL;
    virNodeDevicePtr *devs = NULL;
    virSecretPtr *secrets = NULL;
    virNWFilterPtr *filters = NULL;
    virNWFilterBindingPtr *bindings = NULL;
    virDomainSnapshotPtr *snaps = NULL;
    virDomainCheckpointPtr *cps = NULL;

    o->conn = readonly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);
    if (!o->conn) {
        fprintf(stderr, "cannot open %s\n", uri);
        exit(2);
    }
    if (virConnectListAllDomains(o->conn, &doms, 0) > 0)
        o->dom = doms[0];
    if (!o->dom && domxml && !readonly)
        o->dom = virDomainDefineXML(o->conn, domxml);
    if (!o->dom) {
        fprintf(stderr, "no domain on %s\n", uri);
        exit(2);
    }
    if (virConnectListAllNetworks(o->conn, &nets, 0) > 0) {
        o->net = nets[0];
        if (virNetworkListAllPorts(o->net, &ports, 0) > 0)
            o->port = ports[0];
    }
    if (virConnectListAllInterfaces(o->conn, &ifaces, 0) > 0)
        o->iface = ifaces[0];
    if (virConnectListAllStoragePools(o->conn, &pools, 0) > 0) {
        o->pool = pools[0];
        if (virStoragePoolListAllVolumes(o->pool, &vols, 0) > 0)
            o->vol = vols[0];
    }
    if (virConnectListAllNodeDevices(o->conn, &devs, 0) > 0)
        o->dev = devs[0];
    if (virConnectListAllSecrets(o->conn, &secrets, 0) > 0)
        o->secret = secrets[0];
    if (virConnectListAllNWFilters(o->conn, &filters, 0) > 0)
        o->nwfilter = filters[0];
    if (virConnectListAllNWFilterBindings(o->conn, &bindings, 0) > 0)
        o->binding = bindings[0];
    if (virDomainListAllSnapshots(o->dom, &snaps, 0) > 0)
        o->snapshot = snaps[0];
    if (virDomainListAllCheckpoints(o->dom, &cps, 0) > 0)
        o->checkpoint = cps[0];
    o->stream = virStreamNew(o->conn, 0);
    virResetLastError();
}

/* Runs @fn in a child; prints its result. */
static void
probe(const char *func, const char *name, void (*fn)(int variant, int arg), int variant, int arg)
{
    int fds[2];
    pid_t pid;
    int status;
    char buf[4096];
    ssize_t len = 0, n;

    fflush(stdout);
    if (pipe(fds) < 0)
        abort();
    if ((pid = fork()) < 0)
        abort();
    if (pid == 0) {
        virErrorPtr err;

        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        alarm(10);
        virResetLastError();
        fn(variant, arg);
        err = virGetLastError();
        if (err)
            printf("error %d %d %s", err->code, err->domain,
                   err->message ? err->message : "(null)");
        else
            printf("ok");
        fflush(stdout);
        _exit(0);
    }
    close(fds[1]);
    while (len < (ssize_t)sizeof(buf) - 1 &&
           (n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0)
        len += n;
    buf[len] = '\0';
    close(fds[0]);
    waitpid(pid, &status, 0);
    for (char *p = buf; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (WIFSIGNALED(status))
        printf("%s %s: %s\n", func, name,
               WTERMSIG(status) == SIGALRM ? "timeout" : "crash");
    else
        printf("%s %s: %s\n", func, name, len ? buf : "exit");
}

/* Variants: what each argument gets. */
enum { V_VALID = 0, V_BADOBJ, V_RO, V_NULL, V_NEG, V_ZERO, V_FLAGS, V_RO_NULL, V_RW_NULL };
"""


def classify(typetext):
    t = typetext.replace("const ", "").strip()
    if t in HANDLES:
        return "handle", HANDLES[t]
    if typetext.strip() in ("const char *", "const char*"):
        return "string", None
    if "*" in typetext or t.endswith("Ptr") or t.endswith("Callback") or t.endswith("Func") or \
       t.endswith("CallbackPtr"):
        return "pointer", None
    if t == "double":
        return "double", None
    signed = not t.startswith("unsigned") and t not in ("size_t",)
    return ("sint" if signed else "uint"), None


def parameters(ftype):
    """[(type text, name)] of a function type text "RET (PARAMS)"."""
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
    ret = []
    for p in apicompat.split_top(toks[start + 1:end], ","):
        if not p or (len(p) == 1 and p[0].text == "void"):
            continue
        idx = apicompat.declarator_name(p)
        if len(p) == 1 or (idx is not None and p[idx].text in HANDLES):
            idx = None    # a type alone: the parameter has no name
        name = p[idx].text if idx is not None else "arg%d" % len(ret)
        rest = p[:idx] + p[idx + 1:] if idx is not None else p
        ret.append((apicompat.spell(rest), name))
    return ret


def arg_expr(i, kind, handle, typetext, name, variant_checks):
    """C expression for argument @i."""
    nonconst = typetext
    if kind == "handle":
        return ("(variant == V_BADOBJ && %d == 0) ? NULL : "
                "(variant == V_RO || variant == V_RO_NULL) ? ro.%s : rw.%s" % (i, handle, handle))
    if kind in ("string", "pointer"):
        valid = '"probe"' if kind == "string" else "(%s)(void *)%s" % (
            typetext, "probe_cb" if typetext.strip().endswith(("Callback", "Func", "CallbackPtr"))
            else "probe_buf[%d]" % i)
        return ("((variant == V_NULL && arg == %d) || variant == V_RO_NULL || "
                "variant == V_RW_NULL) ? NULL : %s" % (i, valid))
    if kind == "double":
        return "1.0"
    default = "0" if name == "flags" else "1"
    expr = "(%s)%s" % (typetext, default)
    if name == "flags":
        expr = "(variant == V_FLAGS) ? (%s)-1 : %s" % (typetext, expr)
    if kind == "sint":
        expr = ("((variant == V_NEG && arg == %d) || variant == V_RO_NULL || "
                "variant == V_RW_NULL) ? (%s)-1 : (variant == V_ZERO && arg == %d) ? (%s)0 : %s"
                % (i, typetext, i, typetext, expr))
    else:
        expr = "(variant == V_ZERO && arg == %d) ? (%s)0 : %s" % (i, typetext, expr)
    return expr


def main():
    if len(sys.argv) != 2:
        print("usage: gen-probe.py OUT.c", file=sys.stderr)
        return 2
    decls = apicompat.declarations(apicompat.UPSTREAM_INCLUDE, ["libvirt.h", "virterror.h"])
    exported = apicompat.objdump_dynamic(apicompat.UPSTREAM_LIBRARY)
    names = sorted(n for n in decls.functions
                   if n in exported and "PRIVATE" not in (exported[n][0] or "")
                   and n not in SKIP)
    out = PROLOGUE
    runs = []
    for name in names:
        params = parameters(decls.functions[name])
        kinds = [classify(t) for t, n in params]
        args = [arg_expr(i, k[0], k[1], t, n, None)
                for i, ((t, n), k) in enumerate(zip(params, kinds))]
        out += "\nstatic void\nprobe_%s(int variant, int arg)\n{\n" % name
        out += "    (void)variant;\n    (void)arg;\n"
        out += "    %s(%s);\n}\n" % (name, ",\n        ".join(args))
        handles = [k[1] for k in kinds if k[0] == "handle"]
        cond = " && ".join("rw.%s && ro.%s" % (h, h) for h in sorted(set(handles))) or "1"
        probes = []
        if kinds and kinds[0][0] == "handle":
            probes.append(('"badobj"', "V_BADOBJ", 0, "1"))
        probes.append(('"rw"', "V_VALID", 0, cond))
        probes.append(('"ro"', "V_RO", 0, cond))
        for i, ((t, n), k) in enumerate(zip(params, kinds)):
            if k[0] in ("string", "pointer"):
                probes.append(('"null:%s"' % n, "V_NULL", i, cond))
            if k[0] == "sint" and n != "flags":
                probes.append(('"neg:%s"' % n, "V_NEG", i, cond))
            if k[0] in ("sint", "uint") and n != "flags":
                probes.append(('"zero:%s"' % n, "V_ZERO", i, cond))
            if n == "flags":
                probes.append(('"flags"', "V_FLAGS", i, cond))
        probes.append(('"ro-null"', "V_RO_NULL", 0, cond))
        probes.append(('"rw-null"', "V_RW_NULL", 0, cond))
        for label, variant, arg, c in probes:
            runs.append("    if (%s)\n        probe(\"%s\", %s, probe_%s, %s, %d);\n" %
                        (c, name, label, name, variant, arg))
    out += "\nint\nmain(int argc, char **argv)\n{\n"
    out += "    static char xml[65536];\n"
    out += "    if (argc < 2) {\n        fprintf(stderr, \"usage: probe URI [DOMAIN.xml]\\n\");\n        return 2;\n    }\n"
    out += "    if (argc > 2) {\n        FILE *f = fopen(argv[2], \"r\");\n        size_t n;\n"
    out += "        if (!f)\n            return 2;\n        n = fread(xml, 1, sizeof(xml) - 1, f);\n"
    out += "        xml[n] = '\\0';\n        fclose(f);\n        domxml = xml;\n    }\n"
    out += "    virSetErrorFunc(NULL, ignore_error);\n"
    out += "    find_objects(&rw, argv[1], 0);\n    find_objects(&ro, argv[1], 1);\n"
    out += "".join(runs)
    out += "    return 0;\n}\n"
    with open(sys.argv[1], "w") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
