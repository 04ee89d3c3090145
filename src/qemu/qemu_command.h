/*
 * qemu_command.h: the QEMU command line for a domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"

/*
 * What the driver decides at start time, outside the definition.
 * Every path is absolute.
 */
typedef struct _qemuCommandPaths qemuCommandPaths;
struct _qemuCommandPaths {
    /* The QMP socket QEMU listens on (-chardev socket ... server=on). */
    const char *monitorSocket;
    /* Where QEMU writes its pid (-pidfile); NULL to leave it out. */
    const char *pidFile;
    /* For each <interface> (by index), the descriptor of the tap made
     * for it (type='bridge'), -1 for the others; QEMU inherits them. */
    const int *tapfds;
    size_t ntapfds;
};

char **qemuBuildCommandLine(const virDomainDef *def,
                            const virQEMUCaps *caps,
                            const qemuCommandPaths *paths,
                            unsigned int flags);

char *qemuBuildMonitorChardevArg(const char *socketPath);
const char *qemuUSBControllerDriver(int model);
char *qemuBuildNameArg(const char *name);

char *qemuBuildCommandLineString(char **argv);
char *qemuBuildCommandLineStringOneLine(char **argv);
