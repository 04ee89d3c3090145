/*
 * qemu_monitor_json.h: QMP commands and events as JSON
 *
 * Only qemu_monitor.c calls these; the rest of the driver uses the
 * qemuMonitor* functions of qemu_monitor.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qemu_monitor_priv.h"

void qemuMonitorJSONHandleEvent(qemuMonitor *mon,
                                const qemuMonitorMessage *msg);

int qemuMonitorJSONSetCapabilities(qemuMonitor *mon, int timeoutMs);

int qemuMonitorJSONStartCPUs(qemuMonitor *mon);
int qemuMonitorJSONStopCPUs(qemuMonitor *mon);
int qemuMonitorJSONSystemPowerdown(qemuMonitor *mon, int timeoutMs);
int qemuMonitorJSONSystemReset(qemuMonitor *mon);
int qemuMonitorJSONQuit(qemuMonitor *mon);

int qemuMonitorJSONGetStatus(qemuMonitor *mon,
                             bool *retRunning,
                             virDomainPausedReason *retReason);

int qemuMonitorJSONGetVersion(qemuMonitor *mon,
                              unsigned int *retMajor,
                              unsigned int *retMinor,
                              unsigned int *retMicro,
                              char **retPackage);

int qemuMonitorJSONGetMachines(qemuMonitor *mon,
                               qemuMonitorMachineInfo **retMachines,
                               size_t *retNMachines);

int qemuMonitorJSONGetTargetArch(qemuMonitor *mon,
                                 char **retArch);
int qemuMonitorJSONGetKVMState(qemuMonitor *mon,
                               bool *retEnabled,
                               bool *retPresent);

int qemuMonitorJSONSetMemoryStatsPeriod(qemuMonitor *mon,
                                        const char *balloonAlias,
                                        int period);
int qemuMonitorJSONGetPtyPaths(qemuMonitor *mon,
                               GHashTable **retPaths);
int qemuMonitorJSONGetObjectTypes(qemuMonitor *mon,
                                  char ***retTypes);

int qemuMonitorJSONHumanCommand(qemuMonitor *mon,
                                const char *cmd,
                                char **retReply);

int qemuMonitorJSONArbitraryCommand(qemuMonitor *mon,
                                    const char *cmdJSON,
                                    char **retReply);
