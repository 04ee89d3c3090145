/*
 * qemu_agent.h: the QEMU guest agent, through its virtio channel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/* The virtio port name of the QEMU guest agent. */
#define QEMU_AGENT_CHANNEL_NAME "org.qemu.guest_agent.0"

int qemuAgentShutdown(const char *socketPath, int timeoutMs)
    G_GNUC_WARN_UNUSED_RESULT;
