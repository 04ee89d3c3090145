/*
 * qemu_domain_address.c: where each device of a domain sits
 *
 * The same XML must give the same guest as upstream libvirt, and a
 * guest sees its PCI topology, so slots are handed out exactly as
 * upstream 9.0 does on the i440fx machine types.  We found the rules by
 * defining many device mixes with Debian's libvirt 9.0 and reading the
 * addresses back (dumpxml, domxml-to-native):
 *
 *  - only bus 0 (pci-root) exists; slot 0 is the host bridge and a
 *    definition naming bus 0 slot 0 counts as naming no address;
 *  - slot 1 is the PIIX3: function 0 the ISA bridge and 3 the power
 *    management function are always taken, function 1 by the IDE
 *    controller and 2 by the piix3-uhci USB controller with index 0,
 *    when the definition has them (they can be nowhere else);
 *  - addresses given in the definition are honoured first; using one
 *    twice is refused;
 *  - then the primary video gets slot 2 if that slot is still free,
 *    otherwise the first free slot like every other device;
 *  - then, each in definition order, taking the lowest slot none of
 *    whose functions is in use: network interfaces, sound cards,
 *    controllers (SCSI, SATA, virtio-serial, USB other than the PIIX3
 *    one), virtio disks, the memory balloon, RNG devices, the i6300esb
 *    watchdog, and last the secondary video devices;
 *  - ICH9's USB2 controller and its USB1 companions with the same
 *    index share one slot: the EHCI at function 7, UHCI1-3 at
 *    functions 0-2, the slot taken when the first of them comes;
 *  - a slot whose function 0 shares it with other functions gets
 *    multifunction='on' unless the definition said otherwise.
 *
 * q35 is not supported (upstream builds a tree of pcie-root-port
 * controllers there): the domain XML parser refuses any machine type
 * but 'pc' and 'pc-i440fx-*'.
 *
 * Devices on other buses get their addresses here too, as upstream
 * gives them at define: virtio channels the lowest free port of the
 * first virtio-serial controller (port 0 is a console's), from 1 on;
 * USB inputs, then redirected USB devices, the lowest free port of the
 * first USB controller with one (PIIX3 UHCI has 2, qemu-xhci 4, ICH9's
 * EHCI 6, its companions none of their own).  Upstream adds a USB hub
 * when the ports run out; we refuse instead.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_domain_address.h"
#include "qemu_alias.h"
#include "qemu_validate.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_domain_address");

#define QEMU_PCI_SLOT_PIIX3 1
#define QEMU_PCI_FUNCTION_IDE 1
#define QEMU_PCI_FUNCTION_USB 2
#define QEMU_PCI_SLOT_PRIMARY_VIDEO 2


/**
 * qemuDomainCanonicalizeMachine:
 * @def: a domain definition
 * @caps: what its emulator offers
 *
 * Replaces an alias ("pc") or a missing machine type with the
 * canonical name QEMU reports ("pc-i440fx-7.2"), as upstream records it,
 * so a guest keeps its machine type when QEMU is upgraded.
 *
 * Returns: 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED reported when the
 * emulator does not know the machine type.
 */
int
qemuDomainCanonicalizeMachine(virDomainDef *def, const virQEMUCaps *caps)
{
    const char *canonical = virQEMUCapsGetCanonicalMachine(caps,
                                                           def->os.machine);

    if (!canonical) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%1$s' does not support machine type '%2$s'"),
                       caps->binary, NULLSTR(def->os.machine));
        return -1;
    }
    if (STRNEQ_NULLABLE(def->os.machine, canonical)) {
        g_free(def->os.machine);
        def->os.machine = g_strdup(canonical);
    }
    return 0;
}


/**
 * qemuDomainPCIAddressFormat:
 * @addr: a PCI address
 *
 * Returns: @addr as upstream prints it in messages, "0000:00:05.0".
 */
char *
qemuDomainPCIAddressFormat(const virPCIDeviceAddress *addr)
{
    return g_strdup_printf("%04x:%02x:%02x.%x", addr->domain, addr->bus,
                           addr->slot, addr->function);
}


/* The order in which devices without an address get one. */
typedef enum {
    QEMU_PCI_CLASS_FIXED,             /* PIIX3 IDE, PIIX3 USB: slot 1 */
    QEMU_PCI_CLASS_PRIMARY_VIDEO,
    QEMU_PCI_CLASS_NET,
    QEMU_PCI_CLASS_SOUND,
    QEMU_PCI_CLASS_CONTROLLER,
    QEMU_PCI_CLASS_DISK,
    QEMU_PCI_CLASS_MEMBALLOON,
    QEMU_PCI_CLASS_RNG,
    QEMU_PCI_CLASS_WATCHDOG,
    QEMU_PCI_CLASS_SECONDARY_VIDEO,

    QEMU_PCI_CLASS_LAST
} qemuPCIClass;

typedef struct {
    virDomainDeviceInfo *info;
    qemuPCIClass cls;
    unsigned int fixedFunction;   /* QEMU_PCI_CLASS_FIXED only */
    /* ICH9 USB controllers: the USB index of their set, else -1 */
    int usbSet;
} qemuPCIDevice;

typedef struct {
    /* Bit f of used[s]: function f of slot s is taken. */
    uint8_t used[QEMU_PCI_SLOT_MAX + 1];
    /* The device at function 0 of each slot, if any. */
    virDomainDeviceInfo *function0[QEMU_PCI_SLOT_MAX + 1];
} qemuPCIBus;


static void
qemuPCIDeviceAdd(GArray *devs, virDomainDeviceInfo *info, qemuPCIClass cls,
                 unsigned int fixedFunction)
{
    qemuPCIDevice dev = { info, cls, fixedFunction, -1 };

    g_array_append_val(devs, dev);
}


/* The function of an ICH9 USB controller in its set's slot, or -1 for
 * another model. */
static int
qemuICH9USBFunction(const virDomainControllerDef *ctrl)
{
    if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_USB)
        return -1;
    switch (ctrl->model) {
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1:
        return 7;
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1:
        return 0;
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2:
        return 1;
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3:
        return 2;
    }
    return -1;
}


/* Whether @ctrl is one of an EHCI1 + companions set: an EHCI1 with
 * companions, or a companion (validation saw to its EHCI1). */
static bool
qemuUSBControllerInSet(const virDomainDef *def,
                       const virDomainControllerDef *ctrl)
{
    if (ctrl->startport >= 0)
        return true;
    if (ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1)
        return false;
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *other = def->controllers[i];

        if (other->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
            other->idx == ctrl->idx && other->startport >= 0)
            return true;
    }
    return false;
}


/* Every device that sits on the PCI bus, each with its class. */
static GArray *
qemuDomainCollectPCIDevices(virDomainDef *def)
{
    GArray *devs = g_array_new(FALSE, FALSE, sizeof(qemuPCIDevice));
    bool primarySeen = false;

    for (size_t i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        qemuPCIDeviceAdd(devs, &video->info,
                         primarySeen ? QEMU_PCI_CLASS_SECONDARY_VIDEO :
                                       QEMU_PCI_CLASS_PRIMARY_VIDEO, 0);
        primarySeen = true;
    }
    for (size_t i = 0; i < def->nnets; i++)
        qemuPCIDeviceAdd(devs, &def->nets[i]->info, QEMU_PCI_CLASS_NET, 0);
    for (size_t i = 0; i < def->nsounds; i++)
        qemuPCIDeviceAdd(devs, &def->sounds[i]->info, QEMU_PCI_CLASS_SOUND, 0);
    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        switch (ctrl->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
            qemuPCIDeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_FIXED,
                             QEMU_PCI_FUNCTION_IDE);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
                break;
            if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI &&
                ctrl->idx == 0) {
                qemuPCIDeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_FIXED,
                                 QEMU_PCI_FUNCTION_USB);
                break;
            }
            qemuPCIDeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER, 0);
            if (qemuICH9USBFunction(ctrl) >= 0 && qemuUSBControllerInSet(def, ctrl)) {
                qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice,
                                                    devs->len - 1);

                dev->usbSet = ctrl->idx;
                dev->fixedFunction = qemuICH9USBFunction(ctrl);
            }
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
            qemuPCIDeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER, 0);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
            break;
        }
    }
    for (size_t i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
            qemuPCIDeviceAdd(devs, &def->disks[i]->info, QEMU_PCI_CLASS_DISK, 0);
    }
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        qemuPCIDeviceAdd(devs, &def->memballoon->info,
                         QEMU_PCI_CLASS_MEMBALLOON, 0);
    for (size_t i = 0; i < def->nrngs; i++)
        qemuPCIDeviceAdd(devs, &def->rngs[i]->info, QEMU_PCI_CLASS_RNG, 0);
    if (def->watchdog &&
        def->watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
        qemuPCIDeviceAdd(devs, &def->watchdog->info, QEMU_PCI_CLASS_WATCHDOG, 0);

    return devs;
}


/* Marks @info's address as used; refuses one in use already. */
static int
qemuPCIBusReserve(qemuPCIBus *bus, virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *addr = &info->addr.pci;

    if (bus->used[addr->slot] & (1 << addr->function)) {
        g_autofree char *str = qemuDomainPCIAddressFormat(addr);

        virReportError(VIR_ERR_XML_ERROR,
                       _("Attempted double use of PCI Address %1$s"), str);
        return -1;
    }
    bus->used[addr->slot] |= 1 << addr->function;
    if (addr->function == 0)
        bus->function0[addr->slot] = info;
    return 0;
}


static void
qemuPCIDeviceSetAddress(virDomainDeviceInfo *info, unsigned int slot,
                        unsigned int function)
{
    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    info->addr.pci.domain = 0;
    info->addr.pci.bus = 0;
    info->addr.pci.slot = slot;
    info->addr.pci.function = function;
}


/* Gives @info function 0 of the lowest wholly free slot. */
static int
qemuPCIBusAssignNext(qemuPCIBus *bus, virDomainDeviceInfo *info)
{
    for (unsigned int slot = 1; slot <= QEMU_PCI_SLOT_MAX; slot++) {
        if (bus->used[slot] == 0) {
            qemuPCIDeviceSetAddress(info, slot, 0);
            return qemuPCIBusReserve(bus, info);
        }
    }
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                   _("No more available PCI slots: bus 0 is full and this driver does not add PCI bridges"));
    return -1;
}


/* A PCI address naming bus 0 slot 0 means "none given", as upstream. */
static bool
qemuPCIAddressIsPresent(const virDomainDeviceInfo *info)
{
    return info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
           (info->addr.pci.domain || info->addr.pci.bus || info->addr.pci.slot);
}


/* The PIIX3 functions at slot 1 sit nowhere else. */
static int
qemuPCIAssignFixed(qemuPCIBus *bus, qemuPCIDevice *dev)
{
    virDomainDeviceInfo *info = dev->info;

    if (qemuPCIAddressIsPresent(info) &&
        (info->addr.pci.slot != QEMU_PCI_SLOT_PIIX3 ||
         info->addr.pci.function != dev->fixedFunction)) {
        if (dev->fixedFunction == QEMU_PCI_FUNCTION_IDE)
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Primary IDE controller must have PCI address 0:0:1.1"));
        else
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("PIIX3 USB controller at index 0 must have PCI address 0:0:1.2"));
        return -1;
    }
    qemuPCIDeviceSetAddress(info, QEMU_PCI_SLOT_PIIX3, dev->fixedFunction);
    return qemuPCIBusReserve(bus, info);
}


/*
 * Gives an ICH9 USB controller of a set its function in the set's
 * slot: the slot of a member placed already, else the lowest wholly
 * free one.
 */
static int
qemuPCIAssignUSBSet(qemuPCIBus *bus, GArray *devs, qemuPCIDevice *dev)
{
    int slot = -1;

    for (size_t i = 0; i < devs->len && slot < 0; i++) {
        qemuPCIDevice *other = &g_array_index(devs, qemuPCIDevice, i);

        if (other != dev && other->usbSet == dev->usbSet &&
            other->info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
            slot = other->info->addr.pci.slot;
    }
    for (unsigned int s = 1; s <= QEMU_PCI_SLOT_MAX && slot < 0; s++) {
        if (bus->used[s] == 0)
            slot = s;
    }
    if (slot < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("No more available PCI slots: bus 0 is full and this driver does not add PCI bridges"));
        return -1;
    }
    qemuPCIDeviceSetAddress(dev->info, slot, dev->fixedFunction);
    return qemuPCIBusReserve(bus, dev->info);
}


/**
 * qemuDomainAssignPCIAddresses:
 * @def: a validated definition for an i440fx machine
 *
 * Gives every PCI device of @def that has no address one, the way
 * upstream does (see the top of this file), refuses addresses used
 * twice, and writes the result back into @def so that the live XML
 * shows it.
 *
 * Returns: 0, or -1 with an error reported (@def may then have some
 * addresses filled in).
 */
int
qemuDomainAssignPCIAddresses(virDomainDef *def)
{
    g_autoptr(GArray) devs = qemuDomainCollectPCIDevices(def);
    qemuPCIBus bus = { { 0 } };

    /* Host bridge; PIIX3 ISA bridge and power management. */
    bus.used[0] = 0xff;
    bus.used[QEMU_PCI_SLOT_PIIX3] = (1 << 0) | (1 << 3);

    for (size_t i = 0; i < devs->len; i++) {
        qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);

        if (dev->cls == QEMU_PCI_CLASS_FIXED &&
            qemuPCIAssignFixed(&bus, dev) < 0)
            return -1;
    }

    for (size_t i = 0; i < devs->len; i++) {
        qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);

        if (dev->cls == QEMU_PCI_CLASS_FIXED)
            continue;
        if (!qemuPCIAddressIsPresent(dev->info)) {
            /* Forget a bus 0 slot 0 address: it will be assigned. */
            dev->info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
            continue;
        }
        if (qemuPCIBusReserve(&bus, dev->info) < 0)
            return -1;
    }

    for (qemuPCIClass cls = QEMU_PCI_CLASS_PRIMARY_VIDEO;
         cls < QEMU_PCI_CLASS_LAST; cls++) {
        for (size_t i = 0; i < devs->len; i++) {
            qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);

            if (dev->cls != cls ||
                dev->info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
                continue;
            if (dev->usbSet >= 0) {
                if (qemuPCIAssignUSBSet(&bus, devs, dev) < 0)
                    return -1;
                continue;
            }
            if (cls == QEMU_PCI_CLASS_PRIMARY_VIDEO &&
                bus.used[QEMU_PCI_SLOT_PRIMARY_VIDEO] == 0) {
                qemuPCIDeviceSetAddress(dev->info, QEMU_PCI_SLOT_PRIMARY_VIDEO, 0);
                if (qemuPCIBusReserve(&bus, dev->info) < 0)
                    return -1;
                continue;
            }
            if (qemuPCIBusAssignNext(&bus, dev->info) < 0)
                return -1;
        }
    }

    /* Function 0 announces the other functions of its slot. */
    for (unsigned int slot = 1; slot <= QEMU_PCI_SLOT_MAX; slot++) {
        virDomainDeviceInfo *info = bus.function0[slot];

        if (!info || !(bus.used[slot] & ~1))
            continue;
        if (info->addr.pci.multifunction == VIR_TRISTATE_SWITCH_OFF) {
            /* QEMU would refuse to start: a single-function device
             * cannot share its slot. */
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("PCI slot 0x%1$02x has devices at functions other than 0, but its function 0 device has multifunction='off'"),
                           slot);
            return -1;
        }
        if (info->addr.pci.multifunction == VIR_TRISTATE_SWITCH_ABSENT)
            info->addr.pci.multifunction = VIR_TRISTATE_SWITCH_ON;
    }
    return 0;
}


/* ---- virtio-serial ports --------------------------------------------- */

/* A virtio-serial controller has 31 ports; 0 is kept for a console. */
#define QEMU_VIRTIO_SERIAL_PORTS 31

static bool
qemuVirtioSerialPortUsed(const virDomainDef *def, unsigned int controller,
                         unsigned int port, const virDomainChrDef *except)
{
    for (size_t i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];

        if (chr != except &&
            chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
            chr->info.addr.vioserial.controller == controller &&
            chr->info.addr.vioserial.bus == 0 &&
            chr->info.addr.vioserial.port == port)
            return true;
    }
    return false;
}


/**
 * qemuDomainAssignVirtioSerialAddresses:
 * @def: a validated definition
 *
 * Checks the virtio-serial ports the definition names and gives every
 * other virtio channel the lowest free port (from 1) of the lowest
 * virtio-serial controller with one, as upstream does.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainAssignVirtioSerialAddresses(virDomainDef *def)
{
    for (size_t i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];
        virDomainDeviceVirtioSerialAddress *addr = &chr->info.addr.vioserial;

        if (chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL)
            continue;
        if (virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                                    addr->controller) < 0 ||
            addr->bus != 0 || addr->port >= QEMU_VIRTIO_SERIAL_PORTS) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("virtio-serial address controller='%1$u' bus='%2$u' port='%3$u' of channel '%4$s' does not exist: controllers have bus 0 and ports 0 to %5$d"),
                           addr->controller, addr->bus, addr->port,
                           NULLSTR(chr->targetName), QEMU_VIRTIO_SERIAL_PORTS - 1);
            return -1;
        }
        if (qemuVirtioSerialPortUsed(def, addr->controller, addr->port, chr)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("virtio serial port %1$u is already occupied"),
                           addr->port);
            return -1;
        }
    }

    for (size_t i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];
        bool done = false;

        if (chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE ||
            chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            continue;
        for (size_t c = 0; c < def->ncontrollers && !done; c++) {
            const virDomainControllerDef *ctrl = def->controllers[c];

            if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
                continue;
            for (unsigned int port = 1; port < QEMU_VIRTIO_SERIAL_PORTS; port++) {
                if (!qemuVirtioSerialPortUsed(def, ctrl->idx, port, NULL)) {
                    chr->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL;
                    chr->info.addr.vioserial.controller = ctrl->idx;
                    chr->info.addr.vioserial.bus = 0;
                    chr->info.addr.vioserial.port = port;
                    done = true;
                    break;
                }
            }
        }
        if (!done) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("no free virtio-serial port for channel '%1$s': add a virtio-serial controller"),
                           NULLSTR(chr->targetName));
            return -1;
        }
    }
    return 0;
}


/* ---- USB ports ------------------------------------------------------- */

/* The root ports a USB controller offers; 0 for a companion, which
 * serves the ports of its USB2 controller. */
static unsigned int
qemuUSBControllerPorts(const virDomainControllerDef *ctrl)
{
    if (ctrl->startport >= 0)
        return 0;
    switch (ctrl->model) {
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI:
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1:
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2:
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3:
        return 2;
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI:
        return 4;
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1:
        return 6;
    }
    return 0;
}


/* The ports of USB bus @bus (the controllers with that index). */
static unsigned int
qemuUSBBusPorts(const virDomainDef *def, unsigned int bus)
{
    unsigned int ports = 0;

    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB && ctrl->idx == bus)
            ports += qemuUSBControllerPorts(ctrl);
    }
    return ports;
}


/* Every device with a USB address, inputs first, then redirdevs. */
static GPtrArray *
qemuDomainCollectUSBDevices(virDomainDef *def)
{
    GPtrArray *devs = g_ptr_array_new();

    for (size_t i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VIR_DOMAIN_INPUT_BUS_USB)
            g_ptr_array_add(devs, &def->inputs[i]->info);
    }
    for (size_t i = 0; i < def->nredirdevs; i++)
        g_ptr_array_add(devs, &def->redirdevs[i]->info);
    return devs;
}


static bool
qemuUSBPortUsed(GPtrArray *devs, unsigned int bus, unsigned int port,
                const virDomainDeviceInfo *except)
{
    for (size_t i = 0; i < devs->len; i++) {
        const virDomainDeviceInfo *info = g_ptr_array_index(devs, i);

        if (info != except && info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB &&
            info->addr.usb.bus == bus && info->addr.usb.port == port)
            return true;
    }
    return false;
}


/**
 * qemuDomainAssignUSBAddresses:
 * @def: a validated definition
 *
 * Checks the USB ports the definition names and gives every other USB
 * device the lowest free root port of the lowest USB bus with one (see
 * the top of this file).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainAssignUSBAddresses(virDomainDef *def)
{
    g_autoptr(GPtrArray) devs = qemuDomainCollectUSBDevices(def);

    for (size_t i = 0; i < devs->len; i++) {
        virDomainDeviceInfo *info = g_ptr_array_index(devs, i);
        unsigned int ports;

        if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB)
            continue;
        ports = qemuUSBBusPorts(def, info->addr.usb.bus);
        if (info->addr.usb.port == 0) {
            /* a bus without a port: the port is ours to choose */
            if (ports == 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("USB bus %1$u does not exist"),
                               info->addr.usb.bus);
                return -1;
            }
            continue;
        }
        if (info->addr.usb.port > ports) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("USB port %1$u of bus %2$u does not exist: the bus has %3$u ports and this driver adds no USB hubs"),
                           info->addr.usb.port, info->addr.usb.bus, ports);
            return -1;
        }
        if (qemuUSBPortUsed(devs, info->addr.usb.bus, info->addr.usb.port, info)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Duplicate USB address bus %1$u port %2$u"),
                           info->addr.usb.bus, info->addr.usb.port);
            return -1;
        }
    }

    for (size_t i = 0; i < devs->len; i++) {
        virDomainDeviceInfo *info = g_ptr_array_index(devs, i);
        bool done = false;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB && info->addr.usb.port)
            continue;
        for (size_t c = 0; c < def->ncontrollers && !done; c++) {
            const virDomainControllerDef *ctrl = def->controllers[c];
            unsigned int ports;

            if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_USB ||
                (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB &&
                 info->addr.usb.bus != ctrl->idx))
                continue;
            ports = qemuUSBBusPorts(def, ctrl->idx);
            for (unsigned int port = 1; port <= ports; port++) {
                if (!qemuUSBPortUsed(devs, ctrl->idx, port, NULL)) {
                    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB;
                    info->addr.usb.bus = ctrl->idx;
                    info->addr.usb.port = port;
                    done = true;
                    break;
                }
            }
        }
        if (!done) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("No free USB ports: the USB devices outnumber the ports of the USB controllers, and this driver adds no USB hubs"));
            return -1;
        }
    }
    return 0;
}


/**
 * qemuDomainPrepareDef:
 * @def: a parsed definition, about to be started
 * @caps: what its emulator offers
 *
 * Everything the driver does to a definition before building its
 * command line: the canonical machine type, validation against
 * @caps, PCI addresses and device aliases.  @def is changed in place
 * and becomes the live definition.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainPrepareDef(virDomainDef *def, const virQEMUCaps *caps)
{
    if (qemuDomainCanonicalizeMachine(def, caps) < 0 ||
        qemuValidateDomainDef(def, caps) < 0 ||
        (virDomainDefIsQ35(def) ? qemuDomainAssignQ35Addresses(def) :
                                  qemuDomainAssignPCIAddresses(def)) < 0 ||
        qemuDomainAssignVirtioSerialAddresses(def) < 0 ||
        qemuDomainAssignUSBAddresses(def) < 0 ||
        qemuAssignDeviceAliases(def) < 0)
        return -1;
    return 0;
}


/* ---- q35 ------------------------------------------------------------- */

/*
 * On q35 upstream builds a PCI Express tree, and so do we, found the
 * same way (defining device mixes with Debian's libvirt 9.0 and reading
 * back the addresses):
 *
 *  - on the root complex (bus 0, pcie-root): the host bridge at slot 0,
 *    the primary video device at slot 1, an ICH9 HDA sound card at
 *    0x1b, the ICH9 USB2 set of index 0 at 0x1d (EHCI at function 7),
 *    the LPC bridge, the AHCI controller (SATA index 0, built in) and
 *    the SMBus at 0x1f functions 0, 2 and 3;
 *  - every other PCI Express device (virtio ones, e1000e, qemu-xhci,
 *    virtio-scsi, virtio-serial) sits alone at slot 0 of a
 *    pcie-root-port; every conventional PCI device (e1000, rtl8139,
 *    ich6/ac97 sound, lsilogic, AHCI beyond the first, PIIX3 UHCI,
 *    secondary qxl, i6300esb) in a slot from 1 of a pcie-to-pci-bridge,
 *    itself at slot 0 of a root port;
 *  - the ports and the bridge a definition lacks are added: a first
 *    pass gives each device without an address, in the order of
 *    i440fx, a free port (or a bridge slot), adding a port (a port and
 *    a bridge) when none is free; when anything was added, one more
 *    port is left free for hot-plug.  New controllers take the indexes
 *    after the highest one, in the order they were needed;
 *  - then the PCI controllers without an address are placed in index
 *    order, ports on the root complex packed eight to a slot (functions
 *    0-7) from the first free slot, a bridge in the first free port;
 *    each port without <target> gets chassis = its index and port =
 *    slot * 8 + function;
 *  - then the devices, in the order of i440fx, each in the first free
 *    port (lowest index) or bridge slot.
 */

#define QEMU_Q35_SLOT_PRIMARY_VIDEO 0x01
#define QEMU_Q35_SLOT_ICH9_SOUND 0x1b
#define QEMU_Q35_SLOT_ICH9_USB 0x1d
#define QEMU_Q35_SLOT_LPC 0x1f
#define QEMU_Q35_FUNCTION_SATA 2

typedef enum {
    QEMU_Q35_BUS_ROOT,         /* pcie-root */
    QEMU_Q35_BUS_ROOT_PORT,    /* one slot, 0 */
    QEMU_Q35_BUS_BRIDGE,       /* slots 1-31 */
} qemuQ35BusKind;

typedef struct {
    qemuQ35BusKind kind;
    uint8_t used[QEMU_PCI_SLOT_MAX + 1];
    virDomainDeviceInfo *function0[QEMU_PCI_SLOT_MAX + 1];
} qemuQ35Bus;

typedef struct {
    virDomainDeviceInfo *info;
    qemuPCIClass cls;
    bool pcie;          /* a PCI Express device: in a root port */
    int fixedSlot;      /* on the root complex at this slot, or -1 */
    int fixedFunction;
} qemuQ35Device;

typedef struct {
    qemuQ35Bus **buses;    /* indexed by bus number; NULL: none */
    size_t nbuses;
} qemuQ35Topology;


static void
qemuQ35TopologyClear(qemuQ35Topology *topo)
{
    for (size_t i = 0; i < topo->nbuses; i++)
        g_free(topo->buses[i]);
    g_free(topo->buses);
    topo->buses = NULL;
    topo->nbuses = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(qemuQ35Topology, qemuQ35TopologyClear);


static void
qemuQ35TopologyAddBus(qemuQ35Topology *topo, unsigned int idx,
                      qemuQ35BusKind kind)
{
    if (idx >= topo->nbuses) {
        topo->buses = g_renew(qemuQ35Bus *, topo->buses, idx + 1);
        for (size_t i = topo->nbuses; i <= idx; i++)
            topo->buses[i] = NULL;
        topo->nbuses = idx + 1;
    }
    topo->buses[idx] = g_new0(qemuQ35Bus, 1);
    topo->buses[idx]->kind = kind;
    if (kind == QEMU_Q35_BUS_ROOT_PORT)
        memset(topo->buses[idx]->used + 1, 0xff, QEMU_PCI_SLOT_MAX);
    else if (kind == QEMU_Q35_BUS_BRIDGE)
        topo->buses[idx]->used[0] = 0xff;
}


static void
qemuQ35DeviceAdd(GArray *devs, virDomainDeviceInfo *info, qemuPCIClass cls,
                 bool pcie, int fixedSlot, int fixedFunction)
{
    qemuQ35Device dev = { info, cls, pcie, fixedSlot, fixedFunction };

    g_array_append_val(devs, dev);
}


static bool
qemuQ35NetIsPCIe(const virDomainNetDef *net)
{
    return net->model == VIR_DOMAIN_NET_MODEL_VIRTIO ||
        net->model == VIR_DOMAIN_NET_MODEL_E1000E;
}


/* Every device of a q35 guest on a PCI bus, but the PCI controllers. */
static GArray *
qemuDomainCollectQ35Devices(virDomainDef *def)
{
    GArray *devs = g_array_new(FALSE, FALSE, sizeof(qemuQ35Device));
    bool primarySeen = false;
    bool ich9SoundSeen = false;

    for (size_t i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];
        bool pcie = video->type == VIR_DOMAIN_VIDEO_TYPE_VIRTIO;

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (!primarySeen)
            qemuQ35DeviceAdd(devs, &video->info, QEMU_PCI_CLASS_PRIMARY_VIDEO,
                             pcie, QEMU_Q35_SLOT_PRIMARY_VIDEO, 0);
        else
            qemuQ35DeviceAdd(devs, &video->info, QEMU_PCI_CLASS_SECONDARY_VIDEO,
                             pcie, -1, 0);
        primarySeen = true;
    }
    for (size_t i = 0; i < def->nnets; i++)
        qemuQ35DeviceAdd(devs, &def->nets[i]->info, QEMU_PCI_CLASS_NET,
                         qemuQ35NetIsPCIe(def->nets[i]), -1, 0);
    for (size_t i = 0; i < def->nsounds; i++) {
        virDomainSoundDef *sound = def->sounds[i];

        if (sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 && !ich9SoundSeen) {
            qemuQ35DeviceAdd(devs, &sound->info, QEMU_PCI_CLASS_SOUND, false,
                             QEMU_Q35_SLOT_ICH9_SOUND, 0);
            ich9SoundSeen = true;
            continue;
        }
        qemuQ35DeviceAdd(devs, &sound->info, QEMU_PCI_CLASS_SOUND, false, -1, 0);
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];
        int function;

        switch (ctrl->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
                break;
            if ((function = qemuICH9USBFunction(ctrl)) >= 0 && ctrl->idx == 0 &&
                qemuUSBControllerInSet(def, ctrl)) {
                qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER,
                                 false, QEMU_Q35_SLOT_ICH9_USB, function);
                break;
            }
            qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER,
                             ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI,
                             -1, 0);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
            qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER,
                             ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,
                             -1, 0);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
            if (ctrl->idx == 0) {
                qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_FIXED, false,
                                 QEMU_Q35_SLOT_LPC, QEMU_Q35_FUNCTION_SATA);
                break;
            }
            qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER,
                             false, -1, 0);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
            qemuQ35DeviceAdd(devs, &ctrl->info, QEMU_PCI_CLASS_CONTROLLER,
                             true, -1, 0);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
            break;
        }
    }
    for (size_t i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
            qemuQ35DeviceAdd(devs, &def->disks[i]->info, QEMU_PCI_CLASS_DISK,
                             true, -1, 0);
    }
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        qemuQ35DeviceAdd(devs, &def->memballoon->info, QEMU_PCI_CLASS_MEMBALLOON,
                         true, -1, 0);
    for (size_t i = 0; i < def->nrngs; i++)
        qemuQ35DeviceAdd(devs, &def->rngs[i]->info, QEMU_PCI_CLASS_RNG,
                         true, -1, 0);
    if (def->watchdog &&
        def->watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
        qemuQ35DeviceAdd(devs, &def->watchdog->info, QEMU_PCI_CLASS_WATCHDOG,
                         false, -1, 0);
    return devs;
}


static void
qemuQ35SetAddress(virDomainDeviceInfo *info, unsigned int bus,
                  unsigned int slot, unsigned int function)
{
    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    info->addr.pci.domain = 0;
    info->addr.pci.bus = bus;
    info->addr.pci.slot = slot;
    info->addr.pci.function = function;
}


/* Marks @info's address as used; refuses a bus that does not exist, a
 * slot a root port does not have, and an address in use already. */
static int
qemuQ35Reserve(qemuQ35Topology *topo, virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *addr = &info->addr.pci;
    qemuQ35Bus *bus = addr->bus < topo->nbuses ? topo->buses[addr->bus] : NULL;
    g_autofree char *str = qemuDomainPCIAddressFormat(addr);

    if (!bus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI address %1$s names bus %2$u, which no PCI controller of the domain provides"),
                       str, addr->bus);
        return -1;
    }
    if (bus->kind == QEMU_Q35_BUS_ROOT_PORT && addr->slot != 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid PCI address %1$s. slot must be <= 0"), str);
        return -1;
    }
    if (bus->used[addr->slot] & (1 << addr->function)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Attempted double use of PCI Address %1$s"), str);
        return -1;
    }
    bus->used[addr->slot] |= 1 << addr->function;
    if (addr->function == 0)
        bus->function0[addr->slot] = info;
    return 0;
}


/* The first free root port (lowest bus number), or -1. */
static int
qemuQ35FreePort(const qemuQ35Topology *topo)
{
    for (size_t i = 0; i < topo->nbuses; i++) {
        const qemuQ35Bus *bus = topo->buses[i];

        if (bus && bus->kind == QEMU_Q35_BUS_ROOT_PORT && bus->used[0] == 0)
            return i;
    }
    return -1;
}


/* The first free bridge slot: bus * 32 + slot, or -1. */
static int
qemuQ35FreeBridgeSlot(const qemuQ35Topology *topo)
{
    for (size_t i = 0; i < topo->nbuses; i++) {
        const qemuQ35Bus *bus = topo->buses[i];

        if (!bus || bus->kind != QEMU_Q35_BUS_BRIDGE)
            continue;
        for (unsigned int slot = 1; slot <= QEMU_PCI_SLOT_MAX; slot++) {
            if (bus->used[slot] == 0)
                return i * (QEMU_PCI_SLOT_MAX + 1) + slot;
        }
    }
    return -1;
}


/*
 * The first pass: what ports and bridges the devices without an
 * address need.  Works on counts only: @ports free root ports, @slots
 * free bridge slots, @unplacedBridges bridges without a port.  Appends
 * to @added the model of each controller to add, in order.
 */
static void
qemuQ35CountMissing(GArray *devs, unsigned int ports, unsigned int slots,
                    unsigned int unplacedBridges, GArray *added)
{
    int port = VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT;
    int bridge = VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE;

    for (unsigned int i = 0; i < unplacedBridges; i++) {
        if (ports > 0)
            ports--;
        else
            g_array_append_val(added, port);
    }
    for (qemuPCIClass cls = QEMU_PCI_CLASS_FIXED; cls < QEMU_PCI_CLASS_LAST; cls++) {
        for (size_t i = 0; i < devs->len; i++) {
            qemuQ35Device *dev = &g_array_index(devs, qemuQ35Device, i);

            if (dev->cls != cls || dev->fixedSlot >= 0 ||
                dev->info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
                continue;
            if (dev->pcie) {
                if (ports > 0) {
                    ports--;
                } else {
                    g_array_append_val(added, port);
                }
            } else if (slots > 0) {
                slots--;
            } else {
                g_array_append_val(added, port);
                g_array_append_val(added, bridge);
                slots = QEMU_PCI_SLOT_MAX - 1;
            }
        }
    }
    /* Room for one hot-plugged device, when the tree grew. */
    if (added->len > 0)
        g_array_append_val(added, port);
}


/* Places the PCI controllers without an address (see above). */
static int
qemuQ35PlaceControllers(virDomainDef *def, qemuQ35Topology *topo)
{
    qemuQ35Bus *root = topo->buses[0];
    int packSlot = -1;

    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI ||
            ctrl->idx == 0 || qemuPCIAddressIsPresent(&ctrl->info))
            continue;
        if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT) {
            unsigned int function = 0;

            if (packSlot >= 0 && root->used[packSlot] != 0xff) {
                while (root->used[packSlot] & (1 << function))
                    function++;
            } else {
                packSlot = -1;
                for (unsigned int slot = 1; slot <= QEMU_PCI_SLOT_MAX; slot++) {
                    if (root->used[slot] == 0) {
                        packSlot = slot;
                        break;
                    }
                }
                if (packSlot < 0) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                   _("No more available PCI slots on the PCI Express root complex for pcie-root-port controllers"));
                    return -1;
                }
            }
            qemuQ35SetAddress(&ctrl->info, 0, packSlot, function);
        } else {
            int port = qemuQ35FreePort(topo);

            if (port < 0) {
                virReportError(VIR_ERR_INTERNAL_ERROR,
                               _("no free pcie-root-port for the pcie-to-pci-bridge with index %1$u"),
                               ctrl->idx);
                return -1;
            }
            qemuQ35SetAddress(&ctrl->info, port, 0, 0);
        }
        if (qemuQ35Reserve(topo, &ctrl->info) < 0)
            return -1;
    }

    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI ||
            ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT)
            continue;
        if (ctrl->chassis < 0)
            ctrl->chassis = ctrl->idx;
        if (ctrl->port < 0)
            ctrl->port = (ctrl->info.addr.pci.slot << 3) | ctrl->info.addr.pci.function;
    }
    return 0;
}


/**
 * qemuDomainAssignQ35Addresses:
 * @def: a validated definition for a q35 machine
 *
 * Builds the PCI Express tree of @def as upstream does (see above):
 * adds the root ports and bridge it needs, gives every PCI device and
 * PCI controller without an address one, refuses addresses used twice
 * or on buses that do not exist, and writes it all back into @def.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainAssignQ35Addresses(virDomainDef *def)
{
    g_autoptr(GArray) devs = qemuDomainCollectQ35Devices(def);
    g_autoptr(GArray) added = g_array_new(FALSE, FALSE, sizeof(int));
    g_auto(qemuQ35Topology) topo = { 0 };
    unsigned int maxIdx = 0;
    unsigned int ports = 0;
    unsigned int slots = 0;
    unsigned int unplacedBridges = 0;

    /* The buses the definition has. */
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI)
            continue;
        maxIdx = MAX(maxIdx, ctrl->idx);
        qemuQ35TopologyAddBus(&topo, ctrl->idx,
                              ctrl->idx == 0 ? QEMU_Q35_BUS_ROOT :
                              ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT ?
                              QEMU_Q35_BUS_ROOT_PORT : QEMU_Q35_BUS_BRIDGE);
    }
    if (topo.nbuses == 0 || !topo.buses[0]) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("a q35 domain has no pcie-root controller"));
        return -1;
    }
    /* Host bridge; LPC and SMBus. */
    topo.buses[0]->used[0] = 0xff;
    topo.buses[0]->used[QEMU_Q35_SLOT_LPC] = (1 << 0) | (1 << 3);

    /* Addresses the definition gives: PCI controllers, then devices. */
    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI || ctrl->idx == 0)
            continue;
        if (qemuPCIAddressIsPresent(&ctrl->info)) {
            if (qemuQ35Reserve(&topo, &ctrl->info) < 0)
                return -1;
        } else {
            ctrl->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
            if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE)
                unplacedBridges++;
        }
    }
    for (size_t i = 0; i < devs->len; i++) {
        qemuQ35Device *dev = &g_array_index(devs, qemuQ35Device, i);

        if (!qemuPCIAddressIsPresent(dev->info)) {
            dev->info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
            continue;
        }
        if (qemuQ35Reserve(&topo, dev->info) < 0)
            return -1;
    }

    /* The devices built into the root complex, where they belong when
     * that place is free. */
    for (size_t i = 0; i < devs->len; i++) {
        qemuQ35Device *dev = &g_array_index(devs, qemuQ35Device, i);

        if (dev->fixedSlot < 0 ||
            dev->info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
            continue;
        if (topo.buses[0]->used[dev->fixedSlot] & (1 << dev->fixedFunction)) {
            if (dev->cls == QEMU_PCI_CLASS_FIXED) {
                g_autofree char *str = NULL;

                qemuQ35SetAddress(dev->info, 0, dev->fixedSlot, dev->fixedFunction);
                str = qemuDomainPCIAddressFormat(&dev->info->addr.pci);
                dev->info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
                virReportError(VIR_ERR_XML_ERROR,
                               _("Attempted double use of PCI Address %1$s"), str);
                return -1;
            }
            dev->fixedSlot = -1;
            continue;
        }
        qemuQ35SetAddress(dev->info, 0, dev->fixedSlot, dev->fixedFunction);
        if (qemuQ35Reserve(&topo, dev->info) < 0)
            return -1;
    }

    /* What is missing, added with new indexes. */
    for (size_t i = 0; i < topo.nbuses; i++) {
        qemuQ35Bus *bus = topo.buses[i];

        if (!bus)
            continue;
        if (bus->kind == QEMU_Q35_BUS_ROOT_PORT && bus->used[0] == 0)
            ports++;
        for (unsigned int slot = 1; bus->kind == QEMU_Q35_BUS_BRIDGE &&
             slot <= QEMU_PCI_SLOT_MAX; slot++) {
            if (bus->used[slot] == 0)
                slots++;
        }
    }
    qemuQ35CountMissing(devs, ports, slots, unplacedBridges, added);
    for (size_t i = 0; i < added->len; i++) {
        int model = g_array_index(added, int, i);

        if (maxIdx >= 0xff) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("No more available PCI buses: the domain would need more than 255 PCI controllers"));
            return -1;
        }
        virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, ++maxIdx,
                                  model);
        qemuQ35TopologyAddBus(&topo, maxIdx,
                              model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT ?
                              QEMU_Q35_BUS_ROOT_PORT : QEMU_Q35_BUS_BRIDGE);
    }

    if (qemuQ35PlaceControllers(def, &topo) < 0)
        return -1;

    for (qemuPCIClass cls = QEMU_PCI_CLASS_FIXED; cls < QEMU_PCI_CLASS_LAST; cls++) {
        for (size_t i = 0; i < devs->len; i++) {
            qemuQ35Device *dev = &g_array_index(devs, qemuQ35Device, i);
            int where;

            if (dev->cls != cls ||
                dev->info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
                continue;
            if (dev->pcie) {
                if ((where = qemuQ35FreePort(&topo)) >= 0)
                    qemuQ35SetAddress(dev->info, where, 0, 0);
            } else if ((where = qemuQ35FreeBridgeSlot(&topo)) >= 0) {
                qemuQ35SetAddress(dev->info, where / (QEMU_PCI_SLOT_MAX + 1), 
                                  where % (QEMU_PCI_SLOT_MAX + 1), 0);
            }
            if (where < 0) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("no free PCI slot left after the PCI Express tree was built"));
                return -1;
            }
            if (qemuQ35Reserve(&topo, dev->info) < 0)
                return -1;
        }
    }

    /* Function 0 announces the other functions of its slot. */
    for (size_t b = 0; b < topo.nbuses; b++) {
        qemuQ35Bus *bus = topo.buses[b];

        for (unsigned int slot = 0; bus && slot <= QEMU_PCI_SLOT_MAX; slot++) {
            virDomainDeviceInfo *info = bus->function0[slot];

            if (!info || !(bus->used[slot] & ~1))
                continue;
            if (info->addr.pci.multifunction == VIR_TRISTATE_SWITCH_OFF) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("PCI slot 0x%1$02x has devices at functions other than 0, but its function 0 device has multifunction='off'"),
                               slot);
                return -1;
            }
            if (info->addr.pci.multifunction == VIR_TRISTATE_SWITCH_ABSENT)
                info->addr.pci.multifunction = VIR_TRISTATE_SWITCH_ON;
        }
    }
    return 0;
}
