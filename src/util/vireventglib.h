/*
 * vireventglib.h: the default event loop implementation, on GLib's
 * default main context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

int virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb,
                          void *opaque, virFreeCallback ff);
void virEventGLibUpdateHandle(int watch, int events);
int virEventGLibRemoveHandle(int watch);
int virEventGLibAddTimeout(int interval, virEventTimeoutCallback cb,
                           void *opaque, virFreeCallback ff);
void virEventGLibUpdateTimeout(int timer, int interval);
int virEventGLibRemoveTimeout(int timer);

int virEventGLibRunOnce(void);
