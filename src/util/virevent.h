/*
 * virevent.h: the event loop the library dispatches callbacks from
 *
 * The public functions (virEventAddHandle and friends) are declared in
 * <libvirt/libvirt-event.h>; they dispatch to whichever implementation
 * the application registered: its own (virEventRegisterImpl) or ours on
 * GLib's default main context (virEventRegisterDefaultImpl).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

bool virEventIsRegistered(void);
