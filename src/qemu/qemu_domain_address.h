/*
 * qemu_domain_address.h: where each device of a domain sits
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"

/* Slots 0x00-0x1f, functions 0-7 of one conventional PCI bus. */
#define QEMU_PCI_SLOT_MAX 0x1f
#define QEMU_PCI_FUNCTION_MAX 7

int qemuDomainCanonicalizeMachine(virDomainDef *def, const virQEMUCaps *caps);

int qemuDomainAssignPCIAddresses(virDomainDef *def);
int qemuDomainAssignQ35Addresses(virDomainDef *def);
int qemuDomainAssignVirtioSerialAddresses(virDomainDef *def);
int qemuDomainAssignUSBAddresses(virDomainDef *def);

int qemuDomainPrepareDef(virDomainDef *def, const virQEMUCaps *caps);

char *qemuDomainPCIAddressFormat(const virPCIDeviceAddress *addr);
