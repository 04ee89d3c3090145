/*
 * qemu_command.c: the QEMU command line for a domain
 *
 * qemuBuildCommandLine() turns a prepared definition (qemuDomainPrepareDef:
 * canonical machine, PCI addresses, aliases; plus the VNC port the
 * driver reserved) into argv for QEMU 7.2 with the modern syntax
 * upstream libvirt 9.0 uses: -blockdev and JSON -device, -accel, -audiodev.
 * It does no I/O: everything it must know about the emulator comes from
 * the virQEMUCaps, everything decided at start time from
 * qemuCommandPaths.
 *
 * Options come in upstream's order, and every device option is what
 * upstream passes for the same XML (checked option by option against
 * `virsh domxml-to-native qemu-argv` and the command lines of guests
 * started by Debian's libvirt 9.0.0), so the guest sees the same
 * hardware.  Deliberate differences, all host-side, none visible to the
 * guest:
 *
 *  - no "-object secret" master key (no secrets in our subset), no
 *    "-sandbox" (we do not ask QEMU to seccomp itself), no "-msg
 *    timestamp=on", no "-overcommit mem-lock=off" (the default);
 *  - guest RAM is given as "-m SIZE" alone, without upstream's
 *    "memory-backend-ram" object and "-machine memory-backend=pc.ram"
 *    (the same RAM for the guest; SIZE is rounded up to whole MiB, as
 *    upstream rounds the backend's size);
 *  - the monitor socket, a serial port's listening socket and its
 *    output file are passed by path (server=on,wait=off; append=on)
 *    rather than as descriptors upstream opens itself (fd=N, -add-fd);
 *  - "-pidfile PATH" follows the monitor options when the driver asks
 *    for a pid file (upstream has its own process write it);
 *  - qcow2 images are opened without "backing":null: we do not inspect
 *    images, so QEMU opens any backing file named in the image header
 *    itself, where upstream would describe the same chain with more
 *    -blockdev options (the guest reads the same data);
 *  - the host environment (LC_ALL, HOME, XDG_*) is the driver's
 *    business, not part of argv.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <json-glib/json-glib.h>

#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "qemu_validate.h"
#include "virbuffer.h"
#include "virerror.h"
#include "virmacaddr.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_VNC_PORT_MIN 5900
#define QEMU_VNC_PORT_MAX 65535
#define QEMU_DEFAULT_VNC_LISTEN "127.0.0.1"


/* ---- small helpers --------------------------------------------------- */

static void
qemuArgAdd(GPtrArray *argv, const char *arg)
{
    g_ptr_array_add(argv, g_strdup(arg));
}


static void
qemuArgAddPair(GPtrArray *argv, const char *opt, const char *val)
{
    qemuArgAdd(argv, opt);
    qemuArgAdd(argv, val);
}


static void G_GNUC_PRINTF(3, 4)
qemuArgAddPairFormat(GPtrArray *argv, const char *opt, const char *fmt, ...)
{
    va_list ap;

    qemuArgAdd(argv, opt);
    va_start(ap, fmt);
    g_ptr_array_add(argv, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}


/* Appends @str to @buf with each comma doubled, as QEMU's option
 * syntax wants inside a value. */
static void
qemuBufferEscapeComma(virBuffer *buf, const char *str)
{
    for (const char *p = str; *p; p++) {
        if (*p == ',')
            virBufferAddLit(buf, ",,");
        else
            virBufferAddChar(buf, *p);
    }
}


/* Finishes a JSON object and adds it as the value of @opt. */
static void
qemuArgAddJSON(GPtrArray *argv, const char *opt, JsonBuilder *builder)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;

    json_builder_end_object(builder);
    root = json_builder_get_root(builder);
    json_generator_set_root(gen, root);
    qemuArgAdd(argv, opt);
    g_ptr_array_add(argv, json_generator_to_data(gen, NULL));
}


static JsonBuilder *
qemuJSONNew(void)
{
    JsonBuilder *builder = json_builder_new();

    json_builder_begin_object(builder);
    return builder;
}


static void
qemuJSONString(JsonBuilder *builder, const char *key, const char *val)
{
    json_builder_set_member_name(builder, key);
    json_builder_add_string_value(builder, val);
}


static void
qemuJSONInt(JsonBuilder *builder, const char *key, gint64 val)
{
    json_builder_set_member_name(builder, key);
    json_builder_add_int_value(builder, val);
}


static void
qemuJSONBool(JsonBuilder *builder, const char *key, bool val)
{
    json_builder_set_member_name(builder, key);
    json_builder_add_boolean_value(builder, val);
}


/* The QEMU name of PCI bus @bus: the root bus is "pcie.0" on q35 and
 * "pci.0" on i440fx; a bus a controller adds is named after it. */
static char *
qemuPCIBusName(const virDomainDef *def, unsigned int bus)
{
    if (bus == 0 && virDomainDefIsQ35(def))
        return g_strdup("pcie.0");
    return g_strdup_printf("pci.%u", bus);
}


/* "bus":"pci.N"[,"multifunction":B],"addr":"0xS[.0xF]" */
static void
qemuJSONPCIAddress(JsonBuilder *builder, const virDomainDef *def,
                   const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *addr = &info->addr.pci;
    g_autofree char *str = NULL;
    g_autofree char *bus = qemuPCIBusName(def, addr->bus);

    qemuJSONString(builder, "bus", bus);
    if (addr->multifunction != VIR_TRISTATE_SWITCH_ABSENT)
        qemuJSONBool(builder, "multifunction",
                     addr->multifunction == VIR_TRISTATE_SWITCH_ON);
    if (addr->function)
        str = g_strdup_printf("0x%x.0x%x", addr->slot, addr->function);
    else
        str = g_strdup_printf("0x%x", addr->slot);
    qemuJSONString(builder, "addr", str);
}


/* ---- preconditions --------------------------------------------------- */

static int
qemuBuildCheckDevice(const virDomainDef *def, const virDomainDeviceInfo *info,
                     virDomainDeviceAddressType wanted, const char *kind,
                     size_t idx)
{
    if (!info->alias || info->type != wanted) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s %2$zu of domain '%3$s' has no alias or no %4$s address: prepare the definition (qemuDomainPrepareDef) before building its command line"),
                       kind, idx, def->name,
                       virDomainDeviceAddressTypeToString(wanted));
        return -1;
    }
    return 0;
}


/*
 * Every device the command line names must have its alias, and every
 * PCI device its address: the builder uses what the driver assigned
 * and invents nothing.
 */
static int
qemuBuildCheckPrepared(const virDomainDef *def)
{
    const virDomainDeviceAddressType pci = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    const virDomainDeviceAddressType drive = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE;

    for (size_t i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        if (qemuBuildCheckDevice(def, &disk->info,
                                 disk->bus == VIR_DOMAIN_DISK_BUS_VIRTIO ? pci : drive,
                                 "disk", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if ((ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI && ctrl->idx == 0) ||
            (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
             ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE))
            continue;
        if (qemuBuildCheckDevice(def, &ctrl->info, pci, "controller", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (qemuBuildCheckDevice(def, &def->nets[i]->info, pci, "interface", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
            qemuBuildCheckDevice(def, &def->videos[i]->info, pci, "video", i) < 0)
            return -1;
    }
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO &&
        qemuBuildCheckDevice(def, &def->memballoon->info, pci, "memballoon", 0) < 0)
        return -1;
    for (size_t i = 0; i < def->nrngs; i++) {
        if (qemuBuildCheckDevice(def, &def->rngs[i]->info, pci, "rng", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nserials; i++) {
        if (qemuBuildCheckDevice(def, &def->serials[i]->info,
                                 VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE, "serial", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nsounds; i++) {
        if (qemuBuildCheckDevice(def, &def->sounds[i]->info, pci, "sound", i) < 0)
            return -1;
    }
    if (def->watchdog &&
        qemuBuildCheckDevice(def, &def->watchdog->info,
                             def->watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB ?
                             pci : VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE,
                             "watchdog", 0) < 0)
        return -1;
    for (size_t i = 0; i < def->nchannels; i++) {
        if (qemuBuildCheckDevice(def, &def->channels[i]->info,
                                 VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL,
                                 "channel", i) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nredirdevs; i++) {
        if (qemuBuildCheckDevice(def, &def->redirdevs[i]->info,
                                 VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB,
                                 "redirdev", i) < 0)
            return -1;
    }
    return 0;
}


/* ---- the machine ----------------------------------------------------- */

static void
qemuBuildMachineCommandLine(GPtrArray *argv, const virDomainDef *def)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    /* The machine is one QEMU listed (qemuValidateMachine); escaped all
     * the same, so that no name can ever add an option. */
    qemuBufferEscapeComma(&buf, def->os.machine);
    virBufferAddLit(&buf, ",usb=off");
    if (def->vmport)
        virBufferAsprintf(&buf, ",vmport=%s", virTristateSwitchTypeToString(def->vmport));
    if (def->smm)
        virBufferAsprintf(&buf, ",smm=%s", virTristateSwitchTypeToString(def->smm));
    virBufferAddLit(&buf, ",dump-guest-core=off");
    if (def->os.loader)
        virBufferAddLit(&buf, ",pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format");
    qemuArgAdd(argv, "-machine");
    g_ptr_array_add(argv, virBufferContentAndReset(&buf));
    qemuArgAddPair(argv, "-accel",
                   def->virtType == VIR_DOMAIN_VIRT_KVM ? "kvm" : "tcg");
    qemuArgAddPair(argv, "-cpu",
                   def->cpu && def->cpu->model ? def->cpu->model : "qemu64");
    /* Secure Boot's variables only SMM code may write. */
    if (def->os.loader && def->os.loaderSecure == VIR_TRISTATE_BOOL_YES)
        qemuArgAddPair(argv, "-global", "driver=cfi.pflash01,property=secure,value=on");
    /* KiB to MiB, rounded up as upstream rounds guest RAM. */
    qemuArgAddPairFormat(argv, "-m", "%llu", (def->memory + 1023) / 1024);
    qemuArgAddPairFormat(argv, "-smp", "%u,sockets=%u,cores=1,threads=1",
                         def->vcpus, def->vcpus);
}


/**
 * qemuBuildNameArg:
 * @name: a domain name
 *
 * Returns: the value of QEMU's -name option for @name, for the caller
 * to free.
 */
char *
qemuBuildNameArg(const char *name)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virBufferAddLit(&buf, "guest=");
    qemuBufferEscapeComma(&buf, name);
    virBufferAddLit(&buf, ",debug-threads=on");
    return virBufferContentAndReset(&buf);
}


/**
 * qemuBuildMonitorChardevArg:
 * @socketPath: the QMP socket's path
 *
 * The value of the monitor's -chardev option.  Besides configuring
 * QEMU, it names the driver's own state directory, the domain and its
 * run, so it is part of how a running QEMU is recognised as the
 * domain's (its command line must carry it).
 *
 * Returns: the argument, for the caller to free.
 */
char *
qemuBuildMonitorChardevArg(const char *socketPath)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virBufferAddLit(&buf, "socket,id=charmonitor,path=");
    qemuBufferEscapeComma(&buf, socketPath);
    virBufferAddLit(&buf, ",server=on,wait=off");
    return virBufferContentAndReset(&buf);
}


static void
qemuBuildMonitorCommandLine(GPtrArray *argv, const qemuCommandPaths *paths)
{
    qemuArgAdd(argv, "-chardev");
    g_ptr_array_add(argv, qemuBuildMonitorChardevArg(paths->monitorSocket));
    qemuArgAddPair(argv, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    if (paths->pidFile)
        qemuArgAddPair(argv, "-pidfile", paths->pidFile);
}


/* ---- clock, power management ----------------------------------------- */

/*
 * -rtc with the RTC's catch-up policy, then each other timer in the
 * order given: the PIT's lost-tick policy (QEMU's in-kernel PIT
 * property; QEMU ignores it without KVM) and an HPET left out.  What
 * QEMU cannot do was refused by qemuValidateDomainDef.
 */
static void
qemuBuildClockCommandLine(GPtrArray *argv, const virDomainDef *def)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virBufferAsprintf(&buf, "base=%s",
                      def->clockOffset == VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME ?
                      "localtime" : "utc");
    for (size_t i = 0; i < def->ntimers; i++) {
        if (def->timers[i]->name == VIR_DOMAIN_TIMER_NAME_RTC &&
            def->timers[i]->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP)
            virBufferAddLit(&buf, ",driftfix=slew");
    }
    qemuArgAdd(argv, "-rtc");
    g_ptr_array_add(argv, virBufferContentAndReset(&buf));

    for (size_t i = 0; i < def->ntimers; i++) {
        const virDomainTimerDef *timer = def->timers[i];

        switch (timer->name) {
        case VIR_DOMAIN_TIMER_NAME_PIT:
            if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DELAY)
                qemuArgAddPair(argv, "-global", "kvm-pit.lost_tick_policy=delay");
            else if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD)
                qemuArgAddPair(argv, "-global", "kvm-pit.lost_tick_policy=discard");
            break;
        case VIR_DOMAIN_TIMER_NAME_HPET:
            if (timer->present == VIR_TRISTATE_BOOL_NO)
                qemuArgAdd(argv, "-no-hpet");
            break;
        case VIR_DOMAIN_TIMER_NAME_RTC:
        case VIR_DOMAIN_TIMER_NAME_LAST:
            break;
        }
    }
}


/* S3 and S4 as <pm> says, on the machine's power management device. */
static void
qemuBuildPMCommandLine(GPtrArray *argv, const virDomainDef *def)
{
    const char *pm = virDomainDefIsQ35(def) ? "ICH9-LPC" : "PIIX4_PM";

    if (def->pmSuspendToMem)
        qemuArgAddPairFormat(argv, "-global", "%s.disable_s3=%d", pm,
                             def->pmSuspendToMem == VIR_TRISTATE_BOOL_NO);
    if (def->pmSuspendToDisk)
        qemuArgAddPairFormat(argv, "-global", "%s.disable_s4=%d", pm,
                             def->pmSuspendToDisk == VIR_TRISTATE_BOOL_NO);
}


/* ---- firmware -------------------------------------------------------- */

static void
qemuBuildPflashBlockdevs(GPtrArray *argv, unsigned int unit, const char *path,
                         bool readonly)
{
    g_autoptr(JsonBuilder) storage = qemuJSONNew();
    g_autoptr(JsonBuilder) format = qemuJSONNew();
    g_autofree char *storageNode = g_strdup_printf("libvirt-pflash%u-storage", unit);
    g_autofree char *formatNode = g_strdup_printf("libvirt-pflash%u-format", unit);

    qemuJSONString(storage, "driver", "file");
    qemuJSONString(storage, "filename", path);
    qemuJSONString(storage, "node-name", storageNode);
    qemuJSONBool(storage, "auto-read-only", true);
    qemuJSONString(storage, "discard", "unmap");
    qemuArgAddJSON(argv, "-blockdev", storage);

    qemuJSONString(format, "node-name", formatNode);
    qemuJSONBool(format, "read-only", readonly);
    qemuJSONString(format, "driver", "raw");
    qemuJSONString(format, "file", storageNode);
    qemuArgAddJSON(argv, "-blockdev", format);
}


/* UEFI in flash: the code (read-only) and the domain's variables. */
static int
qemuBuildFirmwareCommandLine(GPtrArray *argv, const virDomainDef *def)
{
    if (def->os.firmwareEFI || (def->os.loader && !def->os.nvram)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("the firmware of domain '%1$s' is not resolved: fill it (qemuFirmwareFillDomain) before building its command line"),
                       def->name);
        return -1;
    }
    if (!def->os.loader)
        return 0;
    qemuBuildPflashBlockdevs(argv, 0, def->os.loader, true);
    qemuBuildPflashBlockdevs(argv, 1, def->os.nvram, false);
    return 0;
}


/* ---- disks ----------------------------------------------------------- */

/* What each <driver cache=...> mode means for QEMU: the host page
 * cache bypassed (O_DIRECT), flushes ignored, and the guest-visible
 * volatile write cache.  DEFAULT sets nothing: QEMU's own default. */
typedef struct {
    bool direct;
    bool noFlush;
    bool writeback;
} qemuDiskCacheMode;

static const qemuDiskCacheMode qemuDiskCacheModes[VIR_DOMAIN_DISK_CACHE_LAST] = {
    [VIR_DOMAIN_DISK_CACHE_DEFAULT] = { false, false, false },
    [VIR_DOMAIN_DISK_CACHE_DISABLE] = { true, false, true },
    [VIR_DOMAIN_DISK_CACHE_WRITETHRU] = { false, false, false },
    [VIR_DOMAIN_DISK_CACHE_WRITEBACK] = { false, false, true },
    [VIR_DOMAIN_DISK_CACHE_DIRECTSYNC] = { true, false, false },
    [VIR_DOMAIN_DISK_CACHE_UNSAFE] = { false, true, true },
};


static void
qemuJSONDiskCache(JsonBuilder *builder, const virDomainDiskDef *disk)
{
    const qemuDiskCacheMode *mode = &qemuDiskCacheModes[disk->cache];

    if (disk->cache == VIR_DOMAIN_DISK_CACHE_DEFAULT)
        return;
    json_builder_set_member_name(builder, "cache");
    json_builder_begin_object(builder);
    qemuJSONBool(builder, "direct", mode->direct);
    qemuJSONBool(builder, "no-flush", mode->noFlush);
    json_builder_end_object(builder);
}


static void
qemuBuildDiskBlockdevs(GPtrArray *argv, const virDomainDiskDef *disk,
                       unsigned int nodeIndex)
{
    g_autoptr(JsonBuilder) storage = qemuJSONNew();
    g_autoptr(JsonBuilder) format = qemuJSONNew();
    g_autofree char *storageNode = g_strdup_printf("libvirt-%u-storage", nodeIndex);
    g_autofree char *formatNode = g_strdup_printf("libvirt-%u-format", nodeIndex);

    qemuJSONString(storage, "driver",
                   disk->type == VIR_STORAGE_TYPE_BLOCK ? "host_device" : "file");
    qemuJSONString(storage, "filename", disk->src);
    qemuJSONString(storage, "node-name", storageNode);
    qemuJSONDiskCache(storage, disk);
    qemuJSONBool(storage, "auto-read-only", true);
    qemuJSONString(storage, "discard", "unmap");
    qemuArgAddJSON(argv, "-blockdev", storage);

    qemuJSONString(format, "node-name", formatNode);
    qemuJSONBool(format, "read-only", disk->readonly);
    qemuJSONDiskCache(format, disk);
    qemuJSONString(format, "driver",
                   disk->format == VIR_STORAGE_FILE_QCOW2 ? "qcow2" : "raw");
    qemuJSONString(format, "file", storageNode);
    qemuArgAddJSON(argv, "-blockdev", format);
}


static const virDomainControllerDef *
qemuDiskController(const virDomainDef *def, const virDomainDiskDef *disk,
                   virDomainControllerType type)
{
    int c = virDomainControllerFind(def, type, disk->info.addr.drive.controller);

    if (c < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("disk '%1$s' refers to %2$s controller %3$u, which the domain does not have"),
                       disk->dst, virDomainControllerTypeToString(type),
                       disk->info.addr.drive.controller);
        return NULL;
    }
    return def->controllers[c];
}


static int
qemuBuildDiskDevice(GPtrArray *argv, const virDomainDef *def,
                    const virDomainDiskDef *disk, unsigned int nodeIndex,
                    unsigned int bootIndex)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    const virDomainDeviceDriveAddress *drive = &disk->info.addr.drive;
    g_autofree char *formatNode = g_strdup_printf("libvirt-%u-format", nodeIndex);
    bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    const virDomainControllerDef *ctrl;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        qemuJSONString(dev, "driver", "virtio-blk-pci");
        qemuJSONPCIAddress(dev, def, &disk->info);
        break;

    case VIR_DOMAIN_DISK_BUS_IDE: {
        g_autofree char *bus = g_strdup_printf("ide.%u", drive->bus);

        qemuJSONString(dev, "driver", cdrom ? "ide-cd" : "ide-hd");
        qemuJSONString(dev, "bus", bus);
        qemuJSONInt(dev, "unit", drive->unit);
        break;
    }

    case VIR_DOMAIN_DISK_BUS_SATA: {
        g_autofree char *bus = NULL;

        if (!(ctrl = qemuDiskController(def, disk, VIR_DOMAIN_CONTROLLER_TYPE_SATA)))
            return -1;
        /* (q35's own AHCI is "ide": its ports are ide.N) */
        bus = g_strdup_printf("%s.%u", ctrl->info.alias, drive->unit);
        qemuJSONString(dev, "driver", cdrom ? "ide-cd" : "ide-hd");
        qemuJSONString(dev, "bus", bus);
        break;
    }

    case VIR_DOMAIN_DISK_BUS_SCSI: {
        g_autofree char *bus = NULL;
        g_autofree char *deviceId = NULL;

        if (!(ctrl = qemuDiskController(def, disk, VIR_DOMAIN_CONTROLLER_TYPE_SCSI)))
            return -1;
        bus = g_strdup_printf("%s.0", ctrl->info.alias);
        qemuJSONString(dev, "driver", cdrom ? "scsi-cd" : "scsi-hd");
        qemuJSONString(dev, "bus", bus);
        if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI) {
            qemuJSONInt(dev, "channel", drive->bus);
            qemuJSONInt(dev, "scsi-id", drive->target);
            qemuJSONInt(dev, "lun", drive->unit);
        } else {
            qemuJSONInt(dev, "scsi-id", drive->unit);
        }
        deviceId = g_strdup_printf("drive-%s", disk->info.alias);
        qemuJSONString(dev, "device_id", deviceId);
        break;
    }

    case VIR_DOMAIN_DISK_BUS_NONE:
    case VIR_DOMAIN_DISK_BUS_LAST:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("disk '%1$s' has no bus"), disk->dst);
        return -1;
    }

    if (disk->shareable)
        qemuJSONBool(dev, "share-rw", true);
    if (disk->src)
        qemuJSONString(dev, "drive", formatNode);
    qemuJSONString(dev, "id", disk->info.alias);
    if (bootIndex)
        qemuJSONInt(dev, "bootindex", bootIndex);
    if (disk->cache != VIR_DOMAIN_DISK_CACHE_DEFAULT)
        qemuJSONString(dev, "write-cache",
                       qemuDiskCacheModes[disk->cache].writeback ? "on" : "off");
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


/* ---- boot order ------------------------------------------------------ */

/*
 * The bootindex of each disk and interface.  Per-device <boot order>
 * wins; otherwise, as upstream, the N-th <os><boot dev> (counting from
 * 1, whether or not such a device exists) goes to the first disk,
 * cdrom or interface of that kind.
 */
typedef struct {
    unsigned int *disks;
    unsigned int *nets;
} qemuBootIndexes;


static void
qemuBootIndexesClear(qemuBootIndexes *boot)
{
    g_free(boot->disks);
    g_free(boot->nets);
}


G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(qemuBootIndexes, qemuBootIndexesClear);


static void
qemuBootIndexesCompute(const virDomainDef *def, qemuBootIndexes *boot)
{
    bool perDevice = false;

    boot->disks = g_new0(unsigned int, def->ndisks + 1);
    boot->nets = g_new0(unsigned int, def->nnets + 1);

    for (size_t i = 0; i < def->ndisks; i++) {
        boot->disks[i] = def->disks[i]->info.bootIndex;
        perDevice |= boot->disks[i] > 0;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        boot->nets[i] = def->nets[i]->info.bootIndex;
        perDevice |= boot->nets[i] > 0;
    }
    if (perDevice)
        return;

    for (size_t b = 0; b < def->os.nBootDevs; b++) {
        unsigned int idx = b + 1;

        switch (def->os.bootDevs[b]) {
        case VIR_DOMAIN_BOOT_DISK:
        case VIR_DOMAIN_BOOT_CDROM: {
            virDomainDiskDevice want = def->os.bootDevs[b] == VIR_DOMAIN_BOOT_DISK ?
                                       VIR_DOMAIN_DISK_DEVICE_DISK :
                                       VIR_DOMAIN_DISK_DEVICE_CDROM;

            for (size_t i = 0; i < def->ndisks; i++) {
                if (def->disks[i]->device == want) {
                    if (!boot->disks[i])
                        boot->disks[i] = idx;
                    break;
                }
            }
            break;
        }
        case VIR_DOMAIN_BOOT_NET:
            if (def->nnets > 0 && !boot->nets[0])
                boot->nets[0] = idx;
            break;
        case VIR_DOMAIN_BOOT_FLOPPY:
        case VIR_DOMAIN_BOOT_LAST:
            break;
        }
    }
}


/* ---- controllers ----------------------------------------------------- */

/* The QEMU device of each USB controller model. */
static const char *const qemuUSBControllerDrivers[VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST] = {
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI] = "piix3-usb-uhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI] = "qemu-xhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE] = NULL,
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1] = "ich9-usb-ehci1",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1] = "ich9-usb-uhci1",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2] = "ich9-usb-uhci2",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3] = "ich9-usb-uhci3",
};


/**
 * qemuUSBControllerDriver:
 * @model: a virDomainControllerModelUSB
 *
 * Returns: the QEMU device type of a USB controller model, NULL for
 * "none".
 */
const char *
qemuUSBControllerDriver(int model)
{
    if (model < 0 || model >= VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST)
        return NULL;
    return qemuUSBControllerDrivers[model];
}


/* "bus":"usbN.0","port":"P" of a device on a USB controller. */
static void
qemuJSONUSBAddress(JsonBuilder *builder, const virDomainDef *def,
                   const virDomainDeviceInfo *info)
{
    int c = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_USB,
                                    info->addr.usb.bus);
    g_autofree char *bus = g_strdup_printf("%s.0", c >= 0 ?
                                           def->controllers[c]->info.alias :
                                           "usb");
    g_autofree char *port = g_strdup_printf("%u", info->addr.usb.port);

    qemuJSONString(builder, "bus", bus);
    qemuJSONString(builder, "port", port);
}


static void
qemuBuildControllerDevice(GPtrArray *argv, const virDomainDef *def,
                          const virDomainControllerDef *ctrl)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    const char *driver = NULL;

    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        if (!(driver = qemuUSBControllerDriver(ctrl->model)))
            return;
        qemuJSONString(dev, "driver", driver);
        /* A companion has no id of its own: it serves the USB2 bus of
         * the controller it names. */
        if (ctrl->startport >= 0) {
            g_autofree char *master = g_strdup_printf("%s.0", ctrl->info.alias);

            qemuJSONString(dev, "masterbus", master);
            qemuJSONInt(dev, "firstport", ctrl->startport);
        } else {
            qemuJSONString(dev, "id", ctrl->info.alias);
        }
        qemuJSONPCIAddress(dev, def, &ctrl->info);
        qemuArgAddJSON(argv, "-device", dev);
        return;
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        driver = "virtio-serial-pci";
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT) {
            qemuJSONString(dev, "driver", "pcie-root-port");
            qemuJSONInt(dev, "port", ctrl->port);
            qemuJSONInt(dev, "chassis", ctrl->chassis);
        } else if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE) {
            qemuJSONString(dev, "driver", "pcie-pci-bridge");
        } else {
            /* The root bus is the machine's own. */
            return;
        }
        qemuJSONString(dev, "id", ctrl->info.alias);
        qemuJSONPCIAddress(dev, def, &ctrl->info);
        qemuArgAddJSON(argv, "-device", dev);
        return;
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        driver = ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ?
                 "virtio-scsi-pci" : "lsi";
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        /* q35's first AHCI is the ICH9's own. */
        if (ctrl->idx == 0 && virDomainDefIsQ35(def))
            return;
        driver = "ahci";
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        /* Built into the machine. */
        return;
    }
    qemuJSONString(dev, "driver", driver);
    qemuJSONString(dev, "id", ctrl->info.alias);
    qemuJSONPCIAddress(dev, def, &ctrl->info);
    qemuArgAddJSON(argv, "-device", dev);
}


static void
qemuBuildControllersCommandLine(GPtrArray *argv, const virDomainDef *def)
{
    /* Upstream's order: by kind first, definition order within a kind
     * (PCI controllers in index order). */
    static const virDomainControllerType order[] = {
        VIR_DOMAIN_CONTROLLER_TYPE_PCI,
        VIR_DOMAIN_CONTROLLER_TYPE_USB,
        VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
        VIR_DOMAIN_CONTROLLER_TYPE_IDE,
        VIR_DOMAIN_CONTROLLER_TYPE_SATA,
        VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    };

    for (size_t t = 0; t < G_N_ELEMENTS(order); t++) {
        if (order[t] == VIR_DOMAIN_CONTROLLER_TYPE_PCI) {
            for (unsigned int idx = 1; idx <= 0xff; idx++) {
                int c = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, idx);

                if (c >= 0)
                    qemuBuildControllerDevice(argv, def, def->controllers[c]);
            }
            continue;
        }
        for (size_t i = 0; i < def->ncontrollers; i++) {
            if (def->controllers[i]->type == order[t])
                qemuBuildControllerDevice(argv, def, def->controllers[i]);
        }
    }
}


/* ---- network interfaces ---------------------------------------------- */

static int
qemuBuildNetCommandLine(GPtrArray *argv, const virDomainDef *def,
                        const virDomainNetDef *net, const qemuCommandPaths *paths,
                        size_t idx, unsigned int bootIndex)
{
    g_autoptr(JsonBuilder) netdev = qemuJSONNew();
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *netdevId = g_strdup_printf("hostnet%zu", idx);
    char mac[VIR_MAC_STRING_BUFLEN];
    const char *driver = "rtl8139";

    if (net->model == VIR_DOMAIN_NET_MODEL_VIRTIO)
        driver = "virtio-net-pci";
    else if (net->model == VIR_DOMAIN_NET_MODEL_E1000)
        driver = "e1000";
    else if (net->model == VIR_DOMAIN_NET_MODEL_E1000E)
        driver = "e1000e";

    if (net->type == VIR_DOMAIN_NET_TYPE_BRIDGE) {
        g_autofree char *fd = NULL;

        /* The tap exists already (the driver made it): QEMU gets its
         * descriptor, never a name to open or a script to run. */
        if (idx >= paths->ntapfds || paths->tapfds[idx] < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("no tap device was prepared for interface %1$s"),
                           net->info.alias);
            return -1;
        }
        fd = g_strdup_printf("%d", paths->tapfds[idx]);
        qemuJSONString(netdev, "type", "tap");
        qemuJSONString(netdev, "fd", fd);
    } else {
        qemuJSONString(netdev, "type", "user");
    }
    qemuJSONString(netdev, "id", netdevId);
    qemuArgAddJSON(argv, "-netdev", netdev);

    qemuJSONString(dev, "driver", driver);
    qemuJSONString(dev, "netdev", netdevId);
    qemuJSONString(dev, "id", net->info.alias);
    qemuJSONString(dev, "mac", virMacAddrFormat(&net->mac, mac));
    if (bootIndex)
        qemuJSONInt(dev, "bootindex", bootIndex);
    qemuJSONPCIAddress(dev, def, &net->info);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


/* ---- serial ports ---------------------------------------------------- */

static int
qemuBuildChrChardev(GPtrArray *argv, const virDomainChrDef *chr,
                    const char *id)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    switch (chr->type) {
    case VIR_DOMAIN_CHR_TYPE_NULL:
        virBufferAsprintf(&buf, "null,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_PTY:
        virBufferAsprintf(&buf, "pty,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        /* Appended to, never truncated, as upstream opens it. */
        virBufferAsprintf(&buf, "file,id=%s,path=", id);
        qemuBufferEscapeComma(&buf, chr->path);
        virBufferAddLit(&buf, ",append=on");
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (!chr->path) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("character device '%1$s' has no socket path: the driver names channel sockets at start"),
                           id);
            return -1;
        }
        virBufferAsprintf(&buf, "socket,id=%s,path=", id);
        qemuBufferEscapeComma(&buf, chr->path);
        if (chr->mode == VIR_DOMAIN_CHR_SOURCE_MODE_BIND)
            virBufferAddLit(&buf, ",server=on,wait=off");
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
        /* the SPICE agent's channel, or a USB redirection one */
        virBufferAsprintf(&buf, "spicevmc,id=%s,name=%s", id,
                          chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL ?
                          "vdagent" : "usbredir");
        break;
    case VIR_DOMAIN_CHR_TYPE_LAST:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("character device '%1$s' has no type"), id);
        return -1;
    }
    qemuArgAdd(argv, "-chardev");
    g_ptr_array_add(argv, virBufferContentAndReset(&buf));
    return 0;
}


static int
qemuBuildSerialCommandLine(GPtrArray *argv, const virDomainChrDef *serial)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *chardevId = g_strdup_printf("char%s", serial->info.alias);

    if (qemuBuildChrChardev(argv, serial, chardevId) < 0)
        return -1;
    qemuJSONString(dev, "driver", "isa-serial");
    qemuJSONString(dev, "chardev", chardevId);
    qemuJSONString(dev, "id", serial->info.alias);
    qemuJSONInt(dev, "index", serial->targetPort);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


/* ---- channels, USB devices ------------------------------------------ */

static int
qemuBuildChannelCommandLine(GPtrArray *argv, const virDomainDef *def,
                            const virDomainChrDef *chr)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *chardevId = g_strdup_printf("char%s", chr->info.alias);
    g_autofree char *bus = NULL;
    int c;

    if (chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL ||
        (c = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                                     chr->info.addr.vioserial.controller)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("channel '%1$s' has no virtio-serial port: prepare the definition (qemuDomainPrepareDef) before building its command line"),
                       NULLSTR(chr->info.alias));
        return -1;
    }
    if (qemuBuildChrChardev(argv, chr, chardevId) < 0)
        return -1;
    bus = g_strdup_printf("%s.%u", def->controllers[c]->info.alias,
                          chr->info.addr.vioserial.bus);
    qemuJSONString(dev, "driver", "virtserialport");
    qemuJSONString(dev, "bus", bus);
    qemuJSONInt(dev, "nr", chr->info.addr.vioserial.port);
    qemuJSONString(dev, "chardev", chardevId);
    qemuJSONString(dev, "id", chr->info.alias);
    if (chr->targetName)
        qemuJSONString(dev, "name", chr->targetName);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


static int
qemuBuildUSBCheck(const virDomainDef *def, const virDomainDeviceInfo *info)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB || !info->addr.usb.port) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("USB device '%1$s' of domain '%2$s' has no USB port: prepare the definition (qemuDomainPrepareDef) before building its command line"),
                       NULLSTR(info->alias), def->name);
        return -1;
    }
    return 0;
}


static int
qemuBuildInputCommandLine(GPtrArray *argv, const virDomainDef *def,
                          const virDomainInputDef *input)
{
    g_autoptr(JsonBuilder) dev = NULL;
    const char *driver = "usb-mouse";

    /* PS/2 devices are the machine's own. */
    if (input->bus != VIR_DOMAIN_INPUT_BUS_USB)
        return 0;
    if (qemuBuildUSBCheck(def, &input->info) < 0)
        return -1;
    if (input->type == VIR_DOMAIN_INPUT_TYPE_TABLET)
        driver = "usb-tablet";
    else if (input->type == VIR_DOMAIN_INPUT_TYPE_KBD)
        driver = "usb-kbd";
    dev = qemuJSONNew();
    qemuJSONString(dev, "driver", driver);
    qemuJSONString(dev, "id", input->info.alias);
    qemuJSONUSBAddress(dev, def, &input->info);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


static int
qemuBuildRedirdevCommandLine(GPtrArray *argv, const virDomainDef *def,
                             const virDomainRedirdevDef *redirdev)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *chardevId = g_strdup_printf("char%s", redirdev->info.alias);

    if (qemuBuildUSBCheck(def, &redirdev->info) < 0)
        return -1;
    qemuArgAdd(argv, "-chardev");
    g_ptr_array_add(argv, g_strdup_printf("spicevmc,id=%s,name=usbredir",
                                          chardevId));
    qemuJSONString(dev, "driver", "usb-redir");
    qemuJSONString(dev, "chardev", chardevId);
    qemuJSONString(dev, "id", redirdev->info.alias);
    qemuJSONUSBAddress(dev, def, &redirdev->info);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


/* ---- display --------------------------------------------------------- */

static void
qemuBuildAudioCommandLine(GPtrArray *argv, const virDomainAudioDef *audio)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *id = g_strdup_printf("audio%u", audio->id);

    qemuJSONString(dev, "id", id);
    qemuJSONString(dev, "driver", virDomainAudioTypeToString(audio->type));
    qemuArgAddJSON(argv, "-audiodev", dev);
}


static int
qemuBuildVNCCommandLine(GPtrArray *argv, const virDomainDef *def,
                        const virDomainGraphicsDef *graphics)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const char *listen = graphics->listenAddress;

    if (graphics->port < QEMU_VNC_PORT_MIN || graphics->port > QEMU_VNC_PORT_MAX) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("VNC port %1$d of domain '%2$s' is not a port the driver reserved (5900-65535)"),
                       graphics->port, def->name);
        return -1;
    }
    if (!listen)
        listen = QEMU_DEFAULT_VNC_LISTEN;
    /* An IP address or host name (virDomainDefValidateStrings refused
     * anything else); commas escaped all the same. */
    if (strchr(listen, ':')) {
        virBufferAddChar(&buf, '[');
        qemuBufferEscapeComma(&buf, listen);
        virBufferAddChar(&buf, ']');
    } else {
        qemuBufferEscapeComma(&buf, listen);
    }
    virBufferAsprintf(&buf, ":%d", graphics->port - QEMU_VNC_PORT_MIN);
    if (def->naudios > 0)
        virBufferAsprintf(&buf, ",audiodev=audio%u", def->audios[0]->id);
    qemuArgAdd(argv, "-vnc");
    g_ptr_array_add(argv, virBufferContentAndReset(&buf));
    return 0;
}


static int
qemuBuildSpiceCommandLine(GPtrArray *argv, const virDomainDef *def,
                          const virDomainGraphicsDef *graphics)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    if (graphics->port < QEMU_VNC_PORT_MIN || graphics->port > QEMU_VNC_PORT_MAX) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("SPICE port %1$d of domain '%2$s' is not a port the driver reserved (5900-65535)"),
                       graphics->port, def->name);
        return -1;
    }
    virBufferAsprintf(&buf, "port=%d,addr=", graphics->port);
    /* An IP address or host name (virDomainDefValidateStrings). */
    qemuBufferEscapeComma(&buf, graphics->listenAddress ?
                          graphics->listenAddress : QEMU_DEFAULT_VNC_LISTEN);
    /* No password in our subset: nobody could connect otherwise. */
    virBufferAddLit(&buf, ",disable-ticketing=on");
    if (graphics->imageCompression)
        virBufferAsprintf(&buf, ",image-compression=%s",
                          virDomainGraphicsSpiceImageCompressionTypeToString(graphics->imageCompression));
    virBufferAddLit(&buf, ",seamless-migration=on");
    qemuArgAdd(argv, "-spice");
    g_ptr_array_add(argv, virBufferContentAndReset(&buf));
    return 0;
}


static int
qemuBuildVideoCommandLine(GPtrArray *argv, const virDomainDef *def,
                          const virDomainVideoDef *video, bool primary)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();

    switch (video->type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
        qemuJSONString(dev, "driver", "VGA");
        qemuJSONString(dev, "id", video->info.alias);
        if (video->vram)
            qemuJSONInt(dev, "vgamem_mb", video->vram / 1024);
        break;
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        qemuJSONString(dev, "driver", "cirrus-vga");
        qemuJSONString(dev, "id", video->info.alias);
        break;
    case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
        qemuJSONString(dev, "driver", primary ? "virtio-vga" : "virtio-gpu-pci");
        qemuJSONString(dev, "id", video->info.alias);
        qemuJSONInt(dev, "max_outputs", video->heads ? video->heads : 1);
        break;
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        /* sizes in bytes, except the 64-bit VRAM bar (none) and the
         * VGA memory, in MiB */
        qemuJSONString(dev, "driver", primary ? "qxl-vga" : "qxl");
        qemuJSONString(dev, "id", video->info.alias);
        qemuJSONInt(dev, "max_outputs", video->heads ? video->heads : 1);
        qemuJSONInt(dev, "ram_size", (gint64)video->ram * 1024);
        qemuJSONInt(dev, "vram_size", (gint64)video->vram * 1024);
        qemuJSONInt(dev, "vram64_size_mb", 0);
        qemuJSONInt(dev, "vgamem_mb", video->vgamem / 1024);
        break;
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        qemuJSONString(dev, "driver", "bochs-display");
        qemuJSONString(dev, "id", video->info.alias);
        qemuJSONInt(dev, "vgamem", (gint64)video->vram * 1024);
        break;
    case VIR_DOMAIN_VIDEO_TYPE_NONE:
        return 0;
    case VIR_DOMAIN_VIDEO_TYPE_DEFAULT:
    case VIR_DOMAIN_VIDEO_TYPE_LAST:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("video device '%1$s' has no model"),
                       NULLSTR(video->info.alias));
        return -1;
    }
    qemuJSONPCIAddress(dev, def, &video->info);
    qemuArgAddJSON(argv, "-device", dev);
    return 0;
}


/* ---- sound, watchdog ------------------------------------------------- */

static void
qemuBuildSoundCommandLine(GPtrArray *argv, const virDomainDef *def,
                          const virDomainSoundDef *sound)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *audiodev = NULL;
    static const char *const codecDrivers[VIR_DOMAIN_SOUND_CODEC_TYPE_LAST] = {
        [VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX] = "hda-duplex",
        [VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO] = "hda-micro",
        [VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT] = "hda-output",
    };

    /* The first audio backend carries the sound, as upstream. */
    if (def->naudios > 0)
        audiodev = g_strdup_printf("audio%u", def->audios[0]->id);

    switch (sound->model) {
    case VIR_DOMAIN_SOUND_MODEL_AC97:
        qemuJSONString(dev, "driver", "AC97");
        qemuJSONString(dev, "id", sound->info.alias);
        if (audiodev)
            qemuJSONString(dev, "audiodev", audiodev);
        qemuJSONPCIAddress(dev, def, &sound->info);
        qemuArgAddJSON(argv, "-device", dev);
        return;
    case VIR_DOMAIN_SOUND_MODEL_ICH6:
    case VIR_DOMAIN_SOUND_MODEL_ICH9:
    case VIR_DOMAIN_SOUND_MODEL_LAST:
        break;
    }

    qemuJSONString(dev, "driver", sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 ?
                   "ich9-intel-hda" : "intel-hda");
    qemuJSONString(dev, "id", sound->info.alias);
    qemuJSONPCIAddress(dev, def, &sound->info);
    qemuArgAddJSON(argv, "-device", dev);

    /* An HDA controller without codecs gets a duplex one. */
    for (size_t i = 0; i < MAX(sound->ncodecs, 1); i++) {
        g_autoptr(JsonBuilder) codec = qemuJSONNew();
        virDomainSoundCodecType type = sound->ncodecs ? sound->codecs[i] :
                                       VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX;
        g_autofree char *id = g_strdup_printf("%s-codec%zu", sound->info.alias, i);
        g_autofree char *bus = g_strdup_printf("%s.0", sound->info.alias);

        qemuJSONString(codec, "driver", codecDrivers[type]);
        qemuJSONString(codec, "id", id);
        qemuJSONString(codec, "bus", bus);
        qemuJSONInt(codec, "cad", i);
        if (audiodev)
            qemuJSONString(codec, "audiodev", audiodev);
        qemuArgAddJSON(argv, "-device", codec);
    }
}


static void
qemuBuildWatchdogCommandLine(GPtrArray *argv, const virDomainDef *def,
                             const virDomainWatchdogDef *watchdog)
{
    g_autoptr(JsonBuilder) dev = qemuJSONNew();

    qemuJSONString(dev, "driver", virDomainWatchdogModelTypeToString(watchdog->model));
    qemuJSONString(dev, "id", watchdog->info.alias);
    if (watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
        qemuJSONPCIAddress(dev, def, &watchdog->info);
    qemuArgAddJSON(argv, "-device", dev);
    qemuArgAddPair(argv, "-watchdog-action",
                   virDomainWatchdogActionTypeToString(watchdog->action));
}


/* ---- balloon, RNG ---------------------------------------------------- */

static void
qemuBuildMemballoonCommandLine(GPtrArray *argv, const virDomainDef *def,
                               const virDomainMemballoonDef *balloon)
{
    g_autoptr(JsonBuilder) dev = NULL;

    if (!balloon || balloon->model != VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        return;
    dev = qemuJSONNew();
    qemuJSONString(dev, "driver", "virtio-balloon-pci");
    qemuJSONString(dev, "id", balloon->info.alias);
    qemuJSONPCIAddress(dev, def, &balloon->info);
    qemuArgAddJSON(argv, "-device", dev);
}


static void
qemuBuildRNGCommandLine(GPtrArray *argv, const virDomainDef *def,
                        const virDomainRNGDef *rng)
{
    g_autoptr(JsonBuilder) obj = qemuJSONNew();
    g_autoptr(JsonBuilder) dev = qemuJSONNew();
    g_autofree char *objId = g_strdup_printf("obj%s", rng->info.alias);

    qemuJSONString(obj, "qom-type", "rng-random");
    qemuJSONString(obj, "id", objId);
    qemuJSONString(obj, "filename", rng->source);
    qemuArgAddJSON(argv, "-object", obj);

    qemuJSONString(dev, "driver", "virtio-rng-pci");
    qemuJSONString(dev, "rng", objId);
    qemuJSONString(dev, "id", rng->info.alias);
    qemuJSONPCIAddress(dev, def, &rng->info);
    qemuArgAddJSON(argv, "-device", dev);
}


/* ---- the whole command line ----------------------------------------- */

static int
qemuBuildDevicesCommandLine(GPtrArray *argv, const virDomainDef *def,
                            const qemuCommandPaths *paths)
{
    g_auto(qemuBootIndexes) boot = { 0 };
    bool primary = true;

    qemuBootIndexesCompute(def, &boot);

    qemuBuildControllersCommandLine(argv, def);

    for (size_t i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        unsigned int nodeIndex = def->ndisks - i;

        if (disk->src)
            qemuBuildDiskBlockdevs(argv, disk, nodeIndex);
        if (qemuBuildDiskDevice(argv, def, disk, nodeIndex, boot.disks[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (qemuBuildNetCommandLine(argv, def, def->nets[i], paths, i, boot.nets[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nserials; i++) {
        if (qemuBuildSerialCommandLine(argv, def->serials[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nchannels; i++) {
        if (qemuBuildChannelCommandLine(argv, def, def->channels[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ninputs; i++) {
        if (qemuBuildInputCommandLine(argv, def, def->inputs[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->naudios; i++)
        qemuBuildAudioCommandLine(argv, def->audios[i]);
    for (size_t i = 0; i < def->ngraphics; i++) {
        int rc = def->graphics[i]->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE ?
            qemuBuildSpiceCommandLine(argv, def, def->graphics[i]) :
            qemuBuildVNCCommandLine(argv, def, def->graphics[i]);

        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (qemuBuildVideoCommandLine(argv, def, def->videos[i], primary) < 0)
            return -1;
        primary = false;
    }
    for (size_t i = 0; i < def->nsounds; i++)
        qemuBuildSoundCommandLine(argv, def, def->sounds[i]);
    if (def->watchdog)
        qemuBuildWatchdogCommandLine(argv, def, def->watchdog);
    for (size_t i = 0; i < def->nredirdevs; i++) {
        if (qemuBuildRedirdevCommandLine(argv, def, def->redirdevs[i]) < 0)
            return -1;
    }
    qemuBuildMemballoonCommandLine(argv, def, def->memballoon);
    for (size_t i = 0; i < def->nrngs; i++)
        qemuBuildRNGCommandLine(argv, def, def->rngs[i]);
    return 0;
}


/**
 * qemuBuildCommandLine:
 * @def: a definition prepared with qemuDomainPrepareDef(), with the
 *       port of each autoport VNC display reserved by the driver
 * @caps: what the emulator offers
 * @paths: what the driver decided at start time
 * @flags: none defined yet; must be 0
 *
 * Builds QEMU's argv for @def; see the top of this file for how it
 * differs from upstream's.  QEMU starts paused (-S): the driver
 * resumes it once the monitor is connected.  It stays alive after a
 * guest power-off (-no-shutdown) so the driver decides how it ends.
 * Does no I/O.
 *
 * Returns: a NULL-terminated argv whose argv[0] is the emulator (free
 * with g_strfreev), or NULL with an error reported.
 */
char **
qemuBuildCommandLine(const virDomainDef *def,
                     const virQEMUCaps *caps,
                     const qemuCommandPaths *paths,
                     unsigned int flags)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    char uuid[VIR_UUID_STRING_BUFLEN];

    virCheckFlags(0, NULL);
    virCheckNonNullArgReturn(paths, NULL);
    virCheckNonNullArgReturn(paths->monitorSocket, NULL);

    if (qemuValidateDomainDef(def, caps) < 0 ||
        qemuValidateDomainStart(def) < 0 ||
        qemuBuildCheckPrepared(def) < 0)
        return NULL;

    qemuArgAdd(argv, def->emulator ? def->emulator : caps->binary);

    qemuArgAdd(argv, "-name");
    g_ptr_array_add(argv, qemuBuildNameArg(def->name));
    qemuArgAdd(argv, "-S");

    if (qemuBuildFirmwareCommandLine(argv, def) < 0)
        return NULL;
    qemuBuildMachineCommandLine(argv, def);
    qemuArgAddPair(argv, "-uuid", virUUIDFormat(def->uuid, uuid));
    if (def->ngraphics == 0)
        qemuArgAddPair(argv, "-display", "none");
    qemuArgAdd(argv, "-no-user-config");
    qemuArgAdd(argv, "-nodefaults");
    qemuBuildMonitorCommandLine(argv, paths);
    qemuBuildClockCommandLine(argv, def);
    qemuArgAdd(argv, "-no-shutdown");
    if (!def->features[VIR_DOMAIN_FEATURE_ACPI])
        qemuArgAdd(argv, "-no-acpi");
    qemuBuildPMCommandLine(argv, def);
    qemuArgAddPair(argv, "-boot", "strict=on");
    if (def->os.kernel)
        qemuArgAddPair(argv, "-kernel", def->os.kernel);
    if (def->os.initrd)
        qemuArgAddPair(argv, "-initrd", def->os.initrd);
    if (def->os.cmdline)
        qemuArgAddPair(argv, "-append", def->os.cmdline);

    if (qemuBuildDevicesCommandLine(argv, def, paths) < 0)
        return NULL;

    g_ptr_array_add(argv, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
}


/* Quotes @arg for a shell when it needs it. */
static void
qemuBufferAddShellArg(virBuffer *buf, const char *arg)
{
    const char *safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "0123456789-_.,:/=+@%";

    if (*arg && strspn(arg, safe) == strlen(arg)) {
        virBufferAdd(buf, arg, -1);
        return;
    }
    virBufferAddChar(buf, '\'');
    for (const char *p = arg; *p; p++) {
        if (*p == '\'')
            virBufferAddLit(buf, "'\\''");
        else
            virBufferAddChar(buf, *p);
    }
    virBufferAddChar(buf, '\'');
}


/**
 * qemuBuildCommandLineString:
 * @argv: a command line from qemuBuildCommandLine
 *
 * Formats @argv the way upstream's .args files and domain logs show a
 * command line: the emulator, then one option per line with its value,
 * quoted for a shell where needed, each line but the last ending in
 * " \".
 *
 * Returns: the text, ending in a newline.
 */
char *
qemuBuildCommandLineString(char **argv)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    for (size_t i = 0; argv[i]; i++) {
        if (i > 0)
            virBufferAddLit(&buf, " \\\n");
        qemuBufferAddShellArg(&buf, argv[i]);
        /* An option's value goes on the option's line. */
        if (i > 0 && argv[i][0] == '-' && argv[i + 1] && argv[i + 1][0] != '-') {
            virBufferAddChar(&buf, ' ');
            qemuBufferAddShellArg(&buf, argv[++i]);
        }
    }
    virBufferAddChar(&buf, '\n');
    return virBufferContentAndReset(&buf);
}


/**
 * qemuBuildCommandLineStringOneLine:
 * @argv: a command line from qemuBuildCommandLine
 *
 * Formats @argv the way upstream's virConnectDomainXMLToNative() gives
 * it: one line, arguments quoted for a shell where needed and separated
 * by single blanks, no newline at the end.
 *
 * Returns: the text.
 */
char *
qemuBuildCommandLineStringOneLine(char **argv)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    for (size_t i = 0; argv[i]; i++) {
        if (i > 0)
            virBufferAddChar(&buf, ' ');
        qemuBufferAddShellArg(&buf, argv[i]);
    }
    return virBufferContentAndReset(&buf);
}
