#!/usr/bin/env python3
# gen_remote.py: writes the mechanical half of the remote driver and of
# the daemon's dispatch from remote_protocol.x and remote_procedures.py.
#
#   gen_remote.py table  PROTOCOL.x ANNOTATIONS.py OUT.c   the procedure
#       table: every procedure's name, XDR filters, sizes, lane, and the
#       public function an unsupported one names in its error
#   gen_remote.py client PROTOCOL.x ANNOTATIONS.py OUT.h   the client
#       driver's functions, one per annotated procedure
#   gen_remote.py daemon PROTOCOL.x ANNOTATIONS.py OUT.h   the daemon's
#       dispatchers, and the table from procedure number to dispatcher
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import re
import runpy
import sys


def die(msg):
    sys.stderr.write('gen_remote.py: %s\n' % msg)
    sys.exit(1)


def parse_protocol(path):
    text = open(path).read()
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    procs = {}
    m = re.search(r'enum remote_procedure \{(.*?)\};', text, re.S)
    if not m:
        die('%s: no enum remote_procedure' % path)
    for name, num in re.findall(r'REMOTE_PROC_(\w+)\s*=\s*(\d+)', m.group(1)):
        procs[name] = int(num)
    structs = {}
    for name, body in re.findall(r'struct (\w+) \{(.*?)\};', text, re.S):
        fields = []
        for decl in body.split(';'):
            decl = decl.strip()
            if not decl:
                continue
            fm = re.match(r'^(.*?)\s*(\w+)\s*(<[^>]*>|\[[^\]]*\])?$', decl)
            if not fm:
                die('cannot read field "%s" of %s' % (decl, name))
            fields.append((fm.group(2), fm.group(1).strip(), fm.group(3) or ''))
        structs[name] = fields
    return procs, structs


def camel(proc):
    upper = {'XML', 'UUID', 'OS', 'CPU', 'IO', 'SEV', 'FS', 'SCSI', 'WWN',
             'PCI', 'USB', 'MAC', 'URI', 'SASL', 'SSH', 'TLS', 'NUMA'}
    words = []
    for w in proc.split('_'):
        if w in upper:
            words.append(w)
        elif w == 'ID':
            words.append('ID')
        else:
            words.append(w.capitalize())
    return ''.join(words)


def public_api(proc):
    return 'vir' + camel(proc)


def error_domain(proc):
    for prefix, dom in (('DOMAIN_SNAPSHOT', 'VIR_FROM_DOMAIN_SNAPSHOT'),
                        ('DOMAIN_CHECKPOINT', 'VIR_FROM_DOMAIN_CHECKPOINT'),
                        ('NETWORK', 'VIR_FROM_NETWORK'),
                        ('STORAGE', 'VIR_FROM_STORAGE'),
                        ('NODE_DEVICE', 'VIR_FROM_NODEDEV'),
                        ('SECRET', 'VIR_FROM_SECRET'),
                        ('NWFILTER', 'VIR_FROM_NWFILTER'),
                        ('INTERFACE', 'VIR_FROM_INTERFACE'),
                        ('STREAM', 'VIR_FROM_STREAMS'),
                        ('CONNECT_OPEN', 'VIR_FROM_NONE'),
                        ('CONNECT_CLOSE', 'VIR_FROM_NONE')):
        if proc.startswith(prefix):
            return dom
    return 'VIR_FROM_DOMAIN'


class Entry:
    def __init__(self, proc, call, returns, options, structs):
        self.proc = proc
        self.lower = proc.lower()
        self.hand = call == 'hand'
        self.high = 'high' in options.split()
        self.noclient = bool({'noclient', 'clientpending'} & set(options.split()))
        # Which client driver table the member belongs to.
        self.table = 'storage' if 'storage' in options.split() else 'hypervisor'
        self.args_struct = 'remote_%s_args' % self.lower
        self.ret_struct = 'remote_%s_ret' % self.lower
        self.args = dict((f[0], f) for f in structs.get(self.args_struct, []))
        self.ret = dict((f[0], f) for f in structs.get(self.ret_struct, []))
        if self.hand:
            return
        m = re.match(r'^(\w+)\((.*)\)$', call)
        if not m:
            die('%s: cannot read call "%s"' % (proc, call))
        self.member = m.group(1)
        self.api = 'vir' + self.member[0].upper() + self.member[1:]
        self.params = [p.strip() for p in m.group(2).split(',') if p.strip()]
        self.returns = returns
        kind, _, field = returns.partition(':')
        self.retkind = kind
        self.retfield = field or None
        if self.retfield and self.retfield not in self.ret:
            die('%s: %s has no field %s' % (proc, self.ret_struct, self.retfield))
        for p in self.params:
            name = p.lstrip('&').split(':')[0]
            if p == 'conn':
                continue
            table = self.ret if p.startswith('&') else self.args
            if name not in table:
                die('%s: no field %s for parameter %s' % (proc, name, p))
        used = set(p.lstrip('&').split(':')[0] for p in self.params)
        for name in self.args:
            if name not in used:
                die('%s: args field %s is not passed' % (proc, name))


# C types of .x field types, as parameters of the public API.
IN_TYPES = {
    'remote_nonnull_string': 'const char *',
    'remote_string': 'const char *',
    'int': 'int',
    'unsigned int': 'unsigned int',
    'hyper': 'long long',
    'unsigned hyper': 'unsigned long long',
    'remote_uuid': 'const unsigned char *',
    'remote_nonnull_domain': 'virDomainPtr',
    'remote_nonnull_storage_pool': 'virStoragePoolPtr',
    'remote_nonnull_storage_vol': 'virStorageVolPtr',
}
# Handle types: (C type, the helpers' suffix on both sides).
HANDLES = {
    'remote_nonnull_domain': ('virDomain', 'Domain'),
    'remote_nonnull_storage_pool': ('virStoragePool', 'StoragePool'),
    'remote_nonnull_storage_vol': ('virStorageVol', 'StorageVol'),
}
RET_HANDLES = {'dom': 'remote_nonnull_domain', 'pool': 'remote_nonnull_storage_pool',
               'vol': 'remote_nonnull_storage_vol'}
OUT_TYPES = {
    'int': 'int *',
    'unsigned int': 'unsigned int *',
    'hyper': 'long long *',
    'unsigned hyper': 'unsigned long long *',
}
RET_TYPES = {
    'int': 'int', 'dom': 'virDomainPtr', 'pool': 'virStoragePoolPtr',
    'vol': 'virStorageVolPtr', 'str': 'char *',
    'cstr': 'const char *', 'ull': 'unsigned long long',
}
RET_FAIL = {'int': '-1', 'dom': 'NULL', 'pool': 'NULL', 'vol': 'NULL',
            'str': 'NULL', 'cstr': 'NULL',
            'ull': '0'}


def load(protocol, annotations):
    procs, structs = parse_protocol(protocol)
    table = runpy.run_path(annotations)['PROCEDURES']
    entries = {}
    for proc, call, returns, options in table:
        if proc not in procs:
            die('%s is not a procedure of %s' % (proc, protocol))
        if proc in entries:
            die('%s is annotated twice' % proc)
        entry = Entry(proc, call, returns, options, structs)
        if 'pending' not in options.split():
            entries[proc] = entry
    return procs, structs, entries


def gen_table(procs, structs, entries, out):
    last = max(procs.values())
    w = out.write
    w('/* Generated by gen_remote.py from remote_protocol.x and\n'
      ' * remote_procedures.py: do not edit. */\n\n')
    w('#include "remote_protocol_table.h"\n\n')
    w('const remoteProcedureInfo remoteProcedureTable[%d] = {\n' % (last + 1))
    for name, num in sorted(procs.items(), key=lambda x: x[1]):
        lower = name.lower()
        e = entries.get(name)
        msg = 'remote_%s_msg' % lower in structs
        args = 'remote_%s_args' % lower
        ret = 'remote_%s_ret' % lower
        if msg:
            args = 'remote_%s_msg' % lower
        w('    [%d] = {\n' % num)
        w('        .name = "%s",\n' % name)
        w('        .api = "%s",\n' % public_api(name))
        w('        .errorDomain = %s,\n' % error_domain(name))
        if args in structs:
            w('        .argsFilter = (xdrproc_t)xdr_%s,\n' % args)
            w('        .argsSize = sizeof(%s),\n' % args)
        else:
            w('        .argsFilter = (xdrproc_t)xdr_void,\n')
        if not msg and ret in structs:
            w('        .retFilter = (xdrproc_t)xdr_%s,\n' % ret)
            w('        .retSize = sizeof(%s),\n' % ret)
        else:
            w('        .retFilter = (xdrproc_t)xdr_void,\n')
        w('        .message = %s,\n' % ('true' if msg else 'false'))
        w('        .highPriority = %s,\n' % ('true' if e and e.high else 'false'))
        w('        .dispatched = %s,\n' % ('true' if e else 'false'))
        w('    },\n')
    w('};\n\n')
    w('const size_t remoteProcedureTableSize = %d;\n' % (last + 1))


def c_name(proc):
    return camel(proc)


def gen_client(procs, structs, entries, out):
    w = out.write
    w('/* Generated by gen_remote.py from remote_protocol.x and\n'
      ' * remote_procedures.py: do not edit.  Included by remote_driver.c,\n'
      ' * whose remoteCall() and handle helpers these functions use. */\n\n')
    members = {'hypervisor': [], 'storage': []}
    for proc, e in entries.items():
        if e.hand or e.noclient:
            continue
        fn = 'remote' + c_name(proc)
        members[e.table].append((e.member, fn))
        owner = None
        cparams = []
        for p in e.params:
            if p == 'conn':
                cparams.append('virConnectPtr conn')
                owner = 'conn'
                continue
            name, _, cast = p.lstrip('&').partition(':')
            if p.startswith('&'):
                ftype = e.ret[name][1]
                if cast == 'ul':
                    cparams.append('unsigned long *%s' % name)
                elif ftype in OUT_TYPES:
                    cparams.append('%s%s' % (OUT_TYPES[ftype], name))
                else:
                    die('%s: no out type for %s' % (proc, ftype))
            else:
                ftype = e.args[name][1]
                if ftype not in IN_TYPES:
                    die('%s: no C type for %s' % (proc, ftype))
                ctype = 'unsigned long' if cast == 'ul' else IN_TYPES[ftype]
                cparams.append('%s%s%s' % (ctype, '' if ctype.endswith('*') else ' ',
                                           name))
                if ftype in HANDLES:
                    owner = name + '->conn'
        rtype = RET_TYPES[e.retkind]
        fail = RET_FAIL[e.retkind]
        has_args = e.args_struct in structs
        has_ret = e.ret_struct in structs
        w('static %s\n%s(%s)\n{\n' % (rtype, fn, ', '.join(cparams)))
        if has_args:
            w('    %s args = { 0 };\n' % e.args_struct)
        if has_ret:
            w('    %s ret = { 0 };\n' % e.ret_struct)
        if e.retkind != 'int' or e.retfield:
            w('    %s rv;\n' % rtype)
        w('\n')
        for p in e.params:
            if p == 'conn' or p.startswith('&'):
                continue
            p = p.split(':')[0]
            ftype = e.args[p][1]
            if ftype in HANDLES:
                w('    remoteMakeNonnull%s(&args.%s, %s);\n' % (HANDLES[ftype][1], p, p))
            elif ftype == 'remote_nonnull_string':
                w('    args.%s = (char *)%s;\n' % (p, p))
            elif ftype == 'remote_string':
                w('    args.%s = %s ? (char **)&%s : NULL;\n' % (p, p, p))
            elif ftype == 'remote_uuid':
                w('    memcpy(args.%s, %s, VIR_UUID_BUFLEN);\n' % (p, p))
            else:
                w('    args.%s = %s;\n' % (p, p))
        w('    if (remoteCall(%s, REMOTE_PROC_%s,\n' % (owner, proc))
        w('                   (xdrproc_t)%s, %s,\n' %
          (('xdr_' + e.args_struct) if has_args else 'xdr_void',
           '&args' if has_args else 'NULL'))
        w('                   (xdrproc_t)%s, %s) < 0)\n' %
          (('xdr_' + e.ret_struct) if has_ret else 'xdr_void',
           '&ret' if has_ret else 'NULL'))
        w('        return %s;\n' % fail)
        for p in e.params:
            if not p.startswith('&'):
                continue
            name, _, cast = p[1:].partition(':')
            # The API may let an out-parameter be NULL (a state's reason).
            w('    if (%s)\n        *%s = ret.%s;\n' % (name, name, name))
        if e.retkind == 'int' and not e.retfield:
            if has_ret:
                w('    xdr_free((xdrproc_t)xdr_%s, (char *)&ret);\n' % e.ret_struct)
            w('    return 0;\n}\n\n\n')
            continue
        f = e.retfield
        if e.retkind == 'int':
            w('    rv = ret.%s;\n' % f)
        elif e.retkind == 'ull':
            w('    rv = ret.%s;\n' % f)
        elif e.retkind in RET_HANDLES:
            w('    rv = remoteGet%s(%s, &ret.%s);\n' %
              (HANDLES[RET_HANDLES[e.retkind]][1], owner, f))
        elif e.retkind == 'str':
            w('    rv = g_steal_pointer(&ret.%s);\n' % f)
        elif e.retkind == 'cstr':
            w('    rv = remoteKeepString(%s, g_steal_pointer(&ret.%s));\n' % (owner, f))
        w('    xdr_free((xdrproc_t)xdr_%s, (char *)&ret);\n' % e.ret_struct)
        w('    return rv;\n}\n\n\n')
    for table, macro in (('hypervisor', 'REMOTE_GENERATED_MEMBERS'),
                         ('storage', 'REMOTE_GENERATED_STORAGE_MEMBERS')):
        w('#define %s \\\n' % macro)
        w(' \\\n'.join('    .%s = %s,' % m for m in members[table]))
        w('\n')


def gen_daemon(procs, structs, entries, out):
    w = out.write
    w('/* Generated by gen_remote.py from remote_protocol.x and\n'
      ' * remote_procedures.py: do not edit.  Included by\n'
      ' * remote_daemon_dispatch.c, which defines the hand-written\n'
      ' * dispatchers this table names. */\n\n')
    for proc, e in entries.items():
        fn = 'remoteDispatch' + c_name(proc)
        if e.hand:
            continue
        has_args = e.args_struct in structs
        has_ret = e.ret_struct in structs
        w('static int\n%s(virConnectPtr conn G_GNUC_UNUSED,\n' % fn)
        w('    %s *args G_GNUC_UNUSED,\n' % (e.args_struct if has_args else 'void'))
        w('    %s *ret G_GNUC_UNUSED)\n{\n' % (e.ret_struct if has_ret else 'void'))
        callargs = []
        pre = []
        post = []
        for p in e.params:
            if p == 'conn':
                callargs.append('conn')
                continue
            name, _, cast = p.lstrip('&').partition(':')
            if p.startswith('&'):
                if cast == 'ul':
                    pre.append('    unsigned long %s = 0;\n' % name)
                    callargs.append('&%s' % name)
                    post.append('    ret->%s = %s;\n' % (name, name))
                else:
                    callargs.append('&ret->%s' % name)
                continue
            ftype = e.args[name][1]
            if cast == 'ul':
                # The API takes an unsigned long; the wire carries 64 bits.
                callargs.append('(unsigned long)args->%s' % name)
            elif ftype in HANDLES:
                pre.append('    g_autoptr(%s) %s = NULL;\n' % (HANDLES[ftype][0], name))
                callargs.append(name)
            elif ftype == 'remote_string':
                callargs.append('args->%s ? *args->%s : NULL' % (name, name))
            elif ftype == 'remote_uuid':
                callargs.append('(const unsigned char *)args->%s' % name)
            else:
                callargs.append('args->%s' % name)
        if e.retkind in RET_HANDLES:
            pre.append('    g_autoptr(%s) rv = NULL;\n' % HANDLES[RET_HANDLES[e.retkind]][0])
        elif e.retkind == 'str':
            pre.append('    g_autofree char *rv = NULL;\n')
        elif e.retkind == 'cstr':
            pre.append('    const char *rv;\n')
        elif e.retkind == 'ull':
            pre.append('    unsigned long long rv;\n')
        elif e.retfield:
            pre.append('    int rv;\n')
        for line in pre:
            w(line)
        w('\n')
        for p in e.params:
            if p != 'conn' and not p.startswith('&') and \
               e.args[p.split(':')[0]][1] in HANDLES:
                w('    if (!(%s = remoteGet%s(conn, &args->%s)))\n' %
                  (p, HANDLES[e.args[p.split(':')[0]][1]][1], p))
                w('        return -1;\n')
        call = '%s(%s)' % (e.api, ', '.join(callargs))
        if e.retkind == 'int' and not e.retfield:
            w('    if (%s < 0)\n        return -1;\n' % call)
        elif e.retkind == 'int':
            w('    if ((rv = %s) < 0)\n        return -1;\n' % call)
            w('    ret->%s = rv;\n' % e.retfield)
        elif e.retkind == 'ull':
            w('    if ((rv = %s) == 0)\n        return -1;\n' % call)
            w('    ret->%s = rv;\n' % e.retfield)
        elif e.retkind in RET_HANDLES:
            w('    if (!(rv = %s))\n        return -1;\n' % call)
            w('    remoteFill%s(&ret->%s, rv);\n' %
              (HANDLES[RET_HANDLES[e.retkind]][1], e.retfield))
        elif e.retkind == 'str':
            w('    if (!(rv = %s))\n        return -1;\n' % call)
            w('    ret->%s = g_steal_pointer(&rv);\n' % e.retfield)
        elif e.retkind == 'cstr':
            w('    if (!(rv = %s))\n        return -1;\n' % call)
            w('    ret->%s = g_strdup(rv);\n' % e.retfield)
        for line in post:
            w(line)
        w('    return 0;\n}\n\n\n')

    last = max(procs.values())
    w('static const remoteDispatchFunc remoteDispatchTable[%d] = {\n' % (last + 1))
    for proc, e in sorted(entries.items(), key=lambda x: procs[x[0]]):
        fn = 'remoteDispatch' + c_name(proc)
        w('    [REMOTE_PROC_%s] = (remoteDispatchFunc)%s,\n' % (proc, fn))
    w('};\n')


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ('table', 'client', 'daemon'):
        die('usage: gen_remote.py table|client|daemon PROTOCOL.x ANNOTATIONS.py OUT')
    procs, structs, entries = load(sys.argv[2], sys.argv[3])
    with open(sys.argv[4], 'w') as out:
        {'table': gen_table, 'client': gen_client,
         'daemon': gen_daemon}[sys.argv[1]](procs, structs, entries, out)


main()
