/*
 * fuzz_qemuconf.c: the configuration file syntax and qemu.conf loading
 *
 * The input is parsed as a configuration file (virConfReadString), its
 * keys and values read back in every type, then loaded as the driver's
 * qemu.conf from a memory file: refusals are fine, crashes and leaks
 * are not, and a refused load leaves the settings untouched.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/mman.h>

#include "internal.h"
#include "qemu_conf.h"
#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "fuzz.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


static void
fuzzReadValues(const virConf *conf)
{
    g_auto(GStrv) keys = virConfGetKeys(conf);

    for (size_t i = 0; keys && keys[i]; i++) {
        g_autofree char *str = NULL;
        g_auto(GStrv) list = NULL;
        unsigned int u;
        double d;
        bool b;

        if (!virConfHasKey(conf, keys[i]) || virConfGetKeyLine(conf, keys[i]) <= 0)
            fuzzFail("a listed key is not found", keys[i]);
        if (virConfGetValueString(conf, keys[i], &str) < 0 ||
            virConfGetValueUInt(conf, keys[i], &u) < 0 ||
            virConfGetValueDouble(conf, keys[i], &d) < 0 ||
            virConfGetValueBool(conf, keys[i], &b) < 0 ||
            virConfGetValueStringList(conf, keys[i], &list) < 0)
            virResetLastError();
    }
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *)data, size);
    g_autoptr(virConf) conf = NULL;
    g_autoptr(virQEMUDriverConfig) cfg = NULL;
    g_autofree char *path = NULL;
    VIR_AUTOCLOSE fd = -1;
    double term;

    fuzzSetup();
    if ((conf = virConfReadString(text, "fuzz.conf")))
        fuzzReadValues(conf);
    virResetLastError();

    /* The driver's loader reads a path: give it the input as a file. */
    if ((fd = memfd_create("qemu.conf", MFD_CLOEXEC)) < 0 ||
        (size && write(fd, data, size) != (ssize_t)size))
        fuzzFail("cannot make a memory file", g_strerror(errno));
    path = g_strdup_printf("/proc/self/fd/%d", fd);
    cfg = virQEMUDriverConfigNew(QEMU_DRIVER_EMBED, "/nonexistent-fuzz-root");
    term = cfg->destroyTermTimeout;
    if (virQEMUDriverConfigLoadFile(cfg, path) < 0) {
        if (cfg->destroyTermTimeout != term)
            fuzzFail("a refused qemu.conf changed a setting", text);
        virResetLastError();
    } else if (!(cfg->destroyTermTimeout > 0) || !(cfg->destroyKillTimeout > 0) ||
               !(cfg->destroyGracefulTimeout > 0) || !cfg->defaultEmulator ||
               !g_path_is_absolute(cfg->defaultEmulator)) {
        fuzzFail("an accepted qemu.conf holds a value out of range", text);
    }
    return 0;
}
