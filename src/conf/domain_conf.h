/*
 * domain_conf.h: the domain XML and its in-memory form, virDomainDef
 *
 * A virDomainDef is what a domain's XML says, after defaults are filled
 * in.  Parsing refuses anything outside the subset we implement, so a
 * definition that parses is one the QEMU driver can honour in full.
 * Element and attribute names, values and the order in which they are
 * formatted are upstream libvirt's.
 *
 * This file does no process or socket I/O.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "internal.h"
#include "virbuffer.h"
#include "virenum.h"
#include "virmacaddr.h"


/* What a parse accepts and does (virDomainDefParseString's @flags). */
typedef enum {
    /* The input is a persistent definition: live-only data (the domain
     * id, device aliases, pty paths, the VNC port chosen at start) is
     * ignored, as upstream ignores it when XML dumped from a running
     * domain is defined. */
    VIR_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* The input is the driver's own status XML of a running domain:
     * live-only data is kept. */
    VIR_DOMAIN_DEF_PARSE_STATUS = 1 << 1,
    /* Do not fill in defaults (virDomainDefPostParse). */
    VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE = 1 << 2,
    /* Do not run virDomainDefValidate. */
    VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE = 1 << 3,
} virDomainDefParseFlags;

/* What a format writes (virDomainDefFormat's @flags).  The values are
 * those of the public VIR_DOMAIN_XML_SECURE and VIR_DOMAIN_XML_INACTIVE,
 * so a driver can pass the public flags straight through. */
typedef enum {
    /* Include security-sensitive data (passwords); none in our subset
     * today, accepted for compatibility. */
    VIR_DOMAIN_DEF_FORMAT_SECURE = 1 << 0,
    /* Leave out live-only data: the persistent definition. */
    VIR_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 1,
} virDomainDefFormatFlags;


/* The <domain type='...'> attribute. */
typedef enum {
    VIR_DOMAIN_VIRT_QEMU,   /* "qemu": TCG */
    VIR_DOMAIN_VIRT_KVM,    /* "kvm" */

    VIR_DOMAIN_VIRT_LAST
} virDomainVirtType;
VIR_ENUM_DECL(virDomainVirt);

/* <os><type>: the only value QEMU on x86 runs. */
typedef enum {
    VIR_DOMAIN_OSTYPE_HVM,

    VIR_DOMAIN_OSTYPE_LAST
} virDomainOSType;
VIR_ENUM_DECL(virDomainOS);

/* <os><boot dev='...'/> */
typedef enum {
    VIR_DOMAIN_BOOT_FLOPPY,   /* "fd" */
    VIR_DOMAIN_BOOT_CDROM,    /* "cdrom" */
    VIR_DOMAIN_BOOT_DISK,     /* "hd" */
    VIR_DOMAIN_BOOT_NET,      /* "network" */

    VIR_DOMAIN_BOOT_LAST
} virDomainBootOrder;
VIR_ENUM_DECL(virDomainBoot);

/* Children of <features> we implement; each is on when present. */
typedef enum {
    VIR_DOMAIN_FEATURE_ACPI,
    VIR_DOMAIN_FEATURE_APIC,

    VIR_DOMAIN_FEATURE_LAST
} virDomainFeature;
VIR_ENUM_DECL(virDomainFeature);

/* <clock offset='...'/> */
typedef enum {
    VIR_DOMAIN_CLOCK_OFFSET_UTC,        /* the guest's RTC runs in UTC */
    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME,  /* ... in the host's time zone */

    VIR_DOMAIN_CLOCK_OFFSET_LAST
} virDomainClockOffsetType;
VIR_ENUM_DECL(virDomainClockOffset);

/* <on_poweroff>, <on_reboot>, <on_crash>: what happens when the guest
 * powers off, reboots, crashes: the public virDomainLifecycleAction
 * ("rename-restart" is RESTART_RENAME).  The coredump ones are allowed
 * only for <on_crash>, as upstream. */
VIR_ENUM_DECL(virDomainLifecycleAction);

/* On/off attributes that may also be absent. */
typedef enum {
    VIR_TRISTATE_SWITCH_ABSENT = 0,
    VIR_TRISTATE_SWITCH_ON,
    VIR_TRISTATE_SWITCH_OFF,

    VIR_TRISTATE_SWITCH_LAST
} virTristateSwitch;
VIR_ENUM_DECL(virTristateSwitch);

/* yes/no attributes that may also be absent. */
typedef enum {
    VIR_TRISTATE_BOOL_ABSENT = 0,
    VIR_TRISTATE_BOOL_YES,
    VIR_TRISTATE_BOOL_NO,

    VIR_TRISTATE_BOOL_LAST
} virTristateBool;
VIR_ENUM_DECL(virTristateBool);

/* <clock><timer name='...'>: the timers whose settings we implement */
typedef enum {
    VIR_DOMAIN_TIMER_NAME_RTC,
    VIR_DOMAIN_TIMER_NAME_PIT,
    VIR_DOMAIN_TIMER_NAME_HPET,

    VIR_DOMAIN_TIMER_NAME_LAST
} virDomainTimerName;
VIR_ENUM_DECL(virDomainTimerName);

/* <timer tickpolicy='...'>: what to do with ticks the guest missed */
typedef enum {
    VIR_DOMAIN_TIMER_TICKPOLICY_NONE,      /* not given */
    VIR_DOMAIN_TIMER_TICKPOLICY_DELAY,     /* deliver them late */
    VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP,   /* deliver them faster */
    VIR_DOMAIN_TIMER_TICKPOLICY_MERGE,     /* deliver one for all */
    VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD,   /* drop them */

    VIR_DOMAIN_TIMER_TICKPOLICY_LAST
} virDomainTimerTickpolicy;
VIR_ENUM_DECL(virDomainTimerTickpolicy);

typedef struct _virDomainTimerDef virDomainTimerDef;
struct _virDomainTimerDef {
    virDomainTimerName name;
    virTristateBool present;
    virDomainTimerTickpolicy tickpolicy;
};


/*
 * <cpu>: only the form upstream writes for a TCG guest when the
 * definition names no CPU:
 *   <cpu mode='custom' match='exact' check='none'>
 *     <model fallback='forbid'>qemu64</model>
 *   </cpu>
 * Each value is kept so that the formatter writes back what was read.
 */
typedef struct _virDomainCPUDef virDomainCPUDef;
struct _virDomainCPUDef {
    char *mode;      /* "custom" */
    char *match;     /* "exact" */
    char *check;     /* "none" */
    char *fallback;  /* "forbid" */
    char *model;     /* "qemu64" */
};


/* ---- Device addresses, aliases, boot order ---- */

typedef enum {
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE,    /* not given: the driver assigns one */
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,     /* "pci" */
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE,   /* "drive": ide/sata/scsi disks */
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL,   /* "virtio-serial": channels */
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB,     /* "usb": inputs, redirdevs */

    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST
} virDomainDeviceAddressType;
VIR_ENUM_DECL(virDomainDeviceAddress);

/* <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/> */
typedef struct _virPCIDeviceAddress virPCIDeviceAddress;
struct _virPCIDeviceAddress {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
    virTristateSwitch multifunction;
};

/* <address type='drive' controller='0' bus='0' target='0' unit='0'/> */
typedef struct _virDomainDeviceDriveAddress virDomainDeviceDriveAddress;
struct _virDomainDeviceDriveAddress {
    unsigned int controller;
    unsigned int bus;
    unsigned int target;
    unsigned int unit;
};

/* <address type='virtio-serial' controller='0' bus='0' port='1'/> */
typedef struct _virDomainDeviceVirtioSerialAddress virDomainDeviceVirtioSerialAddress;
struct _virDomainDeviceVirtioSerialAddress {
    unsigned int controller;
    unsigned int bus;
    unsigned int port;
};

/* <address type='usb' bus='0' port='1'/>: a port on the root hub (hubs
 * are not implemented, so the port is a single number) */
typedef struct _virDomainDeviceUSBAddress virDomainDeviceUSBAddress;
struct _virDomainDeviceUSBAddress {
    unsigned int bus;
    unsigned int port;
};

/*
 * What every device has: where it sits, its alias (set by the driver
 * when the domain starts, formatted only in live XML) and its boot
 * order (<boot order='N'/>, 0 when not given; disks and interfaces).
 */
typedef struct _virDomainDeviceInfo virDomainDeviceInfo;
struct _virDomainDeviceInfo {
    char *alias;
    virDomainDeviceAddressType type;
    union {
        virPCIDeviceAddress pci;
        virDomainDeviceDriveAddress drive;
        virDomainDeviceVirtioSerialAddress vioserial;
        virDomainDeviceUSBAddress usb;
    } addr;
    unsigned int bootIndex;
};


/* ---- <disk> ---- */

/* <disk type='...'> */
typedef enum {
    VIR_STORAGE_TYPE_NONE,    /* unset; never valid after parse */
    VIR_STORAGE_TYPE_FILE,    /* "file": <source file='...'/> */
    VIR_STORAGE_TYPE_BLOCK,   /* "block": <source dev='...'/> */

    VIR_STORAGE_TYPE_LAST
} virStorageType;
VIR_ENUM_DECL(virStorage);

/* <disk device='...'> */
typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK,
    VIR_DOMAIN_DISK_DEVICE_CDROM,

    VIR_DOMAIN_DISK_DEVICE_LAST
} virDomainDiskDevice;
VIR_ENUM_DECL(virDomainDiskDevice);

/* <target bus='...'> */
typedef enum {
    VIR_DOMAIN_DISK_BUS_NONE,     /* unset: guessed from the target name */
    VIR_DOMAIN_DISK_BUS_IDE,
    VIR_DOMAIN_DISK_BUS_SCSI,
    VIR_DOMAIN_DISK_BUS_VIRTIO,
    VIR_DOMAIN_DISK_BUS_SATA,

    VIR_DOMAIN_DISK_BUS_LAST
} virDomainDiskBus;
VIR_ENUM_DECL(virDomainDiskBus);

/* <driver type='...'>: the image format */
typedef enum {
    VIR_STORAGE_FILE_NONE,    /* unset: raw after post-parse */
    VIR_STORAGE_FILE_RAW,
    VIR_STORAGE_FILE_QCOW2,

    VIR_STORAGE_FILE_LAST
} virStorageFileFormat;
VIR_ENUM_DECL(virStorageFileFormat);

/* <driver cache='...'> */
typedef enum {
    VIR_DOMAIN_DISK_CACHE_DEFAULT,
    VIR_DOMAIN_DISK_CACHE_DISABLE,        /* "none" */
    VIR_DOMAIN_DISK_CACHE_WRITETHRU,      /* "writethrough" */
    VIR_DOMAIN_DISK_CACHE_WRITEBACK,      /* "writeback" */
    VIR_DOMAIN_DISK_CACHE_DIRECTSYNC,     /* "directsync" */
    VIR_DOMAIN_DISK_CACHE_UNSAFE,         /* "unsafe" */

    VIR_DOMAIN_DISK_CACHE_LAST
} virDomainDiskCache;
VIR_ENUM_DECL(virDomainDiskCache);

typedef struct _virDomainDiskDef virDomainDiskDef;
struct _virDomainDiskDef {
    virStorageType type;
    virDomainDiskDevice device;
    char *src;                     /* absolute path; NULL: empty cdrom */
    char *driverName;              /* "qemu" */
    virStorageFileFormat format;
    virDomainDiskCache cache;
    char *dst;                     /* <target dev='vda'/> */
    virDomainDiskBus bus;
    bool readonly;
    bool shareable;                /* <shareable/>: other guests write it too */
    virDomainDeviceInfo info;      /* PCI for virtio, drive otherwise */
};


/* ---- <controller> ---- */

typedef enum {
    VIR_DOMAIN_CONTROLLER_TYPE_IDE,
    VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
    VIR_DOMAIN_CONTROLLER_TYPE_SATA,
    VIR_DOMAIN_CONTROLLER_TYPE_USB,
    VIR_DOMAIN_CONTROLLER_TYPE_PCI,
    VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,   /* "virtio-serial" */

    VIR_DOMAIN_CONTROLLER_TYPE_LAST
} virDomainControllerType;
VIR_ENUM_DECL(virDomainController);

/* model='...' of a USB controller */
typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI,   /* "piix3-uhci" */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI,    /* "qemu-xhci" */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE,         /* "none": no USB at all */
    /* ICH9's USB2 controller and its three USB1 companions (<master>),
     * one PCI slot for the four */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1,   /* "ich9-ehci1" */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1,   /* "ich9-uhci1" */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2,   /* "ich9-uhci2" */
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3,   /* "ich9-uhci3" */

    VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST
} virDomainControllerModelUSB;
VIR_ENUM_DECL(virDomainControllerModelUSB);

/* model='...' of a SCSI controller */
typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC,     /* "lsilogic" */
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,  /* "virtio-scsi" */

    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST
} virDomainControllerModelSCSI;
VIR_ENUM_DECL(virDomainControllerModelSCSI);

/* model='...' of a PCI controller */
typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT,   /* "pci-root": the i440fx host bridge */
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT,  /* "pcie-root": the q35 root complex */
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT,      /* "pcie-root-port" */
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE,  /* "pcie-to-pci-bridge" */

    VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST
} virDomainControllerModelPCI;
VIR_ENUM_DECL(virDomainControllerModelPCI);

typedef struct _virDomainControllerDef virDomainControllerDef;
struct _virDomainControllerDef {
    virDomainControllerType type;
    unsigned int idx;
    /* one of the virDomainControllerModel* of @type, or -1 when the
     * type has no model (ide, sata) or none was given yet */
    int model;
    /* USB companions: <master startport='N'/>, -1 when absent */
    int startport;
    /* pcie-root-port: <target chassis='N' port='0xN'/>, -1 when not
     * given (the driver assigns them) */
    int chassis;
    int port;
    virDomainDeviceInfo info;
};


/* ---- <interface> ---- */

typedef enum {
    VIR_DOMAIN_NET_TYPE_USER,   /* "user": QEMU's user-mode networking */
    VIR_DOMAIN_NET_TYPE_NETWORK,   /* "network": a virtual network (none exists here) */
    VIR_DOMAIN_NET_TYPE_BRIDGE,    /* "bridge": a tap plugged into a host bridge */

    VIR_DOMAIN_NET_TYPE_LAST
} virDomainNetType;
VIR_ENUM_DECL(virDomainNet);

/* <model type='...'/> */
typedef enum {
    VIR_DOMAIN_NET_MODEL_UNKNOWN,   /* not given (set by post-parse) */
    VIR_DOMAIN_NET_MODEL_VIRTIO,
    VIR_DOMAIN_NET_MODEL_E1000,
    VIR_DOMAIN_NET_MODEL_RTL8139,   /* upstream's default on i440fx */
    VIR_DOMAIN_NET_MODEL_E1000E,    /* PCI Express; virt-install's on q35 */

    VIR_DOMAIN_NET_MODEL_LAST
} virDomainNetModelType;
VIR_ENUM_DECL(virDomainNetModel);

typedef struct _virDomainNetDef virDomainNetDef;
struct _virDomainNetDef {
    virDomainNetType type;
    virMacAddr mac;                /* generated when not given */
    virDomainNetModelType model;
    char *network;                 /* type='network': <source network=.../> */
    char *bridge;                  /* type='bridge': <source bridge=.../> */
    /* <target dev=.../>: the tap's name.  Given by the user, or the one
     * the kernel picked at start (live definitions only: a "vnet" name
     * in a persistent definition is dropped, as upstream drops it). */
    char *ifname;
    virDomainDeviceInfo info;
};


/* ---- <serial>, <console> ---- */

/* Which element a character device is. */
typedef enum {
    VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL,

    VIR_DOMAIN_CHR_DEVICE_TYPE_LAST
} virDomainChrDeviceType;
VIR_ENUM_DECL(virDomainChrDevice);

/* Its host side: <serial type='...'> */
typedef enum {
    VIR_DOMAIN_CHR_TYPE_NULL,   /* output discarded, no input */
    VIR_DOMAIN_CHR_TYPE_PTY,    /* a pseudo-terminal QEMU allocates */
    VIR_DOMAIN_CHR_TYPE_FILE,   /* output written to <source path=.../> */
    VIR_DOMAIN_CHR_TYPE_UNIX,   /* a UNIX socket */
    VIR_DOMAIN_CHR_TYPE_SPICEVMC,   /* a channel of the SPICE client */

    VIR_DOMAIN_CHR_TYPE_LAST
} virDomainChrType;
VIR_ENUM_DECL(virDomainChr);

/* <source mode='...'> of a unix socket */
typedef enum {
    VIR_DOMAIN_CHR_SOURCE_MODE_CONNECT,  /* QEMU connects to it */
    VIR_DOMAIN_CHR_SOURCE_MODE_BIND,     /* QEMU listens on it */

    VIR_DOMAIN_CHR_SOURCE_MODE_LAST
} virDomainChrSourceModeType;
VIR_ENUM_DECL(virDomainChrSourceMode);

/* <serial><target type='...'>, and its <model name='...'/> */
typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE,   /* not given */
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA,    /* "isa-serial" */

    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST
} virDomainChrSerialTargetType;
VIR_ENUM_DECL(virDomainChrSerialTarget);

typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE,         /* not given */
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL,   /* "isa-serial" */

    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST
} virDomainChrSerialTargetModel;
VIR_ENUM_DECL(virDomainChrSerialTargetModel);

/* <console><target type='...'> */
typedef enum {
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE,     /* not given */
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL,   /* "serial": the first serial port */

    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST
} virDomainChrConsoleTargetType;
VIR_ENUM_DECL(virDomainChrConsoleTarget);

/* <channel><target type='...'> */
typedef enum {
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE,     /* not given */
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO,   /* a virtio-serial port */

    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST
} virDomainChrChannelTargetType;
VIR_ENUM_DECL(virDomainChrChannelTarget);

typedef struct _virDomainChrDef virDomainChrDef;
struct _virDomainChrDef {
    virDomainChrDeviceType deviceType;
    virDomainChrType type;
    /* file: the file; unix: the socket; pty: the allocated terminal
     * (live only, set by the driver) */
    char *path;
    virDomainChrSourceModeType mode;  /* unix only */
    /* virDomainChrSerialTargetType, virDomainChrConsoleTargetType or
     * virDomainChrChannelTargetType */
    int targetType;
    char *targetName;                            /* channel: the port's name */
    virDomainChrSerialTargetModel targetModel;   /* serial only */
    int targetPort;                              /* -1 until assigned */
    virDomainDeviceInfo info;
};


/* ---- <input>, <graphics>, <audio>, <video> ---- */

typedef enum {
    VIR_DOMAIN_INPUT_TYPE_MOUSE,
    VIR_DOMAIN_INPUT_TYPE_TABLET,
    VIR_DOMAIN_INPUT_TYPE_KBD,     /* "keyboard" */

    VIR_DOMAIN_INPUT_TYPE_LAST
} virDomainInputType;
VIR_ENUM_DECL(virDomainInput);

typedef enum {
    VIR_DOMAIN_INPUT_BUS_PS2,
    VIR_DOMAIN_INPUT_BUS_USB,

    VIR_DOMAIN_INPUT_BUS_LAST
} virDomainInputBus;
VIR_ENUM_DECL(virDomainInputBus);

typedef struct _virDomainInputDef virDomainInputDef;
struct _virDomainInputDef {
    virDomainInputType type;
    virDomainInputBus bus;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_GRAPHICS_TYPE_VNC,
    VIR_DOMAIN_GRAPHICS_TYPE_SPICE,

    VIR_DOMAIN_GRAPHICS_TYPE_LAST
} virDomainGraphicsType;
VIR_ENUM_DECL(virDomainGraphics);

/* <listen type='...'> */
typedef enum {
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS,

    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST
} virDomainGraphicsListenType;
VIR_ENUM_DECL(virDomainGraphicsListen);

/* SPICE <image compression='...'/> */
typedef enum {
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_DEFAULT,   /* not given */
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_AUTO_GLZ,
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_AUTO_LZ,
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_QUIC,
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_GLZ,
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LZ,
    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_OFF,

    VIR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LAST
} virDomainGraphicsSpiceImageCompression;
VIR_ENUM_DECL(virDomainGraphicsSpiceImageCompression);

typedef struct _virDomainGraphicsDef virDomainGraphicsDef;
struct _virDomainGraphicsDef {
    virDomainGraphicsType type;
    /* The TCP port (5900 + display), or -1 to pick one at start; in
     * live XML the port chosen. */
    int port;
    bool autoport;
    /* <listen type='address' address='...'/>; NULL address: the
     * driver's default (127.0.0.1, like upstream's qemu.conf) */
    virDomainGraphicsListenType listenType;
    char *listenAddress;
    /* SPICE only */
    virDomainGraphicsSpiceImageCompression imageCompression;
};

typedef enum {
    VIR_DOMAIN_AUDIO_TYPE_NONE,   /* "none": an audio backend discarding everything */
    VIR_DOMAIN_AUDIO_TYPE_SPICE,  /* "spice": sound goes to the SPICE client */

    VIR_DOMAIN_AUDIO_TYPE_LAST
} virDomainAudioType;
VIR_ENUM_DECL(virDomainAudio);

typedef struct _virDomainAudioDef virDomainAudioDef;
struct _virDomainAudioDef {
    virDomainAudioType type;
    unsigned int id;   /* 1, 2, ... */
};

/* <video><model type='...'> */
typedef enum {
    VIR_DOMAIN_VIDEO_TYPE_DEFAULT,   /* not given: post-parse picks one */
    VIR_DOMAIN_VIDEO_TYPE_VGA,
    VIR_DOMAIN_VIDEO_TYPE_CIRRUS,
    VIR_DOMAIN_VIDEO_TYPE_VIRTIO,
    VIR_DOMAIN_VIDEO_TYPE_NONE,      /* "none": no video device at all */
    VIR_DOMAIN_VIDEO_TYPE_QXL,
    VIR_DOMAIN_VIDEO_TYPE_BOCHS,

    VIR_DOMAIN_VIDEO_TYPE_LAST
} virDomainVideoType;
VIR_ENUM_DECL(virDomainVideo);

typedef struct _virDomainVideoDef virDomainVideoDef;
struct _virDomainVideoDef {
    virDomainVideoType type;
    unsigned int ram;     /* KiB, qxl only; 0 otherwise */
    unsigned int vram;    /* KiB; 0 when the model has none */
    unsigned int vgamem;  /* KiB, qxl only; 0 otherwise */
    unsigned int heads;   /* 0 when not given */
    bool primary;
    virDomainDeviceInfo info;
};


/* ---- <memballoon>, <rng> ---- */

typedef enum {
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO,
    VIR_DOMAIN_MEMBALLOON_MODEL_NONE,

    VIR_DOMAIN_MEMBALLOON_MODEL_LAST
} virDomainMemballoonModel;
VIR_ENUM_DECL(virDomainMemballoonModel);

typedef struct _virDomainMemballoonDef virDomainMemballoonDef;
struct _virDomainMemballoonDef {
    virDomainMemballoonModel model;
    /* <stats period='N'/>: seconds between the guest's statistics
     * reports; -1 when not given */
    int period;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_RNG_MODEL_VIRTIO,

    VIR_DOMAIN_RNG_MODEL_LAST
} virDomainRNGModel;
VIR_ENUM_DECL(virDomainRNGModel);

typedef enum {
    VIR_DOMAIN_RNG_BACKEND_RANDOM,   /* a host random device file */

    VIR_DOMAIN_RNG_BACKEND_LAST
} virDomainRNGBackend;
VIR_ENUM_DECL(virDomainRNGBackend);

typedef struct _virDomainRNGDef virDomainRNGDef;
struct _virDomainRNGDef {
    virDomainRNGModel model;
    virDomainRNGBackend backend;
    char *source;   /* e.g. /dev/urandom */
    virDomainDeviceInfo info;
};


/* ---- <sound>, <redirdev>, <watchdog> ---- */

typedef enum {
    VIR_DOMAIN_SOUND_MODEL_AC97,
    VIR_DOMAIN_SOUND_MODEL_ICH6,   /* Intel HDA */
    VIR_DOMAIN_SOUND_MODEL_ICH9,   /* Intel HDA of the ICH9 */

    VIR_DOMAIN_SOUND_MODEL_LAST
} virDomainSoundModel;
VIR_ENUM_DECL(virDomainSoundModel);

/* <codec type='...'/> of an HDA controller */
typedef enum {
    VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX,
    VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO,
    VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT,

    VIR_DOMAIN_SOUND_CODEC_TYPE_LAST
} virDomainSoundCodecType;
VIR_ENUM_DECL(virDomainSoundCodecType);

typedef struct _virDomainSoundDef virDomainSoundDef;
struct _virDomainSoundDef {
    virDomainSoundModel model;
    virDomainSoundCodecType *codecs;
    size_t ncodecs;
    virDomainDeviceInfo info;
};

/* <redirdev bus='usb' type='spicevmc'/>: a USB device of the SPICE
 * client's machine */
typedef struct _virDomainRedirdevDef virDomainRedirdevDef;
struct _virDomainRedirdevDef {
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB,   /* PCI */
    VIR_DOMAIN_WATCHDOG_MODEL_IB700,      /* ISA */

    VIR_DOMAIN_WATCHDOG_MODEL_LAST
} virDomainWatchdogModel;
VIR_ENUM_DECL(virDomainWatchdogModel);

/* What QEMU does when the watchdog fires. */
typedef enum {
    VIR_DOMAIN_WATCHDOG_ACTION_RESET,
    VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN,
    VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF,
    VIR_DOMAIN_WATCHDOG_ACTION_PAUSE,
    VIR_DOMAIN_WATCHDOG_ACTION_NONE,
    VIR_DOMAIN_WATCHDOG_ACTION_INJECT_NMI,   /* "inject-nmi" */

    VIR_DOMAIN_WATCHDOG_ACTION_LAST
} virDomainWatchdogAction;
VIR_ENUM_DECL(virDomainWatchdogAction);

typedef struct _virDomainWatchdogDef virDomainWatchdogDef;
struct _virDomainWatchdogDef {
    virDomainWatchdogModel model;
    virDomainWatchdogAction action;
    virDomainDeviceInfo info;
};


/* ---- The whole domain ---- */

typedef struct _virDomainOSDef virDomainOSDef;
struct _virDomainOSDef {
    virDomainOSType type;
    char *arch;       /* "x86_64" */
    char *machine;    /* "pc", "pc-i440fx-7.2", ...; the driver
                       * replaces an alias with the canonical name */
    /* <os firmware='efi'>: the driver picks the firmware from the
     * descriptors of the host (and drops the attribute from the live
     * definition, which names the firmware it picked) */
    bool firmwareEFI;
    /* <loader readonly='yes' secure='yes|no' type='pflash'>PATH</loader>:
     * the firmware's code, NULL for QEMU's default BIOS */
    char *loader;
    virTristateBool loaderReadonly;
    virTristateBool loaderSecure;
    bool loaderPflash;                /* type='pflash' (only value allowed) */
    /* <nvram template='PATH'>PATH</nvram>: the domain's own copy of the
     * firmware's variables, made from the template at first start */
    char *nvram;
    char *nvramTemplate;
    virDomainBootOrder bootDevs[VIR_DOMAIN_BOOT_LAST];
    size_t nBootDevs;
    char *kernel;
    char *initrd;
    char *cmdline;
};

typedef struct _virDomainDef virDomainDef;
struct _virDomainDef {
    virDomainVirtType virtType;
    int id;                                  /* -1 unless running */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;
    char *title;
    char *description;

    unsigned long long memory;               /* <memory>, KiB */
    unsigned long long currentMemory;        /* <currentMemory>, KiB */
    unsigned int vcpus;

    virDomainOSDef os;
    bool features[VIR_DOMAIN_FEATURE_LAST];
    virTristateSwitch vmport;                /* <features><vmport state=.../> */
    virTristateSwitch smm;                   /* <features><smm state=.../> */
    virDomainCPUDef *cpu;                    /* NULL: none given */
    virDomainClockOffsetType clockOffset;
    virDomainTimerDef **timers;
    size_t ntimers;
    virTristateBool pmSuspendToMem;          /* <pm><suspend-to-mem enabled=.../> */
    virTristateBool pmSuspendToDisk;
    virDomainLifecycleAction onPoweroff;
    virDomainLifecycleAction onReboot;
    virDomainLifecycleAction onCrash;

    char *emulator;

    /* Devices, each array in document order. */
    virDomainDiskDef **disks;
    size_t ndisks;
    virDomainControllerDef **controllers;
    size_t ncontrollers;
    virDomainNetDef **nets;
    size_t nnets;
    virDomainChrDef **serials;
    size_t nserials;
    virDomainChrDef **consoles;
    size_t nconsoles;
    virDomainChrDef **channels;
    size_t nchannels;
    virDomainInputDef **inputs;
    size_t ninputs;
    virDomainGraphicsDef **graphics;
    size_t ngraphics;
    virDomainAudioDef **audios;
    size_t naudios;
    virDomainSoundDef **sounds;
    size_t nsounds;
    virDomainVideoDef **videos;
    size_t nvideos;
    virDomainRedirdevDef **redirdevs;
    size_t nredirdevs;
    virDomainWatchdogDef *watchdog;          /* NULL: none */
    virDomainMemballoonDef *memballoon;      /* NULL only before post-parse */
    virDomainRNGDef **rngs;
    size_t nrngs;
};


/* ---- Generic access to devices ---- */

typedef enum {
    VIR_DOMAIN_DEVICE_NONE,
    VIR_DOMAIN_DEVICE_DISK,
    VIR_DOMAIN_DEVICE_CONTROLLER,
    VIR_DOMAIN_DEVICE_NET,
    VIR_DOMAIN_DEVICE_CHR,
    VIR_DOMAIN_DEVICE_INPUT,
    VIR_DOMAIN_DEVICE_VIDEO,
    VIR_DOMAIN_DEVICE_MEMBALLOON,
    VIR_DOMAIN_DEVICE_RNG,
    VIR_DOMAIN_DEVICE_SOUND,
    VIR_DOMAIN_DEVICE_REDIRDEV,
    VIR_DOMAIN_DEVICE_WATCHDOG,

    VIR_DOMAIN_DEVICE_LAST
} virDomainDeviceType;
VIR_ENUM_DECL(virDomainDevice);

/* A device of any kind: @type says which member of @data is set. */
typedef struct _virDomainDeviceDef virDomainDeviceDef;
struct _virDomainDeviceDef {
    virDomainDeviceType type;
    union {
        virDomainDiskDef *disk;
        virDomainControllerDef *controller;
        virDomainNetDef *net;
        virDomainChrDef *chr;
        virDomainInputDef *input;
        virDomainVideoDef *video;
        virDomainMemballoonDef *memballoon;
        virDomainRNGDef *rng;
        virDomainSoundDef *sound;
        virDomainRedirdevDef *redirdev;
        virDomainWatchdogDef *watchdog;
    } data;
};

/**
 * virDomainDeviceInfoCallback:
 * @def: the domain
 * @dev: the device (valid during the call only)
 * @info: its address, alias and boot order, which the callback may change
 * @opaque: the caller's data
 *
 * Returns: 0 to go on, -1 (with an error reported) to stop.
 */
typedef int (*virDomainDeviceInfoCallback)(virDomainDef *def,
                                           virDomainDeviceDef *dev,
                                           virDomainDeviceInfo *info,
                                           void *opaque);

int virDomainDeviceInfoIterate(virDomainDef *def,
                               virDomainDeviceInfoCallback cb,
                               void *opaque);


/* ---- Life cycle of a definition ---- */

virDomainDef *virDomainDefNew(void);
void virDomainDefFree(virDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDef, virDomainDefFree);

void virDomainDiskDefFree(virDomainDiskDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDiskDef, virDomainDiskDefFree);
void virDomainControllerDefFree(virDomainControllerDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainControllerDef, virDomainControllerDefFree);
void virDomainNetDefFree(virDomainNetDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainNetDef, virDomainNetDefFree);
void virDomainChrDefFree(virDomainChrDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainChrDef, virDomainChrDefFree);
void virDomainInputDefFree(virDomainInputDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainInputDef, virDomainInputDefFree);
void virDomainGraphicsDefFree(virDomainGraphicsDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainGraphicsDef, virDomainGraphicsDefFree);
void virDomainAudioDefFree(virDomainAudioDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainAudioDef, virDomainAudioDefFree);
void virDomainVideoDefFree(virDomainVideoDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainVideoDef, virDomainVideoDefFree);
void virDomainMemballoonDefFree(virDomainMemballoonDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainMemballoonDef, virDomainMemballoonDefFree);
void virDomainRNGDefFree(virDomainRNGDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRNGDef, virDomainRNGDefFree);
void virDomainSoundDefFree(virDomainSoundDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSoundDef, virDomainSoundDefFree);
void virDomainRedirdevDefFree(virDomainRedirdevDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRedirdevDef, virDomainRedirdevDefFree);
void virDomainWatchdogDefFree(virDomainWatchdogDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainWatchdogDef, virDomainWatchdogDefFree);
void virDomainTimerDefFree(virDomainTimerDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainTimerDef, virDomainTimerDefFree);
void virDomainCPUDefFree(virDomainCPUDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainCPUDef, virDomainCPUDefFree);
void virDomainDeviceInfoClear(virDomainDeviceInfo *info);


/* ---- Parsing, defaults, validation ---- */

virDomainDef *virDomainDefParseString(const char *xmlStr, unsigned int flags);
virDomainDef *virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root,
                                    unsigned int flags);
int virDomainDefPostParse(virDomainDef *def, unsigned int flags);
int virDomainDefValidate(const virDomainDef *def, unsigned int flags);
int virDomainDefValidateStrings(const virDomainDef *def);


/* ---- Formatting ---- */

char *virDomainDefFormat(const virDomainDef *def, unsigned int flags);
int virDomainDefFormatBuf(virBuffer *buf, const virDomainDef *def,
                          unsigned int flags);


/* ---- Copies and comparison ---- */

virDomainDef *virDomainDefCopy(const virDomainDef *def, unsigned int flags);
bool virDomainDefIsEqual(const virDomainDef *a, const virDomainDef *b);


/* ---- Looking things up ---- */

virDomainDiskDef *virDomainDiskByTarget(const virDomainDef *def,
                                        const char *dst);
int virDomainDiskIndexByTarget(const virDomainDef *def, const char *dst);
int virDomainDiskNameToIndex(const char *name);
int virDomainControllerFind(const virDomainDef *def,
                            virDomainControllerType type,
                            unsigned int idx);
virDomainControllerDef *virDomainDefAddController(virDomainDef *def,
                                                  virDomainControllerType type,
                                                  unsigned int idx,
                                                  int model);
size_t virDomainDefCountDevices(const virDomainDef *def);
bool virDomainDefHasUSB(const virDomainDef *def);
bool virDomainDefIsQ35(const virDomainDef *def);
bool virDomainDefHasSpice(const virDomainDef *def);
