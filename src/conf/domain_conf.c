/*
 * domain_conf.c: the domain XML and its in-memory form, virDomainDef
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <arpa/inet.h>

#include "domain_conf.h"
#include "virerror.h"
#include "virlog.h"
#include "virnetdevtap.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_conf");

VIR_ENUM_IMPL(virDomainVirt, VIR_DOMAIN_VIRT_LAST,
              "qemu", "kvm");
VIR_ENUM_IMPL(virDomainOS, VIR_DOMAIN_OSTYPE_LAST,
              "hvm");
VIR_ENUM_IMPL(virDomainBoot, VIR_DOMAIN_BOOT_LAST,
              "fd", "cdrom", "hd", "network");
VIR_ENUM_IMPL(virDomainFeature, VIR_DOMAIN_FEATURE_LAST,
              "acpi", "apic");
VIR_ENUM_IMPL(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST,
              "utc", "localtime");
VIR_ENUM_IMPL(virDomainLifecycleAction, VIR_DOMAIN_LIFECYCLE_ACTION_LAST,
              "destroy", "restart", "rename-restart", "preserve",
              "coredump-destroy", "coredump-restart");
VIR_ENUM_IMPL(virTristateSwitch, VIR_TRISTATE_SWITCH_LAST,
              "absent", "on", "off");
VIR_ENUM_IMPL(virTristateBool, VIR_TRISTATE_BOOL_LAST,
              "absent", "yes", "no");
VIR_ENUM_IMPL(virDomainTimerName, VIR_DOMAIN_TIMER_NAME_LAST,
              "rtc", "pit", "hpet");
VIR_ENUM_IMPL(virDomainTimerTickpolicy, VIR_DOMAIN_TIMER_TICKPOLICY_LAST,
              "none", "delay", "catchup", "merge", "discard");
VIR_ENUM_IMPL(virDomainDeviceAddress, VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST,
              "none", "pci", "drive", "virtio-serial", "usb");
VIR_ENUM_IMPL(virStorage, VIR_STORAGE_TYPE_LAST,
              "none", "file", "block");
VIR_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
              "disk", "cdrom");
VIR_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
              "none", "ide", "scsi", "virtio", "sata");
VIR_ENUM_IMPL(virStorageFileFormat, VIR_STORAGE_FILE_LAST,
              "none", "raw", "qcow2");
VIR_ENUM_IMPL(virDomainDiskCache, VIR_DOMAIN_DISK_CACHE_LAST,
              "default", "none", "writethrough", "writeback", "directsync",
              "unsafe");
VIR_ENUM_IMPL(virDomainController, VIR_DOMAIN_CONTROLLER_TYPE_LAST,
              "ide", "scsi", "sata", "usb", "pci", "virtio-serial");
VIR_ENUM_IMPL(virDomainControllerModelUSB, VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST,
              "piix3-uhci", "qemu-xhci", "none", "ich9-ehci1", "ich9-uhci1",
              "ich9-uhci2", "ich9-uhci3");
VIR_ENUM_IMPL(virDomainControllerModelSCSI, VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST,
              "lsilogic", "virtio-scsi");
VIR_ENUM_IMPL(virDomainControllerModelPCI, VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST,
              "pci-root", "pcie-root", "pcie-root-port", "pcie-to-pci-bridge");
VIR_ENUM_IMPL(virDomainNet, VIR_DOMAIN_NET_TYPE_LAST,
              "user", "network", "bridge");
VIR_ENUM_IMPL(virDomainNetModel, VIR_DOMAIN_NET_MODEL_LAST,
              "unknown", "virtio", "e1000", "rtl8139", "e1000e");
VIR_ENUM_IMPL(virDomainChrDevice, VIR_DOMAIN_CHR_DEVICE_TYPE_LAST,
              "serial", "console", "channel");
VIR_ENUM_IMPL(virDomainChr, VIR_DOMAIN_CHR_TYPE_LAST,
              "null", "pty", "file", "unix", "spicevmc");
VIR_ENUM_IMPL(virDomainChrSourceMode, VIR_DOMAIN_CHR_SOURCE_MODE_LAST,
              "connect", "bind");
VIR_ENUM_IMPL(virDomainChrSerialTarget, VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST,
              "none", "isa-serial");
VIR_ENUM_IMPL(virDomainChrSerialTargetModel,
              VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST,
              "none", "isa-serial");
VIR_ENUM_IMPL(virDomainChrConsoleTarget,
              VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST,
              "none", "serial");
VIR_ENUM_IMPL(virDomainChrChannelTarget,
              VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST,
              "none", "virtio");
VIR_ENUM_IMPL(virDomainInput, VIR_DOMAIN_INPUT_TYPE_LAST,
              "mouse", "tablet", "keyboard");
VIR_ENUM_IMPL(virDomainInputBus, VIR_DOMAIN_INPUT_BUS_LAST,
              "ps2", "usb");
VIR_ENUM_IMPL(virDomainGraphics, VIR_DOMAIN_GRAPHICS_TYPE_LAST,
              "vnc", "spice");
VIR_ENUM_IMPL(virDomainGraphicsSpiceImageCompression,
              VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LAST,
              "default", "auto_glz", "auto_lz", "quic", "glz", "lz", "off");
VIR_ENUM_IMPL(virDomainGraphicsListen, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST,
              "address");
VIR_ENUM_IMPL(virDomainAudio, VIR_DOMAIN_AUDIO_TYPE_LAST,
              "none", "spice");
VIR_ENUM_IMPL(virDomainVideo, VIR_DOMAIN_VIDEO_TYPE_LAST,
              "default", "vga", "cirrus", "virtio", "none", "qxl", "bochs");
VIR_ENUM_IMPL(virDomainMemballoonModel, VIR_DOMAIN_MEMBALLOON_MODEL_LAST,
              "virtio", "none");
VIR_ENUM_IMPL(virDomainRNGModel, VIR_DOMAIN_RNG_MODEL_LAST,
              "virtio");
VIR_ENUM_IMPL(virDomainRNGBackend, VIR_DOMAIN_RNG_BACKEND_LAST,
              "random");
VIR_ENUM_IMPL(virDomainDevice, VIR_DOMAIN_DEVICE_LAST,
              "none", "disk", "controller", "interface", "chr", "input",
              "video", "memballoon", "rng", "sound", "redirdev", "watchdog");
VIR_ENUM_IMPL(virDomainSoundModel, VIR_DOMAIN_SOUND_MODEL_LAST,
              "ac97", "ich6", "ich9");
VIR_ENUM_IMPL(virDomainSoundCodecType, VIR_DOMAIN_SOUND_CODEC_TYPE_LAST,
              "duplex", "micro", "output");
VIR_ENUM_IMPL(virDomainWatchdogModel, VIR_DOMAIN_WATCHDOG_MODEL_LAST,
              "i6300esb", "ib700");
VIR_ENUM_IMPL(virDomainWatchdogAction, VIR_DOMAIN_WATCHDOG_ACTION_LAST,
              "reset", "shutdown", "poweroff", "pause", "none", "inject-nmi");


/*
 * Every value upstream libvirt defines for attributes whose values we
 * implement only in part.  A value in one of these lists is valid
 * libvirt XML that this driver does not implement, and is refused as
 * unsupported; anything else is simply invalid.
 */
static const char *const virDomainVirtKnown[] = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
    "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf",
    NULL
};
static const char *const virDomainOSKnown[] = {
    "hvm", "xen", "linux", "exe", "uml", "xenpvh", NULL
};
static const char *const virDomainClockOffsetKnown[] = {
    "utc", "localtime", "variable", "timezone", "absolute", NULL
};
static const char *const virStorageKnown[] = {
    "file", "block", "dir", "network", "volume", "nvme", "vhostuser", NULL
};
static const char *const virDomainDiskDeviceKnown[] = {
    "disk", "cdrom", "floppy", "lun", NULL
};
static const char *const virDomainDiskBusKnown[] = {
    "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", NULL
};
static const char *const virStorageFileFormatKnown[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", "luks", NULL
};
static const char *const virDomainControllerKnown[] = {
    "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci",
    "xenbus", "isa", NULL
};
static const char *const virDomainControllerModelUSBKnown[] = {
    "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
    "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci",
    "qusb1", "qusb2", "qemu-xhci", "none", NULL
};
static const char *const virDomainControllerModelSCSIKnown[] = {
    "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi", "ibmvscsi",
    "virtio-scsi", "lsisas1078", "virtio-transitional",
    "virtio-non-transitional", "ncr53c90", "am53c974", "dc390", NULL
};
static const char *const virDomainControllerModelPCIKnown[] = {
    "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
    "pcie-root-port", "pcie-switch-upstream-port",
    "pcie-switch-downstream-port", "pci-expander-bus", "pcie-expander-bus",
    "pcie-to-pci-bridge", NULL
};
static const char *const virDomainNetKnown[] = {
    "user", "ethernet", "vhostuser", "server", "client", "mcast", "network",
    "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds",
    NULL
};
static const char *const virDomainChrKnown[] = {
    "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix",
    "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus", NULL
};
static const char *const virDomainChrSerialTargetKnown[] = {
    "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
    "system-serial", "sclp-serial", "isa-debug", NULL
};
static const char *const virDomainChrSerialTargetModelKnown[] = {
    "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
    "sclpconsole", "sclplmconsole", "16550a", "isa-debugcon", NULL
};
static const char *const virDomainChrConsoleTargetKnown[] = {
    "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm", NULL
};
static const char *const virDomainInputKnown[] = {
    "mouse", "tablet", "keyboard", "passthrough", "evdev", NULL
};
static const char *const virDomainInputBusKnown[] = {
    "ps2", "usb", "xen", "parallels", "virtio", "none", NULL
};
static const char *const virDomainGraphicsKnown[] = {
    "sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus", NULL
};
static const char *const virDomainGraphicsListenKnown[] = {
    "none", "address", "network", "socket", NULL
};
static const char *const virDomainAudioKnown[] = {
    "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice",
    "file", "dbus", NULL
};
static const char *const virDomainVideoKnown[] = {
    "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
    "virtio", "gop", "none", "bochs", "ramfb", NULL
};
static const char *const virDomainMemballoonModelKnown[] = {
    "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional",
    NULL
};
static const char *const virDomainRNGModelKnown[] = {
    "virtio", "virtio-transitional", "virtio-non-transitional", NULL
};
static const char *const virDomainRNGBackendKnown[] = {
    "random", "egd", "builtin", NULL
};
static const char *const virDomainTimerNameKnown[] = {
    "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock",
    "armvtimer", NULL
};
static const char *const virDomainChrChannelTargetKnown[] = {
    "guestfwd", "virtio", "xen", NULL
};
static const char *const virDomainSoundModelKnown[] = {
    "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7", NULL
};
static const char *const virDomainWatchdogModelKnown[] = {
    "i6300esb", "ib700", "diag288", "itco", NULL
};
static const char *const virDomainWatchdogActionKnown[] = {
    "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi",
    NULL
};
static const char *const virDomainDeviceAddressKnown[] = {
    "none", "pci", "drive", "virtio-serial", "ccid", "usb", "spapr-vio",
    "virtio-s390", "ccw", "virtio-mmio", "isa", "dimm", "unassigned", NULL
};

/* QEMU's locally administered OUI, the prefix of generated MACs. */
static const unsigned char virDomainQEMUMacPrefix[VIR_MAC_PREFIX_BUFLEN] = {
    0x52, 0x54, 0x00
};

/* Upstream caps <memory> at LLONG_MAX bytes. */
#define VIR_DOMAIN_MEMORY_MAX_BYTES ((unsigned long long)G_MAXINT64)

/* The defaults upstream's QEMU driver writes for VGA-class devices. */
#define VIR_DOMAIN_VIDEO_DEFAULT_VRAM 16384
/* ... and for QXL's RAM and VRAM bars. */
#define VIR_DOMAIN_VIDEO_QXL_DEFAULT_RAM 65536

/* Reports a VIR_FROM_XML error, as upstream's XML helpers do. */
#define virDomainReportXMLError(code, ...) \
    virReportErrorHelper(VIR_FROM_XML, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)
/* Reports an error upstream's QEMU driver raises (its checks are ours:
 * this is the only driver). */
#define virDomainReportQEMUError(code, ...) \
    virReportErrorHelper(VIR_FROM_QEMU, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)
/* Reports an error from a generic utility's domain (none). */
#define virDomainReportUtilError(code, ...) \
    virReportErrorHelper(VIR_FROM_NONE, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)


/* ---- Freeing ---- */

/**
 * virDomainDeviceInfoClear:
 * @info: a device's info; left empty
 */
void
virDomainDeviceInfoClear(virDomainDeviceInfo *info)
{
    g_clear_pointer(&info->alias, g_free);
    memset(info, 0, sizeof(*info));
}


/**
 * virDomainDiskDefFree:
 * @def: a disk, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainDiskDefFree(virDomainDiskDef *def)
{
    if (!def)
        return;
    g_free(def->src);
    g_free(def->driverName);
    g_free(def->dst);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainControllerDefFree:
 * @def: a controller, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainControllerDefFree(virDomainControllerDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainNetDefFree:
 * @def: an interface, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainNetDefFree(virDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->network);
    g_free(def->bridge);
    g_free(def->ifname);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainChrDefFree:
 * @def: a serial port or console, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainChrDefFree(virDomainChrDef *def)
{
    if (!def)
        return;
    g_free(def->path);
    g_free(def->targetName);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainInputDefFree:
 * @def: an input device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainInputDefFree(virDomainInputDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainGraphicsDefFree:
 * @def: a graphics device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainGraphicsDefFree(virDomainGraphicsDef *def)
{
    if (!def)
        return;
    g_free(def->listenAddress);
    g_free(def);
}


/**
 * virDomainAudioDefFree:
 * @def: an audio backend, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainAudioDefFree(virDomainAudioDef *def)
{
    g_free(def);
}


/**
 * virDomainVideoDefFree:
 * @def: a video device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainVideoDefFree(virDomainVideoDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainMemballoonDefFree:
 * @def: a balloon, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainMemballoonDefFree(virDomainMemballoonDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainRNGDefFree:
 * @def: an RNG device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainRNGDefFree(virDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->source);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainSoundDefFree:
 * @def: a sound device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainSoundDefFree(virDomainSoundDef *def)
{
    if (!def)
        return;
    g_free(def->codecs);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainRedirdevDefFree:
 * @def: a redirected USB device, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainRedirdevDefFree(virDomainRedirdevDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainWatchdogDefFree:
 * @def: a watchdog, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainWatchdogDefFree(virDomainWatchdogDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}


/**
 * virDomainTimerDefFree:
 * @def: a timer, or NULL
 *
 * Frees @def.
 */
void
virDomainTimerDefFree(virDomainTimerDef *def)
{
    g_free(def);
}


/**
 * virDomainCPUDefFree:
 * @def: a CPU definition, or NULL
 *
 * Frees @def and what it holds.
 */
void
virDomainCPUDefFree(virDomainCPUDef *def)
{
    if (!def)
        return;
    g_free(def->mode);
    g_free(def->match);
    g_free(def->check);
    g_free(def->fallback);
    g_free(def->model);
    g_free(def);
}


/**
 * virDomainDefNew:
 *
 * Returns: an empty definition: no id (-1), the upstream defaults for
 * the life cycle actions, no devices.
 */
virDomainDef *
virDomainDefNew(void)
{
    virDomainDef *def = g_new0(virDomainDef, 1);

    def->id = -1;
    def->onPoweroff = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    def->onReboot = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    return def;
}


#define VIR_DOMAIN_FREE_ARRAY(arr, n, freefunc) \
    do { \
        for (size_t _i = 0; _i < (n); _i++) \
            freefunc((arr)[_i]); \
        g_free(arr); \
    } while (0)

/**
 * virDomainDefFree:
 * @def: a definition, possibly half built; may be NULL
 *
 * Frees @def and every device in it.
 */
void
virDomainDefFree(virDomainDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->os.arch);
    g_free(def->os.machine);
    g_free(def->os.kernel);
    g_free(def->os.initrd);
    g_free(def->os.cmdline);
    g_free(def->os.loader);
    g_free(def->os.nvram);
    g_free(def->os.nvramTemplate);
    virDomainCPUDefFree(def->cpu);
    VIR_DOMAIN_FREE_ARRAY(def->timers, def->ntimers, virDomainTimerDefFree);
    g_free(def->emulator);
    VIR_DOMAIN_FREE_ARRAY(def->disks, def->ndisks, virDomainDiskDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->controllers, def->ncontrollers,
                          virDomainControllerDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->nets, def->nnets, virDomainNetDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->serials, def->nserials, virDomainChrDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->consoles, def->nconsoles, virDomainChrDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->channels, def->nchannels, virDomainChrDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->inputs, def->ninputs, virDomainInputDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->graphics, def->ngraphics,
                          virDomainGraphicsDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->audios, def->naudios, virDomainAudioDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->sounds, def->nsounds, virDomainSoundDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->videos, def->nvideos, virDomainVideoDefFree);
    VIR_DOMAIN_FREE_ARRAY(def->redirdevs, def->nredirdevs,
                          virDomainRedirdevDefFree);
    virDomainWatchdogDefFree(def->watchdog);
    virDomainMemballoonDefFree(def->memballoon);
    VIR_DOMAIN_FREE_ARRAY(def->rngs, def->nrngs, virDomainRNGDefFree);
    g_free(def);
}


/* Appends @item (stolen) to an array of pointers. */
#define VIR_DOMAIN_APPEND(arr, n, item) \
    do { \
        (arr) = g_renew(typeof(*(arr)), (arr), (n) + 1); \
        (arr)[(n)++] = g_steal_pointer(&(item)); \
    } while (0)

/* Inserts @item (stolen) at @pos of an array of pointers. */
#define VIR_DOMAIN_INSERT(arr, n, pos, item) \
    do { \
        (arr) = g_renew(typeof(*(arr)), (arr), (n) + 1); \
        memmove((arr) + (pos) + 1, (arr) + (pos), \
                ((n) - (pos)) * sizeof(*(arr))); \
        (arr)[(pos)] = g_steal_pointer(&(item)); \
        (n)++; \
    } while (0)


/* ---- What the XML may contain ---- */

/*
 * One element of the subset: where it is (the names of the elements
 * from the root down, joined with '/'), the attributes it may have and
 * the child elements it may contain.  A child listed with a trailing
 * '*' may repeat; the others may appear at most once.  Anything not
 * listed is refused before any value is read, so that nothing the user
 * asked for is ever dropped silently.  Attributes of <address> depend
 * on its type and are checked by its parser (attrs NULL).
 */
typedef struct _virDomainSchemaElement virDomainSchemaElement;
struct _virDomainSchemaElement {
    const char *path;
    const char *const *attrs;
    const char *const *children;
};

#define VIR_SCHEMA_LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define VIR_SCHEMA_NONE ((const char *const[]){ NULL })

#define VIR_SCHEMA_INFO "alias", "address"

static const virDomainSchemaElement virDomainSchema[] = {
    { "domain", VIR_SCHEMA_LIST("type", "id"),
      VIR_SCHEMA_LIST("name", "uuid", "title", "description", "memory",
                      "currentMemory", "vcpu", "os", "features", "cpu",
                      "clock", "on_poweroff", "on_reboot", "on_crash", "pm",
                      "devices") },
    { "domain/name", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/uuid", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/title", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/description", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/memory", VIR_SCHEMA_LIST("unit"), VIR_SCHEMA_NONE },
    { "domain/currentMemory", VIR_SCHEMA_LIST("unit"), VIR_SCHEMA_NONE },
    { "domain/vcpu", VIR_SCHEMA_LIST("placement"), VIR_SCHEMA_NONE },
    { "domain/os", VIR_SCHEMA_LIST("firmware"),
      VIR_SCHEMA_LIST("type", "loader", "nvram", "boot*", "kernel", "initrd",
                      "cmdline") },
    { "domain/os/loader", VIR_SCHEMA_LIST("readonly", "secure", "type"),
      VIR_SCHEMA_NONE },
    { "domain/os/nvram", VIR_SCHEMA_LIST("template"), VIR_SCHEMA_NONE },
    { "domain/os/type", VIR_SCHEMA_LIST("arch", "machine"), VIR_SCHEMA_NONE },
    { "domain/os/boot", VIR_SCHEMA_LIST("dev"), VIR_SCHEMA_NONE },
    { "domain/os/kernel", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/os/initrd", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/os/cmdline", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/features", VIR_SCHEMA_NONE,
      VIR_SCHEMA_LIST("acpi", "apic", "vmport", "smm") },
    { "domain/features/acpi", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/features/apic", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/features/vmport", VIR_SCHEMA_LIST("state"), VIR_SCHEMA_NONE },
    { "domain/features/smm", VIR_SCHEMA_LIST("state"), VIR_SCHEMA_NONE },
    { "domain/cpu", VIR_SCHEMA_LIST("mode", "match", "check"),
      VIR_SCHEMA_LIST("model") },
    { "domain/cpu/model", VIR_SCHEMA_LIST("fallback"), VIR_SCHEMA_NONE },
    { "domain/clock", VIR_SCHEMA_LIST("offset"), VIR_SCHEMA_LIST("timer*") },
    { "domain/clock/timer", VIR_SCHEMA_LIST("name", "present", "tickpolicy"),
      VIR_SCHEMA_NONE },
    { "domain/pm", VIR_SCHEMA_NONE,
      VIR_SCHEMA_LIST("suspend-to-mem", "suspend-to-disk") },
    { "domain/pm/suspend-to-mem", VIR_SCHEMA_LIST("enabled"), VIR_SCHEMA_NONE },
    { "domain/pm/suspend-to-disk", VIR_SCHEMA_LIST("enabled"), VIR_SCHEMA_NONE },
    { "domain/on_poweroff", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/on_reboot", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/on_crash", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/devices", VIR_SCHEMA_NONE,
      VIR_SCHEMA_LIST("emulator", "disk*", "controller*", "interface*",
                      "serial*", "console*", "channel*", "input*",
                      "graphics*", "sound*", "audio*", "video*", "redirdev*",
                      "watchdog*", "memballoon*", "rng*") },
    { "domain/devices/emulator", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },

    { "domain/devices/disk", VIR_SCHEMA_LIST("type", "device"),
      VIR_SCHEMA_LIST("driver", "source", "target", "readonly", "shareable",
                      "boot", VIR_SCHEMA_INFO) },
    { "domain/devices/disk/driver", VIR_SCHEMA_LIST("name", "type", "cache"),
      VIR_SCHEMA_NONE },
    { "domain/devices/disk/source", VIR_SCHEMA_LIST("file", "dev"),
      VIR_SCHEMA_NONE },
    { "domain/devices/disk/target", VIR_SCHEMA_LIST("dev", "bus"),
      VIR_SCHEMA_NONE },
    { "domain/devices/disk/readonly", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/devices/disk/shareable", VIR_SCHEMA_NONE, VIR_SCHEMA_NONE },
    { "domain/devices/disk/boot", VIR_SCHEMA_LIST("order"), VIR_SCHEMA_NONE },
    { "domain/devices/disk/alias", VIR_SCHEMA_LIST("name"), VIR_SCHEMA_NONE },
    { "domain/devices/disk/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/controller", VIR_SCHEMA_LIST("type", "index", "model"),
      VIR_SCHEMA_LIST("master", "model", "target", VIR_SCHEMA_INFO) },
    { "domain/devices/controller/master", VIR_SCHEMA_LIST("startport"),
      VIR_SCHEMA_NONE },
    { "domain/devices/controller/model", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/controller/target", VIR_SCHEMA_LIST("chassis", "port"),
      VIR_SCHEMA_NONE },
    { "domain/devices/controller/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/controller/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/interface", VIR_SCHEMA_LIST("type"),
      VIR_SCHEMA_LIST("mac", "source", "target", "model", "boot", VIR_SCHEMA_INFO) },
    { "domain/devices/interface/mac", VIR_SCHEMA_LIST("address"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/source", VIR_SCHEMA_LIST("network", "bridge"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/target", VIR_SCHEMA_LIST("dev"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/model", VIR_SCHEMA_LIST("type"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/boot", VIR_SCHEMA_LIST("order"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/interface/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/serial", VIR_SCHEMA_LIST("type"),
      VIR_SCHEMA_LIST("source", "target", "alias") },
    { "domain/devices/serial/source", VIR_SCHEMA_LIST("path", "mode"),
      VIR_SCHEMA_NONE },
    { "domain/devices/serial/target", VIR_SCHEMA_LIST("type", "port"),
      VIR_SCHEMA_LIST("model") },
    { "domain/devices/serial/target/model", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/serial/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },

    { "domain/devices/console", VIR_SCHEMA_LIST("type", "tty"),
      VIR_SCHEMA_LIST("source", "target", "alias") },
    { "domain/devices/console/source", VIR_SCHEMA_LIST("path", "mode"),
      VIR_SCHEMA_NONE },
    { "domain/devices/console/target", VIR_SCHEMA_LIST("type", "port"),
      VIR_SCHEMA_NONE },
    { "domain/devices/console/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },

    { "domain/devices/channel", VIR_SCHEMA_LIST("type"),
      VIR_SCHEMA_LIST("source", "target", VIR_SCHEMA_INFO) },
    { "domain/devices/channel/source", VIR_SCHEMA_LIST("path", "mode"),
      VIR_SCHEMA_NONE },
    { "domain/devices/channel/target", VIR_SCHEMA_LIST("type", "name", "state"),
      VIR_SCHEMA_NONE },
    { "domain/devices/channel/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/channel/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/input", VIR_SCHEMA_LIST("type", "bus"),
      VIR_SCHEMA_LIST(VIR_SCHEMA_INFO) },
    { "domain/devices/input/address", NULL, VIR_SCHEMA_NONE },
    { "domain/devices/input/alias", VIR_SCHEMA_LIST("name"), VIR_SCHEMA_NONE },

    { "domain/devices/graphics",
      VIR_SCHEMA_LIST("type", "port", "tlsPort", "autoport", "listen"),
      VIR_SCHEMA_LIST("listen", "image") },
    { "domain/devices/graphics/image", VIR_SCHEMA_LIST("compression"),
      VIR_SCHEMA_NONE },
    { "domain/devices/graphics/listen", VIR_SCHEMA_LIST("type", "address"),
      VIR_SCHEMA_NONE },

    { "domain/devices/audio", VIR_SCHEMA_LIST("id", "type"), VIR_SCHEMA_NONE },

    { "domain/devices/video", VIR_SCHEMA_NONE,
      VIR_SCHEMA_LIST("model", VIR_SCHEMA_INFO) },
    { "domain/devices/video/model",
      VIR_SCHEMA_LIST("type", "ram", "vram", "vgamem", "heads", "primary"),
      VIR_SCHEMA_NONE },
    { "domain/devices/video/alias", VIR_SCHEMA_LIST("name"), VIR_SCHEMA_NONE },
    { "domain/devices/video/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/memballoon", VIR_SCHEMA_LIST("model"),
      VIR_SCHEMA_LIST("stats", VIR_SCHEMA_INFO) },
    { "domain/devices/memballoon/stats", VIR_SCHEMA_LIST("period"),
      VIR_SCHEMA_NONE },
    { "domain/devices/memballoon/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/memballoon/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/rng", VIR_SCHEMA_LIST("model"),
      VIR_SCHEMA_LIST("backend", VIR_SCHEMA_INFO) },
    { "domain/devices/rng/backend", VIR_SCHEMA_LIST("model"), VIR_SCHEMA_NONE },
    { "domain/devices/rng/alias", VIR_SCHEMA_LIST("name"), VIR_SCHEMA_NONE },
    { "domain/devices/rng/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/sound", VIR_SCHEMA_LIST("model"),
      VIR_SCHEMA_LIST("codec*", VIR_SCHEMA_INFO) },
    { "domain/devices/sound/codec", VIR_SCHEMA_LIST("type"), VIR_SCHEMA_NONE },
    { "domain/devices/sound/alias", VIR_SCHEMA_LIST("name"), VIR_SCHEMA_NONE },
    { "domain/devices/sound/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/redirdev", VIR_SCHEMA_LIST("bus", "type"),
      VIR_SCHEMA_LIST(VIR_SCHEMA_INFO) },
    { "domain/devices/redirdev/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/redirdev/address", NULL, VIR_SCHEMA_NONE },

    { "domain/devices/watchdog", VIR_SCHEMA_LIST("model", "action"),
      VIR_SCHEMA_LIST(VIR_SCHEMA_INFO) },
    { "domain/devices/watchdog/alias", VIR_SCHEMA_LIST("name"),
      VIR_SCHEMA_NONE },
    { "domain/devices/watchdog/address", NULL, VIR_SCHEMA_NONE },
};


static const virDomainSchemaElement *
virDomainSchemaLookup(const char *path)
{
    for (size_t i = 0; i < G_N_ELEMENTS(virDomainSchema); i++) {
        if (STREQ(virDomainSchema[i].path, path))
            return &virDomainSchema[i];
    }
    return NULL;
}


/* Whether @children lists @name; *repeat says if it may repeat. */
static bool
virDomainSchemaHasChild(const char *const *children, const char *name,
                        bool *repeat)
{
    size_t len = strlen(name);

    for (size_t i = 0; children[i]; i++) {
        if (STRPREFIX(children[i], name) &&
            (children[i][len] == '\0' ||
             (children[i][len] == '*' && children[i][len + 1] == '\0'))) {
            *repeat = children[i][len] == '*';
            return true;
        }
    }
    return false;
}


/* The element's name as the user wrote it, with a namespace prefix. */
static char *
virDomainSchemaNodeName(xmlNodePtr node)
{
    if (node->ns && node->ns->prefix)
        return g_strdup_printf("%s:%s", node->ns->prefix, node->name);
    return g_strdup((const char *)node->name);
}


static int
virDomainSchemaCheckNode(xmlNodePtr node, const char *path)
{
    const virDomainSchemaElement *elem = virDomainSchemaLookup(path);
    g_autofree char *nodeName = virDomainSchemaNodeName(node);

    /* The caller looked it up already; the root is checked before. */
    if (!elem)
        return 0;

    if (elem->attrs) {
        for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
            g_autofree char *attrName = NULL;

            if (!attr->ns && virXMLStringInList((const char *)attr->name,
                                                elem->attrs))
                continue;
            if (attr->ns && attr->ns->prefix)
                attrName = g_strdup_printf("%s:%s", attr->ns->prefix, attr->name);
            else
                attrName = g_strdup((const char *)attr->name);
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute '%1$s' of element <%2$s> is not supported"),
                           attrName, nodeName);
            return -1;
        }
    }

    for (xmlNodePtr child = node->children; child; child = child->next) {
        g_autofree char *childName = NULL;
        g_autofree char *childPath = NULL;
        bool repeat = false;

        if (child->type != XML_ELEMENT_NODE)
            continue;
        childName = virDomainSchemaNodeName(child);
        if (child->ns ||
            !virDomainSchemaHasChild(elem->children, childName, &repeat)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("element '%1$s' in <%2$s> is not supported"),
                           childName, nodeName);
            return -1;
        }
        if (!repeat) {
            for (xmlNodePtr prev = node->children; prev != child;
                 prev = prev->next) {
                if (prev->type == XML_ELEMENT_NODE && !prev->ns &&
                    xmlStrEqual(prev->name, child->name)) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   _("element '%1$s' may appear only once in <%2$s>"),
                                   childName, nodeName);
                    return -1;
                }
            }
        }
        childPath = g_strdup_printf("%s/%s", path, childName);
        if (virDomainSchemaCheckNode(child, childPath) < 0)
            return -1;
    }
    return 0;
}


/*
 * Walks the whole document and refuses the first element or attribute
 * outside the subset: VIR_ERR_CONFIG_UNSUPPORTED naming it and where it
 * is.  An element that must be unique but repeats is VIR_ERR_XML_ERROR.
 */
static int
virDomainSchemaCheck(xmlNodePtr root)
{
    return virDomainSchemaCheckNode(root, "domain");
}


/* ---- Parsing helpers ---- */

/*
 * Reads attribute @name of @node as a value of an enum we implement in
 * part.  A value upstream defines but we do not implement is refused
 * as unsupported.  Any other unknown value is refused with upstream's
 * message for it: @unknownFmt (VIR_ERR_CONFIG_UNSUPPORTED, with the
 * value as %1$s) when upstream has one for this attribute, else the
 * generic VIR_ERR_XML_ERROR of its XML helpers.  Value 0 of the enum
 * is refused when @nonzero (it means "not given").
 *
 * Returns: 1 when read, 0 when absent, -1 with an error reported.
 */
static int
virDomainPropEnum(xmlNodePtr node, const char *name,
                  int (*fromString)(const char *), const char *const *known,
                  const char *unknownFmt, bool nonzero, int *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    int v;

    if (!val)
        return 0;
    v = fromString(val);
    if (v > 0 || (v == 0 && !nonzero)) {
        *result = v;
        return 1;
    }
    if (virXMLStringInList(val, known)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("value '%1$s' of attribute '%2$s' in element '%3$s' is not supported"),
                       val, name, (const char *)node->name);
    } else if (unknownFmt) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, unknownFmt, val);
#pragma GCC diagnostic pop
    } else {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                                name, (const char *)node->name, val);
    }
    return -1;
}


/* The text of child element @name of @node, or NULL when the element
 * is absent or empty (upstream treats both alike). */
static char *
virDomainChildContent(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = virXMLNodeFirstChild(node, name);
    g_autofree char *text = NULL;

    if (!child)
        return NULL;
    text = virXMLNodeContentString(child);
    if (!*text)
        return NULL;
    return g_steal_pointer(&text);
}


/*
 * The longest file the driver writes for a domain is named
 * "NAME.xml.new-XXXXXX", 15 bytes more than the name; 16 more are kept
 * for a suffix yet to come.  A longer name would fail with
 * ENAMETOOLONG at the first write, so it is refused at define.
 */
#define VIR_DOMAIN_NAME_MAX_BYTES (255 - 15 - 16)


/* The first control character (C0 or DEL) of @str, or 0. */
static unsigned char
virDomainFindControl(const char *str)
{
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return *p;
    }
    return 0;
}


/*
 * A domain name names the driver's files and appears in QEMU's
 * command line and in every message: it must be one file name, and
 * show as what it is.  Upstream refuses '/' and (at define) a newline,
 * with these messages; the rest is ours: other control characters, "."
 * and "..", and names too long for the files named after them.
 */
static int
virDomainDefCheckName(const char *name)
{
    unsigned char c;

    if (!name || !*name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return -1;
    }
    if (strchr(name, '/')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name %1$s cannot contain '/'"), name);
        return -1;
    }
    if (strchr(name, '\n')) {
        virDomainReportXMLError(VIR_ERR_XML_DETAIL,
                                _("invalid char in %1$s: %2$c"), "name", '\n');
        return -1;
    }
    if ((c = virDomainFindControl(name))) {
        g_autofree char *shown = g_strescape(name, NULL);

        virReportError(VIR_ERR_XML_ERROR,
                       _("name '%1$s' cannot contain control characters (found 0x%2$02x)"),
                       shown, c);
        return -1;
    }
    if (STREQ(name, ".") || STREQ(name, "..")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name '%1$s' cannot be used: it is not a file name the driver can use for the domain's files"),
                       name);
        return -1;
    }
    if (strlen(name) > VIR_DOMAIN_NAME_MAX_BYTES) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain name is %1$zu bytes long: at most %2$d bytes are supported, so that the files named after it fit in a file name"),
                       strlen(name), VIR_DOMAIN_NAME_MAX_BYTES);
        return -1;
    }
    return 0;
}


/* Refuses a path with a control character: a path is written to files
 * and logs, and shown in messages, where such a character would hide
 * or fake what follows; no real image or device needs one. */
static int
virDomainCheckPathControl(const char *path, const char *what)
{
    unsigned char c;

    if (path && (c = virDomainFindControl(path))) {
        g_autofree char *shown = g_strescape(path, NULL);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("%1$s '%2$s' contains a control character (0x%3$02x), which is not supported"),
                       what, shown, c);
        return -1;
    }
    return 0;
}


/* Refuses a path that is not absolute: QEMU would resolve it against
 * whatever its working directory happens to be. */
static int
virDomainCheckAbsolutePath(const char *path, const char *what,
                           const char *owner)
{
    if (path && !g_path_is_absolute(path)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("relative path '%1$s' of %2$s '%3$s' is not supported: use an absolute path"),
                       path, what, owner);
        return -1;
    }
    return 0;
}


/**
 * virDomainDiskNameToIndex:
 * @name: a disk target name, e.g. "vda", "hdc", "sdaa"
 *
 * The letters after the prefix (hd, sd, vd, fd, xvd, ubd) count from
 * 0: a is 0, z is 25, aa is 26.
 *
 * Returns: the index, or -1 when @name is not a disk target name.
 */
int
virDomainDiskNameToIndex(const char *name)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    long idx = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        if (STRPREFIX(name, prefixes[i])) {
            p = name + strlen(prefixes[i]);
            break;
        }
    }
    if (!p || !*p)
        return -1;
    for (; *p; p++) {
        if (*p < 'a' || *p > 'z')
            return -1;
        idx = idx * 26 + (*p - 'a' + 1);
        if (idx > G_MAXINT / 26)
            return -1;
    }
    return idx - 1;
}


/* The bus a target name implies when <target> has no bus. */
static virDomainDiskBus
virDomainDiskBusFromTarget(const char *dst)
{
    if (STRPREFIX(dst, "vd"))
        return VIR_DOMAIN_DISK_BUS_VIRTIO;
    if (STRPREFIX(dst, "sd"))
        return VIR_DOMAIN_DISK_BUS_SCSI;
    return VIR_DOMAIN_DISK_BUS_IDE;
}


static int
virDomainPCIAddressParse(xmlNodePtr node, virPCIDeviceAddress *addr)
{
    int multi = VIR_TRISTATE_SWITCH_ABSENT;

    if (virXMLPropUInt(node, "domain", 0, 0, &addr->domain) < 0 ||
        virXMLPropUInt(node, "bus", 0, 0, &addr->bus) < 0 ||
        virXMLPropUInt(node, "slot", 0, 0, &addr->slot) < 0 ||
        virXMLPropUInt(node, "function", 0, 0, &addr->function) < 0 ||
        virXMLPropEnum(node, "multifunction", virTristateSwitchTypeFromString,
                       VIR_XML_PROP_NONZERO, &multi) < 0)
        return -1;
    addr->multifunction = multi;

    if (addr->bus > 0xFF) {
        virDomainReportUtilError(VIR_ERR_XML_ERROR,
                                 _("Invalid PCI address bus='0x%1$x', must be <= 0xFF"),
                                 addr->bus);
        return -1;
    }
    if (addr->slot > 0x1F) {
        virDomainReportUtilError(VIR_ERR_XML_ERROR,
                                 _("Invalid PCI address slot='0x%1$x', must be <= 0x1F"),
                                 addr->slot);
        return -1;
    }
    if (addr->function > 7) {
        virDomainReportUtilError(VIR_ERR_XML_ERROR,
                                 _("Invalid PCI address function=0x%1$x, must be <= 7"),
                                 addr->function);
        return -1;
    }
    /* Bus 0 slot 0 is accepted, as upstream accepts it: the driver
     * treats it as no address given and assigns one. */
    return 0;
}


static int
virDomainDriveAddressParse(xmlNodePtr node, virDomainDeviceDriveAddress *addr)
{
    if (virXMLPropUInt(node, "controller", 10, 0, &addr->controller) < 0 ||
        virXMLPropUInt(node, "bus", 10, 0, &addr->bus) < 0 ||
        virXMLPropUInt(node, "target", 10, 0, &addr->target) < 0 ||
        virXMLPropUInt(node, "unit", 10, 0, &addr->unit) < 0)
        return -1;
    return 0;
}


static int
virDomainVirtioSerialAddressParse(xmlNodePtr node,
                                  virDomainDeviceVirtioSerialAddress *addr)
{
    if (virXMLPropUInt(node, "controller", 10, 0, &addr->controller) < 0 ||
        virXMLPropUInt(node, "bus", 10, 0, &addr->bus) < 0 ||
        virXMLPropUInt(node, "port", 10, 0, &addr->port) < 0)
        return -1;
    return 0;
}


/* A port behind a hub ("1.2") is refused: there are no hubs. */
static int
virDomainUSBAddressParse(xmlNodePtr node, virDomainDeviceUSBAddress *addr)
{
    g_autofree char *port = virXMLPropString(node, "port");
    guint64 val = 0;

    if (virXMLPropUInt(node, "bus", 10, 0, &addr->bus) < 0)
        return -1;
    if (port &&
        (!g_ascii_isdigit(*port) ||
         !g_ascii_string_to_unsigned(port, 10, 1, 255, &val, NULL))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("USB port '%1$s' is not supported: only ports 1 to 255 of the root hub exist, there are no USB hubs"),
                       port);
        return -1;
    }
    addr->port = val;
    return 0;
}


/* <address type='...' .../> */
static int
virDomainDeviceAddressParse(xmlNodePtr node, virDomainDeviceInfo *info)
{
    static const char *const pciAttrs[] = {
        "type", "domain", "bus", "slot", "function", "multifunction", NULL
    };
    static const char *const driveAttrs[] = {
        "type", "controller", "bus", "target", "unit", NULL
    };
    static const char *const vioserialAttrs[] = {
        "type", "controller", "bus", "port", NULL
    };
    static const char *const usbAttrs[] = { "type", "bus", "port", NULL };
    const char *const *attrs = driveAttrs;
    int type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
    int rc;

    if ((rc = virDomainPropEnum(node, "type",
                                virDomainDeviceAddressTypeFromString,
                                virDomainDeviceAddressKnown,
                                _("unknown address type '%1$s'"),
                                true, &type)) < 0)
        return -1;
    if (rc == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("No type specified for device address"));
        return -1;
    }

    if (type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        attrs = pciAttrs;
    else if (type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL)
        attrs = vioserialAttrs;
    else if (type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB)
        attrs = usbAttrs;
    for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
        if (attr->ns || !virXMLStringInList((const char *)attr->name, attrs)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute '%1$s' of element <address type='%2$s'> is not supported"),
                           (const char *)attr->name,
                           virDomainDeviceAddressTypeToString(type));
            return -1;
        }
    }

    info->type = type;
    switch ((virDomainDeviceAddressType)type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        return virDomainPCIAddressParse(node, &info->addr.pci);
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        return virDomainVirtioSerialAddressParse(node, &info->addr.vioserial);
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        return virDomainUSBAddressParse(node, &info->addr.usb);
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    return virDomainDriveAddressParse(node, &info->addr.drive);
}


/*
 * The children every device may have: <alias>, <address>, and (when
 * @allowBoot) <boot order='N'/>.  Aliases are the driver's names for
 * running devices: a persistent definition ignores them, as upstream
 * does, except user aliases ("ua-" prefix), which we do not implement.
 */
static int
virDomainDeviceInfoParse(xmlNodePtr node, virDomainDeviceInfo *info,
                         unsigned int flags)
{
    xmlNodePtr child;

    if ((child = virXMLNodeFirstChild(node, "alias"))) {
        g_autofree char *alias = virXMLPropString(child, "name");

        if (!alias || !*alias) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing 'name' attribute of device <alias>"));
            return -1;
        }
        if (STRPREFIX(alias, "ua-")) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("user alias '%1$s' is not supported"), alias);
            return -1;
        }
        if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
            info->alias = g_steal_pointer(&alias);
    }

    if ((child = virXMLNodeFirstChild(node, "boot"))) {
        if (virXMLPropUInt(child, "order", 10,
                           VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                           &info->bootIndex) < 0)
            return -1;
    }

    if ((child = virXMLNodeFirstChild(node, "address"))) {
        if (virDomainDeviceAddressParse(child, info) < 0)
            return -1;
    }
    return 0;
}


/* ---- Devices ---- */

static virDomainDiskDef *
virDomainDiskDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainDiskDef) def = g_new0(virDomainDiskDef, 1);
    xmlNodePtr child;
    int val;
    const char *srcAttr;
    const char *otherAttr;

    def->type = VIR_STORAGE_TYPE_FILE;
    val = def->type;
    if (virDomainPropEnum(node, "type", virStorageTypeFromString,
                          virStorageKnown, NULL, true, &val) < 0)
        return NULL;
    def->type = val;

    val = VIR_DOMAIN_DISK_DEVICE_DISK;
    if (virDomainPropEnum(node, "device", virDomainDiskDeviceTypeFromString,
                          virDomainDiskDeviceKnown, NULL, false, &val) < 0)
        return NULL;
    def->device = val;

    if ((child = virXMLNodeFirstChild(node, "driver"))) {
        def->driverName = virXMLPropString(child, "name");
        val = VIR_STORAGE_FILE_NONE;
        if (virDomainPropEnum(child, "type", virStorageFileFormatTypeFromString,
                              virStorageFileFormatKnown,
                              _("unknown driver format value '%1$s'"),
                              true, &val) < 0)
            return NULL;
        def->format = val;
        val = VIR_DOMAIN_DISK_CACHE_DEFAULT;
        if (virXMLPropEnum(child, "cache", virDomainDiskCacheTypeFromString,
                           0, &val) < 0)
            return NULL;
        def->cache = val;
    }

    if (def->type == VIR_STORAGE_TYPE_FILE) {
        srcAttr = "file";
        otherAttr = "dev";
    } else {
        srcAttr = "dev";
        otherAttr = "file";
    }
    if ((child = virXMLNodeFirstChild(node, "source"))) {
        g_autofree char *other = virXMLPropString(child, otherAttr);

        if (other) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute '%1$s' of <source> is not supported for disk type '%2$s'"),
                           otherAttr, virStorageTypeToString(def->type));
            return NULL;
        }
        def->src = virXMLPropString(child, srcAttr);
        if (def->src && !*def->src)
            g_clear_pointer(&def->src, g_free);
    }

    if ((child = virXMLNodeFirstChild(node, "target")))
        def->dst = virXMLPropString(child, "dev");
    if (!def->dst || !*def->dst) {
        if (def->src) {
            virReportError(VIR_ERR_NO_TARGET, "%s", def->src);
        } else {
            virReportError(VIR_ERR_NO_TARGET, NULL);
        }
        return NULL;
    }
    val = VIR_DOMAIN_DISK_BUS_NONE;
    if (virDomainPropEnum(child, "bus", virDomainDiskBusTypeFromString,
                          virDomainDiskBusKnown, NULL, true, &val) < 0)
        return NULL;
    def->bus = val;
    if (def->bus == VIR_DOMAIN_DISK_BUS_NONE)
        def->bus = virDomainDiskBusFromTarget(def->dst);

    def->readonly = virXMLNodeFirstChild(node, "readonly") != NULL;
    def->shareable = virXMLNodeFirstChild(node, "shareable") != NULL;
    /* A disk other guests write must not be cached by this one's host
     * side: upstream turns the default cache mode into 'none'. */
    if (def->shareable && def->cache == VIR_DOMAIN_DISK_CACHE_DEFAULT)
        def->cache = VIR_DOMAIN_DISK_CACHE_DISABLE;

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


/* The QEMU device name upstream writes in <model name='...'/> of a PCI
 * controller, or NULL when the model has none. */
static const char *
virDomainControllerPCIModelName(int model)
{
    switch (model) {
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        return "pcie-root-port";
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        return "pcie-pci-bridge";
    }
    return NULL;
}


/* <master startport/> of a USB companion, <model name/> and <target
 * chassis port/> of a PCI controller. */
static int
virDomainControllerDefParseExtra(xmlNodePtr node, virDomainControllerDef *def)
{
    xmlNodePtr master = virXMLNodeFirstChild(node, "master");
    xmlNodePtr model = virXMLNodeFirstChild(node, "model");
    xmlNodePtr target = virXMLNodeFirstChild(node, "target");
    const char *ctype = virDomainControllerTypeToString(def->type);

    def->startport = -1;
    def->chassis = -1;
    def->port = -1;

    if (master) {
        unsigned int startport;

        if (def->type != VIR_DOMAIN_CONTROLLER_TYPE_USB) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("element <master> is not supported for controller type '%1$s'"),
                           ctype);
            return -1;
        }
        if (virXMLPropUInt(master, "startport", 10, VIR_XML_PROP_REQUIRED,
                           &startport) < 0)
            return -1;
        if (startport > 255) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("USB companion startport %1$u is out of range"),
                           startport);
            return -1;
        }
        def->startport = startport;
    }

    if ((model || target) && def->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("element <%1$s> is not supported for controller type '%2$s'"),
                       model ? "model" : "target", ctype);
        return -1;
    }
    if (model) {
        g_autofree char *name = virXMLPropString(model, "name");
        const char *expect = virDomainControllerPCIModelName(def->model);

        if (!name || !expect || STRNEQ(name, expect)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("PCI controller model name '%1$s' is not supported for model '%2$s'"),
                           NULLSTR(name),
                           def->model >= 0 ?
                           virDomainControllerModelPCITypeToString(def->model) :
                           "(null)");
            return -1;
        }
    }
    if (target) {
        unsigned int chassis = 0;
        unsigned int port = 0;
        int rc;

        if (def->model != VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("element <target> of a PCI controller is supported for model 'pcie-root-port' only"));
            return -1;
        }
        if ((rc = virXMLPropUInt(target, "chassis", 10, 0, &chassis)) < 0)
            return -1;
        if (rc > 0) {
            if (chassis > 255) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("PCI controller chassis '%1$u' out of range - must be 0-255"),
                               chassis);
                return -1;
            }
            def->chassis = chassis;
        }
        if ((rc = virXMLPropUInt(target, "port", 0, 0, &port)) < 0)
            return -1;
        if (rc > 0) {
            if (port > 255) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("PCI controller port '%1$u' out of range - must be 0-255"),
                               port);
                return -1;
            }
            def->port = port;
        }
    }
    return 0;
}


static virDomainControllerDef *
virDomainControllerDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainControllerDef) def = g_new0(virDomainControllerDef, 1);
    g_autofree char *model = NULL;
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "type", virDomainControllerTypeFromString,
                                virDomainControllerKnown, NULL, false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing 'type' attribute of <controller>"));
        return NULL;
    }
    def->type = val;

    /* Without an index, post-parse picks the first one free. */
    if ((rc = virXMLPropInt(node, "index", 10, 0, &val)) < 0)
        return NULL;
    if (rc > 0 && val < 0) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Invalid value for attribute 'index' in element 'controller': '%1$d'. Expected non-negative value"),
                                val);
        return NULL;
    }
    def->idx = rc > 0 ? (unsigned int)val : UINT_MAX;

    def->model = -1;
    if ((model = virXMLPropString(node, "model"))) {
        int (*fromString)(const char *) = NULL;
        const char *const *known = NULL;

        switch (def->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            fromString = virDomainControllerModelUSBTypeFromString;
            known = virDomainControllerModelUSBKnown;
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
            fromString = virDomainControllerModelSCSITypeFromString;
            known = virDomainControllerModelSCSIKnown;
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
            fromString = virDomainControllerModelPCITypeFromString;
            known = virDomainControllerModelPCIKnown;
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
            break;
        }
        if (!fromString) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("model '%1$s' is not supported for controller type '%2$s'"),
                           model, virDomainControllerTypeToString(def->type));
            return NULL;
        }
        if (virDomainPropEnum(node, "model", fromString, known,
                              _("Unknown model type '%1$s'"), false,
                              &def->model) < 0)
            return NULL;
    }

    if (virDomainControllerDefParseExtra(node, def) < 0 ||
        virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/* Upstream accepts model names made of these characters only. */
static bool
virDomainNetModelNameIsValid(const char *model)
{
    for (const char *p = model; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
            return false;
    }
    return *model != '\0';
}


static virDomainNetDef *
virDomainNetDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainNetDef) def = g_new0(virDomainNetDef, 1);
    xmlNodePtr child;
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "type", virDomainNetTypeFromString,
                                virDomainNetKnown, NULL, false, &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing type attribute in <interface>"));
        return NULL;
    }
    def->type = val;

    if ((child = virXMLNodeFirstChild(node, "mac"))) {
        g_autofree char *mac = virXMLPropString(child, "address");

        if (!mac) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing 'address' attribute of interface <mac>"));
            return NULL;
        }
        if (virMacAddrParse(mac, &def->mac) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unable to parse mac address '%1$s'"), mac);
            return NULL;
        }
        if (virMacAddrIsMulticast(&def->mac)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("expected unicast mac address, found multicast '%1$s'"),
                           mac);
            return NULL;
        }
    } else {
        virMacAddrGenerate(virDomainQEMUMacPrefix, &def->mac);
    }

    if ((child = virXMLNodeFirstChild(node, "source"))) {
        g_autofree char *network = virXMLPropString(child, "network");
        g_autofree char *bridge = virXMLPropString(child, "bridge");

        if (def->type == VIR_DOMAIN_NET_TYPE_USER) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("element <source> is not supported for interface type '%1$s'"),
                           virDomainNetTypeToString(def->type));
            return NULL;
        }
        /* Each type has its own attribute; the other one would be
         * dropped without effect, so it is refused. */
        if ((def->type == VIR_DOMAIN_NET_TYPE_NETWORK && bridge) ||
            (def->type == VIR_DOMAIN_NET_TYPE_BRIDGE && network)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute '%1$s' of interface <source> is not supported for interface type '%2$s'"),
                           def->type == VIR_DOMAIN_NET_TYPE_BRIDGE ? "network" : "bridge",
                           virDomainNetTypeToString(def->type));
            return NULL;
        }
        if (network && *network)
            def->network = g_steal_pointer(&network);
        if (bridge && *bridge)
            def->bridge = g_steal_pointer(&bridge);
    }
    if (def->type == VIR_DOMAIN_NET_TYPE_NETWORK && !def->network) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("No <source> 'network' attribute specified with <interface type='network'/>"));
        return NULL;
    }
    if (def->type == VIR_DOMAIN_NET_TYPE_BRIDGE) {
        if (!def->bridge) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("interface type='bridge' needs a <source> element with a 'bridge' attribute"));
            return NULL;
        }
        /* Refused here rather than at start: the name reaches the
         * kernel, and what cannot name an interface is a typing error. */
        if (!virNetDevNameIsValid(def->bridge)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid bridge name '%1$s' in interface <source>"),
                           def->bridge);
            return NULL;
        }
    }

    if ((child = virXMLNodeFirstChild(node, "target"))) {
        g_autofree char *dev = virXMLPropString(child, "dev");

        if (def->type != VIR_DOMAIN_NET_TYPE_BRIDGE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("element <target> is not supported for interface type '%1$s'"),
                           virDomainNetTypeToString(def->type));
            return NULL;
        }
        if (dev && !virNetDevNameIsValid(dev)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid network interface name '%1$s' in interface <target>"),
                           dev);
            return NULL;
        }
        /* The kernel's names belong to one run, as upstream decides. */
        if (dev && (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
            g_str_has_prefix(dev, VIR_NET_DEV_TAP_PREFIX))
            g_clear_pointer(&dev, g_free);
        def->ifname = g_steal_pointer(&dev);
    }

    if ((child = virXMLNodeFirstChild(node, "model"))) {
        g_autofree char *model = virXMLPropString(child, "type");

        if (!model) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing 'type' attribute of interface <model>"));
            return NULL;
        }
        if (!virDomainNetModelNameIsValid(model)) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("Model name contains invalid characters"));
            return NULL;
        }
        if ((val = virDomainNetModelTypeFromString(model)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("interface model '%1$s' is not supported"), model);
            return NULL;
        }
        def->model = val;
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainChrDef *
virDomainChrDefParse(xmlNodePtr node, virDomainChrDeviceType deviceType,
                     unsigned int flags)
{
    g_autoptr(virDomainChrDef) def = g_new0(virDomainChrDef, 1);
    xmlNodePtr source = virXMLNodeFirstChild(node, "source");
    xmlNodePtr target = virXMLNodeFirstChild(node, "target");
    int val = VIR_DOMAIN_CHR_TYPE_PTY;
    bool modeGiven = false;
    int rc = 0;

    def->deviceType = deviceType;
    def->targetPort = -1;

    if (virDomainPropEnum(node, "type", virDomainChrTypeFromString,
                          virDomainChrKnown,
                          _("unknown type presented to host for character device: %1$s"),
                          false, &val) < 0)
        return NULL;
    def->type = val;

    if (source) {
        g_autofree char *mode = virXMLPropString(source, "mode");

        switch (def->type) {
        case VIR_DOMAIN_CHR_TYPE_NULL:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("a character device of type 'null' takes no <source>"));
            return NULL;
        case VIR_DOMAIN_CHR_TYPE_PTY:
            /* The terminal QEMU allocated: live data only. */
            if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
                def->path = virXMLPropString(source, "path");
            break;
        case VIR_DOMAIN_CHR_TYPE_FILE:
        case VIR_DOMAIN_CHR_TYPE_UNIX:
            def->path = virXMLPropString(source, "path");
            break;
        case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("a character device of type 'spicevmc' takes no <source>"));
            return NULL;
        case VIR_DOMAIN_CHR_TYPE_LAST:
            break;
        }
        if (mode && def->type != VIR_DOMAIN_CHR_TYPE_UNIX) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute 'mode' of <source> is not supported for character device type '%1$s'"),
                           virDomainChrTypeToString(def->type));
            return NULL;
        }
        val = VIR_DOMAIN_CHR_SOURCE_MODE_CONNECT;
        if (virXMLPropEnum(source, "mode", virDomainChrSourceModeTypeFromString,
                           0, &val) < 0)
            return NULL;
        def->mode = val;
        modeGiven = mode != NULL;
    }
    if (def->path && !*def->path)
        g_clear_pointer(&def->path, g_free);
    if (def->type == VIR_DOMAIN_CHR_TYPE_SPICEVMC &&
        deviceType != VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("character device type 'spicevmc' is supported for <channel> only, not for <%1$s>"),
                       virDomainChrDeviceTypeToString(deviceType));
        return NULL;
    }
    /* A channel's socket without a path is one the driver names at
     * start; QEMU listens on it. */
    if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
        def->type == VIR_DOMAIN_CHR_TYPE_UNIX && !def->path) {
        if (modeGiven && def->mode != VIR_DOMAIN_CHR_SOURCE_MODE_BIND) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("a channel socket without a path must be in mode 'bind'"));
            return NULL;
        }
        def->mode = VIR_DOMAIN_CHR_SOURCE_MODE_BIND;
    } else if ((def->type == VIR_DOMAIN_CHR_TYPE_FILE ||
                def->type == VIR_DOMAIN_CHR_TYPE_UNIX) && !def->path) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("Missing source path attribute for char device"));
        return NULL;
    }

    if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        val = 0;
        if (!target || (rc = virDomainPropEnum(target, "type",
                                               virDomainChrChannelTargetTypeFromString,
                                               virDomainChrChannelTargetKnown,
                                               NULL, true, &val)) == 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("target type must be specified for channel device"));
            return NULL;
        }
        if (rc < 0)
            return NULL;
        def->targetType = val;
        def->targetName = virXMLPropString(target, "name");
        if (def->targetName && !*def->targetName)
            g_clear_pointer(&def->targetName, g_free);
    } else if (target) {
        int port = -1;

        val = 0;
        if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL) {
            xmlNodePtr model = virXMLNodeFirstChild(target, "model");

            if (virDomainPropEnum(target, "type",
                                  virDomainChrSerialTargetTypeFromString,
                                  virDomainChrSerialTargetKnown, NULL, true,
                                  &val) < 0)
                return NULL;
            def->targetType = val;
            if (model) {
                val = 0;
                if (virDomainPropEnum(model, "name",
                                      virDomainChrSerialTargetModelTypeFromString,
                                      virDomainChrSerialTargetModelKnown, NULL,
                                      true, &val) < 0)
                    return NULL;
                def->targetModel = val;
            }
        } else {
            if (virDomainPropEnum(target, "type",
                                  virDomainChrConsoleTargetTypeFromString,
                                  virDomainChrConsoleTargetKnown, NULL, true,
                                  &val) < 0)
                return NULL;
            def->targetType = val;
        }
        if (virXMLPropInt(target, "port", 10, 0, &port) < 0)
            return NULL;
        if (port < -1) {
            virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                    _("Invalid value for attribute 'port' in element 'target': '%1$d'. Expected integer value"),
                                    port);
            return NULL;
        }
        def->targetPort = port;
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainInputDef *
virDomainInputDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainInputDef) def = g_new0(virDomainInputDef, 1);
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "type", virDomainInputTypeFromString,
                                virDomainInputKnown,
                                _("unknown input device type '%1$s'"),
                                false, &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing input device type"));
        return NULL;
    }
    def->type = val;

    val = VIR_DOMAIN_INPUT_BUS_PS2;
    if (virDomainPropEnum(node, "bus", virDomainInputBusTypeFromString,
                          virDomainInputBusKnown,
                          _("unknown input bus type '%1$s'"), false, &val) < 0)
        return NULL;
    def->bus = val;

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/*
 * tlsPort and <image> of a SPICE display.  No TLS is configured for
 * SPICE (qemu.conf has no spice_tls), so, like upstream with TLS off, a
 * TLS port is refused and "-1" (pick one if TLS were on) means none.
 */
static int
virDomainGraphicsDefParseSpice(xmlNodePtr node, virDomainGraphicsDef *def)
{
    g_autofree char *tlsPort = virXMLPropString(node, "tlsPort");
    xmlNodePtr image = virXMLNodeFirstChild(node, "image");
    int val = 0;

    if (def->type != VIR_DOMAIN_GRAPHICS_TYPE_SPICE) {
        if (tlsPort || image) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("%1$s is not supported for graphics type '%2$s'"),
                           tlsPort ? "attribute 'tlsPort'" : "element <image>",
                           virDomainGraphicsTypeToString(def->type));
            return -1;
        }
        return 0;
    }
    if (tlsPort) {
        gint64 p;

        if (!g_ascii_string_to_signed(tlsPort, 10, -1, 65535, &p, NULL)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot parse spice tlsPort %1$s"), tlsPort);
            return -1;
        }
        if (p > 0) {
            virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                     _("spice TLS port set in XML configuration, but TLS is disabled in qemu.conf"));
            return -1;
        }
    }
    if (image) {
        int rc;

        if ((rc = virDomainPropEnum(image, "compression",
                                    virDomainGraphicsSpiceImageCompressionTypeFromString,
                                    NULL, NULL, true, &val)) < 0)
            return -1;
        if (rc == 0) {
            virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                    _("Missing required attribute '%1$s' in element '%2$s'"),
                                    "compression", "image");
            return -1;
        }
        def->imageCompression = val;
    }
    return 0;
}


static virDomainGraphicsDef *
virDomainGraphicsDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainGraphicsDef) def = g_new0(virDomainGraphicsDef, 1);
    g_autofree char *port = NULL;
    g_autofree char *listenAttr = NULL;
    xmlNodePtr listen;
    bool autoport = false;
    int autoportSet;
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "type", virDomainGraphicsTypeFromString,
                                virDomainGraphicsKnown, NULL, false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Missing required attribute '%1$s' in element '%2$s'"),
                                "type", "graphics");
        return NULL;
    }
    def->type = val;

    def->port = -1;
    if ((port = virXMLPropString(node, "port"))) {
        gint64 p;

        if (!g_ascii_string_to_signed(port, 10, -1, 65535, &p, NULL)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot parse vnc port %1$s"), port);
            return NULL;
        }
        def->port = p;
    }
    if ((autoportSet = virXMLPropYesNo(node, "autoport", &autoport)) < 0)
        return NULL;
    if (virDomainGraphicsDefParseSpice(node, def) < 0)
        return NULL;

    /* A port of -1 asks for one to be picked; so does autoport='yes',
     * whatever port is given, except in live XML where the port is the
     * one that was picked. */
    if (def->port == -1) {
        def->autoport = true;
    } else if (autoportSet > 0) {
        def->autoport = autoport;
        if (autoport && (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
            def->port = -1;
    }

    def->listenType = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
    listenAttr = virXMLPropString(node, "listen");
    if ((listen = virXMLNodeFirstChild(node, "listen"))) {
        g_autofree char *address = NULL;

        val = 0;
        if ((rc = virDomainPropEnum(listen, "type",
                                    virDomainGraphicsListenTypeFromString,
                                    virDomainGraphicsListenKnown, NULL, false,
                                    &val)) < 0)
            return NULL;
        if (rc == 0) {
            virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                    _("Missing required attribute '%1$s' in element '%2$s'"),
                                    "type", "listen");
            return NULL;
        }
        address = virXMLPropString(listen, "address");
        if (listenAttr && address && STRNEQ(listenAttr, address)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("graphics 'listen' attribute '%1$s' must match 'address' attribute of first listen element (found '%2$s')"),
                           listenAttr, address);
            return NULL;
        }
        if (address)
            def->listenAddress = g_steal_pointer(&address);
    }
    if (!def->listenAddress && listenAttr)
        def->listenAddress = g_steal_pointer(&listenAttr);
    if (def->listenAddress && !*def->listenAddress)
        g_clear_pointer(&def->listenAddress, g_free);

    return g_steal_pointer(&def);
}


static virDomainAudioDef *
virDomainAudioDefParse(xmlNodePtr node)
{
    g_autoptr(virDomainAudioDef) def = g_new0(virDomainAudioDef, 1);
    int val = 0;
    int rc;

    if (virXMLPropUInt(node, "id", 10,
                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                       &def->id) < 0)
        return NULL;
    if ((rc = virDomainPropEnum(node, "type", virDomainAudioTypeFromString,
                                virDomainAudioKnown, NULL, false, &val)) < 0)
        return NULL;
    if (rc == 0) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Missing required attribute '%1$s' in element '%2$s'"),
                                "type", "audio");
        return NULL;
    }
    def->type = val;
    return g_steal_pointer(&def);
}


/* A size in KiB of a video <model>, as upstream reads it. */
static int
virDomainVideoParseSize(xmlNodePtr model, const char *name, unsigned int *ret)
{
    g_autofree char *str = virXMLPropString(model, name);
    guint64 v;

    if (!str)
        return 0;
    if (!g_ascii_isdigit(*str) ||
        !g_ascii_string_to_unsigned(str, 10, 0, G_MAXUINT, &v, NULL)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("cannot parse video %1$s '%2$s'"), name, str);
        return -1;
    }
    *ret = v;
    return 0;
}


static virDomainVideoDef *
virDomainVideoDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainVideoDef) def = g_new0(virDomainVideoDef, 1);
    xmlNodePtr model = virXMLNodeFirstChild(node, "model");

    if (model) {
        g_autofree char *vram = virXMLPropString(model, "vram");
        g_autofree char *heads = virXMLPropString(model, "heads");
        int val = VIR_DOMAIN_VIDEO_TYPE_DEFAULT;

        if (virDomainPropEnum(model, "type", virDomainVideoTypeFromString,
                              virDomainVideoKnown,
                              _("unknown video model '%1$s'"), false,
                              &val) < 0)
            return NULL;
        def->type = val;

        if (vram &&
            (!g_ascii_isdigit(*vram) ||
             !g_ascii_string_to_unsigned(vram, 10, 0, G_MAXUINT, NULL, NULL))) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("cannot parse video vram '%1$s'"), vram);
            return NULL;
        }
        if (vram)
            def->vram = g_ascii_strtoull(vram, NULL, 10);
        if (virDomainVideoParseSize(model, "ram", &def->ram) < 0 ||
            virDomainVideoParseSize(model, "vgamem", &def->vgamem) < 0)
            return NULL;
        if ((def->ram || def->vgamem) && def->type != VIR_DOMAIN_VIDEO_TYPE_QXL) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("attribute '%1$s' of video <model> is supported for type 'qxl' only"),
                           def->ram ? "ram" : "vgamem");
            return NULL;
        }
        if (heads &&
            (!g_ascii_isdigit(*heads) ||
             !g_ascii_string_to_unsigned(heads, 10, 0, G_MAXUINT, NULL, NULL))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot parse video heads '%1$s'"), heads);
            return NULL;
        }
        if (heads)
            def->heads = g_ascii_strtoull(heads, NULL, 10);
        if (virXMLPropYesNo(model, "primary", &def->primary) < 0)
            return NULL;
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainMemballoonDef *
virDomainMemballoonDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainMemballoonDef) def = g_new0(virDomainMemballoonDef, 1);
    xmlNodePtr stats;
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "model",
                                virDomainMemballoonModelTypeFromString,
                                virDomainMemballoonModelKnown, NULL, false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Missing required attribute '%1$s' in element '%2$s'"),
                                "model", "memballoon");
        return NULL;
    }
    def->model = val;

    def->period = -1;
    if ((stats = virXMLNodeFirstChild(node, "stats"))) {
        unsigned int period;

        if (virXMLPropUInt(stats, "period", 10, VIR_XML_PROP_REQUIRED,
                           &period) < 0)
            return NULL;
        if (period > G_MAXINT) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid statistics collection period %1$u"),
                           period);
            return NULL;
        }
        if (def->model != VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("memballoon <stats> is supported for model 'virtio' only"));
            return NULL;
        }
        def->period = period;
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainRNGDef *
virDomainRNGDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainRNGDef) def = g_new0(virDomainRNGDef, 1);
    xmlNodePtr backend = virXMLNodeFirstChild(node, "backend");
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "model", virDomainRNGModelTypeFromString,
                                virDomainRNGModelKnown,
                                _("unknown RNG model '%1$s'"), false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing RNG device model"));
        return NULL;
    }
    def->model = val;

    if (!backend) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing RNG device backend"));
        return NULL;
    }
    val = 0;
    if ((rc = virDomainPropEnum(backend, "model",
                                virDomainRNGBackendTypeFromString,
                                virDomainRNGBackendKnown,
                                _("unknown RNG backend model '%1$s'"), false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing RNG device backend model"));
        return NULL;
    }
    def->backend = val;

    /* Taken as it is, as upstream does: stripping blanks would name
     * another file than the one given. */
    def->source = virXMLNodeContentString(backend);
    if (!*def->source) {
        /* upstream's default for a random backend without a path */
        g_free(def->source);
        def->source = g_strdup("/dev/random");
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainSoundDef *
virDomainSoundDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainSoundDef) def = g_new0(virDomainSoundDef, 1);
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "model", virDomainSoundModelTypeFromString,
                                virDomainSoundModelKnown,
                                _("unknown sound model '%1$s'"), false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Missing required attribute '%1$s' in element '%2$s'"),
                                "model", "sound");
        return NULL;
    }
    def->model = val;

    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE ||
            !xmlStrEqual(cur->name, BAD_CAST "codec"))
            continue;
        val = 0;
        if ((rc = virDomainPropEnum(cur, "type",
                                    virDomainSoundCodecTypeTypeFromString,
                                    NULL, _("unknown codec type '%1$s'"),
                                    false, &val)) < 0)
            return NULL;
        if (rc == 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing 'type' attribute for codec"));
            return NULL;
        }
        if (def->model == VIR_DOMAIN_SOUND_MODEL_AC97) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("sound model 'ac97' has no codecs"));
            return NULL;
        }
        def->codecs = g_renew(virDomainSoundCodecType, def->codecs,
                              def->ncodecs + 1);
        def->codecs[def->ncodecs++] = val;
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainRedirdevDef *
virDomainRedirdevDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainRedirdevDef) def = g_new0(virDomainRedirdevDef, 1);
    g_autofree char *bus = virXMLPropString(node, "bus");
    g_autofree char *type = virXMLPropString(node, "type");

    if (bus && STRNEQ(bus, "usb")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unknown redirdev bus '%1$s'"), bus);
        return NULL;
    }
    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing type in redirdev"));
        return NULL;
    }
    if (STRNEQ(type, "spicevmc")) {
        if (virXMLStringInList(type, virDomainChrKnown)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("redirdev of type '%1$s' is not supported: only 'spicevmc' is"),
                           type);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown type presented to host for character device: %1$s"),
                           type);
        }
        return NULL;
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainWatchdogDef *
virDomainWatchdogDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainWatchdogDef) def = g_new0(virDomainWatchdogDef, 1);
    int val = 0;
    int rc;

    if ((rc = virDomainPropEnum(node, "model",
                                virDomainWatchdogModelTypeFromString,
                                virDomainWatchdogModelKnown,
                                _("unknown watchdog model '%1$s'"), false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("watchdog must contain model name"));
        return NULL;
    }
    def->model = val;

    val = VIR_DOMAIN_WATCHDOG_ACTION_RESET;
    if (virDomainPropEnum(node, "action", virDomainWatchdogActionTypeFromString,
                          virDomainWatchdogActionKnown,
                          _("unknown watchdog action '%1$s'"), false,
                          &val) < 0)
        return NULL;
    def->action = val;

    if (virDomainDeviceInfoParse(node, &def->info, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/* ---- The domain ---- */

/* Bytes per unit, for every unit upstream accepts (case-insensitive). */
static int
virDomainMemoryUnitScale(const char *unit, unsigned long long *ret)
{
    static const char letters[] = "kmgtpe";
    const char *pos;
    unsigned long long base;

    if (!unit || !*unit) {
        *ret = 1024;
        return 0;
    }
    if (g_ascii_strcasecmp(unit, "b") == 0 ||
        g_ascii_strcasecmp(unit, "bytes") == 0) {
        *ret = 1;
        return 0;
    }
    if (!(pos = strchr(letters, g_ascii_tolower(unit[0]))))
        return -1;
    if (unit[1] == '\0' || g_ascii_strcasecmp(unit + 1, "iB") == 0)
        base = 1024;
    else if (g_ascii_strcasecmp(unit + 1, "B") == 0)
        base = 1000;
    else
        return -1;
    *ret = 1;
    for (const char *p = letters; p <= pos; p++)
        *ret *= base;
    return 0;
}


/*
 * <memory unit='...'>N</memory> and <currentMemory>: the size in KiB,
 * rounded up.  Returns 1 when read, 0 when the element is absent, -1
 * with upstream's errors for a bad number, unknown unit or a size over
 * LLONG_MAX bytes.
 */
static int
virDomainParseMemory(xmlNodePtr root, const char *name,
                     unsigned long long *ret)
{
    xmlNodePtr node = virXMLNodeFirstChild(root, name);
    g_autofree char *text = NULL;
    g_autofree char *unit = NULL;
    unsigned long long value;
    unsigned long long scale;
    char *end = NULL;

    if (!node)
        return 0;
    text = virXMLNodeContentString(node);
    unit = virXMLPropString(node, "unit");

    errno = 0;
    if (!*text || strchr(text, '-') ||
        (value = g_ascii_strtoull(text, &end, 10), errno != 0) ||
        end == text || *end != '\0') {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("Invalid value '%1$s' for element or attribute './%2$s[1]'"),
                                text, name);
        return -1;
    }
    if (virDomainMemoryUnitScale(unit, &scale) < 0) {
        virDomainReportUtilError(VIR_ERR_INVALID_ARG,
                                 _("unknown suffix '%1$s'"), unit);
        return -1;
    }
    if (value > VIR_DOMAIN_MEMORY_MAX_BYTES / scale) {
        virDomainReportUtilError(VIR_ERR_OVERFLOW,
                                 _("value too large: %1$llu%2$s"),
                                 value, NULLSTR_EMPTY(unit));
        return -1;
    }
    value *= scale;
    *ret = value / 1024 + (value % 1024 ? 1 : 0);
    return 1;
}


static int
virDomainDefParseLifecycle(xmlNodePtr root, const char *name,
                           virDomainLifecycleAction *ret)
{
    g_autofree char *text = virDomainChildContent(root, name);
    int val;

    if (!text)
        return 0;
    g_strstrip(text);
    if ((val = virDomainLifecycleActionTypeFromString(text)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown %1$s action: %2$s"), name, text);
        return -1;
    }
    *ret = val;
    return 0;
}


/*
 * <os firmware='...'>, <loader> and <nvram>: UEFI in flash, as OVMF
 * runs.  A ROM loader, stateless or encrypted variables and firmware
 * feature requests are not implemented.
 */
static int
virDomainDefParseFirmware(virDomainDef *def, xmlNodePtr os)
{
    g_autofree char *firmware = virXMLPropString(os, "firmware");
    xmlNodePtr loader = virXMLNodeFirstChild(os, "loader");
    xmlNodePtr nvram = virXMLNodeFirstChild(os, "nvram");
    int val;

    if (firmware) {
        if (STREQ(firmware, "efi")) {
            def->os.firmwareEFI = true;
        } else if (STRNEQ(firmware, "bios")) {
            virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                    _("Invalid value for attribute 'firmware' in element 'os': '%1$s'."),
                                    firmware);
            return -1;
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("firmware 'bios' is QEMU's default: leave the 'firmware' attribute out"));
            return -1;
        }
    }

    if (loader) {
        g_autofree char *type = virXMLPropString(loader, "type");

        if (type && STRNEQ(type, "pflash")) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("loader type '%1$s' is not supported: only 'pflash' is"),
                           type);
            return -1;
        }
        def->os.loaderPflash = type != NULL;
        val = VIR_TRISTATE_BOOL_ABSENT;
        if (virXMLPropEnum(loader, "readonly", virTristateBoolTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        def->os.loaderReadonly = val;
        val = VIR_TRISTATE_BOOL_ABSENT;
        if (virXMLPropEnum(loader, "secure", virTristateBoolTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        def->os.loaderSecure = val;
        def->os.loader = virDomainChildContent(os, "loader");
        if (!def->os.loader) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("a <loader> without a path is not supported: name the firmware file, or use <os firmware='efi'>"));
            return -1;
        }
    }
    if (nvram) {
        def->os.nvramTemplate = virXMLPropString(nvram, "template");
        def->os.nvram = virDomainChildContent(os, "nvram");
        if (!def->os.nvram && !def->os.nvramTemplate) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("an empty <nvram> is not supported: give its path or its template"));
            return -1;
        }
    }
    return 0;
}


static int
virDomainDefParseOS(virDomainDef *def, xmlNodePtr root)
{
    xmlNodePtr os = virXMLNodeFirstChild(root, "os");
    xmlNodePtr type = os ? virXMLNodeFirstChild(os, "type") : NULL;
    g_autofree char *typeStr = NULL;
    int val;

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("an os <type> must be specified"));
        return -1;
    }
    typeStr = virXMLNodeContentString(type);
    g_strstrip(typeStr);
    if ((val = virDomainOSTypeFromString(typeStr)) < 0) {
        if (virXMLStringInList(typeStr, virDomainOSKnown)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("OS type '%1$s' is not supported"), typeStr);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown OS type '%1$s'"), typeStr);
        }
        return -1;
    }
    def->os.type = val;

    def->os.arch = virXMLPropString(type, "arch");
    if (def->os.arch && STRNEQ(def->os.arch, "x86_64")) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                 _("No emulator found for arch '%1$s'"),
                                 def->os.arch);
        return -1;
    }
    def->os.machine = virXMLPropString(type, "machine");
    if (def->os.machine && STRNEQ(def->os.machine, "pc") &&
        !STRPREFIX(def->os.machine, "pc-i440fx-") &&
        !virDomainDefIsQ35(def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("machine type '%1$s' is not supported: only i440fx ('pc', 'pc-i440fx-*') and q35 ('q35', 'pc-q35-*') machines are"),
                       def->os.machine);
        return -1;
    }

    for (xmlNodePtr cur = os->children; cur; cur = cur->next) {
        int dev = 0;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "boot"))
            continue;
        if (virXMLPropEnum(cur, "dev", virDomainBootTypeFromString,
                           VIR_XML_PROP_REQUIRED, &dev) < 0)
            return -1;
        if (def->os.nBootDevs >= VIR_DOMAIN_BOOT_LAST) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("at most %1$d <boot> elements are allowed in <os>"),
                           VIR_DOMAIN_BOOT_LAST);
            return -1;
        }
        def->os.bootDevs[def->os.nBootDevs++] = dev;
    }

    def->os.kernel = virDomainChildContent(os, "kernel");
    def->os.initrd = virDomainChildContent(os, "initrd");
    def->os.cmdline = virDomainChildContent(os, "cmdline");
    return virDomainDefParseFirmware(def, os);
}


/* <cpu>: only exactly the form upstream writes for the TCG default. */
static int
virDomainDefParseCPU(virDomainDef *def, xmlNodePtr root)
{
    xmlNodePtr node = virXMLNodeFirstChild(root, "cpu");
    g_autoptr(virDomainCPUDef) cpu = NULL;
    xmlNodePtr model;

    if (!node)
        return 0;
    cpu = g_new0(virDomainCPUDef, 1);
    cpu->mode = virXMLPropString(node, "mode");
    cpu->match = virXMLPropString(node, "match");
    cpu->check = virXMLPropString(node, "check");
    if ((model = virXMLNodeFirstChild(node, "model"))) {
        cpu->fallback = virXMLPropString(model, "fallback");
        cpu->model = virXMLNodeContentString(model);
    }
    if (STRNEQ_NULLABLE(cpu->mode, "custom") ||
        STRNEQ_NULLABLE(cpu->match, "exact") ||
        STRNEQ_NULLABLE(cpu->check, "none") ||
        STRNEQ_NULLABLE(cpu->fallback, "forbid") ||
        STRNEQ_NULLABLE(cpu->model, "qemu64")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("only the default CPU is supported: <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>"));
        return -1;
    }
    def->cpu = g_steal_pointer(&cpu);
    return 0;
}


/*
 * Puts a parsed controller in its place: after the controllers of the
 * same type with a lower index, before those with a higher one; at the
 * end when there are none of its type.  Upstream orders parsed
 * controllers this way (implicit ones are simply appended).
 */
static void
virDomainControllerInsertSorted(virDomainDef *def, virDomainControllerDef *ctrl)
{
    size_t pos = def->ncontrollers;
    bool found = false;

    for (size_t i = def->ncontrollers; i > 0; i--) {
        virDomainControllerDef *cur = def->controllers[i - 1];

        if (cur->type != ctrl->type)
            continue;
        if (cur->idx > ctrl->idx)
            pos = i - 1;
        else if (!found)
            pos = i;
        found = true;
    }
    VIR_DOMAIN_INSERT(def->controllers, def->ncontrollers, pos, ctrl);
}


/*
 * Puts a parsed disk in its place, as upstream orders disks: the disks
 * of one bus stay together, sorted by the index of their target name
 * (vda before vdb); a disk on a bus not seen yet goes at the end.  The
 * order matters beyond the XML: it is the order in which the driver
 * gives virtio disks their PCI slots and the first disk its boot
 * index.  (Upstream sorts a disk without a bus attribute before it
 * guesses the bus, and again by its bus when it reads its own XML back;
 * we sort by the guessed bus at once, which keeps our XML stable.)
 */
static void
virDomainDiskInsertSorted(virDomainDef *def, virDomainDiskDef *disk)
{
    int idx = virDomainDiskNameToIndex(disk->dst);
    size_t pos = def->ndisks;
    bool found = false;

    for (size_t i = def->ndisks; i > 0; i--) {
        virDomainDiskDef *cur = def->disks[i - 1];

        if (cur->bus != disk->bus)
            continue;
        if (virDomainDiskNameToIndex(cur->dst) > idx)
            pos = i - 1;
        else if (!found)
            pos = i;
        found = true;
    }
    VIR_DOMAIN_INSERT(def->disks, def->ndisks, pos, disk);
}


static int
virDomainDefParseDevices(virDomainDef *def, xmlNodePtr devices,
                         unsigned int flags)
{
    for (xmlNodePtr cur = devices->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "emulator")) {
            /* Not stripped: that would run another program. */
            def->emulator = virXMLNodeContentString(cur);
            if (!*def->emulator)
                g_clear_pointer(&def->emulator, g_free);
        } else if (STREQ(name, "disk")) {
            virDomainDiskDef *disk = virDomainDiskDefParse(cur, flags);

            if (!disk)
                return -1;
            virDomainDiskInsertSorted(def, disk);
        } else if (STREQ(name, "controller")) {
            virDomainControllerDef *ctrl = virDomainControllerDefParse(cur, flags);

            if (!ctrl)
                return -1;
            virDomainControllerInsertSorted(def, ctrl);
        } else if (STREQ(name, "interface")) {
            virDomainNetDef *net = virDomainNetDefParse(cur, flags);

            if (!net)
                return -1;
            VIR_DOMAIN_APPEND(def->nets, def->nnets, net);
        } else if (STREQ(name, "serial")) {
            virDomainChrDef *chr =
                virDomainChrDefParse(cur, VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL, flags);

            if (!chr)
                return -1;
            VIR_DOMAIN_APPEND(def->serials, def->nserials, chr);
        } else if (STREQ(name, "console")) {
            virDomainChrDef *chr =
                virDomainChrDefParse(cur, VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE, flags);

            if (!chr)
                return -1;
            VIR_DOMAIN_APPEND(def->consoles, def->nconsoles, chr);
        } else if (STREQ(name, "channel")) {
            virDomainChrDef *chr =
                virDomainChrDefParse(cur, VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL, flags);

            if (!chr)
                return -1;
            VIR_DOMAIN_APPEND(def->channels, def->nchannels, chr);
        } else if (STREQ(name, "sound")) {
            virDomainSoundDef *sound = virDomainSoundDefParse(cur, flags);

            if (!sound)
                return -1;
            VIR_DOMAIN_APPEND(def->sounds, def->nsounds, sound);
        } else if (STREQ(name, "redirdev")) {
            virDomainRedirdevDef *redirdev = virDomainRedirdevDefParse(cur, flags);

            if (!redirdev)
                return -1;
            VIR_DOMAIN_APPEND(def->redirdevs, def->nredirdevs, redirdev);
        } else if (STREQ(name, "watchdog")) {
            if (def->watchdog) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("only a single watchdog device is supported"));
                return -1;
            }
            if (!(def->watchdog = virDomainWatchdogDefParse(cur, flags)))
                return -1;
        } else if (STREQ(name, "input")) {
            virDomainInputDef *input = virDomainInputDefParse(cur, flags);

            if (!input)
                return -1;
            VIR_DOMAIN_APPEND(def->inputs, def->ninputs, input);
        } else if (STREQ(name, "graphics")) {
            virDomainGraphicsDef *graphics = virDomainGraphicsDefParse(cur, flags);

            if (!graphics)
                return -1;
            VIR_DOMAIN_APPEND(def->graphics, def->ngraphics, graphics);
        } else if (STREQ(name, "audio")) {
            virDomainAudioDef *audio = virDomainAudioDefParse(cur);

            if (!audio)
                return -1;
            VIR_DOMAIN_APPEND(def->audios, def->naudios, audio);
        } else if (STREQ(name, "video")) {
            virDomainVideoDef *video = virDomainVideoDefParse(cur, flags);

            if (!video)
                return -1;
            VIR_DOMAIN_APPEND(def->videos, def->nvideos, video);
        } else if (STREQ(name, "memballoon")) {
            if (def->memballoon) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("only a single memory balloon device is supported"));
                return -1;
            }
            if (!(def->memballoon = virDomainMemballoonDefParse(cur, flags)))
                return -1;
        } else if (STREQ(name, "rng")) {
            virDomainRNGDef *rng = virDomainRNGDefParse(cur, flags);

            if (!rng)
                return -1;
            VIR_DOMAIN_APPEND(def->rngs, def->nrngs, rng);
        }
    }
    return 0;
}


/* <features><NAME state='on|off'/>: no state means on, as upstream. */
static int
virDomainDefParseFeatureState(xmlNodePtr features, const char *name,
                              virTristateSwitch *ret)
{
    xmlNodePtr node = virXMLNodeFirstChild(features, name);
    int val = VIR_TRISTATE_SWITCH_ON;

    if (!node)
        return 0;
    if (virXMLPropEnum(node, "state", virTristateSwitchTypeFromString,
                       VIR_XML_PROP_NONZERO, &val) < 0)
        return -1;
    *ret = val;
    return 0;
}


/* <pm><NAME enabled='yes|no'/> */
static int
virDomainDefParsePMState(xmlNodePtr pm, const char *name, virTristateBool *ret)
{
    xmlNodePtr node = virXMLNodeFirstChild(pm, name);
    int val = VIR_TRISTATE_BOOL_ABSENT;

    if (!node)
        return 0;
    if (virXMLPropEnum(node, "enabled", virTristateBoolTypeFromString,
                       VIR_XML_PROP_NONZERO, &val) < 0)
        return -1;
    *ret = val;
    return 0;
}


/*
 * <clock><timer .../>: rtc, pit and hpet, with the settings QEMU has
 * for them (the rest of each timer's settings is refused by the
 * schema).  Each timer may appear once.
 */
static int
virDomainDefParseTimers(virDomainDef *def, xmlNodePtr clock)
{
    for (xmlNodePtr cur = clock->children; cur; cur = cur->next) {
        g_autoptr(virDomainTimerDef) timer = NULL;
        int val = 0;
        int rc;

        if (cur->type != XML_ELEMENT_NODE ||
            !xmlStrEqual(cur->name, BAD_CAST "timer"))
            continue;
        timer = g_new0(virDomainTimerDef, 1);
        if ((rc = virDomainPropEnum(cur, "name", virDomainTimerNameTypeFromString,
                                    virDomainTimerNameKnown,
                                    _("unknown timer name '%1$s'"), false,
                                    &val)) < 0)
            return -1;
        if (rc == 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing timer name"));
            return -1;
        }
        timer->name = val;
        val = VIR_TRISTATE_BOOL_ABSENT;
        if (virXMLPropEnum(cur, "present", virTristateBoolTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        timer->present = val;
        val = VIR_DOMAIN_TIMER_TICKPOLICY_NONE;
        if (virXMLPropEnum(cur, "tickpolicy", virDomainTimerTickpolicyTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        timer->tickpolicy = val;

        for (size_t i = 0; i < def->ntimers; i++) {
            if (def->timers[i]->name == timer->name) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("timer '%1$s' is given more than once"),
                               virDomainTimerNameTypeToString(timer->name));
                return -1;
            }
        }
        VIR_DOMAIN_APPEND(def->timers, def->ntimers, timer);
    }
    return 0;
}


static int
virDomainDefParseVcpu(virDomainDef *def, xmlNodePtr root)
{
    xmlNodePtr node = virXMLNodeFirstChild(root, "vcpu");
    g_autofree char *text = NULL;
    g_autofree char *placement = NULL;
    guint64 v;

    def->vcpus = 1;
    if (!node)
        return 0;
    if ((placement = virXMLPropString(node, "placement")) &&
        STRNEQ(placement, "static")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("vcpu placement '%1$s' is not supported"), placement);
        return -1;
    }
    text = virXMLNodeContentString(node);
    g_strstrip(text);
    if (!g_ascii_isdigit(*text) ||
        !g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT, &v, NULL)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("maximum vcpus count must be an integer"));
        return -1;
    }
    def->vcpus = v;
    return 0;
}


/**
 * virDomainDefParseNode:
 * @xml: the document
 * @root: its <domain> element
 * @flags: virDomainDefParseFlags
 *
 * Reads a domain definition.  Anything outside the subset we implement
 * is refused (VIR_ERR_CONFIG_UNSUPPORTED); invalid values get
 * upstream's error.  Unless @flags say otherwise, the defaults are then
 * filled in (virDomainDefPostParse) and the result validated
 * (virDomainDefValidate).
 *
 * Returns: the definition, or NULL with an error reported.
 */
virDomainDef *
virDomainDefParseNode(xmlDocPtr xml G_GNUC_UNUSED, xmlNodePtr root,
                      unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *uuid = NULL;
    g_autofree char *idStr = NULL;
    xmlNodePtr node;
    int val = 0;
    int rc;

    virCheckFlags(VIR_DOMAIN_DEF_PARSE_INACTIVE |
                  VIR_DOMAIN_DEF_PARSE_STATUS |
                  VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE |
                  VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE, NULL);

    if (!xmlStrEqual(root->name, BAD_CAST "domain")) {
        virDomainReportXMLError(VIR_ERR_XML_ERROR,
                                _("expecting root element of '%1$s', not '%2$s'"),
                                "domain", (const char *)root->name);
        return NULL;
    }
    if (virDomainSchemaCheck(root) < 0)
        return NULL;

    def = virDomainDefNew();

    if ((rc = virDomainPropEnum(root, "type", virDomainVirtTypeFromString,
                                virDomainVirtKnown,
                                _("invalid domain type %1$s"), false,
                                &val)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing domain type attribute"));
        return NULL;
    }
    def->virtType = val;

    if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
        (idStr = virXMLPropString(root, "id"))) {
        gint64 id;

        if (!g_ascii_string_to_signed(idStr, 10, -1, G_MAXINT, &id, NULL)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid domain id '%1$s'"), idStr);
            return NULL;
        }
        def->id = id;
    }

    def->name = virDomainChildContent(root, "name");
    if (virDomainDefCheckName(def->name) < 0)
        return NULL;

    if ((uuid = virDomainChildContent(root, "uuid"))) {
        g_strstrip(uuid);
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("malformed uuid element"));
            return NULL;
        }
    } else {
        virUUIDGenerate(def->uuid);
    }

    def->title = virDomainChildContent(root, "title");
    if (def->title && strchr(def->title, '\n')) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Domain title can't contain newlines"));
        return NULL;
    }
    def->description = virDomainChildContent(root, "description");

    if (virDomainParseMemory(root, "memory", &def->memory) < 0 ||
        virDomainParseMemory(root, "currentMemory", &def->currentMemory) < 0)
        return NULL;
    if (def->memory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Memory size must be specified via <memory> or in the <numa> configuration"));
        return NULL;
    }

    if (virDomainDefParseVcpu(def, root) < 0 ||
        virDomainDefParseOS(def, root) < 0)
        return NULL;

    if ((node = virXMLNodeFirstChild(root, "features"))) {
        for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
            if (cur->type == XML_ELEMENT_NODE &&
                (val = virDomainFeatureTypeFromString((const char *)cur->name)) >= 0)
                def->features[val] = true;
        }
        if (virDomainDefParseFeatureState(node, "vmport", &def->vmport) < 0 ||
            virDomainDefParseFeatureState(node, "smm", &def->smm) < 0)
            return NULL;
    }

    if (virDomainDefParseCPU(def, root) < 0)
        return NULL;

    if ((node = virXMLNodeFirstChild(root, "clock"))) {
        val = VIR_DOMAIN_CLOCK_OFFSET_UTC;
        if (virDomainPropEnum(node, "offset", virDomainClockOffsetTypeFromString,
                              virDomainClockOffsetKnown,
                              _("unknown clock offset '%1$s'"), false,
                              &val) < 0)
            return NULL;
        def->clockOffset = val;
        if (virDomainDefParseTimers(def, node) < 0)
            return NULL;
    }

    if ((node = virXMLNodeFirstChild(root, "pm"))) {
        if (virDomainDefParsePMState(node, "suspend-to-mem",
                                     &def->pmSuspendToMem) < 0 ||
            virDomainDefParsePMState(node, "suspend-to-disk",
                                     &def->pmSuspendToDisk) < 0)
            return NULL;
    }

    if (virDomainDefParseLifecycle(root, "on_poweroff", &def->onPoweroff) < 0 ||
        virDomainDefParseLifecycle(root, "on_reboot", &def->onReboot) < 0 ||
        virDomainDefParseLifecycle(root, "on_crash", &def->onCrash) < 0)
        return NULL;

    if ((node = virXMLNodeFirstChild(root, "devices")) &&
        virDomainDefParseDevices(def, node, flags) < 0)
        return NULL;

    if (!(flags & VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE) &&
        virDomainDefPostParse(def, flags) < 0)
        return NULL;
    if (!(flags & VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE) &&
        virDomainDefValidate(def, flags) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


/**
 * virDomainDefParseString:
 * @xmlStr: a domain's XML
 * @flags: virDomainDefParseFlags
 *
 * Parses the document (syntax errors are VIR_ERR_XML_DETAIL with the
 * line, as upstream reports them) and then the definition, see
 * virDomainDefParseNode().
 *
 * Returns: the definition, or NULL with an error reported.
 */
virDomainDef *
virDomainDefParseString(const char *xmlStr, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;

    if (!(xml = virXMLParseString(VIR_FROM_DOMAIN, xmlStr,
                                  "(domain_definition)", "domain")))
        return NULL;
    return virDomainDefParseNode(xml, xmlDocGetRootElement(xml), flags);
}


/* ---- Defaults ---- */

/**
 * virDomainControllerFind:
 * @def: a domain
 * @type: a controller type
 * @idx: its index
 *
 * Returns: the position of the controller in @def->controllers, or -1.
 */
int
virDomainControllerFind(const virDomainDef *def, virDomainControllerType type,
                        unsigned int idx)
{
    for (size_t i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return i;
    }
    return -1;
}


/**
 * virDomainDefAddController:
 * @def: a domain
 * @type: the controller's type
 * @idx: its index
 * @model: its model (one of the virDomainControllerModel* of @type), or -1
 *
 * Adds a controller where the parser would put it (after the others
 * of its type with a lower index; at the end if it is the first of its
 * type).  Upstream appends the controllers it adds, and so orders them
 * differently when the XML it wrote is parsed again; putting them in
 * their parsed place from the start keeps our XML stable.
 *
 * Returns: the new controller, owned by @def.
 */
virDomainControllerDef *
virDomainDefAddController(virDomainDef *def, virDomainControllerType type,
                          unsigned int idx, int model)
{
    virDomainControllerDef *ctrl = g_new0(virDomainControllerDef, 1);

    ctrl->type = type;
    ctrl->idx = idx;
    ctrl->model = model;
    ctrl->startport = -1;
    ctrl->chassis = -1;
    ctrl->port = -1;
    virDomainControllerInsertSorted(def, ctrl);
    return ctrl;
}


static bool
virDomainDefHasDeviceBoot(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->info.bootIndex)
            return true;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (def->nets[i]->info.bootIndex)
            return true;
    }
    return false;
}


static bool
virDomainDefHasControllerType(const virDomainDef *def,
                              virDomainControllerType type)
{
    for (size_t i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type)
            return true;
    }
    return false;
}


/* The USB controller before the @pos-th controller, or NULL. */
static virDomainControllerDef *
virDomainDefPrevUSBController(virDomainDef *def, size_t pos)
{
    for (size_t i = pos; i > 0; i--) {
        if (def->controllers[i - 1]->type == VIR_DOMAIN_CONTROLLER_TYPE_USB)
            return def->controllers[i - 1];
    }
    return NULL;
}


static int
virDomainDefPostParseControllers(virDomainDef *def)
{
    bool q35 = virDomainDefIsQ35(def);

    for (size_t i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];
        virDomainControllerDef *prevUSB;

        if (ctrl->idx == UINT_MAX && ctrl->startport >= 0 &&
            (prevUSB = virDomainDefPrevUSBController(def, i))) {
            /* A companion serves the USB2 controller before it. */
            ctrl->idx = prevUSB->idx;
        } else if (ctrl->idx == UINT_MAX) {
            unsigned int idx = 0;

            while (virDomainControllerFind(def, ctrl->type, idx) >= 0)
                idx++;
            ctrl->idx = idx;
        }
        if (ctrl->model == -1) {
            switch (ctrl->type) {
            case VIR_DOMAIN_CONTROLLER_TYPE_USB:
                ctrl->model = q35 ? VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI :
                                    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI;
                break;
            case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
                ctrl->model = VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC;
                break;
            case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
                /* upstream wants the model of a PCI controller said */
                virDomainReportQEMUError(VIR_ERR_XML_ERROR,
                                         _("The PCI controller with index='%1$u' must be model='%2$s' for this machine type, but model='(null)' was found instead"),
                                         ctrl->idx, q35 ? "pcie-root" : "pci-root");
                return -1;
            case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
            case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
            case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
            case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
                break;
            }
        }
    }

    /* What an i440fx machine always has: a USB controller (PIIX3's
     * UHCI function) and the PCI root bus; a q35 one: a USB controller
     * (upstream's default there is qemu-xhci), the ICH9's AHCI and the
     * PCI Express root complex. */
    if (!virDomainDefHasControllerType(def, VIR_DOMAIN_CONTROLLER_TYPE_USB)) {
        virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 0,
                                  q35 ? VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI :
                                        VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI);
    }
    if (q35 && virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_SATA, 0) < 0)
        virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_SATA, 0, -1);
    if (virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0) < 0) {
        virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0,
                                  q35 ? VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT :
                                        VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT);
    }

    /* virtio channels are ports of a virtio-serial controller. */
    for (size_t i = 0; i < def->nchannels; i++) {
        if (def->channels[i]->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO &&
            !virDomainDefHasControllerType(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)) {
            virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                                      0, -1);
            break;
        }
    }
    return 0;
}


/* The highest controller index a disk may name (see its use). */
#define VIR_DOMAIN_DISK_CONTROLLER_MAX 255

/* A drive address from the target name: IDE has 2 buses of 2 units per
 * controller, AHCI 6 ports, and upstream packs 7 SCSI units per
 * controller whatever its model. */
static int
virDomainDiskDefAssignAddress(virDomainDiskDef *disk)
{
    virDomainDeviceDriveAddress *addr = &disk->info.addr.drive;
    int idx;

    if (disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE ||
        disk->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
        return 0;

    if ((idx = virDomainDiskNameToIndex(disk->dst)) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Unknown disk name '%1$s' and no address specified"),
                       disk->dst);
        return -1;
    }

    memset(addr, 0, sizeof(*addr));
    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_IDE:
        addr->controller = idx / 4;
        addr->bus = (idx % 4) / 2;
        addr->unit = idx % 2;
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        addr->controller = idx / 6;
        addr->unit = idx % 6;
        break;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        addr->controller = idx / 7;
        addr->unit = idx % 7;
        break;
    case VIR_DOMAIN_DISK_BUS_NONE:
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
    case VIR_DOMAIN_DISK_BUS_LAST:
        return 0;
    }
    disk->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE;
    return 0;
}


/* Every controller a disk's drive address refers to must exist: add
 * the missing ones, from index 0 up to the highest one used. */
static void
virDomainDefAddDiskControllers(virDomainDef *def, virDomainDiskBus bus,
                               virDomainControllerType type)
{
    int maxIdx = -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (disk->bus == bus &&
            disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
            (int)disk->info.addr.drive.controller > maxIdx)
            maxIdx = disk->info.addr.drive.controller;
    }
    for (int idx = 0; idx <= maxIdx; idx++) {
        int model = type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI ?
            VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC : -1;

        if (virDomainControllerFind(def, type, idx) < 0)
            virDomainDefAddController(def, type, idx, model);
    }
}


static bool
virDomainDefHasInput(const virDomainDef *def, virDomainInputType type,
                     virDomainInputBus bus)
{
    for (size_t i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->type == type && def->inputs[i]->bus == bus)
            return true;
    }
    return false;
}


static void
virDomainDefAddInput(virDomainDef *def, virDomainInputType type,
                     virDomainInputBus bus)
{
    virDomainInputDef *input = g_new0(virDomainInputDef, 1);

    input->type = type;
    input->bus = bus;
    VIR_DOMAIN_APPEND(def->inputs, def->ninputs, input);
}


static void
virDomainDefPostParseVideo(virDomainDef *def)
{
    if (def->ngraphics > 0 && def->nvideos == 0) {
        virDomainVideoDef *video = g_new0(virDomainVideoDef, 1);

        video->type = VIR_DOMAIN_VIDEO_TYPE_DEFAULT;
        VIR_DOMAIN_APPEND(def->videos, def->nvideos, video);
    }

    for (size_t i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_DEFAULT)
            video->type = VIR_DOMAIN_VIDEO_TYPE_CIRRUS;
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (video->heads == 0)
            video->heads = 1;
        if (video->vram == 0 &&
            (video->type == VIR_DOMAIN_VIDEO_TYPE_VGA ||
             video->type == VIR_DOMAIN_VIDEO_TYPE_CIRRUS ||
             video->type == VIR_DOMAIN_VIDEO_TYPE_BOCHS))
            video->vram = VIR_DOMAIN_VIDEO_DEFAULT_VRAM;
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_QXL) {
            if (video->vram == 0)
                video->vram = VIR_DOMAIN_VIDEO_QXL_DEFAULT_RAM;
            if (video->ram == 0)
                video->ram = VIR_DOMAIN_VIDEO_QXL_DEFAULT_RAM;
            if (video->vgamem == 0)
                video->vgamem = VIR_DOMAIN_VIDEO_DEFAULT_VRAM;
        }
    }

    /* The primary video device comes first; without one, the first
     * becomes primary. */
    for (size_t i = 1; i < def->nvideos; i++) {
        if (def->videos[i]->primary && !def->videos[0]->primary) {
            virDomainVideoDef *primary = def->videos[i];

            memmove(def->videos + 1, def->videos, i * sizeof(*def->videos));
            def->videos[0] = primary;
            break;
        }
    }
    if (def->nvideos > 0 && def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_NONE)
        def->videos[0]->primary = true;
}


static int
virDomainDefPostParseChr(virDomainDef *def)
{
    for (size_t i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];

        if (chr->targetPort == -1) {
            int maxPort = -1;

            for (size_t j = 0; j < def->nserials; j++)
                maxPort = MAX(maxPort, def->serials[j]->targetPort);
            chr->targetPort = maxPort + 1;
        }
    }

    /* The console of an x86 guest is its first serial port: a console
     * without a serial port creates it, and a serial port without a
     * console gets one. */
    if (def->nconsoles > 0) {
        virDomainChrDef *con = def->consoles[0];

        if (con->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE)
            con->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        if (con->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
            def->nserials == 0) {
            virDomainChrDef *serial = g_new0(virDomainChrDef, 1);

            serial->deviceType = VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL;
            serial->type = con->type;
            serial->path = g_strdup(con->path);
            serial->mode = con->mode;
            serial->targetPort = 0;
            serial->info.alias = g_strdup(con->info.alias);
            VIR_DOMAIN_APPEND(def->serials, def->nserials, serial);
        }
    } else if (def->nserials > 0) {
        virDomainChrDef *con = g_new0(virDomainChrDef, 1);
        virDomainChrDef *serial = def->serials[0];

        con->deviceType = VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
        con->type = serial->type;
        con->path = g_strdup(serial->path);
        con->mode = serial->mode;
        con->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        con->targetPort = serial->targetPort;
        VIR_DOMAIN_APPEND(def->consoles, def->nconsoles, con);
    }

    for (size_t i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];

        if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE)
            chr->targetType = VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA;
        if (chr->targetModel == VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE)
            chr->targetModel = VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL;
    }

    if (def->nconsoles > 0 && def->nserials > 0 &&
        def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL) {
        virDomainChrDef *con = def->consoles[0];
        virDomainChrDef *serial = def->serials[0];

        /* Upstream silently replaces a console that differs from the
         * serial port it stands for; we refuse it rather than drop it. */
        if (con->type != serial->type ||
            (con->type != VIR_DOMAIN_CHR_TYPE_PTY &&
             STRNEQ_NULLABLE(con->path, serial->path)) ||
            (con->type == VIR_DOMAIN_CHR_TYPE_UNIX && con->mode != serial->mode)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("console of type '%1$s' differs from the first serial port (type '%2$s'), which is the console of this guest"),
                           virDomainChrTypeToString(con->type),
                           virDomainChrTypeToString(serial->type));
            return -1;
        }
        if (con->targetPort != -1 && con->targetPort != serial->targetPort) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("console port %1$d differs from the port of the first serial port (%2$d), which is the console of this guest"),
                           con->targetPort, serial->targetPort);
            return -1;
        }
        con->targetPort = serial->targetPort;
    }
    return 0;
}


/**
 * virDomainDefPostParse:
 * @def: a parsed definition
 * @flags: virDomainDefParseFlags
 *
 * Fills in what upstream's QEMU driver fills in for an i440fx machine,
 * so that our XML is upstream's: the default emulator, machine, CPU
 * model, boot device, current memory, controllers (USB, PCI root, and
 * those the disks' addresses need), PS/2 inputs, a "none" audio
 * backend, a video device when there is graphics, a balloon, the
 * console (the first serial port), disks' drivers and drive addresses,
 * and NIC models.  PCI addresses are the driver's business.  Doing it
 * twice changes nothing.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virDomainDefPostParse(virDomainDef *def, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_DEF_PARSE_INACTIVE |
                  VIR_DOMAIN_DEF_PARSE_STATUS |
                  VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE |
                  VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE, -1);

    if (!def->os.arch)
        def->os.arch = g_strdup("x86_64");
    if (!def->os.machine)
        def->os.machine = g_strdup("pc");
    if (!def->emulator)
        def->emulator = g_strdup(QEMU_DEFAULT_EMULATOR);

    if (!def->cpu) {
        def->cpu = g_new0(virDomainCPUDef, 1);
        def->cpu->mode = g_strdup("custom");
        def->cpu->match = g_strdup("exact");
        def->cpu->check = g_strdup("none");
        def->cpu->fallback = g_strdup("forbid");
        def->cpu->model = g_strdup("qemu64");
    }

    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;

    if (def->os.nBootDevs == 0 && !virDomainDefHasDeviceBoot(def))
        def->os.bootDevs[def->os.nBootDevs++] = VIR_DOMAIN_BOOT_DISK;

    if (virDomainDefPostParseControllers(def) < 0)
        return -1;

    if (!virDomainDefHasInput(def, VIR_DOMAIN_INPUT_TYPE_MOUSE,
                              VIR_DOMAIN_INPUT_BUS_PS2))
        virDomainDefAddInput(def, VIR_DOMAIN_INPUT_TYPE_MOUSE,
                             VIR_DOMAIN_INPUT_BUS_PS2);
    if (!virDomainDefHasInput(def, VIR_DOMAIN_INPUT_TYPE_KBD,
                              VIR_DOMAIN_INPUT_BUS_PS2))
        virDomainDefAddInput(def, VIR_DOMAIN_INPUT_TYPE_KBD,
                             VIR_DOMAIN_INPUT_BUS_PS2);

    if (def->naudios == 0) {
        virDomainAudioDef *audio = g_new0(virDomainAudioDef, 1);

        /* Sound goes where the display goes: to the SPICE client when
         * there is one, nowhere otherwise. */
        audio->id = 1;
        audio->type = virDomainDefHasSpice(def) ? VIR_DOMAIN_AUDIO_TYPE_SPICE :
                                                  VIR_DOMAIN_AUDIO_TYPE_NONE;
        VIR_DOMAIN_APPEND(def->audios, def->naudios, audio);
    }

    virDomainDefPostParseVideo(def);

    if (!def->memballoon) {
        def->memballoon = g_new0(virDomainMemballoonDef, 1);
        def->memballoon->model = VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
        def->memballoon->period = -1;
    }

    for (size_t i = 0; i < def->nnets; i++) {
        if (def->nets[i]->model == VIR_DOMAIN_NET_MODEL_UNKNOWN)
            def->nets[i]->model = VIR_DOMAIN_NET_MODEL_RTL8139;
    }

    for (size_t i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (!disk->driverName)
            disk->driverName = g_strdup("qemu");
        if (disk->format == VIR_STORAGE_FILE_NONE)
            disk->format = VIR_STORAGE_FILE_RAW;
        if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM)
            disk->readonly = true;
        if (virDomainDiskDefAssignAddress(disk) < 0)
            return -1;
        /* Every controller up to the one a disk names is added below:
         * a name like 'sdzzzzz' must not make millions of them (each
         * needs a PCI slot, and bus 0 has 32). */
        if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
            disk->info.addr.drive.controller > VIR_DOMAIN_DISK_CONTROLLER_MAX) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("disk '%1$s' needs %2$s controller %3$u, but a domain can have at most %4$d: use a lower target name or drive address"),
                           disk->dst, virDomainDiskBusTypeToString(disk->bus),
                           disk->info.addr.drive.controller,
                           VIR_DOMAIN_DISK_CONTROLLER_MAX + 1);
            return -1;
        }
    }
    virDomainDefAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_SCSI,
                                   VIR_DOMAIN_CONTROLLER_TYPE_SCSI);
    virDomainDefAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_IDE,
                                   VIR_DOMAIN_CONTROLLER_TYPE_IDE);
    virDomainDefAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_SATA,
                                   VIR_DOMAIN_CONTROLLER_TYPE_SATA);

    if (virDomainDefPostParseChr(def) < 0)
        return -1;

    return 0;
}


/* ---- Validation ---- */

/* Devices other than disks sit on the PCI bus, or nowhere yet. */
static int
virDomainValidatePCIOnly(const virDomainDeviceInfo *info, const char *what)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("address type '%1$s' is not supported for <%2$s>: it must be 'pci'"),
                       virDomainDeviceAddressTypeToString(info->type), what);
        return -1;
    }
    return 0;
}


static int
virDomainValidateNoAddress(const virDomainDeviceInfo *info, const char *what)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("<%1$s> takes no <address>"), what);
        return -1;
    }
    return 0;
}


/* What each bus offers: controllers, buses per controller, targets and
 * units (QEMU's PIIX3 IDE, ICH9 AHCI, and the SCSI HBAs with upstream's
 * numbering). */
static int
virDomainDiskValidateDriveAddress(const virDomainDef *def,
                                  const virDomainDiskDef *disk)
{
    const virDomainDeviceDriveAddress *addr = &disk->info.addr.drive;
    unsigned int maxBus = 0;
    unsigned int maxTarget = 0;
    unsigned int maxUnit = 0;
    int ctrl;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_IDE:
        if (addr->controller > 0) {
            virDomainReportQEMUError(VIR_ERR_INTERNAL_ERROR, "%s",
                                     _("Only 1 IDE controller is supported"));
            return -1;
        }
        maxBus = 1;
        maxUnit = 1;
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        maxUnit = 5;
        break;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        ctrl = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
                                       addr->controller);
        if (ctrl >= 0 && def->controllers[ctrl]->model ==
            VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI) {
            maxTarget = 255;
            maxUnit = 16383;
        } else {
            maxUnit = 6;
        }
        break;
    case VIR_DOMAIN_DISK_BUS_NONE:
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
    case VIR_DOMAIN_DISK_BUS_LAST:
        return 0;
    }
    if (addr->bus > maxBus || addr->target > maxTarget || addr->unit > maxUnit) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("drive address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' of disk '%5$s' is out of range for bus '%6$s' (bus <= %7$u, target <= %8$u, unit <= %9$u)"),
                       addr->controller, addr->bus, addr->target, addr->unit,
                       disk->dst, virDomainDiskBusTypeToString(disk->bus),
                       maxBus, maxTarget, maxUnit);
        return -1;
    }
    return 0;
}


static int
virDomainDiskDefValidate(const virDomainDef *def, const virDomainDiskDef *disk)
{
    if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL ||
        disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("address type '%1$s' is not supported for disk '%2$s'"),
                       virDomainDeviceAddressTypeToString(disk->info.type),
                       disk->dst);
        return -1;
    }
    if (disk->bus == VIR_DOMAIN_DISK_BUS_VIRTIO) {
        if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM) {
            virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                     _("disk type of '%1$s' does not support ejectable media"),
                                     disk->dst);
            return -1;
        }
        if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
            virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                     _("virtio disk cannot have an address of type 'drive'"));
            return -1;
        }
    } else {
        if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid address type '%1$s' for the disk '%2$s' with the bus type '%3$s'"),
                           virDomainDeviceAddressTypeToString(disk->info.type),
                           disk->dst, virDomainDiskBusTypeToString(disk->bus));
            return -1;
        }
        if (disk->readonly && disk->device == VIR_DOMAIN_DISK_DEVICE_DISK &&
            (disk->bus == VIR_DOMAIN_DISK_BUS_IDE ||
             disk->bus == VIR_DOMAIN_DISK_BUS_SATA)) {
            virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                     _("readonly %1$s disks are not supported"),
                                     virDomainDiskBusTypeToString(disk->bus));
            return -1;
        }
        if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
            virDomainDiskValidateDriveAddress(def, disk) < 0)
            return -1;
    }
    if (!disk->src && disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM) {
        virReportError(VIR_ERR_NO_SOURCE, "%s", disk->dst);
        return -1;
    }
    /* Several guests can write a raw image at once (each QEMU is told
     * to share it); qcow2 metadata would be corrupted. */
    if (disk->shareable && !disk->readonly &&
        disk->format == VIR_STORAGE_FILE_QCOW2) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                 _("shared access for disk '%1$s' requires use of supported storage format"),
                                 disk->dst);
        return -1;
    }
    if (disk->driverName && STRNEQ(disk->driverName, "qemu")) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                 _("unsupported driver name '%1$s' for disk '%2$s'"),
                                 disk->driverName, disk->dst);
        return -1;
    }
    return virDomainCheckAbsolutePath(disk->src, _("disk"), disk->dst);
}


static int
virDomainDefValidateDisks(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        if (virDomainDiskDefValidate(def, disk) < 0)
            return -1;

        for (size_t j = 0; j < i; j++) {
            const virDomainDiskDef *other = def->disks[j];

            if (STREQ(other->dst, disk->dst)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("target '%1$s' duplicated for disk sources '%2$s' and '%3$s'"),
                               disk->dst, NULLSTR(other->src), NULLSTR(disk->src));
                return -1;
            }
            if (other->bus == disk->bus &&
                disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                other->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                memcmp(&other->info.addr.drive, &disk->info.addr.drive,
                       sizeof(disk->info.addr.drive)) == 0) {
                const virDomainDeviceDriveAddress *addr = &disk->info.addr.drive;

                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("Found duplicate drive address for disk with target name '%1$s' controller='%2$u' bus='%3$u' target='%4$u' unit='%5$u'"),
                               other->dst, addr->controller, addr->bus,
                               addr->target, addr->unit);
                return -1;
            }
        }
    }
    return 0;
}


/* ICH9's EHCI and UHCI controllers: one set may share an index. */
static bool
virDomainControllerIsICH9USB(const virDomainControllerDef *ctrl)
{
    return ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
        (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1 ||
         ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 ||
         ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2 ||
         ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3);
}


/* A USB companion (<master>) and the USB2 controller it serves. */
static int
virDomainControllerValidateCompanion(const virDomainDef *def,
                                     const virDomainControllerDef *ctrl)
{
    if (ctrl->startport < 0)
        return 0;
    if (ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 &&
        ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2 &&
        ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("USB controller model '%1$s' cannot be a companion controller (<master>)"),
                       virDomainControllerModelUSBTypeToString(ctrl->model));
        return -1;
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *other = def->controllers[i];

        if (other->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
            other->idx == ctrl->idx &&
            other->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1)
            return 0;
    }
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("USB companion controller '%1$s' with index %2$u has no 'ich9-ehci1' controller with the same index to serve"),
                   virDomainControllerModelUSBTypeToString(ctrl->model), ctrl->idx);
    return -1;
}


/*
 * The PCI topology we implement: bus 0 is the machine's root (pci-root
 * on i440fx, pcie-root on q35), and on q35 every other bus is a
 * pcie-root-port or a pcie-to-pci-bridge.  i440fx has only bus 0.
 */
static int
virDomainControllerValidatePCI(const virDomainDef *def,
                               const virDomainControllerDef *ctrl)
{
    bool q35 = virDomainDefIsQ35(def);
    int root = q35 ? VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT :
                     VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT;
    bool isRoot = ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT ||
                  ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT;

    if (ctrl->idx == 0 && ctrl->model != root) {
        virDomainReportQEMUError(VIR_ERR_XML_ERROR,
                                 _("The PCI controller with index='0' must be model='%1$s' for this machine type, but model='%2$s' was found instead"),
                                 virDomainControllerModelPCITypeToString(root),
                                 virDomainControllerModelPCITypeToString(ctrl->model));
        return -1;
    }
    if (isRoot) {
        if (ctrl->idx != 0) {
            virDomainReportQEMUError(VIR_ERR_XML_ERROR, "%s",
                                     _("pci-root and pcie-root controllers should have index 0"));
            return -1;
        }
        if (ctrl->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("pci-root and pcie-root controllers should not have an address"));
            return -1;
        }
        return 0;
    }
    if (!q35) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI controller model '%1$s' is not supported on an i440fx machine: this driver adds no PCI bridges there"),
                       virDomainControllerModelPCITypeToString(ctrl->model));
        return -1;
    }
    if (ctrl->idx > 0xff) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("PCI controller index %1$u is out of range: buses 1 to 255 exist"),
                       ctrl->idx);
        return -1;
    }
    return 0;
}


static int
virDomainDefValidateControllers(const virDomainDef *def)
{
    bool usbNone = false;
    size_t nusb = 0;

    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];
        const char *type = virDomainControllerTypeToString(ctrl->type);

        for (size_t j = 0; j < i; j++) {
            if (virDomainControllerIsICH9USB(ctrl) &&
                virDomainControllerIsICH9USB(def->controllers[j]) &&
                def->controllers[j]->idx == ctrl->idx &&
                def->controllers[j]->model != ctrl->model)
                continue;
            if (def->controllers[j]->type == ctrl->type &&
                def->controllers[j]->idx == ctrl->idx) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Multiple '%1$s' controllers with index '%2$d'"),
                               type, (int)ctrl->idx);
                return -1;
            }
        }

        switch (ctrl->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
            if (virDomainControllerValidatePCI(def, ctrl) < 0)
                return -1;
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
            if (virDomainDefIsQ35(def)) {
                virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                         _("IDE controllers are unsupported for this QEMU binary or machine type"));
                return -1;
            }
            if (ctrl->idx != 0) {
                virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                         _("Only a single IDE controller is supported for this machine type"));
                return -1;
            }
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            nusb++;
            if (virDomainControllerValidateCompanion(def, ctrl) < 0)
                return -1;
            if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE) {
                usbNone = true;
                if (virDomainValidateNoAddress(&ctrl->info,
                                               "controller type='usb' model='none'") < 0)
                    return -1;
            }
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
            break;
        }
        if (virDomainValidatePCIOnly(&ctrl->info, "controller") < 0)
            return -1;
    }
    if (usbNone && nusb > 1) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       _("Can't add another USB controller: USB is disabled for this domain"));
        return -1;
    }
    return 0;
}


static int
virDomainDefValidateChrs(const virDomainDef *def)
{
    for (size_t i = 0; i < def->nserials; i++) {
        const virDomainChrDef *chr = def->serials[i];

        /* An ISA machine has four serial port addresses (COM1-COM4). */
        if (chr->targetPort > 3) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("isa-serial port %1$d is out of range: ports 0 to 3 exist"),
                           chr->targetPort);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (def->serials[j]->targetPort == chr->targetPort) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("serial port %1$d is used by more than one <serial>"),
                               chr->targetPort);
                return -1;
            }
        }
        if (chr->type == VIR_DOMAIN_CHR_TYPE_UNIX || chr->type == VIR_DOMAIN_CHR_TYPE_FILE) {
            if (virDomainCheckAbsolutePath(chr->path, _("serial port source"),
                                           virDomainChrTypeToString(chr->type)) < 0)
                return -1;
        }
    }
    if (def->nconsoles > 1) {
        /* on x86 every console without a target is a serial one */
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Only the first console can be a serial port"));
        return -1;
    }
    if (def->nconsoles == 1 &&
        def->consoles[0]->targetType != VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("the console must have a target of type 'serial'"));
        return -1;
    }
    return 0;
}


static int
virDomainDefValidateVideo(const virDomainDef *def)
{
    size_t nprimary = 0;

    for (size_t i = 0; i < def->nvideos; i++) {
        const virDomainVideoDef *video = def->videos[i];
        const char *type = virDomainVideoTypeToString(video->type);

        if (video->primary)
            nprimary++;
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE) {
            if (def->nvideos > 1) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("a 'none' video type must be the only video device defined for the domain"));
                return -1;
            }
            if (virDomainValidateNoAddress(&video->info, "video type='none'") < 0)
                return -1;
            continue;
        }
        if (video->heads != 1 && video->type != VIR_DOMAIN_VIDEO_TYPE_VIRTIO &&
            video->type != VIR_DOMAIN_VIDEO_TYPE_QXL) {
            virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED,
                                     _("video type '%1$s' doesn't support multiple 'heads'"),
                                     type);
            return -1;
        }
        if ((video->type == VIR_DOMAIN_VIDEO_TYPE_VIRTIO ||
             video->type == VIR_DOMAIN_VIDEO_TYPE_QXL) &&
            (video->heads < 1 || video->heads > 16)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("video type '%1$s' supports 1 to 16 heads, not %2$u"),
                           type, video->heads);
            return -1;
        }
        if (video->vram && video->type == VIR_DOMAIN_VIDEO_TYPE_VIRTIO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("video type 'virtio' has no 'vram' setting"));
            return -1;
        }
        if (virDomainValidatePCIOnly(&video->info, "video") < 0)
            return -1;
    }
    if (nprimary > 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Only one primary video device is supported"));
        return -1;
    }
    return 0;
}


static bool
virDomainDefHasChrType(virDomainChrDef *const *chrs, size_t nchrs,
                       virDomainChrType type)
{
    for (size_t i = 0; i < nchrs; i++) {
        if (chrs[i]->type == type)
            return true;
    }
    return false;
}


/* Devices on the USB bus need one; SPICE devices need SPICE. */
static int
virDomainValidateUSBDevice(const virDomainDef *def,
                           const virDomainDeviceInfo *info, const char *what)
{
    if (!virDomainDefHasUSB(def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("USB is disabled for this domain, but USB devices are present in the domain XML"));
        return -1;
    }
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("address type '%1$s' is not supported for <%2$s>: it must be 'usb'"),
                       virDomainDeviceAddressTypeToString(info->type), what);
        return -1;
    }
    return 0;
}


static int
virDomainDefValidateNewDevices(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *input = def->inputs[i];

        if (input->bus == VIR_DOMAIN_INPUT_BUS_USB) {
            if (virDomainValidateUSBDevice(def, &input->info, "input") < 0)
                return -1;
        } else {
            if (input->type == VIR_DOMAIN_INPUT_TYPE_TABLET) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("tablet input device is not supported on bus '%1$s'"),
                               virDomainInputBusTypeToString(input->bus));
                return -1;
            }
            if (virDomainValidateNoAddress(&input->info, "input bus='ps2'") < 0)
                return -1;
        }
    }
    for (size_t i = 0; i < def->nredirdevs; i++) {
        if (virDomainValidateUSBDevice(def, &def->redirdevs[i]->info,
                                       "redirdev") < 0)
            return -1;
    }
    if ((def->nredirdevs > 0 ||
         virDomainDefHasChrType(def->channels, def->nchannels,
                                VIR_DOMAIN_CHR_TYPE_SPICEVMC)) &&
        !virDomainDefHasSpice(def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("spicevmc devices need a SPICE display: add <graphics type='spice'/>"));
        return -1;
    }
    for (size_t i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];

        if (chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
            chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("address type '%1$s' is not supported for <channel>: it must be 'virtio-serial'"),
                           virDomainDeviceAddressTypeToString(chr->info.type));
            return -1;
        }
        if (chr->type != VIR_DOMAIN_CHR_TYPE_UNIX &&
            chr->type != VIR_DOMAIN_CHR_TYPE_SPICEVMC &&
            chr->type != VIR_DOMAIN_CHR_TYPE_PTY) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("channel type '%1$s' is not supported: use 'unix', 'pty' or 'spicevmc'"),
                           virDomainChrTypeToString(chr->type));
            return -1;
        }
        if (chr->path &&
            virDomainCheckAbsolutePath(chr->path, _("channel source"),
                                       NULLSTR(chr->targetName)) < 0)
            return -1;
        for (size_t j = 0; j < i; j++) {
            if (chr->targetName &&
                STREQ_NULLABLE(def->channels[j]->targetName, chr->targetName)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("virtio channel name '%1$s' is used by more than one <channel>"),
                               chr->targetName);
                return -1;
            }
        }
    }
    for (size_t i = 0; i < def->nsounds; i++) {
        if (virDomainValidatePCIOnly(&def->sounds[i]->info, "sound") < 0)
            return -1;
    }
    if (def->watchdog) {
        if (def->watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_IB700) {
            if (virDomainValidateNoAddress(&def->watchdog->info,
                                           "watchdog model='ib700'") < 0)
                return -1;
        } else if (virDomainValidatePCIOnly(&def->watchdog->info, "watchdog") < 0) {
            return -1;
        }
    }
    return 0;
}


/* Boot orders are unique, and exclude <os><boot>. */
static int
virDomainDefValidateBoot(const virDomainDef *def)
{
    g_autoptr(GHashTable) orders = g_hash_table_new(g_direct_hash, g_direct_equal);

    for (size_t i = 0; i < def->ndisks + def->nnets; i++) {
        const virDomainDeviceInfo *info = i < def->ndisks ?
            &def->disks[i]->info : &def->nets[i - def->ndisks]->info;

        if (!info->bootIndex)
            continue;
        if (def->os.nBootDevs > 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("per-device boot elements cannot be used together with os/boot elements"));
            return -1;
        }
        if (g_hash_table_contains(orders, GUINT_TO_POINTER(info->bootIndex))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("boot order '%1$u' used for more than one device"),
                           info->bootIndex);
            return -1;
        }
        g_hash_table_add(orders, GUINT_TO_POINTER(info->bootIndex));
    }
    return 0;
}


/* What QEMU can do when the guest powers off, reboots or crashes. */
static int
virDomainDefValidateLifecycle(const virDomainDef *def)
{
    if (def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
        def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
        def->onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                 _("qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'"));
        return -1;
    }
    if (def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE ||
        def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                 _("qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'"));
        return -1;
    }
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY &&
        def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART) {
        /* upstream's message, unbalanced quote included */
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                 _("qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'"));
        return -1;
    }
    return 0;
}


/* ---- Strings passed on to QEMU ---- */

/*
 * What upstream's schema allows for a listen address (addrIPorName):
 * an IPv4 or IPv6 address, or a host name made of letters, digits,
 * dots and dashes.  Nothing else can be passed on safely: the address
 * is part of QEMU's "-vnc HOST:DISPLAY,key=value,..." option.
 */
static bool
virDomainListenAddressIsValid(const char *addr)
{
    struct in_addr a4;
    struct in6_addr a6;

    if (inet_pton(AF_INET, addr, &a4) == 1 ||
        inet_pton(AF_INET6, addr, &a6) == 1)
        return true;
    if (!*addr)
        return false;
    for (const char *p = addr; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-')
            return false;
    }
    return true;
}


/**
 * virDomainDefValidateStrings:
 * @def: a definition
 *
 * Refuses the strings of @def that cannot reach QEMU's command line
 * meaning exactly what they say.  Most are passed on whole (JSON
 * values, paths that are a single argument) or escaped by the command
 * line builder; these cannot be:
 *
 *  - a graphics listen address that is not an IP address or host
 *    name: QEMU reads it inside its own option syntax, where a comma,
 *    an '=' or a bracket would open a second listener or change an
 *    option;
 *  - an initrd path with a comma or a space: for a multiboot kernel
 *    QEMU reads -initrd as a comma-separated list of modules, each
 *    "PATH ARGUMENTS", so it would open other files than the one named,
 *    and escaping would change the path for a Linux kernel.
 *
 *
 * And the strings that name files: the domain name (see
 * virDomainDefCheckName) and every path, which must not contain control
 * characters.
 *
 * Run at define and again before every start (a definition read back
 * from a file skips validation when it is loaded).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virDomainDefValidateStrings(const virDomainDef *def)
{
    if (virDomainDefCheckName(def->name) < 0 ||
        virDomainCheckPathControl(def->emulator, _("emulator path")) < 0 ||
        virDomainCheckPathControl(def->os.kernel, _("kernel path")) < 0 ||
        virDomainCheckPathControl(def->os.initrd, _("initrd path")) < 0 ||
        virDomainCheckPathControl(def->os.loader, _("loader path")) < 0 ||
        virDomainCheckPathControl(def->os.nvram, _("nvram path")) < 0 ||
        virDomainCheckPathControl(def->os.nvramTemplate, _("nvram template path")) < 0)
        return -1;
    for (size_t i = 0; i < def->ndisks; i++) {
        if (virDomainCheckPathControl(def->disks[i]->src, _("disk source path")) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nserials; i++) {
        if (def->serials[i]->type != VIR_DOMAIN_CHR_TYPE_PTY &&
            virDomainCheckPathControl(def->serials[i]->path,
                                      _("serial port source path")) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->type != VIR_DOMAIN_CHR_TYPE_PTY &&
            virDomainCheckPathControl(def->consoles[i]->path,
                                      _("console source path")) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nrngs; i++) {
        if (virDomainCheckPathControl(def->rngs[i]->source,
                                      _("RNG backend path")) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nchannels; i++) {
        if (def->channels[i]->type != VIR_DOMAIN_CHR_TYPE_PTY &&
            virDomainCheckPathControl(def->channels[i]->path,
                                      _("channel source path")) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->ngraphics; i++) {
        const char *listen = def->graphics[i]->listenAddress;

        if (listen && !virDomainListenAddressIsValid(listen)) {
            g_autofree char *shown = g_strescape(listen, NULL);

            virReportError(VIR_ERR_XML_ERROR,
                           _("graphics listen address '%1$s' is not an IP address or a host name"),
                           shown);
            return -1;
        }
    }
    if (def->os.initrd && def->os.initrd[strcspn(def->os.initrd, ", ")]) {
        g_autofree char *shown = g_strescape(def->os.initrd, NULL);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("initrd path '%1$s' contains a comma or a space, which QEMU would read as a list of multiboot modules: rename the file"),
                       shown);
        return -1;
    }
    return 0;
}


/**
 * virDomainDefValidate:
 * @def: a definition
 * @flags: virDomainDefParseFlags
 *
 * Checks what no single element can check alone (uniqueness, the
 * combinations upstream refuses) and what a definition built in code
 * rather than parsed might get wrong.
 *
 * Returns: 0 if @def is valid, else -1 with an error reported.
 */
int
virDomainDefValidate(const virDomainDef *def, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_DEF_PARSE_INACTIVE |
                  VIR_DOMAIN_DEF_PARSE_STATUS |
                  VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE |
                  VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE, -1);

    if (virDomainDefCheckName(def->name) < 0)
        return -1;
    if (def->title && strchr(def->title, '\n')) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Domain title can't contain newlines"));
        return -1;
    }
    if (def->memory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Memory size must be specified via <memory> or in the <numa> configuration"));
        return -1;
    }
    if (def->vcpus == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("vcpu count 0 is invalid: a domain needs at least one vCPU"));
        return -1;
    }

    if (virDomainDefValidateLifecycle(def) < 0)
        return -1;
    if (def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
        def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Lifecycle event '%1$s' doesn't support '%2$s' action"),
                       "poweroff",
                       virDomainLifecycleActionTypeToString(def->onPoweroff));
        return -1;
    }
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
        def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Lifecycle event '%1$s' doesn't support '%2$s' action"),
                       "reboot",
                       virDomainLifecycleActionTypeToString(def->onReboot));
        return -1;
    }

    if (virDomainDefValidateBoot(def) < 0 ||
        virDomainDefValidateDisks(def) < 0 ||
        virDomainDefValidateControllers(def) < 0 ||
        virDomainDefValidateChrs(def) < 0 ||
        virDomainDefValidateVideo(def) < 0 ||
        virDomainDefValidateNewDevices(def) < 0)
        return -1;

    for (size_t i = 0; i < def->nnets; i++) {
        if (virDomainValidatePCIOnly(&def->nets[i]->info, "interface") < 0)
            return -1;
    }
    if (def->ngraphics > 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("only one <graphics> device is supported"));
        return -1;
    }
    for (size_t i = 0; i < def->ngraphics; i++) {
        const virDomainGraphicsDef *graphics = def->graphics[i];

        if (!graphics->autoport &&
            (graphics->port < 5900 || graphics->port > 65535)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("%1$s port %2$d is out of range: it must be between 5900 and 65535"),
                           graphics->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE ?
                           "SPICE" : "VNC",
                           graphics->port);
            return -1;
        }
    }
    for (size_t i = 0; i < def->naudios; i++) {
        for (size_t j = 0; j < i; j++) {
            if (def->audios[j]->id == def->audios[i]->id) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("audio ID %1$u is used multiple times"),
                               def->audios[i]->id);
                return -1;
            }
        }
    }
    if (def->memballoon) {
        if (def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_NONE) {
            if (virDomainValidateNoAddress(&def->memballoon->info,
                                           "memballoon model='none'") < 0)
                return -1;
        } else if (virDomainValidatePCIOnly(&def->memballoon->info, "memballoon") < 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < def->nrngs; i++) {
        if (virDomainValidatePCIOnly(&def->rngs[i]->info, "rng") < 0 ||
            virDomainCheckAbsolutePath(def->rngs[i]->source, _("RNG backend"),
                                       "random") < 0)
            return -1;
    }
    if (virDomainCheckAbsolutePath(def->os.kernel, _("kernel"), "os") < 0 ||
        virDomainCheckAbsolutePath(def->os.initrd, _("initrd"), "os") < 0 ||
        virDomainCheckAbsolutePath(def->os.loader, _("loader"), "os") < 0 ||
        virDomainCheckAbsolutePath(def->os.nvram, _("nvram"), "os") < 0 ||
        virDomainCheckAbsolutePath(def->os.nvramTemplate, _("nvram template"),
                                   "os") < 0)
        return -1;
    if ((def->os.firmwareEFI || def->os.loader) &&
        !def->features[VIR_DOMAIN_FEATURE_ACPI]) {
        virDomainReportQEMUError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                                 _("UEFI requires ACPI on this architecture"));
        return -1;
    }
    if (def->os.firmwareEFI && def->os.loader) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("<os firmware='efi'> picks the firmware: it cannot be combined with a <loader>"));
        return -1;
    }
    if ((def->os.nvram || def->os.nvramTemplate) && !def->os.firmwareEFI &&
        !def->os.loader) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("<nvram> needs a UEFI firmware: add <os firmware='efi'> or a <loader>"));
        return -1;
    }
    if (def->os.loader &&
        (!def->os.loaderPflash || def->os.loaderReadonly != VIR_TRISTATE_BOOL_YES)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("only a read-only flash loader is supported: <loader readonly='yes' type='pflash'>"));
        return -1;
    }
    return virDomainDefValidateStrings(def);
}


/* ---- Formatting ---- */

/* <boot>, <alias> and <address>, in upstream's order. */
static void
virDomainDeviceInfoFormat(virBuffer *buf, const virDomainDeviceInfo *info,
                          unsigned int flags)
{
    if (info->bootIndex)
        virBufferAsprintf(buf, "<boot order='%u'/>\n", info->bootIndex);
    if (info->alias && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferEscapeString(buf, "<alias name='%s'/>\n", info->alias);

    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        virBufferAsprintf(buf,
                          "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
                          info->addr.pci.domain, info->addr.pci.bus,
                          info->addr.pci.slot, info->addr.pci.function);
        if (info->addr.pci.multifunction != VIR_TRISTATE_SWITCH_ABSENT)
            virBufferAsprintf(buf, " multifunction='%s'",
                              virTristateSwitchTypeToString(info->addr.pci.multifunction));
        virBufferAddLit(buf, "/>\n");
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        virBufferAsprintf(buf,
                          "<address type='drive' controller='%u' bus='%u' target='%u' unit='%u'/>\n",
                          info->addr.drive.controller, info->addr.drive.bus,
                          info->addr.drive.target, info->addr.drive.unit);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        virBufferAsprintf(buf,
                          "<address type='virtio-serial' controller='%u' bus='%u' port='%u'/>\n",
                          info->addr.vioserial.controller,
                          info->addr.vioserial.bus, info->addr.vioserial.port);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        virBufferAsprintf(buf, "<address type='usb' bus='%u'",
                          info->addr.usb.bus);
        if (info->addr.usb.port)
            virBufferAsprintf(buf, " port='%u'", info->addr.usb.port);
        virBufferAddLit(buf, "/>\n");
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
}


/*
 * Writes "<@open>" followed by @child indented and "</@name>", or just
 * "<@open/>" when @child is empty.  @open holds the element's name and
 * attributes.
 */
static void
virDomainFormatElement(virBuffer *buf, const char *open, const char *name,
                       virBuffer *child)
{
    if (virBufferUse(child) == 0) {
        virBufferAsprintf(buf, "<%s/>\n", open);
        return;
    }
    virBufferAsprintf(buf, "<%s>\n", open);
    virBufferAddBuffer(buf, child);
    virBufferAsprintf(buf, "</%s>\n", name);
}


/* A child buffer indented one level below @buf. */
static void
virDomainChildBufInit(virBuffer *child, virBuffer *buf)
{
    child->str = NULL;
    child->indent = virBufferGetIndent(buf) + 2;
}


static void
virDomainDiskDefFormat(virBuffer *buf, const virDomainDiskDef *disk,
                       unsigned int flags)
{
    g_auto(virBuffer) driver = VIR_BUFFER_INITIALIZER;

    virBufferAsprintf(buf, "<disk type='%s' device='%s'>\n",
                      virStorageTypeToString(disk->type),
                      virDomainDiskDeviceTypeToString(disk->device));
    virBufferAdjustIndent(buf, 2);

    virBufferEscapeString(&driver, " name='%s'", disk->driverName);
    if (disk->format != VIR_STORAGE_FILE_NONE)
        virBufferAsprintf(&driver, " type='%s'",
                          virStorageFileFormatTypeToString(disk->format));
    if (disk->cache != VIR_DOMAIN_DISK_CACHE_DEFAULT)
        virBufferAsprintf(&driver, " cache='%s'",
                          virDomainDiskCacheTypeToString(disk->cache));
    if (virBufferUse(&driver) > 0)
        virBufferAsprintf(buf, "<driver%s/>\n", virBufferCurrentContent(&driver));

    if (disk->src) {
        virBufferEscapeString(buf,
                              disk->type == VIR_STORAGE_TYPE_BLOCK ?
                              "<source dev='%s'/>\n" : "<source file='%s'/>\n",
                              disk->src);
    }
    virBufferEscapeString(buf, "<target dev='%s'", disk->dst);
    virBufferAsprintf(buf, " bus='%s'/>\n", virDomainDiskBusTypeToString(disk->bus));
    if (disk->readonly)
        virBufferAddLit(buf, "<readonly/>\n");
    if (disk->shareable)
        virBufferAddLit(buf, "<shareable/>\n");
    virDomainDeviceInfoFormat(buf, &disk->info, flags);

    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</disk>\n");
}


static const char *
virDomainControllerModelToString(const virDomainControllerDef *ctrl)
{
    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return virDomainControllerModelUSBTypeToString(ctrl->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return virDomainControllerModelSCSITypeToString(ctrl->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return virDomainControllerModelPCITypeToString(ctrl->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return NULL;
}


static void
virDomainControllerDefFormat(virBuffer *buf, const virDomainControllerDef *ctrl,
                             unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *open = NULL;
    const char *model = NULL;

    if (ctrl->model >= 0)
        model = virDomainControllerModelToString(ctrl);
    if (model)
        open = g_strdup_printf("controller type='%s' index='%u' model='%s'",
                               virDomainControllerTypeToString(ctrl->type),
                               ctrl->idx, model);
    else
        open = g_strdup_printf("controller type='%s' index='%u'",
                               virDomainControllerTypeToString(ctrl->type),
                               ctrl->idx);

    virDomainChildBufInit(&child, buf);
    if (ctrl->startport >= 0)
        virBufferAsprintf(&child, "<master startport='%d'/>\n", ctrl->startport);
    if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
        virDomainControllerPCIModelName(ctrl->model))
        virBufferAsprintf(&child, "<model name='%s'/>\n",
                          virDomainControllerPCIModelName(ctrl->model));
    if (ctrl->chassis >= 0 || ctrl->port >= 0) {
        virBufferAddLit(&child, "<target");
        if (ctrl->chassis >= 0)
            virBufferAsprintf(&child, " chassis='%d'", ctrl->chassis);
        if (ctrl->port >= 0)
            virBufferAsprintf(&child, " port='0x%x'", ctrl->port);
        virBufferAddLit(&child, "/>\n");
    }
    virDomainDeviceInfoFormat(&child, &ctrl->info, flags);
    virDomainFormatElement(buf, open, "controller", &child);
}


static void
virDomainNetDefFormat(virBuffer *buf, const virDomainNetDef *net,
                      unsigned int flags)
{
    char mac[VIR_MAC_STRING_BUFLEN];

    virBufferAsprintf(buf, "<interface type='%s'>\n",
                      virDomainNetTypeToString(net->type));
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<mac address='%s'/>\n", virMacAddrFormat(&net->mac, mac));
    virBufferEscapeString(buf, "<source network='%s'/>\n", net->network);
    virBufferEscapeString(buf, "<source bridge='%s'/>\n", net->bridge);
    /* A name the kernel picked belongs to the run, not the definition. */
    if (!(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE) || !net->ifname ||
        !g_str_has_prefix(net->ifname, VIR_NET_DEV_TAP_PREFIX))
        virBufferEscapeString(buf, "<target dev='%s'/>\n", net->ifname);
    if (net->model != VIR_DOMAIN_NET_MODEL_UNKNOWN)
        virBufferAsprintf(buf, "<model type='%s'/>\n",
                          virDomainNetModelTypeToString(net->model));
    virDomainDeviceInfoFormat(buf, &net->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</interface>\n");
}


/* <source> of a character device, as upstream writes it. */
static void
virDomainChrSourceFormat(virBuffer *buf, const virDomainChrDef *src,
                         unsigned int flags)
{
    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
        if (src->path && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
            virBufferEscapeString(buf, "<source path='%s'/>\n", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        virBufferEscapeString(buf, "<source path='%s'/>\n", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        /* A channel socket the driver names exists only while running. */
        if (!src->path)
            break;
        virBufferAsprintf(buf, "<source mode='%s'",
                          virDomainChrSourceModeTypeToString(src->mode));
        virBufferEscapeString(buf, " path='%s'/>\n", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_NULL:
    case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
    case VIR_DOMAIN_CHR_TYPE_LAST:
        break;
    }
}


static void
virDomainSerialDefFormat(virBuffer *buf, const virDomainChrDef *chr,
                         unsigned int flags)
{
    virBufferAsprintf(buf, "<serial type='%s'>\n", virDomainChrTypeToString(chr->type));
    virBufferAdjustIndent(buf, 2);
    virDomainChrSourceFormat(buf, chr, flags);

    virBufferAddLit(buf, "<target");
    if (chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE)
        virBufferAsprintf(buf, " type='%s'",
                          virDomainChrSerialTargetTypeToString(chr->targetType));
    if (chr->targetPort >= 0)
        virBufferAsprintf(buf, " port='%d'", chr->targetPort);
    if (chr->targetModel != VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE) {
        virBufferAddLit(buf, ">\n");
        virBufferAdjustIndent(buf, 2);
        virBufferAsprintf(buf, "<model name='%s'/>\n",
                          virDomainChrSerialTargetModelTypeToString(chr->targetModel));
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</target>\n");
    } else {
        virBufferAddLit(buf, "/>\n");
    }

    virDomainDeviceInfoFormat(buf, &chr->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</serial>\n");
}


/*
 * A serial console is the first serial port under another name: its
 * host side (and, live, its alias) are that port's.
 */
static void
virDomainConsoleDefFormat(virBuffer *buf, const virDomainDef *def,
                          const virDomainChrDef *con, unsigned int flags)
{
    const virDomainChrDef *src = con;

    if (con->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
        def->nserials > 0)
        src = def->serials[0];

    virBufferAsprintf(buf, "<console type='%s'", virDomainChrTypeToString(src->type));
    if (src->type == VIR_DOMAIN_CHR_TYPE_PTY && src->path &&
        !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferEscapeString(buf, " tty='%s'", src->path);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    virDomainChrSourceFormat(buf, src, flags);

    virBufferAddLit(buf, "<target");
    if (con->targetType != VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE)
        virBufferAsprintf(buf, " type='%s'",
                          virDomainChrConsoleTargetTypeToString(con->targetType));
    if (con->targetPort >= 0)
        virBufferAsprintf(buf, " port='%d'", con->targetPort);
    virBufferAddLit(buf, "/>\n");

    virDomainDeviceInfoFormat(buf, &src->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</console>\n");
}


static void
virDomainChannelDefFormat(virBuffer *buf, const virDomainChrDef *chr,
                          unsigned int flags)
{
    virBufferAsprintf(buf, "<channel type='%s'>\n", virDomainChrTypeToString(chr->type));
    virBufferAdjustIndent(buf, 2);
    virDomainChrSourceFormat(buf, chr, flags);
    virBufferAsprintf(buf, "<target type='%s'",
                      virDomainChrChannelTargetTypeToString(chr->targetType));
    virBufferEscapeString(buf, " name='%s'", chr->targetName);
    virBufferAddLit(buf, "/>\n");
    virDomainDeviceInfoFormat(buf, &chr->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</channel>\n");
}


static void
virDomainSoundDefFormat(virBuffer *buf, const virDomainSoundDef *sound,
                        unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *open = NULL;

    open = g_strdup_printf("sound model='%s'",
                           virDomainSoundModelTypeToString(sound->model));
    virDomainChildBufInit(&child, buf);
    for (size_t i = 0; i < sound->ncodecs; i++)
        virBufferAsprintf(&child, "<codec type='%s'/>\n",
                          virDomainSoundCodecTypeTypeToString(sound->codecs[i]));
    virDomainDeviceInfoFormat(&child, &sound->info, flags);
    virDomainFormatElement(buf, open, "sound", &child);
}


static void
virDomainRedirdevDefFormat(virBuffer *buf, const virDomainRedirdevDef *redirdev,
                           unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;

    virDomainChildBufInit(&child, buf);
    virDomainDeviceInfoFormat(&child, &redirdev->info, flags);
    virDomainFormatElement(buf, "redirdev bus='usb' type='spicevmc'", "redirdev",
                           &child);
}


static void
virDomainWatchdogDefFormat(virBuffer *buf, const virDomainWatchdogDef *watchdog,
                           unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *open = NULL;

    open = g_strdup_printf("watchdog model='%s' action='%s'",
                           virDomainWatchdogModelTypeToString(watchdog->model),
                           virDomainWatchdogActionTypeToString(watchdog->action));
    virDomainChildBufInit(&child, buf);
    virDomainDeviceInfoFormat(&child, &watchdog->info, flags);
    virDomainFormatElement(buf, open, "watchdog", &child);
}


static void
virDomainInputDefFormat(virBuffer *buf, const virDomainInputDef *input,
                        unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *open = NULL;

    open = g_strdup_printf("input type='%s' bus='%s'",
                           virDomainInputTypeToString(input->type),
                           virDomainInputBusTypeToString(input->bus));
    virDomainChildBufInit(&child, buf);
    virDomainDeviceInfoFormat(&child, &input->info, flags);
    virDomainFormatElement(buf, open, "input", &child);
}


static void
virDomainGraphicsDefFormat(virBuffer *buf, const virDomainGraphicsDef *graphics,
                           unsigned int flags)
{
    int port = graphics->port;

    if (graphics->autoport && (flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        port = -1;

    virBufferAsprintf(buf, "<graphics type='%s'",
                      virDomainGraphicsTypeToString(graphics->type));
    /* Upstream writes a VNC port always, a SPICE port only once chosen. */
    if (graphics->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC || port > 0)
        virBufferAsprintf(buf, " port='%d'", port);
    virBufferAsprintf(buf, " autoport='%s'", graphics->autoport ? "yes" : "no");
    virBufferEscapeString(buf, " listen='%s'", graphics->listenAddress);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<listen type='%s'",
                      virDomainGraphicsListenTypeToString(graphics->listenType));
    virBufferEscapeString(buf, " address='%s'", graphics->listenAddress);
    virBufferAddLit(buf, "/>\n");
    if (graphics->imageCompression)
        virBufferAsprintf(buf, "<image compression='%s'/>\n",
                          virDomainGraphicsSpiceImageCompressionTypeToString(graphics->imageCompression));
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</graphics>\n");
}


static void
virDomainVideoDefFormat(virBuffer *buf, const virDomainVideoDef *video,
                        unsigned int flags)
{
    virBufferAddLit(buf, "<video>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<model type='%s'", virDomainVideoTypeToString(video->type));
    if (video->ram)
        virBufferAsprintf(buf, " ram='%u'", video->ram);
    if (video->vram)
        virBufferAsprintf(buf, " vram='%u'", video->vram);
    if (video->vgamem)
        virBufferAsprintf(buf, " vgamem='%u'", video->vgamem);
    if (video->heads)
        virBufferAsprintf(buf, " heads='%u'", video->heads);
    if (video->primary)
        virBufferAddLit(buf, " primary='yes'");
    virBufferAddLit(buf, "/>\n");
    virDomainDeviceInfoFormat(buf, &video->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</video>\n");
}


static void
virDomainMemballoonDefFormat(virBuffer *buf,
                             const virDomainMemballoonDef *balloon,
                             unsigned int flags)
{
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *open = NULL;

    open = g_strdup_printf("memballoon model='%s'",
                           virDomainMemballoonModelTypeToString(balloon->model));
    virDomainChildBufInit(&child, buf);
    if (balloon->period >= 0)
        virBufferAsprintf(&child, "<stats period='%d'/>\n", balloon->period);
    virDomainDeviceInfoFormat(&child, &balloon->info, flags);
    virDomainFormatElement(buf, open, "memballoon", &child);
}


static void
virDomainRNGDefFormat(virBuffer *buf, const virDomainRNGDef *rng,
                      unsigned int flags)
{
    virBufferAsprintf(buf, "<rng model='%s'>\n", virDomainRNGModelTypeToString(rng->model));
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<backend model='%s'>",
                      virDomainRNGBackendTypeToString(rng->backend));
    /* One call: a path ending in a newline must not get the next
     * line's indentation. */
    virBufferEscapeString(buf, "%s</backend>\n", rng->source);
    virDomainDeviceInfoFormat(buf, &rng->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</rng>\n");
}


static void
virDomainDefFormatDevices(virBuffer *buf, const virDomainDef *def,
                          unsigned int flags)
{
    virBufferAddLit(buf, "<devices>\n");
    virBufferAdjustIndent(buf, 2);

    virBufferEscapeString(buf, "<emulator>%s</emulator>\n", def->emulator);
    for (size_t i = 0; i < def->ndisks; i++)
        virDomainDiskDefFormat(buf, def->disks[i], flags);
    for (size_t i = 0; i < def->ncontrollers; i++)
        virDomainControllerDefFormat(buf, def->controllers[i], flags);
    for (size_t i = 0; i < def->nnets; i++)
        virDomainNetDefFormat(buf, def->nets[i], flags);
    for (size_t i = 0; i < def->nserials; i++)
        virDomainSerialDefFormat(buf, def->serials[i], flags);
    for (size_t i = 0; i < def->nconsoles; i++)
        virDomainConsoleDefFormat(buf, def, def->consoles[i], flags);
    for (size_t i = 0; i < def->nchannels; i++)
        virDomainChannelDefFormat(buf, def->channels[i], flags);
    for (size_t i = 0; i < def->ninputs; i++)
        virDomainInputDefFormat(buf, def->inputs[i], flags);
    for (size_t i = 0; i < def->ngraphics; i++)
        virDomainGraphicsDefFormat(buf, def->graphics[i], flags);
    for (size_t i = 0; i < def->nsounds; i++)
        virDomainSoundDefFormat(buf, def->sounds[i], flags);
    for (size_t i = 0; i < def->naudios; i++)
        virBufferAsprintf(buf, "<audio id='%u' type='%s'/>\n", def->audios[i]->id,
                          virDomainAudioTypeToString(def->audios[i]->type));
    for (size_t i = 0; i < def->nvideos; i++)
        virDomainVideoDefFormat(buf, def->videos[i], flags);
    for (size_t i = 0; i < def->nredirdevs; i++)
        virDomainRedirdevDefFormat(buf, def->redirdevs[i], flags);
    if (def->watchdog)
        virDomainWatchdogDefFormat(buf, def->watchdog, flags);
    if (def->memballoon)
        virDomainMemballoonDefFormat(buf, def->memballoon, flags);
    for (size_t i = 0; i < def->nrngs; i++)
        virDomainRNGDefFormat(buf, def->rngs[i], flags);

    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</devices>\n");
}


/**
 * virDomainDefFormatBuf:
 * @buf: where to write; the domain is indented at the buffer's current
 *       indentation (so the driver can nest it in its status XML)
 * @def: the domain
 * @flags: virDomainDefFormatFlags
 *
 * Writes the domain's XML in upstream's element order, two spaces per
 * level.  VIR_DOMAIN_DEF_FORMAT_INACTIVE leaves out live-only data (the
 * id, aliases, pty paths, the VNC port picked at start).
 *
 * Returns: 0, or -1 with an error reported (unknown flags).
 */
int
virDomainDefFormatBuf(virBuffer *buf, const virDomainDef *def,
                      unsigned int flags)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    virCheckFlags(VIR_DOMAIN_DEF_FORMAT_SECURE |
                  VIR_DOMAIN_DEF_FORMAT_INACTIVE, -1);

    virBufferAsprintf(buf, "<domain type='%s'", virDomainVirtTypeToString(def->virtType));
    if (def->id >= 0 && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferAsprintf(buf, " id='%d'", def->id);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);

    virBufferEscapeString(buf, "<name>%s</name>\n", def->name);
    virBufferAsprintf(buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuid));
    virBufferEscapeString(buf, "<title>%s</title>\n", def->title);
    virBufferEscapeString(buf, "<description>%s</description>\n", def->description);
    virBufferAsprintf(buf, "<memory unit='KiB'>%llu</memory>\n", def->memory);
    virBufferAsprintf(buf, "<currentMemory unit='KiB'>%llu</currentMemory>\n",
                      def->currentMemory);
    virBufferAsprintf(buf, "<vcpu placement='static'>%u</vcpu>\n", def->vcpus);

    virBufferAsprintf(buf, "<os%s>\n", def->os.firmwareEFI ? " firmware='efi'" : "");
    virBufferAdjustIndent(buf, 2);
    virBufferAddLit(buf, "<type");
    virBufferEscapeString(buf, " arch='%s'", def->os.arch);
    virBufferEscapeString(buf, " machine='%s'", def->os.machine);
    virBufferAsprintf(buf, ">%s</type>\n", virDomainOSTypeToString(def->os.type));
    if (def->os.loader) {
        virBufferAddLit(buf, "<loader");
        if (def->os.loaderReadonly)
            virBufferAsprintf(buf, " readonly='%s'",
                              virTristateBoolTypeToString(def->os.loaderReadonly));
        if (def->os.loaderSecure)
            virBufferAsprintf(buf, " secure='%s'",
                              virTristateBoolTypeToString(def->os.loaderSecure));
        if (def->os.loaderPflash)
            virBufferAddLit(buf, " type='pflash'");
        virBufferEscapeString(buf, ">%s</loader>\n", def->os.loader);
    }
    if (def->os.nvram || def->os.nvramTemplate) {
        virBufferAddLit(buf, "<nvram");
        virBufferEscapeString(buf, " template='%s'", def->os.nvramTemplate);
        if (def->os.nvram)
            virBufferEscapeString(buf, ">%s</nvram>\n", def->os.nvram);
        else
            virBufferAddLit(buf, "/>\n");
    }
    virBufferEscapeString(buf, "<kernel>%s</kernel>\n", def->os.kernel);
    virBufferEscapeString(buf, "<initrd>%s</initrd>\n", def->os.initrd);
    virBufferEscapeString(buf, "<cmdline>%s</cmdline>\n", def->os.cmdline);
    for (size_t i = 0; i < def->os.nBootDevs; i++)
        virBufferAsprintf(buf, "<boot dev='%s'/>\n",
                          virDomainBootTypeToString(def->os.bootDevs[i]));
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</os>\n");

    if (def->features[VIR_DOMAIN_FEATURE_ACPI] ||
        def->features[VIR_DOMAIN_FEATURE_APIC] || def->vmport || def->smm) {
        virBufferAddLit(buf, "<features>\n");
        virBufferAdjustIndent(buf, 2);
        for (size_t i = 0; i < VIR_DOMAIN_FEATURE_LAST; i++) {
            if (def->features[i])
                virBufferAsprintf(buf, "<%s/>\n", virDomainFeatureTypeToString(i));
        }
        if (def->vmport)
            virBufferAsprintf(buf, "<vmport state='%s'/>\n",
                              virTristateSwitchTypeToString(def->vmport));
        if (def->smm)
            virBufferAsprintf(buf, "<smm state='%s'/>\n",
                              virTristateSwitchTypeToString(def->smm));
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</features>\n");
    }

    if (def->cpu) {
        virBufferAddLit(buf, "<cpu");
        virBufferEscapeString(buf, " mode='%s'", def->cpu->mode);
        virBufferEscapeString(buf, " match='%s'", def->cpu->match);
        virBufferEscapeString(buf, " check='%s'", def->cpu->check);
        virBufferAddLit(buf, ">\n");
        virBufferAdjustIndent(buf, 2);
        virBufferAddLit(buf, "<model");
        virBufferEscapeString(buf, " fallback='%s'", def->cpu->fallback);
        virBufferEscapeString(buf, ">%s</model>\n", def->cpu->model);
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</cpu>\n");
    }

    virBufferAsprintf(buf, "<clock offset='%s'",
                      virDomainClockOffsetTypeToString(def->clockOffset));
    if (def->ntimers == 0) {
        virBufferAddLit(buf, "/>\n");
    } else {
        virBufferAddLit(buf, ">\n");
        virBufferAdjustIndent(buf, 2);
        for (size_t i = 0; i < def->ntimers; i++) {
            const virDomainTimerDef *timer = def->timers[i];

            virBufferAsprintf(buf, "<timer name='%s'",
                              virDomainTimerNameTypeToString(timer->name));
            if (timer->present)
                virBufferAsprintf(buf, " present='%s'",
                                  virTristateBoolTypeToString(timer->present));
            if (timer->tickpolicy)
                virBufferAsprintf(buf, " tickpolicy='%s'",
                                  virDomainTimerTickpolicyTypeToString(timer->tickpolicy));
            virBufferAddLit(buf, "/>\n");
        }
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</clock>\n");
    }
    virBufferAsprintf(buf, "<on_poweroff>%s</on_poweroff>\n",
                      virDomainLifecycleActionTypeToString(def->onPoweroff));
    virBufferAsprintf(buf, "<on_reboot>%s</on_reboot>\n",
                      virDomainLifecycleActionTypeToString(def->onReboot));
    virBufferAsprintf(buf, "<on_crash>%s</on_crash>\n",
                      virDomainLifecycleActionTypeToString(def->onCrash));
    if (def->pmSuspendToMem || def->pmSuspendToDisk) {
        virBufferAddLit(buf, "<pm>\n");
        virBufferAdjustIndent(buf, 2);
        if (def->pmSuspendToMem)
            virBufferAsprintf(buf, "<suspend-to-mem enabled='%s'/>\n",
                              virTristateBoolTypeToString(def->pmSuspendToMem));
        if (def->pmSuspendToDisk)
            virBufferAsprintf(buf, "<suspend-to-disk enabled='%s'/>\n",
                              virTristateBoolTypeToString(def->pmSuspendToDisk));
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</pm>\n");
    }

    virDomainDefFormatDevices(buf, def, flags);

    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</domain>\n");
    return 0;
}


/**
 * virDomainDefFormat:
 * @def: the domain
 * @flags: virDomainDefFormatFlags
 *
 * Returns: the domain's XML (free it with g_free), or NULL with an
 * error reported.
 */
char *
virDomainDefFormat(const virDomainDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    if (virDomainDefFormatBuf(&buf, def, flags) < 0)
        return NULL;
    return virBufferContentAndReset(&buf);
}


/* ---- Copies and comparison ---- */

/**
 * virDomainDefCopy:
 * @def: a domain
 * @flags: virDomainDefFormatFlags: with VIR_DOMAIN_DEF_FORMAT_INACTIVE
 *         the copy leaves out live-only data
 *
 * Copies through the XML: what cannot be formatted cannot be copied,
 * so the copy is exactly what a restart would read back.  Neither
 * defaults nor validation are applied again.
 *
 * Returns: the copy, or NULL with an error reported.
 */
virDomainDef *
virDomainDefCopy(const virDomainDef *def, unsigned int flags)
{
    g_autofree char *xml = NULL;
    unsigned int parseFlags = VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE |
                              VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE;

    virCheckFlags(VIR_DOMAIN_DEF_FORMAT_SECURE |
                  VIR_DOMAIN_DEF_FORMAT_INACTIVE, NULL);

    if (!(xml = virDomainDefFormat(def, flags | VIR_DOMAIN_DEF_FORMAT_SECURE)))
        return NULL;
    if (flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE)
        parseFlags |= VIR_DOMAIN_DEF_PARSE_INACTIVE;
    else
        parseFlags |= VIR_DOMAIN_DEF_PARSE_STATUS;
    return virDomainDefParseString(xml, parseFlags);
}


static bool
virDomainDeviceInfoIsEqual(const virDomainDeviceInfo *a,
                           const virDomainDeviceInfo *b)
{
    if (STRNEQ_NULLABLE(a->alias, b->alias) || a->type != b->type ||
        a->bootIndex != b->bootIndex)
        return false;
    switch (a->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        return a->addr.pci.domain == b->addr.pci.domain &&
            a->addr.pci.bus == b->addr.pci.bus &&
            a->addr.pci.slot == b->addr.pci.slot &&
            a->addr.pci.function == b->addr.pci.function &&
            a->addr.pci.multifunction == b->addr.pci.multifunction;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        return a->addr.drive.controller == b->addr.drive.controller &&
            a->addr.drive.bus == b->addr.drive.bus &&
            a->addr.drive.target == b->addr.drive.target &&
            a->addr.drive.unit == b->addr.drive.unit;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        return a->addr.vioserial.controller == b->addr.vioserial.controller &&
            a->addr.vioserial.bus == b->addr.vioserial.bus &&
            a->addr.vioserial.port == b->addr.vioserial.port;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        return a->addr.usb.bus == b->addr.usb.bus &&
            a->addr.usb.port == b->addr.usb.port;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    return true;
}


static bool
virDomainDiskDefIsEqual(const virDomainDiskDef *a, const virDomainDiskDef *b)
{
    return a->type == b->type && a->device == b->device &&
        STREQ_NULLABLE(a->src, b->src) &&
        STREQ_NULLABLE(a->driverName, b->driverName) &&
        a->format == b->format && a->cache == b->cache &&
        STREQ_NULLABLE(a->dst, b->dst) && a->bus == b->bus &&
        a->readonly == b->readonly && a->shareable == b->shareable &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainControllerDefIsEqual(const virDomainControllerDef *a,
                              const virDomainControllerDef *b)
{
    return a->type == b->type && a->idx == b->idx && a->model == b->model &&
        a->startport == b->startport && a->chassis == b->chassis &&
        a->port == b->port &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainNetDefIsEqual(const virDomainNetDef *a, const virDomainNetDef *b)
{
    return a->type == b->type && virMacAddrCmp(&a->mac, &b->mac) == 0 &&
        a->model == b->model && STREQ_NULLABLE(a->network, b->network) &&
        STREQ_NULLABLE(a->bridge, b->bridge) && STREQ_NULLABLE(a->ifname, b->ifname) &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainChrDefIsEqual(const virDomainChrDef *a, const virDomainChrDef *b)
{
    return a->deviceType == b->deviceType && a->type == b->type &&
        STREQ_NULLABLE(a->path, b->path) && a->mode == b->mode &&
        a->targetType == b->targetType && a->targetModel == b->targetModel &&
        a->targetPort == b->targetPort &&
        STREQ_NULLABLE(a->targetName, b->targetName) &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainInputDefIsEqual(const virDomainInputDef *a, const virDomainInputDef *b)
{
    return a->type == b->type && a->bus == b->bus &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainGraphicsDefIsEqual(const virDomainGraphicsDef *a,
                            const virDomainGraphicsDef *b)
{
    return a->type == b->type && a->port == b->port &&
        a->autoport == b->autoport && a->listenType == b->listenType &&
        STREQ_NULLABLE(a->listenAddress, b->listenAddress) &&
        a->imageCompression == b->imageCompression;
}


static bool
virDomainAudioDefIsEqual(const virDomainAudioDef *a, const virDomainAudioDef *b)
{
    return a->type == b->type && a->id == b->id;
}


static bool
virDomainVideoDefIsEqual(const virDomainVideoDef *a, const virDomainVideoDef *b)
{
    return a->type == b->type && a->vram == b->vram && a->heads == b->heads &&
        a->ram == b->ram && a->vgamem == b->vgamem &&
        a->primary == b->primary && virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainMemballoonDefIsEqual(const virDomainMemballoonDef *a,
                              const virDomainMemballoonDef *b)
{
    if (!a || !b)
        return a == b;
    return a->model == b->model && a->period == b->period &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainSoundDefIsEqual(const virDomainSoundDef *a, const virDomainSoundDef *b)
{
    return a->model == b->model && a->ncodecs == b->ncodecs &&
        (a->ncodecs == 0 ||
         memcmp(a->codecs, b->codecs, a->ncodecs * sizeof(*a->codecs)) == 0) &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainRedirdevDefIsEqual(const virDomainRedirdevDef *a,
                            const virDomainRedirdevDef *b)
{
    return virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainWatchdogDefIsEqual(const virDomainWatchdogDef *a,
                            const virDomainWatchdogDef *b)
{
    if (!a || !b)
        return a == b;
    return a->model == b->model && a->action == b->action &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainTimerDefIsEqual(const virDomainTimerDef *a, const virDomainTimerDef *b)
{
    return a->name == b->name && a->present == b->present &&
        a->tickpolicy == b->tickpolicy;
}


static bool
virDomainRNGDefIsEqual(const virDomainRNGDef *a, const virDomainRNGDef *b)
{
    return a->model == b->model && a->backend == b->backend &&
        STREQ_NULLABLE(a->source, b->source) &&
        virDomainDeviceInfoIsEqual(&a->info, &b->info);
}


static bool
virDomainCPUDefIsEqual(const virDomainCPUDef *a, const virDomainCPUDef *b)
{
    if (!a || !b)
        return a == b;
    return STREQ_NULLABLE(a->mode, b->mode) && STREQ_NULLABLE(a->match, b->match) &&
        STREQ_NULLABLE(a->check, b->check) &&
        STREQ_NULLABLE(a->fallback, b->fallback) &&
        STREQ_NULLABLE(a->model, b->model);
}


#define VIR_DOMAIN_ARRAY_EQUAL(a, b, arr, n, eq) \
    ({ \
        bool _eq = (a)->n == (b)->n; \
        for (size_t _i = 0; _eq && _i < (a)->n; _i++) \
            _eq = eq((a)->arr[_i], (b)->arr[_i]); \
        _eq; \
    })

/**
 * virDomainDefIsEqual:
 * @a: a domain
 * @b: another
 *
 * Compares every field, devices in order.
 *
 * Returns: whether @a and @b define the same domain.
 */
bool
virDomainDefIsEqual(const virDomainDef *a, const virDomainDef *b)
{
    if (a->virtType != b->virtType || a->id != b->id ||
        memcmp(a->uuid, b->uuid, VIR_UUID_BUFLEN) != 0 ||
        STRNEQ_NULLABLE(a->name, b->name) ||
        STRNEQ_NULLABLE(a->title, b->title) ||
        STRNEQ_NULLABLE(a->description, b->description) ||
        a->memory != b->memory || a->currentMemory != b->currentMemory ||
        a->vcpus != b->vcpus)
        return false;

    if (a->os.type != b->os.type || STRNEQ_NULLABLE(a->os.arch, b->os.arch) ||
        STRNEQ_NULLABLE(a->os.machine, b->os.machine) ||
        a->os.nBootDevs != b->os.nBootDevs ||
        memcmp(a->os.bootDevs, b->os.bootDevs,
               a->os.nBootDevs * sizeof(a->os.bootDevs[0])) != 0 ||
        STRNEQ_NULLABLE(a->os.kernel, b->os.kernel) ||
        STRNEQ_NULLABLE(a->os.initrd, b->os.initrd) ||
        STRNEQ_NULLABLE(a->os.cmdline, b->os.cmdline))
        return false;

    if (memcmp(a->features, b->features, sizeof(a->features)) != 0 ||
        !virDomainCPUDefIsEqual(a->cpu, b->cpu) ||
        a->clockOffset != b->clockOffset || a->onPoweroff != b->onPoweroff ||
        a->onReboot != b->onReboot || a->onCrash != b->onCrash ||
        STRNEQ_NULLABLE(a->emulator, b->emulator) ||
        a->vmport != b->vmport || a->smm != b->smm ||
        a->pmSuspendToMem != b->pmSuspendToMem ||
        a->pmSuspendToDisk != b->pmSuspendToDisk ||
        a->os.firmwareEFI != b->os.firmwareEFI ||
        STRNEQ_NULLABLE(a->os.loader, b->os.loader) ||
        a->os.loaderReadonly != b->os.loaderReadonly ||
        a->os.loaderSecure != b->os.loaderSecure ||
        a->os.loaderPflash != b->os.loaderPflash ||
        STRNEQ_NULLABLE(a->os.nvram, b->os.nvram) ||
        STRNEQ_NULLABLE(a->os.nvramTemplate, b->os.nvramTemplate) ||
        !VIR_DOMAIN_ARRAY_EQUAL(a, b, timers, ntimers, virDomainTimerDefIsEqual))
        return false;

    return VIR_DOMAIN_ARRAY_EQUAL(a, b, disks, ndisks, virDomainDiskDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, controllers, ncontrollers,
                               virDomainControllerDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, nets, nnets, virDomainNetDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, serials, nserials, virDomainChrDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, consoles, nconsoles, virDomainChrDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, channels, nchannels, virDomainChrDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, sounds, nsounds, virDomainSoundDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, redirdevs, nredirdevs,
                               virDomainRedirdevDefIsEqual) &&
        virDomainWatchdogDefIsEqual(a->watchdog, b->watchdog) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, inputs, ninputs, virDomainInputDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, graphics, ngraphics,
                               virDomainGraphicsDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, audios, naudios, virDomainAudioDefIsEqual) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, videos, nvideos, virDomainVideoDefIsEqual) &&
        virDomainMemballoonDefIsEqual(a->memballoon, b->memballoon) &&
        VIR_DOMAIN_ARRAY_EQUAL(a, b, rngs, nrngs, virDomainRNGDefIsEqual);
}


/* ---- Looking things up ---- */

/**
 * virDomainDiskIndexByTarget:
 * @def: a domain
 * @dst: a target name, e.g. "vda"
 *
 * Returns: the position of the disk in @def->disks, or -1.
 */
int
virDomainDiskIndexByTarget(const virDomainDef *def, const char *dst)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        if (STREQ_NULLABLE(def->disks[i]->dst, dst))
            return i;
    }
    return -1;
}


/**
 * virDomainDiskByTarget:
 * @def: a domain
 * @dst: a target name
 *
 * Returns: the disk (owned by @def), or NULL.
 */
virDomainDiskDef *
virDomainDiskByTarget(const virDomainDef *def, const char *dst)
{
    int idx = virDomainDiskIndexByTarget(def, dst);

    return idx < 0 ? NULL : def->disks[idx];
}


/**
 * virDomainDefHasSpice:
 * @def: a domain
 *
 * Returns: whether the guest has a SPICE display.
 */
bool
virDomainDefHasSpice(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE)
            return true;
    }
    return false;
}


/**
 * virDomainDefIsQ35:
 * @def: a domain
 *
 * Returns: whether the machine type is a q35 one ("q35",
 * "pc-q35-*").
 */
bool
virDomainDefIsQ35(const virDomainDef *def)
{
    return def->os.machine &&
        (STREQ(def->os.machine, "q35") || STRPREFIX(def->os.machine, "pc-q35-"));
}


/**
 * virDomainDefHasUSB:
 * @def: a domain
 *
 * Returns: whether the guest has a USB bus (a USB controller whose
 * model is not "none").
 */
bool
virDomainDefHasUSB(const virDomainDef *def)
{
    for (size_t i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
            def->controllers[i]->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
            return true;
    }
    return false;
}


static int
virDomainDeviceCount(virDomainDef *def G_GNUC_UNUSED,
                     virDomainDeviceDef *dev G_GNUC_UNUSED,
                     virDomainDeviceInfo *info G_GNUC_UNUSED,
                     void *opaque)
{
    size_t *count = opaque;

    (*count)++;
    return 0;
}


/**
 * virDomainDefCountDevices:
 * @def: a domain
 *
 * Returns: how many devices virDomainDeviceInfoIterate() visits.
 */
size_t
virDomainDefCountDevices(const virDomainDef *def)
{
    size_t count = 0;

    /* The iterator does not change anything when the callback does not. */
    virDomainDeviceInfoIterate((virDomainDef *)def, virDomainDeviceCount, &count);
    return count;
}


/**
 * virDomainDeviceInfoIterate:
 * @def: a domain
 * @cb: called once for every device with a virDomainDeviceInfo
 * @opaque: passed to @cb
 *
 * Visits, in format order, disks, controllers, interfaces, serial
 * ports, inputs, videos, the balloon and RNGs.  A serial console is
 * the first serial port and is not visited on its own; graphics and
 * audio backends are not devices on a bus and are not visited.
 *
 * Returns: 0, or -1 as soon as @cb returns -1.
 */
int
virDomainDeviceInfoIterate(virDomainDef *def, virDomainDeviceInfoCallback cb,
                           void *opaque)
{
    virDomainDeviceDef dev;

    dev.type = VIR_DOMAIN_DEVICE_DISK;
    for (size_t i = 0; i < def->ndisks; i++) {
        dev.data.disk = def->disks[i];
        if (cb(def, &dev, &def->disks[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_CONTROLLER;
    for (size_t i = 0; i < def->ncontrollers; i++) {
        dev.data.controller = def->controllers[i];
        if (cb(def, &dev, &def->controllers[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_NET;
    for (size_t i = 0; i < def->nnets; i++) {
        dev.data.net = def->nets[i];
        if (cb(def, &dev, &def->nets[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_CHR;
    for (size_t i = 0; i < def->nserials; i++) {
        dev.data.chr = def->serials[i];
        if (cb(def, &dev, &def->serials[i]->info, opaque) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType ==
            VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL && def->nserials > 0)
            continue;
        dev.data.chr = def->consoles[i];
        if (cb(def, &dev, &def->consoles[i]->info, opaque) < 0)
            return -1;
    }
    for (size_t i = 0; i < def->nchannels; i++) {
        dev.data.chr = def->channels[i];
        if (cb(def, &dev, &def->channels[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_INPUT;
    for (size_t i = 0; i < def->ninputs; i++) {
        dev.data.input = def->inputs[i];
        if (cb(def, &dev, &def->inputs[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_SOUND;
    for (size_t i = 0; i < def->nsounds; i++) {
        dev.data.sound = def->sounds[i];
        if (cb(def, &dev, &def->sounds[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_VIDEO;
    for (size_t i = 0; i < def->nvideos; i++) {
        dev.data.video = def->videos[i];
        if (cb(def, &dev, &def->videos[i]->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_REDIRDEV;
    for (size_t i = 0; i < def->nredirdevs; i++) {
        dev.data.redirdev = def->redirdevs[i];
        if (cb(def, &dev, &def->redirdevs[i]->info, opaque) < 0)
            return -1;
    }
    if (def->watchdog) {
        dev.type = VIR_DOMAIN_DEVICE_WATCHDOG;
        dev.data.watchdog = def->watchdog;
        if (cb(def, &dev, &def->watchdog->info, opaque) < 0)
            return -1;
    }
    if (def->memballoon) {
        dev.type = VIR_DOMAIN_DEVICE_MEMBALLOON;
        dev.data.memballoon = def->memballoon;
        if (cb(def, &dev, &def->memballoon->info, opaque) < 0)
            return -1;
    }
    dev.type = VIR_DOMAIN_DEVICE_RNG;
    for (size_t i = 0; i < def->nrngs; i++) {
        dev.data.rng = def->rngs[i];
        if (cb(def, &dev, &def->rngs[i]->info, opaque) < 0)
            return -1;
    }
    return 0;
}
