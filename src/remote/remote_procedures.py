# remote_procedures.py: the annotation table beside remote_protocol.x
#
# The .x file says what every procedure carries; this table says what
# we do with it.  gen_remote.py reads both and writes the client
# driver's per-procedure functions and the daemon's dispatchers, so
# that the marshalling of a procedure is written once, here, and never
# by hand on each side.
#
# Each entry: procedure (REMOTE_PROC_ left off), then either
#
#   'member(params)'  the driver-table member the client implements and
#                     the public API (vir + Member) the daemon calls with
#                     the same parameters.  A parameter is
#                       conn      the connection (not on the wire)
#                       NAME      the args field NAME
#                       &NAME     the ret field NAME, an out-parameter
#                       &NAME:ul  the same, an unsigned long in the API
#                       NAME:ul   an args field the API takes as unsigned long
#   or 'hand'         written by hand on both sides (remote_driver.c,
#                     remote_daemon_dispatch.c)
#
# then what the call returns:
#   'int'             0 / -1
#   'int:FIELD'       a value >= 0 / -1, carried in ret FIELD
#   'dom:FIELD'       a virDomainPtr / NULL, carried in ret FIELD
#   'pool:FIELD'      a virStoragePoolPtr / NULL, likewise
#   'vol:FIELD'       a virStorageVolPtr / NULL, likewise
#   'str:FIELD'       a string the caller frees / NULL
#   'cstr:FIELD'      a string the library keeps / NULL
#   'ull:FIELD'       an unsigned long long / 0 on error
#   None              for 'hand'
#
# then options: 'storage' puts the client's member in the storage
# driver table (the hypervisor's otherwise); 'high' runs in the daemon's high-priority lane (never
# queued behind a slow call); 'noclient' leaves the client side to hand
# (the daemon side is generated); 'pending' names a public function or
# driver member this tree does not have yet: the entry is checked
# against the .x file but nothing is generated, and the procedure
# answers VIR_ERR_NO_SUPPORT until the option is removed;
# 'clientpending' generates the daemon's side (the public function
# exists) but not the client's (this tree's driver table has no such
# member yet: virDomainDestroy still goes through domainDestroyFlags).
#
# Every procedure not listed answers VIR_ERR_NO_SUPPORT, as upstream
# does for an API its driver lacks.  The client forwards every public
# API whose driver member exists here; when more members join
# src/driver.h, their entries join this table.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

PROCEDURES = [
    # connection
    ('CONNECT_OPEN', 'hand', None, 'high'),
    ('CONNECT_CLOSE', 'hand', None, 'high'),
    ('AUTH_LIST', 'hand', None, 'high'),
    ('CONNECT_SUPPORTS_FEATURE', 'hand', None, 'high'),
    ('CONNECT_GET_TYPE', 'connectGetType(conn)', 'cstr:type', 'high'),
    ('CONNECT_GET_VERSION', 'connectGetVersion(conn, &hv_ver:ul)', 'int', 'high'),
    ('CONNECT_GET_LIB_VERSION', 'hand', None, 'high'),
    ('CONNECT_GET_HOSTNAME', 'connectGetHostname(conn)', 'str:hostname', 'high'),
    ('CONNECT_GET_URI', 'hand', None, 'high'),
    ('CONNECT_IS_SECURE', 'hand', None, 'high'),
    ('CONNECT_REGISTER_CLOSE_CALLBACK', 'hand', None, 'high'),
    ('CONNECT_UNREGISTER_CLOSE_CALLBACK', 'hand', None, 'high'),

    # listings
    ('CONNECT_LIST_ALL_DOMAINS', 'hand', None, 'high'),
    ('CONNECT_NUM_OF_DOMAINS', 'connectNumOfDomains(conn)', 'int:num', 'high'),
    ('CONNECT_LIST_DOMAINS', 'hand', None, 'high'),
    ('CONNECT_NUM_OF_DEFINED_DOMAINS', 'connectNumOfDefinedDomains(conn)', 'int:num', 'high'),
    ('CONNECT_LIST_DEFINED_DOMAINS', 'hand', None, 'high'),
    ('CONNECT_DOMAIN_XML_TO_NATIVE',
     'connectDomainXMLToNative(conn, nativeFormat, domainXml, flags)',
     'str:nativeConfig', ''),

    # lookups
    ('DOMAIN_LOOKUP_BY_ID', 'domainLookupByID(conn, id)', 'dom:dom', 'high'),
    ('DOMAIN_LOOKUP_BY_NAME', 'domainLookupByName(conn, name)', 'dom:dom', 'high'),
    ('DOMAIN_LOOKUP_BY_UUID', 'domainLookupByUUID(conn, uuid)', 'dom:dom', 'high'),

    # life cycle
    ('DOMAIN_DEFINE_XML', 'domainDefineXML(conn, xml)', 'dom:dom', ''),
    ('DOMAIN_DEFINE_XML_FLAGS', 'domainDefineXMLFlags(conn, xml, flags)', 'dom:dom', ''),
    ('DOMAIN_UNDEFINE', 'domainUndefine(dom)', 'int', ''),
    ('DOMAIN_UNDEFINE_FLAGS', 'domainUndefineFlags(dom, flags)', 'int', ''),
    ('DOMAIN_CREATE', 'domainCreate(dom)', 'int', 'noclient'),
    ('DOMAIN_CREATE_WITH_FLAGS', 'hand', None, ''),
    ('DOMAIN_CREATE_XML', 'domainCreateXML(conn, xml_desc, flags)', 'dom:dom', ''),
    ('DOMAIN_SHUTDOWN', 'domainShutdown(dom)', 'int', ''),
    ('DOMAIN_SHUTDOWN_FLAGS', 'domainShutdownFlags(dom, flags)', 'int', ''),
    ('DOMAIN_DESTROY', 'domainDestroy(dom)', 'int', 'high'),
    ('DOMAIN_DESTROY_FLAGS', 'domainDestroyFlags(dom, flags)', 'int', 'high'),
    ('DOMAIN_SUSPEND', 'domainSuspend(dom)', 'int', ''),
    ('DOMAIN_RESUME', 'domainResume(dom)', 'int', ''),

    # what a domain is
    ('DOMAIN_GET_STATE', 'domainGetState(dom, &state, &reason, flags)', 'int', 'high'),
    ('DOMAIN_GET_INFO', 'hand', None, 'high'),
    ('NODE_GET_INFO', 'hand', None, 'high'),
    ('DOMAIN_GET_XML_DESC', 'domainGetXMLDesc(dom, flags)', 'str:xml', 'high'),
    ('DOMAIN_GET_OS_TYPE', 'domainGetOSType(dom)', 'str:type', 'high'),
    ('DOMAIN_GET_MAX_MEMORY', 'domainGetMaxMemory(dom)', 'ull:memory', 'high'),
    ('DOMAIN_GET_AUTOSTART', 'domainGetAutostart(dom, &autostart)', 'int', 'high'),
    ('DOMAIN_IS_ACTIVE', 'domainIsActive(dom)', 'int:active', 'high'),
    ('DOMAIN_IS_PERSISTENT', 'domainIsPersistent(dom)', 'int:persistent', 'high'),
    # This driver keeps no managed save images and no snapshots: the
    # daemon says so (0) for a domain that exists, as virsh asks.
    ('DOMAIN_HAS_MANAGED_SAVE_IMAGE', 'hand', None, 'high'),
    ('DOMAIN_SNAPSHOT_NUM', 'hand', None, 'high'),

    # events
    ('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', 'hand', None, 'high'),
    ('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', 'hand', None, 'high'),
    ('CONNECT_DOMAIN_EVENT_REGISTER_ANY', 'hand', None, 'high'),
    ('CONNECT_DOMAIN_EVENT_DEREGISTER_ANY', 'hand', None, 'high'),

    # Calls the ABI work brought (members named as upstream's
    # driver-hypervisor.h).
    ('CONNECT_GET_CAPABILITIES', 'connectGetCapabilities(conn)', 'str:capabilities', ''),
    ('CONNECT_GET_DOMAIN_CAPABILITIES',
     'connectGetDomainCapabilities(conn, emulatorbin, arch, machine, virttype, flags)',
     'str:capabilities', ''),
    ('CONNECT_GET_MAX_VCPUS', 'connectGetMaxVcpus(conn, type)', 'int:max_vcpus', ''),
    ('CONNECT_GET_SYSINFO', 'connectGetSysinfo(conn, flags)', 'str:sysinfo', ''),
    ('NODE_GET_FREE_MEMORY', 'nodeGetFreeMemory(conn)', 'ull:freeMem', 'high'),
    ('DOMAIN_SET_AUTOSTART', 'domainSetAutostart(dom, autostart)', 'int', ''),
    ('DOMAIN_GET_VCPUS_FLAGS', 'domainGetVcpusFlags(dom, flags)', 'int:num', 'high'),
    ('DOMAIN_SET_MEMORY_FLAGS', 'domainSetMemoryFlags(dom, memory:ul, flags)', 'int', ''),
    ('DOMAIN_REBOOT', 'domainReboot(dom, flags)', 'int', ''),
    ('DOMAIN_RESET', 'domainReset(dom, flags)', 'int', ''),
    ('DOMAIN_GET_HOSTNAME', 'domainGetHostname(dom, flags)', 'str:hostname', ''),
    ('DOMAIN_GET_METADATA', 'domainGetMetadata(dom, type, uri, flags)', 'str:metadata', ''),

    # Directory storage pools (src/qemu/qemu_storage.c), as virt-install
    # and virt-manager use them on a remote connection.
    ('CONNECT_NUM_OF_STORAGE_POOLS', 'connectNumOfStoragePools(conn)', 'int:num', 'storage'),
    ('CONNECT_NUM_OF_DEFINED_STORAGE_POOLS', 'connectNumOfDefinedStoragePools(conn)',
     'int:num', 'storage'),
    ('CONNECT_LIST_STORAGE_POOLS', 'hand', None, ''),
    ('CONNECT_LIST_DEFINED_STORAGE_POOLS', 'hand', None, ''),
    ('CONNECT_LIST_ALL_STORAGE_POOLS', 'hand', None, ''),
    ('STORAGE_POOL_LOOKUP_BY_NAME', 'storagePoolLookupByName(conn, name)', 'pool:pool',
     'storage'),
    ('STORAGE_POOL_LOOKUP_BY_UUID', 'storagePoolLookupByUUID(conn, uuid)', 'pool:pool',
     'storage'),
    ('STORAGE_POOL_LOOKUP_BY_TARGET_PATH', 'storagePoolLookupByTargetPath(conn, path)',
     'pool:pool', 'storage'),
    ('STORAGE_POOL_LOOKUP_BY_VOLUME', 'storagePoolLookupByVolume(vol)', 'pool:pool',
     'storage'),
    ('STORAGE_POOL_DEFINE_XML', 'storagePoolDefineXML(conn, xml, flags)', 'pool:pool',
     'storage'),
    ('STORAGE_POOL_UNDEFINE', 'storagePoolUndefine(pool)', 'int', 'storage'),
    ('STORAGE_POOL_CREATE', 'storagePoolCreate(pool, flags)', 'int', 'storage'),
    ('STORAGE_POOL_DESTROY', 'storagePoolDestroy(pool)', 'int', 'storage'),
    ('STORAGE_POOL_REFRESH', 'storagePoolRefresh(pool, flags)', 'int', 'storage'),
    ('STORAGE_POOL_GET_AUTOSTART', 'storagePoolGetAutostart(pool, &autostart)', 'int',
     'storage'),
    ('STORAGE_POOL_SET_AUTOSTART', 'storagePoolSetAutostart(pool, autostart)', 'int',
     'storage'),
    ('STORAGE_POOL_IS_ACTIVE', 'storagePoolIsActive(pool)', 'int:active', 'storage'),
    ('STORAGE_POOL_IS_PERSISTENT', 'storagePoolIsPersistent(pool)', 'int:persistent',
     'storage'),
    ('STORAGE_POOL_GET_INFO', 'hand', None, ''),
    ('STORAGE_POOL_GET_XML_DESC', 'storagePoolGetXMLDesc(pool, flags)', 'str:xml',
     'storage'),
    ('STORAGE_POOL_NUM_OF_VOLUMES', 'storagePoolNumOfVolumes(pool)', 'int:num', 'storage'),
    ('STORAGE_POOL_LIST_VOLUMES', 'hand', None, ''),
    ('STORAGE_POOL_LIST_ALL_VOLUMES', 'hand', None, ''),
    ('STORAGE_VOL_LOOKUP_BY_NAME', 'storageVolLookupByName(pool, name)', 'vol:vol',
     'storage'),
    ('STORAGE_VOL_LOOKUP_BY_KEY', 'storageVolLookupByKey(conn, key)', 'vol:vol', 'storage'),
    ('STORAGE_VOL_LOOKUP_BY_PATH', 'storageVolLookupByPath(conn, path)', 'vol:vol',
     'storage'),
    ('STORAGE_VOL_GET_INFO', 'hand', None, ''),
    ('STORAGE_VOL_GET_XML_DESC', 'storageVolGetXMLDesc(vol, flags)', 'str:xml', 'storage'),
    ('STORAGE_VOL_GET_PATH', 'storageVolGetPath(vol)', 'str:name', 'storage'),
]
