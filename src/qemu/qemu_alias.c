/*
 * qemu_alias.c: the names QEMU knows each device by
 *
 * A device's alias is its QEMU "id" and appears in the live XML as
 * <alias name=.../>.  The names are upstream's, so that tools that
 * look devices up by alias (and QMP queries people copy from upstream
 * documentation) keep working: "virtio-disk0" after the target's
 * index, "ide0-1-0" / "sata0-0-1" / "scsi0-0-2" after the drive
 * address, "net0", "serial0", "video0", "balloon0", "rng0", "usb",
 * "scsi0", "sata0", "ide", "pci.0", "input0", "channel0", "sound0",
 * "redir0", "watchdog0", "virtio-serial0".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_alias.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


static void
qemuAliasSet(virDomainDeviceInfo *info, char *alias)
{
    g_free(info->alias);
    info->alias = alias;
}


static int
qemuAssignDiskAlias(const virDomainDef *def, virDomainDiskDef *disk)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.addr.drive;
    const char *prefix = NULL;
    int idx;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        if ((idx = virDomainDiskNameToIndex(disk->dst)) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot name disk '%1$s': its target is not a disk name"),
                           disk->dst);
            return -1;
        }
        qemuAliasSet(&disk->info, g_strdup_printf("virtio-disk%d", idx));
        return 0;
    case VIR_DOMAIN_DISK_BUS_IDE:
        prefix = "ide";
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        prefix = "sata";
        break;
    case VIR_DOMAIN_DISK_BUS_SCSI: {
        int c = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
                                        drive->controller);

        /* virtio-scsi addresses have a target; LSI ones do not. */
        if (c >= 0 &&
            def->controllers[c]->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI) {
            qemuAliasSet(&disk->info,
                         g_strdup_printf("scsi%u-%u-%u-%u", drive->controller,
                                         drive->bus, drive->target,
                                         drive->unit));
            return 0;
        }
        prefix = "scsi";
        break;
    }
    case VIR_DOMAIN_DISK_BUS_NONE:
    case VIR_DOMAIN_DISK_BUS_LAST:
        break;
    }
    if (!prefix || disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("disk '%1$s' has no drive address to name it after"),
                       disk->dst);
        return -1;
    }
    qemuAliasSet(&disk->info, g_strdup_printf("%s%u-%u-%u", prefix,
                                              drive->controller, drive->bus,
                                              drive->unit));
    return 0;
}


static void
qemuAssignControllerAlias(const virDomainDef *def, virDomainControllerDef *ctrl)
{
    char *alias = NULL;

    /* q35's own AHCI is QEMU's "ide" bus. */
    if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA && ctrl->idx == 0 &&
        virDomainDefIsQ35(def)) {
        qemuAliasSet(&ctrl->info, g_strdup("ide"));
        return;
    }

    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        alias = g_strdup("ide");
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        alias = ctrl->idx == 0 ? g_strdup("usb") :
                                 g_strdup_printf("usb%u", ctrl->idx);
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        alias = ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT ?
                g_strdup("pcie.0") : g_strdup_printf("pci.%u", ctrl->idx);
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        alias = g_strdup_printf("%s%u", virDomainControllerTypeToString(ctrl->type),
                                ctrl->idx);
        break;
    }
    qemuAliasSet(&ctrl->info, alias);
}


/**
 * qemuAssignDeviceAliases:
 * @def: a definition whose drive addresses are assigned
 *
 * Names every device the way upstream does (see the top of this file),
 * replacing any alias already present.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuAssignDeviceAliases(virDomainDef *def)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        if (qemuAssignDiskAlias(def, def->disks[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ncontrollers; i++)
        qemuAssignControllerAlias(def, def->controllers[i]);
    for (size_t i = 0; i < def->nnets; i++)
        qemuAliasSet(&def->nets[i]->info, g_strdup_printf("net%zu", i));
    for (size_t i = 0; i < def->nserials; i++)
        qemuAliasSet(&def->serials[i]->info, g_strdup_printf("serial%zu", i));
    /* The console is the first serial port, and shares its alias. */
    for (size_t i = 0; i < def->nconsoles; i++)
        qemuAliasSet(&def->consoles[i]->info,
                     g_strdup_printf("serial%d", def->consoles[i]->targetPort));
    for (size_t i = 0; i < def->nchannels; i++)
        qemuAliasSet(&def->channels[i]->info, g_strdup_printf("channel%zu", i));
    for (size_t i = 0; i < def->ninputs; i++)
        qemuAliasSet(&def->inputs[i]->info, g_strdup_printf("input%zu", i));
    for (size_t i = 0; i < def->nsounds; i++)
        qemuAliasSet(&def->sounds[i]->info, g_strdup_printf("sound%zu", i));
    for (size_t i = 0; i < def->nredirdevs; i++)
        qemuAliasSet(&def->redirdevs[i]->info, g_strdup_printf("redir%zu", i));
    if (def->watchdog)
        qemuAliasSet(&def->watchdog->info, g_strdup("watchdog0"));
    for (size_t i = 0; i < def->nvideos; i++)
        qemuAliasSet(&def->videos[i]->info, g_strdup_printf("video%zu", i));
    /* model='none' is no device at all, and has no name. */
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        qemuAliasSet(&def->memballoon->info, g_strdup("balloon0"));
    for (size_t i = 0; i < def->nrngs; i++)
        qemuAliasSet(&def->rngs[i]->info, g_strdup_printf("rng%zu", i));
    return 0;
}
