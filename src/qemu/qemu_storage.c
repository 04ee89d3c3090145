/*
 * qemu_storage.c: directory storage pools of a QEMU connection
 *
 * Management tools on a remote connection cannot look at the host's
 * files, so they ask the storage API about a disk image: virt-install
 * looks its path up as a volume, and when no pool holds it defines,
 * starts and marks for autostart a 'dir' pool over the image's
 * directory, then finds the volume in it.  This driver answers those
 * calls truthfully for one pool type, 'dir': a pool is a directory, its
 * volumes are the regular files in it, probed when asked (no cache to
 * go stale).  Every other pool type, and everything that would create,
 * change or delete data (build, delete, volume creation, upload, wipe,
 * resize), is refused: the entry points report VIR_ERR_NO_SUPPORT.
 *
 * State lives in files beside the domains' (upstream's layout in
 * spirit): ROOT/etc/storage/NAME.xml is a pool's definition,
 * NAME.autostart marks it for autostart, and ROOT/run/storage/NAME.xml,
 * written when the pool starts, holds the definition it runs with.  So
 * every process sharing a root sees the same pools, and nothing is held
 * in memory.  The files are read as hostile: each is parsed with the
 * same checks as a client's XML, and one that fails them is skipped
 * with a warning.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "qemu_conf.h"
#include "qemu_storage.h"
#include "datatypes.h"
#include "virbuffer.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("qemu.qemu_storage");

/* The largest pool definition file read back. */
#define QEMU_STORAGE_DEF_MAX (64 * 1024)
/* The most volumes one pool lists (the wire's limit). */
#define QEMU_STORAGE_VOL_MAX 16384

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *target;               /* absolute, without trailing '/' */
    bool uuidGiven;             /* the XML had a <uuid> */
} qemuStoragePoolDef;

static void
qemuStoragePoolDefFree(qemuStoragePoolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->target);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuStoragePoolDef, qemuStoragePoolDefFree);


/* A pool as the files say it is. */
typedef struct {
    qemuStoragePoolDef *def;    /* its definition */
    qemuStoragePoolDef *live;   /* what it started with; NULL: inactive */
    bool autostart;
} qemuStoragePool;

static void
qemuStoragePoolFree(qemuStoragePool *pool)
{
    if (!pool)
        return;
    qemuStoragePoolDefFree(pool->def);
    qemuStoragePoolDefFree(pool->live);
    g_free(pool);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuStoragePool, qemuStoragePoolFree);


/* A volume: one regular file of an active pool, probed. */
typedef struct {
    char *name;
    char *path;
    struct stat st;
    const char *format;         /* raw, qcow2, iso */
    unsigned long long capacity;
    const char *compat;         /* qcow2's version, or NULL */
} qemuStorageVol;

static void
qemuStorageVolFree(qemuStorageVol *vol)
{
    if (!vol)
        return;
    g_free(vol->name);
    g_free(vol->path);
    g_free(vol);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuStorageVol, qemuStorageVolFree);


/* ---- where the pools are kept ---- */

typedef struct {
    char *configDir;            /* definitions and autostart marks */
    char *stateDir;             /* active pools */
    int configFd;               /* -1 when the directory does not exist */
    int stateFd;
    int lockFd;                 /* held for changes */
} qemuStorageDirs;

static void
qemuStorageDirsClose(qemuStorageDirs *dirs)
{
    if (!dirs)
        return;
    virForceClose(&dirs->configFd);
    virForceClose(&dirs->stateFd);
    virForceClose(&dirs->lockFd);
    g_free(dirs->configDir);
    g_free(dirs->stateDir);
    g_free(dirs);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuStorageDirs, qemuStorageDirsClose);


/* Opens one of the pool directories, making it first with @create.
 * Returns: the descriptor; -1 when it is absent and not to be made
 * (nothing reported); -2 with an error reported. */
static int
qemuStorageOpenDir(const char *path, bool create)
{
    int fd;

    if (create && g_mkdir_with_parents(path, 0700) < 0) {
        virReportSystemError(errno, _("cannot create directory '%1$s'"), path);
        return -2;
    }
    if ((fd = virFileOpenDirTrusted(path, create)) == -2)
        return -1;
    if (fd < 0)
        return -2;
    return fd;
}


/*
 * The pool directories of @conn's root, opened.  With @change (a call
 * that writes), they are made when missing and the root's storage lock
 * is held until they are closed, so that two definitions cannot race;
 * without, a missing directory just means no pools.
 *
 * Returns: the directories, or NULL with an error reported.
 */
static qemuStorageDirs *
qemuStorageDirsOpen(virConnectPtr conn, bool change)
{
    virQEMUDriver *driver = conn->privateData;
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *etc = g_path_get_dirname(cfg->configDir);
    g_autofree char *run = g_path_get_dirname(cfg->stateDir);
    g_autoptr(qemuStorageDirs) dirs = g_new0(qemuStorageDirs, 1);

    dirs->configFd = dirs->stateFd = dirs->lockFd = -1;
    dirs->configDir = g_build_filename(etc, "storage", NULL);
    dirs->stateDir = g_build_filename(run, "storage", NULL);
    if ((dirs->configFd = qemuStorageOpenDir(dirs->configDir, change)) == -2 ||
        (dirs->stateFd = qemuStorageOpenDir(dirs->stateDir, change)) == -2)
        return NULL;
    if (change) {
        if ((dirs->lockFd = virFileOpenLockFileAt(dirs->configFd, dirs->configDir,
                                                  "lock")) < 0)
            return NULL;
        if (virFileLockFD(dirs->lockFd, VIR_FILE_LOCK_EXCLUSIVE, true) < 0) {
            virReportSystemError(errno, _("cannot lock '%1$s/lock'"), dirs->configDir);
            return NULL;
        }
    }
    return g_steal_pointer(&dirs);
}


/* ---- definitions ---- */

/* Whether @name can name a pool (and its files). */
static bool
qemuStorageNameValid(const char *name)
{
    size_t len = strlen(name);

    if (len == 0 || len > 200 || name[0] == '.' || !g_utf8_validate(name, -1, NULL))
        return false;
    for (const char *p = name; *p; p++) {
        if (*p == '/' || g_ascii_iscntrl(*p))
            return false;
    }
    return true;
}


/* @path made absolute-clean: no repeated, "." or trailing '/'. */
static char *
qemuStorageCleanPath(const char *path)
{
    g_autofree char *clean = g_canonicalize_filename(path, "/");
    size_t len = strlen(clean);

    while (len > 1 && clean[len - 1] == '/')
        clean[--len] = '\0';
    return g_steal_pointer(&clean);
}


static const char *const qemuStoragePoolTypes[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
    "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage", NULL,
};

/* Elements of <pool> that only report (ignored on input, as upstream). */
static const char *const qemuStoragePoolOutputOnly[] = {
    "capacity", "allocation", "available", NULL,
};


/*
 * Parses a pool definition: a client's or one read back from the root.  Only type 'dir' with a target path is
 * taken; anything else it carries is refused rather than dropped.
 *
 * Returns: the definition, or NULL with an error reported.
 */
static qemuStoragePoolDef *
qemuStoragePoolDefParse(const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(qemuStoragePoolDef) def = g_new0(qemuStoragePoolDef, 1);
    g_autofree char *type = NULL;
    bool haveUUID = false;
    xmlNodePtr root;

    if (!(doc = virXMLParseString(VIR_FROM_STORAGE, xml, "(storage_pool_definition)",
                                  "pool")))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!(type = virXMLPropString(root, "type"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("storage pool type is missing"));
        return NULL;
    }
    if (!virXMLStringInList(type, qemuStoragePoolTypes)) {
        virReportError(VIR_ERR_XML_ERROR, _("unknown storage pool type %1$s"), type);
        return NULL;
    }
    if (STRNEQ(type, "dir")) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("storage pool type '%1$s' is not supported: this driver has directory pools only"),
                       type);
        return NULL;
    }

    for (xmlNodePtr n = root->children; n; n = n->next) {
        const char *el = (const char *)n->name;
        g_autofree char *text = NULL;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (virXMLStringInList(el, qemuStoragePoolOutputOnly))
            continue;
        if (STREQ(el, "name") && !def->name) {
            text = virXMLNodeContentString(n);
            def->name = g_strdup(g_strstrip(text));
        } else if (STREQ(el, "uuid") && !haveUUID) {
            text = virXMLNodeContentString(n);
            if (virUUIDParse(g_strstrip(text), def->uuid) < 0) {
                virReportError(VIR_ERR_XML_ERROR, _("malformed uuid element '%1$s'"), text);
                return NULL;
            }
            def->uuidGiven = haveUUID = true;
        } else if (STREQ(el, "source")) {
            /* A directory pool has no source: an empty one is taken. */
            for (xmlNodePtr c = n->children; c; c = c->next) {
                if (c->type == XML_ELEMENT_NODE) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                   _("storage pool source element <%1$s> is not supported: a directory pool has no source"),
                                   (const char *)c->name);
                    return NULL;
                }
            }
        } else if (STREQ(el, "target") && !def->target) {
            for (xmlNodePtr t = n->children; t; t = t->next) {
                g_autofree char *path = NULL;

                if (t->type != XML_ELEMENT_NODE)
                    continue;
                if (STRNEQ((const char *)t->name, "path") || def->target) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                   _("storage pool target element <%1$s> is not supported: a directory pool takes its path only"),
                                   (const char *)t->name);
                    return NULL;
                }
                path = virXMLNodeContentString(t);
                g_strstrip(path);
                if (!g_path_is_absolute(path)) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   _("storage pool target path '%1$s' must be absolute"),
                                   path);
                    return NULL;
                }
                def->target = qemuStorageCleanPath(path);
            }
            if (!def->target) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("missing storage pool target path"));
                return NULL;
            }
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("storage pool element <%1$s> is not supported here"), el);
            return NULL;
        }
    }

    if (!def->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing pool source name element"));
        return NULL;
    }
    if (!qemuStorageNameValid(def->name)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("storage pool name '%1$s' is not valid: it must not be empty, begin with '.' or hold '/'"),
                       def->name);
        return NULL;
    }
    if (!def->target) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing storage pool target path"));
        return NULL;
    }
    if (!haveUUID && virUUIDGenerate(def->uuid) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/* What a definition file holds: the pool as defined, nothing measured. */
static char *
qemuStoragePoolDefFormat(const qemuStoragePoolDef *def)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virBufferAddLit(&buf, "<pool type='dir'>\n");
    virBufferEscapeString(&buf, "  <name>%s</name>\n", def->name);
    virBufferAsprintf(&buf, "  <uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virBufferAddLit(&buf, "  <source>\n  </source>\n  <target>\n");
    virBufferEscapeString(&buf, "    <path>%s</path>\n", def->target);
    virBufferAddLit(&buf, "  </target>\n</pool>\n");
    return virBufferContentAndReset(&buf);
}


/* Reads @dir/@name.xml; NULL with nothing reported when it is absent or
 * not trusted (logged: someone else's file is not ours to act on). */
static qemuStoragePoolDef *
qemuStoragePoolDefRead(int dirfd, const char *dir, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    g_autofree char *xml = NULL;
    g_autoptr(qemuStoragePoolDef) def = NULL;

    if (dirfd < 0)
        return NULL;
    if (virFileReadAllAt(dirfd, dir, file, QEMU_STORAGE_DEF_MAX, &xml) <= 0 ||
        !(def = qemuStoragePoolDefParse(xml))) {
        if (xml || virGetLastErrorCode() != VIR_ERR_OK)
            VIR_WARN("ignoring storage pool file %s/%s: %s", dir, file,
                     virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    if (STRNEQ(def->name, name)) {
        VIR_WARN("ignoring storage pool file %s/%s: it names the pool '%s'",
                 dir, file, def->name);
        return NULL;
    }
    return g_steal_pointer(&def);
}


static bool
qemuStorageFileExists(int dirfd, const char *file)
{
    struct stat sb;

    return dirfd >= 0 && fstatat(dirfd, file, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(sb.st_mode);
}


/* The pool @name, or NULL (nothing reported) when it is not defined. */
static qemuStoragePool *
qemuStoragePoolRead(qemuStorageDirs *dirs, const char *name)
{
    g_autoptr(qemuStoragePool) pool = g_new0(qemuStoragePool, 1);
    g_autofree char *mark = g_strdup_printf("%s.autostart", name);

    if (!qemuStorageNameValid(name) ||
        !(pool->def = qemuStoragePoolDefRead(dirs->configFd, dirs->configDir, name)))
        return NULL;
    pool->live = qemuStoragePoolDefRead(dirs->stateFd, dirs->stateDir, name);
    if (pool->live && memcmp(pool->live->uuid, pool->def->uuid, VIR_UUID_BUFLEN) != 0)
        g_clear_pointer(&pool->live, qemuStoragePoolDefFree);
    pool->autostart = qemuStorageFileExists(dirs->configFd, mark);
    return g_steal_pointer(&pool);
}


static gint
qemuStoragePoolCompare(gconstpointer a, gconstpointer b)
{
    const qemuStoragePool *pa = *(qemuStoragePool *const *)a;
    const qemuStoragePool *pb = *(qemuStoragePool *const *)b;

    return strcmp(pa->def->name, pb->def->name);
}


/* Every defined pool, by name. */
static GPtrArray *
qemuStoragePoolReadAll(qemuStorageDirs *dirs)
{
    g_autoptr(GPtrArray) pools = g_ptr_array_new_with_free_func((GDestroyNotify)qemuStoragePoolFree);
    DIR *dh;
    struct dirent *ent;
    int fd;

    if (dirs->configFd < 0 || (fd = dup(dirs->configFd)) < 0)
        return g_steal_pointer(&pools);
    if (!(dh = fdopendir(fd))) {
        close(fd);
        return g_steal_pointer(&pools);
    }
    rewinddir(dh);
    while ((ent = readdir(dh))) {
        g_autofree char *name = NULL;
        qemuStoragePool *pool;

        if (!g_str_has_suffix(ent->d_name, ".xml"))
            continue;
        name = g_strndup(ent->d_name, strlen(ent->d_name) - 4);
        if ((pool = qemuStoragePoolRead(dirs, name)))
            g_ptr_array_add(pools, pool);
    }
    closedir(dh);
    g_ptr_array_sort(pools, qemuStoragePoolCompare);
    return g_steal_pointer(&pools);
}


/* The pool a handle names: by name, and it must still be the same pool. */
static qemuStoragePool *
qemuStoragePoolFromHandle(qemuStorageDirs *dirs, virStoragePoolPtr handle)
{
    qemuStoragePool *pool = qemuStoragePoolRead(dirs, handle->name);

    if (!pool || memcmp(pool->def->uuid, handle->uuid, VIR_UUID_BUFLEN) != 0) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        qemuStoragePoolFree(pool);
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching uuid '%1$s' (%2$s)"),
                       virUUIDFormat(handle->uuid, uuidstr), handle->name);
        return NULL;
    }
    return pool;
}


static int
qemuStoragePoolCheckActive(const qemuStoragePool *pool)
{
    if (!pool->live) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%1$s' is not active"), pool->def->name);
        return -1;
    }
    return 0;
}


static virStoragePoolPtr
qemuStoragePoolHandle(virConnectPtr conn, const qemuStoragePool *pool)
{
    return virGetStoragePool(conn, pool->def->name, pool->def->uuid);
}


/* ---- volumes ---- */

/* Opens an active pool's directory. */
static int
qemuStoragePoolOpenTarget(const qemuStoragePool *pool)
{
    int fd = open(pool->live->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        virReportSystemError(errno, _("cannot open directory '%1$s'"), pool->live->target);
    return fd;
}


/*
 * Probes the entry @name of a pool's directory: a regular file (not a
 * link) becomes a volume, its format read from its first bytes (qcow2's
 * header, an ISO 9660 descriptor, raw otherwise).
 *
 * Returns: the volume; NULL with nothing reported when the entry is not
 * a regular file or cannot be read.
 */
static qemuStorageVol *
qemuStorageVolProbe(int dirfd, const char *target, const char *name)
{
    g_autoptr(qemuStorageVol) vol = g_new0(qemuStorageVol, 1);
    VIR_AUTOCLOSE fd = -1;
    unsigned char head[32];
    char iso[5];

    if (!g_utf8_validate(name, -1, NULL) || strchr(name, '/') ||
        STREQ(name, ".") || STREQ(name, ".."))
        return NULL;
    if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0 ||
        fstat(fd, &vol->st) < 0 || !S_ISREG(vol->st.st_mode))
        return NULL;
    vol->name = g_strdup(name);
    vol->path = g_build_filename(target, name, NULL);
    vol->format = "raw";
    vol->capacity = vol->st.st_size;
    if (pread(fd, head, sizeof(head), 0) == sizeof(head) &&
        memcmp(head, "QFI\xfb", 4) == 0) {
        guint32 version = ((guint32)head[4] << 24) | (head[5] << 16) | (head[6] << 8) | head[7];
        guint64 size = 0;

        for (size_t i = 24; i < 32; i++)
            size = (size << 8) | head[i];
        vol->format = "qcow2";
        vol->capacity = size;
        vol->compat = version >= 3 ? "1.1" : "0.10";
    } else if (pread(fd, iso, sizeof(iso), 0x8001) == sizeof(iso) &&
               memcmp(iso, "CD001", 5) == 0) {
        vol->format = "iso";
    }
    return g_steal_pointer(&vol);
}


static gint
qemuStorageVolCompare(gconstpointer a, gconstpointer b)
{
    const qemuStorageVol *va = *(qemuStorageVol *const *)a;
    const qemuStorageVol *vb = *(qemuStorageVol *const *)b;

    return strcmp(va->name, vb->name);
}


/* The volumes of an active pool, by name. */
static GPtrArray *
qemuStorageVolReadAll(const qemuStoragePool *pool)
{
    g_autoptr(GPtrArray) vols = g_ptr_array_new_with_free_func((GDestroyNotify)qemuStorageVolFree);
    int fd;
    DIR *dh;
    struct dirent *ent;

    if (qemuStoragePoolCheckActive(pool) < 0 || (fd = qemuStoragePoolOpenTarget(pool)) < 0)
        return NULL;
    if (!(dh = fdopendir(fd))) {
        virReportSystemError(errno, _("cannot open directory '%1$s'"), pool->live->target);
        close(fd);
        return NULL;
    }
    while ((ent = readdir(dh)) && vols->len < QEMU_STORAGE_VOL_MAX) {
        qemuStorageVol *vol = qemuStorageVolProbe(dirfd(dh), pool->live->target,
                                                  ent->d_name);

        if (vol)
            g_ptr_array_add(vols, vol);
    }
    closedir(dh);
    g_ptr_array_sort(vols, qemuStorageVolCompare);
    return g_steal_pointer(&vols);
}


/* The volume @name of an active pool, or NULL with NO_STORAGE_VOL. */
static qemuStorageVol *
qemuStorageVolRead(const qemuStoragePool *pool, const char *name)
{
    VIR_AUTOCLOSE fd = -1;
    qemuStorageVol *vol;

    if (qemuStoragePoolCheckActive(pool) < 0 || (fd = qemuStoragePoolOpenTarget(pool)) < 0)
        return NULL;
    if (!(vol = qemuStorageVolProbe(fd, pool->live->target, name)))
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%1$s'"), name);
    return vol;
}


/* The pool and volume a volume handle names. */
static qemuStorageVol *
qemuStorageVolFromHandle(virStorageVolPtr handle, qemuStoragePool **retPool)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    qemuStorageVol *vol;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)))
        return NULL;
    if (!(pool = qemuStoragePoolRead(dirs, handle->pool))) {
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%1$s'"), handle->pool);
        return NULL;
    }
    if (!(vol = qemuStorageVolRead(pool, handle->name)))
        return NULL;
    if (retPool)
        *retPool = g_steal_pointer(&pool);
    return vol;
}


static virStorageVolPtr
qemuStorageVolHandle(virConnectPtr conn, const qemuStoragePool *pool,
                     const qemuStorageVol *vol)
{
    return virGetStorageVol(conn, pool->def->name, vol->name, vol->path);
}


/*
 * The volume at @path (a key is its path too): the first active pool
 * holding a file of that path, compared as given and with links
 * resolved on both sides.
 */
static virStorageVolPtr
qemuStorageVolLookupPath(virConnectPtr conn, const char *path, bool byKey)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    g_autofree char *clean = qemuStorageCleanPath(path);
    g_autofree char *real = realpath(path, NULL);
    g_autofree char *dir = NULL;
    g_autofree char *base = NULL;

    if (!g_path_is_absolute(path))
        goto notfound;
    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return NULL;
    pools = qemuStoragePoolReadAll(dirs);
    dir = g_path_get_dirname(clean);
    base = g_path_get_basename(clean);
    for (size_t i = 0; i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];
        g_autofree char *realTarget = NULL;
        g_autoptr(qemuStorageVol) vol = NULL;
        VIR_AUTOCLOSE fd = -1;

        if (!pool->live)
            continue;
        if (STREQ(dir, pool->live->target)) {
            if ((fd = open(pool->live->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
                vol = qemuStorageVolProbe(fd, pool->live->target, base);
        } else if (real && (realTarget = realpath(pool->live->target, NULL))) {
            g_autofree char *realDir = g_path_get_dirname(real);
            g_autofree char *realBase = g_path_get_basename(real);

            if (STREQ(realDir, realTarget) &&
                (fd = open(pool->live->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
                vol = qemuStorageVolProbe(fd, pool->live->target, realBase);
        }
        if (vol)
            return qemuStorageVolHandle(conn, pool, vol);
    }

 notfound:
    virReportError(VIR_ERR_NO_STORAGE_VOL,
                   byKey ? _("no storage vol with matching key %1$s") :
                           _("no storage vol with matching path '%1$s'"),
                   path);
    return NULL;
}


/* ---- the driver's members: the host's pools ---- */

static int
qemuStorageCount(virConnectPtr conn, bool active)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    int n = 0;

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return -1;
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; i < pools->len; i++) {
        if (!!((qemuStoragePool *)pools->pdata[i])->live == active)
            n++;
    }
    return n;
}


static int
qemuStorageNames(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    int n = 0;

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return -1;
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; i < pools->len && n < maxnames; i++) {
        qemuStoragePool *pool = pools->pdata[i];

        if (!!pool->live == active)
            names[n++] = strdup(pool->def->name);
    }
    return n;
}


static int
qemuConnectNumOfStoragePools(virConnectPtr conn)
{
    return qemuStorageCount(conn, true);
}


static int
qemuConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return qemuStorageCount(conn, false);
}


static int
qemuConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return qemuStorageNames(conn, true, names, maxnames);
}


static int
qemuConnectListDefinedStoragePools(virConnectPtr conn, char **const names,
                                   int maxnames)
{
    return qemuStorageNames(conn, false, names, maxnames);
}


/* Whether @pool passes the filters of virConnectListAllStoragePools. */
static bool
qemuStoragePoolMatch(const qemuStoragePool *pool, unsigned int flags)
{
    unsigned int types = flags & ~((unsigned int)VIR_CONNECT_LIST_STORAGE_POOLS_DIR - 1);

    if ((flags & VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE) &&
        !(flags & VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) && !pool->live)
        return false;
    if ((flags & VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) &&
        !(flags & VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE) && pool->live)
        return false;
    /* Every pool here is persistent. */
    if ((flags & VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT) &&
        !(flags & VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT))
        return false;
    if ((flags & VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART) &&
        !(flags & VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART) && !pool->autostart)
        return false;
    if ((flags & VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART) &&
        !(flags & VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART) && pool->autostart)
        return false;
    if (types && !(types & VIR_CONNECT_LIST_STORAGE_POOLS_DIR))
        return false;
    return true;
}


static int
qemuConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **retPools,
                               unsigned int flags)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    virStoragePoolPtr *list = NULL;
    int n = 0;

    /* Every flag upstream 9.0 knows: they are all filters. */
    virCheckFlags((1U << 20) - 1, -1);

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return -1;
    pools = qemuStoragePoolReadAll(dirs);
    /* The caller releases the array with free(). */
    if (retPools && !(list = calloc(pools->len + 1, sizeof(*list)))) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_NO_MEMORY, __FILE__,
                             __func__, __LINE__, NULL);
        return -1;
    }
    for (size_t i = 0; i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];

        if (!qemuStoragePoolMatch(pool, flags))
            continue;
        if (list)
            list[n] = qemuStoragePoolHandle(conn, pool);
        n++;
    }
    if (retPools)
        *retPools = list;
    return n;
}


static virStoragePoolPtr
qemuStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return NULL;
    if (!(pool = qemuStoragePoolRead(dirs, name))) {
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%1$s'"), name);
        return NULL;
    }
    return qemuStoragePoolHandle(conn, pool);
}


static virStoragePoolPtr
qemuStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return NULL;
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];

        if (memcmp(pool->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return qemuStoragePoolHandle(conn, pool);
    }
    virReportError(VIR_ERR_NO_STORAGE_POOL,
                   _("no storage pool with matching uuid '%1$s'"), virUUIDFormat(uuid, uuidstr));
    return NULL;
}


static virStoragePoolPtr
qemuStoragePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    g_autofree char *clean = qemuStorageCleanPath(path);

    if (!(dirs = qemuStorageDirsOpen(conn, false)))
        return NULL;
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; g_path_is_absolute(path) && i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];

        if (STREQ(pool->def->target, clean))
            return qemuStoragePoolHandle(conn, pool);
    }
    virReportError(VIR_ERR_NO_STORAGE_POOL,
                   _("no storage pool with matching target path '%1$s'"), path);
    return NULL;
}


static virStoragePoolPtr
qemuStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    return qemuStoragePoolLookupByName(vol->conn, vol->pool);
}


static virStoragePoolPtr
qemuStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePoolDef) def = NULL;
    g_autoptr(GPtrArray) pools = NULL;
    g_autofree char *text = NULL;
    g_autofree char *file = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virCheckFlags(0, NULL);

    if (!(def = qemuStoragePoolDefParse(xml)) ||
        !(dirs = qemuStorageDirsOpen(conn, true)))
        return NULL;
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];
        bool sameName = STREQ(pool->def->name, def->name);

        /* Without a <uuid>, a redefinition keeps the pool's. */
        if (sameName && !def->uuidGiven)
            memcpy(def->uuid, pool->def->uuid, VIR_UUID_BUFLEN);
        if (sameName && memcmp(pool->def->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("pool '%1$s' is already defined with uuid %2$s"),
                           pool->def->name, virUUIDFormat(pool->def->uuid, uuidstr));
            return NULL;
        }
        if (!sameName && memcmp(pool->def->uuid, def->uuid, VIR_UUID_BUFLEN) == 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("pool '%1$s' already exists with uuid %2$s"),
                           pool->def->name, virUUIDFormat(pool->def->uuid, uuidstr));
            return NULL;
        }
        if (!sameName && STREQ(pool->def->target, def->target)) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("Storage source conflict with pool: '%1$s'"), pool->def->name);
            return NULL;
        }
    }
    text = qemuStoragePoolDefFormat(def);
    file = g_strdup_printf("%s.xml", def->name);
    if (virFileWriteAtomicAt(dirs->configFd, dirs->configDir, file, 0600,
                             text, strlen(text)) < 0)
        return NULL;
    return virGetStoragePool(conn, def->name, def->uuid);
}


static int
qemuStoragePoolUndefine(virStoragePoolPtr handle)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    g_autofree char *file = NULL;
    g_autofree char *mark = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, true)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    if (pool->live) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%1$s' is still active"), pool->def->name);
        return -1;
    }
    file = g_strdup_printf("%s.xml", pool->def->name);
    mark = g_strdup_printf("%s.autostart", pool->def->name);
    if (virFileRemoveAt(dirs->configFd, dirs->configDir, mark, false) < 0 ||
        virFileRemoveAt(dirs->configFd, dirs->configDir, file, false) < 0)
        return -1;
    return 0;
}


/* Starts @pool (the caller holds the lock): its directory must exist. */
static int
qemuStoragePoolStart(qemuStorageDirs *dirs, qemuStoragePool *pool)
{
    g_autofree char *text = qemuStoragePoolDefFormat(pool->def);
    g_autofree char *file = g_strdup_printf("%s.xml", pool->def->name);
    VIR_AUTOCLOSE fd = -1;

    if ((fd = open(pool->def->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open directory '%1$s'"), pool->def->target);
        return -1;
    }
    return virFileWriteAtomicAt(dirs->stateFd, dirs->stateDir, file, 0600,
                                text, strlen(text));
}


static int
qemuStoragePoolCreate(virStoragePoolPtr handle, unsigned int flags)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;

    /* Building is not done here: a pool's directory must exist. */
    virCheckFlags(0, -1);

    if (!(dirs = qemuStorageDirsOpen(handle->conn, true)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    if (pool->live) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%1$s' is already active"), pool->def->name);
        return -1;
    }
    return qemuStoragePoolStart(dirs, pool);
}


static int
qemuStoragePoolDestroy(virStoragePoolPtr handle)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    g_autofree char *file = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, true)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)) ||
        qemuStoragePoolCheckActive(pool) < 0)
        return -1;
    file = g_strdup_printf("%s.xml", pool->def->name);
    return virFileRemoveAt(dirs->stateFd, dirs->stateDir, file, false);
}


static int
qemuStoragePoolRefresh(virStoragePoolPtr handle, unsigned int flags)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    VIR_AUTOCLOSE fd = -1;

    virCheckFlags(0, -1);

    /* Volumes are probed whenever asked for: refreshing only checks
     * that the directory is still there. */
    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)) ||
        qemuStoragePoolCheckActive(pool) < 0 ||
        (fd = qemuStoragePoolOpenTarget(pool)) < 0)
        return -1;
    return 0;
}


static int
qemuStoragePoolGetAutostart(virStoragePoolPtr handle, int *autostart)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    *autostart = pool->autostart;
    return 0;
}


static int
qemuStoragePoolSetAutostart(virStoragePoolPtr handle, int autostart)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    g_autofree char *mark = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, true)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    mark = g_strdup_printf("%s.autostart", pool->def->name);
    if (!autostart)
        return virFileRemoveAt(dirs->configFd, dirs->configDir, mark, false);
    return virFileWriteAtomicAt(dirs->configFd, dirs->configDir, mark, 0600, "", 0);
}


static int
qemuStoragePoolIsActive(virStoragePoolPtr handle)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    return pool->live ? 1 : 0;
}


static int
qemuStoragePoolIsPersistent(virStoragePoolPtr handle)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    return 1;
}


/* The file system's figures for an active pool's directory.  As
 * upstream's, "available" counts the blocks root may still use. */
static int
qemuStoragePoolMeasure(const qemuStoragePool *pool, struct statvfs *sv, struct stat *sb)
{
    VIR_AUTOCLOSE fd = -1;

    if ((fd = qemuStoragePoolOpenTarget(pool)) < 0)
        return -1;
    if (fstatvfs(fd, sv) < 0 || fstat(fd, sb) < 0) {
        virReportSystemError(errno, _("cannot statvfs path '%1$s'"), pool->live->target);
        return -1;
    }
    return 0;
}


static int
qemuStoragePoolGetInfo(virStoragePoolPtr handle, virStoragePoolInfoPtr info)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    struct statvfs sv;
    struct stat sb;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return -1;
    memset(info, 0, sizeof(*info));
    if (!pool->live) {
        info->state = VIR_STORAGE_POOL_INACTIVE;
        return 0;
    }
    if (qemuStoragePoolMeasure(pool, &sv, &sb) < 0)
        return -1;
    info->state = VIR_STORAGE_POOL_RUNNING;
    info->capacity = (unsigned long long)sv.f_frsize * sv.f_blocks;
    info->available = (unsigned long long)sv.f_frsize * sv.f_bfree;
    info->allocation = info->capacity - info->available;
    return 0;
}


static char *
qemuStoragePoolGetXMLDesc(virStoragePoolPtr handle, unsigned int flags)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const qemuStoragePoolDef *def;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    unsigned long long capacity = 0, allocation = 0, available = 0;
    struct statvfs sv;
    struct stat sb;

    virCheckFlags(VIR_STORAGE_XML_INACTIVE, NULL);

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)))
        return NULL;
    def = (flags & VIR_STORAGE_XML_INACTIVE) || !pool->live ? pool->def : pool->live;
    if (pool->live) {
        if (qemuStoragePoolMeasure(pool, &sv, &sb) < 0)
            return NULL;
        capacity = (unsigned long long)sv.f_frsize * sv.f_blocks;
        available = (unsigned long long)sv.f_frsize * sv.f_bfree;
        allocation = capacity - available;
    }
    virBufferAddLit(&buf, "<pool type='dir'>\n");
    virBufferEscapeString(&buf, "  <name>%s</name>\n", def->name);
    virBufferAsprintf(&buf, "  <uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virBufferAsprintf(&buf, "  <capacity unit='bytes'>%llu</capacity>\n", capacity);
    virBufferAsprintf(&buf, "  <allocation unit='bytes'>%llu</allocation>\n", allocation);
    virBufferAsprintf(&buf, "  <available unit='bytes'>%llu</available>\n", available);
    virBufferAddLit(&buf, "  <source>\n  </source>\n  <target>\n");
    virBufferEscapeString(&buf, "    <path>%s</path>\n", def->target);
    if (pool->live && def == pool->live) {
        virBufferAddLit(&buf, "    <permissions>\n");
        virBufferAsprintf(&buf, "      <mode>0%o</mode>\n", (unsigned int)(sb.st_mode & 07777));
        virBufferAsprintf(&buf, "      <owner>%u</owner>\n", (unsigned int)sb.st_uid);
        virBufferAsprintf(&buf, "      <group>%u</group>\n", (unsigned int)sb.st_gid);
        virBufferAddLit(&buf, "    </permissions>\n");
    }
    virBufferAddLit(&buf, "  </target>\n</pool>\n");
    return virBufferContentAndReset(&buf);
}


/* ---- the driver's members: a pool's volumes ---- */

static GPtrArray *
qemuStorageVolsOfHandle(virStoragePoolPtr handle, qemuStoragePool **retPool)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    GPtrArray *vols;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)) ||
        !(vols = qemuStorageVolReadAll(pool)))
        return NULL;
    if (retPool)
        *retPool = g_steal_pointer(&pool);
    return vols;
}


static int
qemuStoragePoolNumOfVolumes(virStoragePoolPtr handle)
{
    g_autoptr(GPtrArray) vols = qemuStorageVolsOfHandle(handle, NULL);

    return vols ? (int)vols->len : -1;
}


static int
qemuStoragePoolListVolumes(virStoragePoolPtr handle, char **const names, int maxnames)
{
    g_autoptr(GPtrArray) vols = qemuStorageVolsOfHandle(handle, NULL);
    int n = 0;

    if (!vols)
        return -1;
    for (size_t i = 0; i < vols->len && n < maxnames; i++)
        names[n++] = strdup(((qemuStorageVol *)vols->pdata[i])->name);
    return n;
}


static int
qemuStoragePoolListAllVolumes(virStoragePoolPtr handle, virStorageVolPtr **retVols,
                              unsigned int flags)
{
    g_autoptr(qemuStoragePool) pool = NULL;
    g_autoptr(GPtrArray) vols = NULL;
    virStorageVolPtr *list;

    virCheckFlags(0, -1);

    if (!(vols = qemuStorageVolsOfHandle(handle, &pool)))
        return -1;
    if (!retVols)
        return vols->len;
    if (!(list = calloc(vols->len + 1, sizeof(*list)))) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_NO_MEMORY, __FILE__,
                             __func__, __LINE__, NULL);
        return -1;
    }
    for (size_t i = 0; i < vols->len; i++)
        list[i] = qemuStorageVolHandle(handle->conn, pool, vols->pdata[i]);
    *retVols = list;
    return vols->len;
}


static virStorageVolPtr
qemuStorageVolLookupByName(virStoragePoolPtr handle, const char *name)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(qemuStoragePool) pool = NULL;
    g_autoptr(qemuStorageVol) vol = NULL;

    if (!(dirs = qemuStorageDirsOpen(handle->conn, false)) ||
        !(pool = qemuStoragePoolFromHandle(dirs, handle)) ||
        !(vol = qemuStorageVolRead(pool, name)))
        return NULL;
    return qemuStorageVolHandle(handle->conn, pool, vol);
}


static virStorageVolPtr
qemuStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return qemuStorageVolLookupPath(conn, key, true);
}


static virStorageVolPtr
qemuStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return qemuStorageVolLookupPath(conn, path, false);
}


static int
qemuStorageVolGetInfo(virStorageVolPtr handle, virStorageVolInfoPtr info)
{
    g_autoptr(qemuStorageVol) vol = qemuStorageVolFromHandle(handle, NULL);

    if (!vol)
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = VIR_STORAGE_VOL_FILE;
    info->capacity = vol->capacity;
    info->allocation = (unsigned long long)vol->st.st_blocks * 512;
    return 0;
}


static void
qemuStorageFormatTime(virBuffer *buf, const char *name, const struct timespec *ts)
{
    virBufferAsprintf(buf, "      <%s>%lld.%09ld</%s>\n", name,
                      (long long)ts->tv_sec, ts->tv_nsec, name);
}


static char *
qemuStorageVolGetXMLDesc(virStorageVolPtr handle, unsigned int flags)
{
    g_autoptr(qemuStorageVol) vol = NULL;
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virCheckFlags(0, NULL);

    if (!(vol = qemuStorageVolFromHandle(handle, NULL)))
        return NULL;
    virBufferAddLit(&buf, "<volume type='file'>\n");
    virBufferEscapeString(&buf, "  <name>%s</name>\n", vol->name);
    virBufferEscapeString(&buf, "  <key>%s</key>\n", vol->path);
    virBufferAsprintf(&buf, "  <capacity unit='bytes'>%llu</capacity>\n", vol->capacity);
    virBufferAsprintf(&buf, "  <allocation unit='bytes'>%llu</allocation>\n",
                      (unsigned long long)vol->st.st_blocks * 512);
    virBufferAsprintf(&buf, "  <physical unit='bytes'>%llu</physical>\n",
                      (unsigned long long)vol->st.st_size);
    virBufferAddLit(&buf, "  <target>\n");
    virBufferEscapeString(&buf, "    <path>%s</path>\n", vol->path);
    virBufferAsprintf(&buf, "    <format type='%s'/>\n", vol->format);
    virBufferAddLit(&buf, "    <permissions>\n");
    virBufferAsprintf(&buf, "      <mode>0%o</mode>\n", (unsigned int)(vol->st.st_mode & 07777));
    virBufferAsprintf(&buf, "      <owner>%u</owner>\n", (unsigned int)vol->st.st_uid);
    virBufferAsprintf(&buf, "      <group>%u</group>\n", (unsigned int)vol->st.st_gid);
    virBufferAddLit(&buf, "    </permissions>\n    <timestamps>\n");
    qemuStorageFormatTime(&buf, "atime", &vol->st.st_atim);
    qemuStorageFormatTime(&buf, "mtime", &vol->st.st_mtim);
    qemuStorageFormatTime(&buf, "ctime", &vol->st.st_ctim);
    virBufferAddLit(&buf, "      <btime>0</btime>\n    </timestamps>\n");
    if (vol->compat)
        virBufferAsprintf(&buf, "    <compat>%s</compat>\n", vol->compat);
    virBufferAddLit(&buf, "  </target>\n</volume>\n");
    return virBufferContentAndReset(&buf);
}


static char *
qemuStorageVolGetPath(virStorageVolPtr handle)
{
    g_autoptr(qemuStorageVol) vol = qemuStorageVolFromHandle(handle, NULL);

    return vol ? g_strdup(vol->path) : NULL;
}


/**
 * qemuStorageAutostart:
 * @conn: a writable connection of the QEMU driver
 *
 * Starts every pool marked for autostart, once per boot: the pools'
 * state lives under the root's run directory, which a reboot empties,
 * so its absence says the host's storage has not come up yet.  Called
 * whenever a writable connection opens a root; a pool stopped on
 * purpose later stays stopped.  A pool that cannot start (its directory
 * is gone) is logged and left inactive.
 */
void
qemuStorageAutostart(virConnectPtr conn)
{
    g_autoptr(qemuStorageDirs) dirs = NULL;
    g_autoptr(GPtrArray) pools = NULL;

    if (!(dirs = qemuStorageDirsOpen(conn, false)) || dirs->configFd < 0 ||
        dirs->stateFd >= 0) {
        virResetLastError();
        return;
    }
    g_clear_pointer(&dirs, qemuStorageDirsClose);
    if (!(dirs = qemuStorageDirsOpen(conn, true))) {
        VIR_WARN("storage pools not started: %s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    pools = qemuStoragePoolReadAll(dirs);
    for (size_t i = 0; i < pools->len; i++) {
        qemuStoragePool *pool = pools->pdata[i];

        if (!pool->autostart || pool->live)
            continue;
        if (qemuStoragePoolStart(dirs, pool) < 0) {
            VIR_WARN("storage pool '%s' not started: %s", pool->def->name,
                     virGetLastErrorMessage());
            virResetLastError();
        }
    }
}


const virStorageDriver qemuStorageDriver = {
    .name = "QEMU",
    .connectNumOfStoragePools = qemuConnectNumOfStoragePools,
    .connectListStoragePools = qemuConnectListStoragePools,
    .connectNumOfDefinedStoragePools = qemuConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = qemuConnectListDefinedStoragePools,
    .connectListAllStoragePools = qemuConnectListAllStoragePools,
    .storagePoolLookupByName = qemuStoragePoolLookupByName,
    .storagePoolLookupByUUID = qemuStoragePoolLookupByUUID,
    .storagePoolLookupByTargetPath = qemuStoragePoolLookupByTargetPath,
    .storagePoolLookupByVolume = qemuStoragePoolLookupByVolume,
    .storagePoolDefineXML = qemuStoragePoolDefineXML,
    .storagePoolUndefine = qemuStoragePoolUndefine,
    .storagePoolCreate = qemuStoragePoolCreate,
    .storagePoolDestroy = qemuStoragePoolDestroy,
    .storagePoolRefresh = qemuStoragePoolRefresh,
    .storagePoolGetAutostart = qemuStoragePoolGetAutostart,
    .storagePoolSetAutostart = qemuStoragePoolSetAutostart,
    .storagePoolIsActive = qemuStoragePoolIsActive,
    .storagePoolIsPersistent = qemuStoragePoolIsPersistent,
    .storagePoolGetInfo = qemuStoragePoolGetInfo,
    .storagePoolGetXMLDesc = qemuStoragePoolGetXMLDesc,
    .storagePoolNumOfVolumes = qemuStoragePoolNumOfVolumes,
    .storagePoolListVolumes = qemuStoragePoolListVolumes,
    .storagePoolListAllVolumes = qemuStoragePoolListAllVolumes,
    .storageVolLookupByName = qemuStorageVolLookupByName,
    .storageVolLookupByKey = qemuStorageVolLookupByKey,
    .storageVolLookupByPath = qemuStorageVolLookupByPath,
    .storageVolGetInfo = qemuStorageVolGetInfo,
    .storageVolGetXMLDesc = qemuStorageVolGetXMLDesc,
    .storageVolGetPath = qemuStorageVolGetPath,
};
