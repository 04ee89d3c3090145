/*
 * qemu_validate.c: what the QEMU driver refuses before starting a guest
 *
 * The domain XML parser already refuses what upstream's QEMU driver
 * refuses at define time for the i440fx machine (device address kinds
 * and ranges, read-only IDE/SATA disks, virtio cdroms, video heads,
 * serial ports, one IDE controller, ...).  Its string checks
 * (virDomainDefValidateStrings) run here again.  What is left needs the
 * emulator's capabilities or the PCI layout, and is checked here, with
 * upstream's error codes and messages where upstream refuses the same
 * thing: KVM where it is unusable, a machine type the emulator lacks,
 * more vCPUs than the machine takes, PCI addresses outside bus 0 of
 * domain 0, VGA or Cirrus as a secondary video device, and device
 * kinds the emulator binary was built without.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_validate.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

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
qemuValidatePCIAddress(const virDomainDeviceInfo *info, bool q35)
{
    const virPCIDeviceAddress *addr = &info->addr.pci;

    /* The parser has checked slot <= 0x1f and function <= 7. */
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    if (addr->domain != 0) {
        g_autofree char *str = qemuDomainPCIAddressFormat(addr);

        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid PCI address %1$s. Only PCI domain 0 is available"),
                       str);
        return -1;
    }
    if (addr->bus != 0 && !q35) {
        g_autofree char *str = qemuDomainPCIAddressFormat(addr);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI address %1$s is not supported: this driver provides only bus 0 and adds no PCI bridges"),
                       str);
        return -1;
    }
    return 0;
}


static int
qemuValidateVideo(const virDomainDef *def, size_t idx)
{
    const virDomainVideoDef *video = def->videos[idx];
    bool q35 = virDomainDefIsQ35(def);

    if (idx > 0 &&
        (video->type == VIR_DOMAIN_VIDEO_TYPE_VGA ||
         video->type == VIR_DOMAIN_VIDEO_TYPE_CIRRUS ||
         video->type == VIR_DOMAIN_VIDEO_TYPE_BOCHS)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("video type '%1$s' is only valid as primary video device"),
                       virDomainVideoTypeToString(video->type));
        return -1;
    }
    return qemuValidatePCIAddress(&video->info, q35);
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
        case VIR_DOMAIN_NET_MODEL_E1000E:
            model = "e1000e";
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

        /* The command line names "ahci" and "lsi", QEMU's aliases of
         * ich9-ahci and lsi53c895a; qom-list-types names only these. */
        if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA)
            g_ptr_array_add(types, (char *)"ich9-ahci");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI &&
                 ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC)
            g_ptr_array_add(types, (char *)"lsi53c895a");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI)
            g_ptr_array_add(types, (char *)"virtio-scsi-pci");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                 qemuUSBControllerDriver(ctrl->model))
            g_ptr_array_add(types, (char *)qemuUSBControllerDriver(ctrl->model));
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
            g_ptr_array_add(types, (char *)"virtio-serial-pci");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
                 ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT)
            g_ptr_array_add(types, (char *)"pcie-root-port");
        else if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
                 ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE)
            g_ptr_array_add(types, (char *)"pcie-pci-bridge");
    }
    if (def->nchannels > 0)
        g_ptr_array_add(types, (char *)"virtserialport");
    for (size_t i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *input = def->inputs[i];

        if (input->bus != VIR_DOMAIN_INPUT_BUS_USB)
            continue;
        g_ptr_array_add(types, (char *)(input->type == VIR_DOMAIN_INPUT_TYPE_TABLET ?
                                        "usb-tablet" :
                                        input->type == VIR_DOMAIN_INPUT_TYPE_KBD ?
                                        "usb-kbd" : "usb-mouse"));
    }
    if (def->nredirdevs > 0)
        g_ptr_array_add(types, (char *)"usb-redir");
    for (size_t i = 0; i < def->nsounds; i++) {
        const virDomainSoundDef *sound = def->sounds[i];

        switch (sound->model) {
        case VIR_DOMAIN_SOUND_MODEL_AC97:
            g_ptr_array_add(types, (char *)"AC97");
            break;
        case VIR_DOMAIN_SOUND_MODEL_ICH6:
        case VIR_DOMAIN_SOUND_MODEL_ICH9:
        case VIR_DOMAIN_SOUND_MODEL_LAST:
            g_ptr_array_add(types, (char *)(sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 ?
                                            "ich9-intel-hda" : "intel-hda"));
            if (sound->ncodecs == 0)
                g_ptr_array_add(types, (char *)"hda-duplex");
            for (size_t c = 0; c < sound->ncodecs; c++) {
                static const char *const codecs[] = {
                    "hda-duplex", "hda-micro", "hda-output",
                };

                g_ptr_array_add(types, (char *)codecs[sound->codecs[c]]);
            }
            break;
        }
    }
    if (def->watchdog)
        g_ptr_array_add(types, (char *)virDomainWatchdogModelTypeToString(def->watchdog->model));
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
        case VIR_DOMAIN_VIDEO_TYPE_QXL:
            g_ptr_array_add(types, (char *)(i == 0 ? "qxl-vga" : "qxl"));
            break;
        case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
            g_ptr_array_add(types, (char *)"bochs-display");
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


/* What QEMU can do with each timer's missed ticks (upstream's checks
 * and messages). */
static int
qemuValidateTimers(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ntimers; i++) {
        const virDomainTimerDef *timer = def->timers[i];
        const char *name = virDomainTimerNameTypeToString(timer->name);
        const char *policy = virDomainTimerTickpolicyTypeToString(timer->tickpolicy);

        switch (timer->name) {
        case VIR_DOMAIN_TIMER_NAME_RTC:
            if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_MERGE ||
                timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unsupported rtc timer tickpolicy '%1$s'"),
                               policy);
                return -1;
            }
            break;
        case VIR_DOMAIN_TIMER_NAME_PIT:
            if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_MERGE) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unsupported pit tickpolicy '%1$s'"), policy);
                return -1;
            }
            break;
        case VIR_DOMAIN_TIMER_NAME_HPET:
            if (timer->tickpolicy != VIR_DOMAIN_TIMER_TICKPOLICY_NONE) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unsupported timer tickpolicy '%1$s' for timer '%2$s'"),
                               policy, name);
                return -1;
            }
            break;
        case VIR_DOMAIN_TIMER_NAME_LAST:
            break;
        }
        if (timer->present == VIR_TRISTATE_BOOL_NO &&
            timer->name != VIR_DOMAIN_TIMER_NAME_HPET) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("timer '%1$s' cannot be removed: only the HPET can be (present='no')"),
                           name);
            return -1;
        }
    }
    return 0;
}


/**
 * qemuValidateDomainStart:
 * @def: a definition about to start (or to be shown as a command line)
 *
 * What upstream refuses only when a guest starts, not at define: a
 * virtual network (this driver has no network driver, so every network
 * is missing, and upstream says so when the one named is not defined).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuValidateDomainStart(const virDomainDef *def)
{
    for (size_t i = 0; i < def->nnets; i++) {
        if (def->nets[i]->type == VIR_DOMAIN_NET_TYPE_NETWORK) {
            virReportErrorHelper(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK,
                                 __FILE__, __func__, __LINE__,
                                 _("no network with matching name '%1$s'"),
                                 def->nets[i]->network);
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
 * Refuses, before anything is started, what the emulator cannot run
 * (see the top of this file).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuValidateDomainDef(const virDomainDef *def, const virQEMUCaps *caps)
{
    bool q35 = virDomainDefIsQ35(def);

    /* Again here: a definition read back from a file was not validated
     * when it was loaded, and this runs before every start. */
    if (virDomainDefValidateStrings(def) < 0 ||
        qemuValidateVirtType(def, caps) < 0 ||
        qemuValidateMachine(def, caps) < 0 ||
        qemuValidateTimers(def) < 0)
        return -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        if (qemuValidatePCIAddress(&def->disks[i]->info, q35) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        if (qemuValidatePCIAddress(&def->controllers[i]->info, q35) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (qemuValidatePCIAddress(&def->nets[i]->info, q35) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nvideos; i++) {
        if (qemuValidateVideo(def, i) < 0)
            return -1;
    }
    if (def->memballoon &&
        qemuValidatePCIAddress(&def->memballoon->info, q35) < 0)
        return -1;
    for (size_t i = 0; i < def->nrngs; i++) {
        if (qemuValidatePCIAddress(&def->rngs[i]->info, q35) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nsounds; i++) {
        if (qemuValidatePCIAddress(&def->sounds[i]->info, q35) < 0)
            return -1;
    }
    if (def->watchdog && qemuValidatePCIAddress(&def->watchdog->info, q35) < 0)
        return -1;
    return qemuValidateTypes(def, caps);
}
