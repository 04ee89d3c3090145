/*
 * remote_driverpriv.h: what the remote driver exposes to its tests
 * (the client-side fuzz target)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "domain_event.h"
#include "virnetmessage.h"

virDomainEvent *remoteEventDecode(const virNetMessageHeader *hdr,
                                  const char *frame, size_t len,
                                  bool *legacy, int *callbackID);
