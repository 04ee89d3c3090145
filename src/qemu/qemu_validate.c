/*
 * qemu_validate.c: what the QEMU driver refuses before starting a guest
 *
 * The domain XML parser accepts what is well-formed; this file refuses
 * what this emulator cannot run, or cannot run the way upstream would
 * run it, with upstream's error codes and messages where upstream
 * refuses the same thing.  Where upstream accepts a definition and
 * lets QEMU fail at start (an IDE unit 2, a SATA unit 6, an LSI unit
 * 7, a fifth ISA serial port), we refuse it here with our own message,
 * naming what is wrong.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_validate.h"
#include "qemu_domain_address.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* QEMU's PC machines have four ISA serial ports (COM1-COM4). */
#define QEMU_ISA_SERIAL_PORTS 4


static int
qemuValidateMachine(const virDomainDef *def, const virQEMUCaps *caps)
{
    const virQEMUCapsMachine *machine = virQEMUCapsGetMachine(caps,
                                                              def->os.machine);

    if (!machine) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%1$s' does not support machine type '%2$s'"),
                       caps->binary, NULLSTR(def->os.machine));
        return -1;
    }
    if (!qemuDomainMachineIsI440FX(machine->name)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("machine type '%1$s' is not supported by this driver: use an i440fx machine type ('pc' or 'pc-i440fx-*')"),
                       machine->name);
        return -1;
    }
    if (def->vcpus > machine->maxCpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Maximum CPUs greater than specified machine type limit %1$u"),
                       machine->maxCpus);
        return -1;
    }
    return 0;
}


static int
qemuValidateVirtType(const virDomainDef *def, const virQEMUCaps *caps)
{
    if (def->virtType == VIR_DOMAIN_VIRT_KVM && !caps->kvmSupported) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, and host configuration is setup to load the kvm modules."));
        return -1;
    }
    return 0;
}


static int
qemuValidatePCIAddress(const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *addr = &info->addr.pci;

    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    if (addr->slot > QEMU_PCI_SLOT_MAX) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid PCI address slot='0x%1$x', must be <= 0x1F"),
                       addr->slot);
        return -1;
    }
    if (addr->function > QEMU_PCI_FUNCTION_MAX) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid PCI address function=0x%1$x, must be <= 7"),
                       addr->function);
        return -1;
    }
    if (addr->domain != 0) {
        g_autofree char *str = qemuDomainPCIAddressFormat(addr);

        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid PCI address %1$s. Only PCI domain 0 is available"),
                       str);
        return -1;
    }
    if (addr->bus != 0) {
        g_autofree char *str = qemuDomainPCIAddressFormat(addr);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI address %1$s is not supported: this driver provides only bus 0 and adds no PCI bridges"),
                       str);
        return -1;
    }
    return 0;
}


/* Devices that sit on the PCI bus take a PCI address and no other. */
static int
qemuValidatePCIDevice(const virDomainDeviceInfo *info, const char *what)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("%1$s cannot have an address of type '%2$s': it is a PCI device"),
                       what, virDomainDeviceAddressTypeToString(info->type));
        return -1;
    }
    return qemuValidatePCIAddress(info);
}


static int
qemuValidateDiskDrive(const virDomainDef *def, const virDomainDiskDef *disk)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.addr.drive;
    int c;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_IDE:
        if (drive->controller != 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Only 1 IDE controller is supported"));
            return -1;
        }
        if (drive->target != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("target must be 0 for ide controller"));
            return -1;
        }
        if (drive->bus > 1 || drive->unit > 1) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("IDE disk '%1$s' has bus %2$u unit %3$u, but the PIIX3 IDE controller has buses 0-1 with units 0-1"),
                           disk->dst, drive->bus, drive->unit);
            return -1;
        }
        break;

    case VIR_DOMAIN_DISK_BUS_SATA:
        if (drive->bus != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("bus must be 0 for sata controller"));
            return -1;
        }
        if (drive->target != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("target must be 0 for sata controller"));
            return -1;
        }
        if (drive->unit > 5) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("SATA disk '%1$s' has unit %2$u, but an AHCI controller has units 0-5"),
                           disk->dst, drive->unit);
            return -1;
        }
        break;

    case VIR_DOMAIN_DISK_BUS_SCSI:
        if (drive->bus != 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("SCSI controller only supports 1 bus"));
            return -1;
        }
        c = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
                                    drive->controller);
        if (c < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("disk '%1$s' is on SCSI controller %2$u, which the domain does not have"),
                           disk->dst, drive->controller);
            return -1;
        }
        if (def->controllers[c]->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC) {
            if (drive->target != 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("target must be 0 for controller model 'lsilogic'"));
                return -1;
            }
            /* SCSI id 7 is the LSI adapter's own. */
            if (drive->unit > 6) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("SCSI disk '%1$s' has unit %2$u, but an lsilogic controller has units 0-6"),
                               disk->dst, drive->unit);
                return -1;
            }
        } else if (drive->target > 255 || drive->unit > 16383) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("SCSI disk '%1$s' has target %2$u unit %3$u, but a virtio-scsi controller has targets 0-255 with units 0-16383"),
                           disk->dst, drive->target, drive->unit);
            return -1;
        }
        break;

    case VIR_DOMAIN_DISK_BUS_VIRTIO:
    case VIR_DOMAIN_DISK_BUS_NONE:
    case VIR_DOMAIN_DISK_BUS_LAST:
        break;
    }
    return 0;
}


static int
qemuValidateDisk(const virDomainDef *def, const virDomainDiskDef *disk)
{
    const char *bus = virDomainDiskBusTypeToString(disk->bus);

    if (disk->bus == VIR_DOMAIN_DISK_BUS_VIRTIO) {
        if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("disk type of '%1$s' does not support ejectable media"),
                           disk->dst);
            return -1;
        }
        if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("virtio disk cannot have an address of type '%1$s'"),
                           virDomainDeviceAddressTypeToString(disk->info.type));
            return -1;
        }
        return qemuValidatePCIAddress(&disk->info);
    }

    if (disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Invalid address type '%1$s' for the disk '%2$s' with the bus type '%3$s'"),
                       virDomainDeviceAddressTypeToString(disk->info.type),
                       disk->dst, bus);
        return -1;
    }
    if (disk->readonly && disk->device == VIR_DOMAIN_DISK_DEVICE_DISK) {
        if (disk->bus == VIR_DOMAIN_DISK_BUS_IDE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("readonly ide disks are not supported"));
            return -1;
        }
        if (disk->bus == VIR_DOMAIN_DISK_BUS_SATA) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("readonly sata disks are not supported"));
            return -1;
        }
    }
    return qemuValidateDiskDrive(def, disk);
}


static int
qemuValidateController(const virDomainControllerDef *ctrl)
{
    if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_IDE && ctrl->idx != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Only a single IDE controller is supported for this machine type"));
        return -1;
    }
    if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI) {
        if (ctrl->idx != 0 || ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("only the pci-root controller with index 0 is supported on i440fx machine types"));
            return -1;
        }
        if (ctrl->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("the pci-root controller cannot have an address"));
            return -1;
        }
        return 0;
    }
    if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
        ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
        return 0;
    return qemuValidatePCIDevice(&ctrl->info, "a controller");
}


static int
qemuValidateVideo(const virDomainDef *def, size_t idx)
{
    const virDomainVideoDef *video = def->videos[idx];
    const char *type = virDomainVideoTypeToString(video->type);

    if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
        return 0;
    if (idx > 0 &&
        (video->type == VIR_DOMAIN_VIDEO_TYPE_VGA ||
         video->type == VIR_DOMAIN_VIDEO_TYPE_CIRRUS)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("video type '%1$s' is only valid as primary video device"),
                       type);
        return -1;
    }
    if (video->heads > 1 && video->type != VIR_DOMAIN_VIDEO_TYPE_VIRTIO) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("video type '%1$s' doesn't support multiple 'heads'"),
                       type);
        return -1;
    }
    return qemuValidatePCIDevice(&video->info, "a video device");
}


static int
qemuValidateChr(const virDomainChrDef *chr)
{
    if (chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Target type 'isa-serial' requires address type 'isa'"));
        return -1;
    }
    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL &&
        chr->targetPort >= QEMU_ISA_SERIAL_PORTS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("serial port %1$d is not supported: the PC machine has ISA serial ports 0-3"),
                       chr->targetPort);
        return -1;
    }
    return 0;
}


/* The QEMU device types a definition needs, each checked against what
 * the emulator offers. */
static int
qemuValidateTypes(const virDomainDef *def, const virQEMUCaps *caps)
{
    g_autoptr(GPtrArray) types = g_ptr_array_new();

    for (size_t i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        bool cd = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;

        switch (disk->bus) {
        case VIR_DOMAIN_DISK_BUS_VIRTIO:
            g_ptr_array_add(types, (char *)"virtio-blk-pci");
            break;
        case VIR_DOMAIN_DISK_BUS_IDE:
        case VIR_DOMAIN_DISK_BUS_SATA:
            g_ptr_array_add(types, (char *)(cd ? "ide-cd" : "ide-hd"));
            break;
        case VIR_DOMAIN_DISK_BUS_SCSI:
            g_ptr_array_add(types, (char *)(cd ? "scsi-cd" : "scsi-hd"));
            break;
        case VIR_DOMAIN_DISK_BUS_NONE:
        case VIR_DOMAIN_DISK_BUS_LAST:
            break;
        }
    }
    for (size_t i = 0; i < def->nnets; i++) {
        const char *model = NULL;

        switch (def->nets[i]->model) {
        case VIR_DOMAIN_NET_MODEL_VIRTIO:
            model = "virtio-net-pci";
            break;
        case VIR_DOMAIN_NET_MODEL_E1000:
            model = "e1000";
            break;
        case VIR_DOMAIN_NET_MODEL_RTL8139:
        case VIR_DOMAIN_NET_MODEL_UNKNOWN:
        case VIR_DOMAIN_NET_MODEL_LAST:
            model = "rtl8139";
            break;
        }
        g_ptr_array_add(types, (char *)model);
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA)
            /* "ahci" and "lsi" are aliases of these. */
            g_ptr_array_add(types, (char *)"ich9-ahci");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI)
            g_ptr_array_add(types, (char *)(ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC ?
                                            "lsi53c895a" : "virtio-scsi-pci"));
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                 ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI)
            g_ptr_array_add(types, (char *)"piix3-usb-uhci");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                 ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI)
            g_ptr_array_add(types, (char *)"qemu-xhci");
    }
    if (def->nserials > 0)
        g_ptr_array_add(types, (char *)"isa-serial");
    for (size_t i = 0; i < def->nvideos; i++) {
        switch (def->videos[i]->type) {
        case VIR_DOMAIN_VIDEO_TYPE_VGA:
            g_ptr_array_add(types, (char *)"VGA");
            break;
        case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
            g_ptr_array_add(types, (char *)"cirrus-vga");
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
            g_ptr_array_add(types, (char *)(i == 0 ? "virtio-vga" : "virtio-gpu-pci"));
            break;
        case VIR_DOMAIN_VIDEO_TYPE_DEFAULT:
        case VIR_DOMAIN_VIDEO_TYPE_NONE:
        case VIR_DOMAIN_VIDEO_TYPE_LAST:
            break;
        }
    }
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        g_ptr_array_add(types, (char *)"virtio-balloon-pci");
    if (def->nrngs > 0) {
        g_ptr_array_add(types, (char *)"virtio-rng-pci");
        g_ptr_array_add(types, (char *)"rng-random");
    }

    for (size_t i = 0; i < types->len; i++) {
        const char *type = g_ptr_array_index(types, i);

        if (!virQEMUCapsHasType(caps, type)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("QEMU device '%1$s' is not supported by emulator '%2$s'"),
                           type, caps->binary);
            return -1;
        }
    }
    return 0;
}


/**
 * qemuValidateDomainDef:
 * @def: a parsed definition whose machine type is canonical
 * @caps: what its emulator offers
 *
 * Refuses, before anything is started, what the emulator cannot run:
 * KVM where it is unusable, a machine type it lacks (or one that is
 * not i440fx), more vCPUs than the machine takes, device kinds the
 * binary does not have, and device settings or addresses QEMU's PC
 * machine cannot honour.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuValidateDomainDef(const virDomainDef *def, const virQEMUCaps *caps)
{
    if (qemuValidateVirtType(def, caps) < 0 ||
        qemuValidateMachine(def, caps) < 0)
        return -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        if (qemuValidateDisk(def, def->disks[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        if (qemuValidateController(def->controllers[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (qemuValidatePCIDevice(&def->nets[i]->info, "a network interface") < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nserials; i++) {
        if (qemuValidateChr(def->serials[i]) < 0)
            return -1;
    }
    if (def->ngraphics > 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported"));
        return -1;
    }
    for (size_t i = 0; i < def->nvideos; i++) {
        if (qemuValidateVideo(def, i) < 0)
            return -1;
    }
    if (def->memballoon) {
        if (def->memballoon->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Unexpected address type for 'virtio-balloon'"));
            return -1;
        }
        if (qemuValidatePCIAddress(&def->memballoon->info) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nrngs; i++) {
        if (qemuValidatePCIDevice(&def->rngs[i]->info, "an RNG device") < 0)
            return -1;
    }
    return qemuValidateTypes(def, caps);
}
