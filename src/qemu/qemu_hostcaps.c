/*
 * qemu_hostcaps.c: what the host and its emulator offer, as clients ask
 *
 * Management tools (virt-install, virt-manager, the bindings' users)
 * read the host's capabilities XML to pick an emulator, an architecture
 * and a machine type, the domain capabilities XML to know which devices
 * they may put in a definition, and the node information to size a
 * guest.  Everything here comes from the emulator probe the driver
 * already makes (qemu_capabilities.c) and from /proc and sysconf: no
 * extra QEMU is started.  What the domain XML parser accepts is what is
 * advertised, so a tool that trusts these documents writes a definition
 * that we accept: the machine types are the i440fx ones, the CPU is the
 * default one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/utsname.h>

#include "qemu_hostcaps.h"
#include "qemu_firmware.h"
#include "qemu_capabilities.h"
#include "virbuffer.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_hostcaps");


/* The machine types the driver runs: the i440fx and q35 ones. */
static bool
qemuHostCapsMachineSupported(const virQEMUCapsMachine *machine)
{
    return STREQ(machine->name, "pc") || STRPREFIX(machine->name, "pc-i440fx-") ||
        STREQ(machine->name, "q35") || STRPREFIX(machine->name, "pc-q35-");
}


/* The emulator's probe, or NULL with an error reported. */
static virQEMUCaps *
qemuHostCapsLookup(virQEMUDriver *driver, const char *emulator)
{
    return virQEMUCapsCacheLookup(driver->qemuCapsCache,
                                  emulator ? emulator : driver->config->defaultEmulator);
}


/* The number of online CPUs, at least 1. */
static unsigned int
qemuHostCapsOnlineCPUs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? n : 1;
}


/* The host's memory in KiB, or 0 if unknown. */
static unsigned long long
qemuHostCapsMemoryKiB(void)
{
    long pages = sysconf(_SC_PHYS_PAGES);
    long pagesize = sysconf(_SC_PAGESIZE);

    if (pages <= 0 || pagesize <= 0)
        return 0;
    return (unsigned long long)pages * pagesize / 1024;
}


/* The first "cpu MHz" of /proc/cpuinfo, 0 if there is none. */
static unsigned int
qemuHostCapsMHz(void)
{
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/cpuinfo", &data, NULL, NULL))
        return 0;
    lines = g_strsplit(data, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        const char *colon;

        if (!g_str_has_prefix(lines[i], "cpu MHz") || !(colon = strchr(lines[i], ':')))
            continue;
        return (unsigned int)g_ascii_strtod(colon + 1, NULL);
    }
    return 0;
}


/**
 * qemuHostCapsNodeGetInfo:
 * @conn: a connection (unused: the host is the caller's)
 * @info: filled in
 *
 * The host summary virNodeGetInfo() returns.  The topology is reported
 * flat (one node, one socket, every CPU a core), so that
 * VIR_NODEINFO_MAXCPUS() equals the CPUs online.
 *
 * Returns: 0
 */
int
qemuHostCapsNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    struct utsname un;

    memset(info, 0, sizeof(*info));
    uname(&un);
    g_strlcpy(info->model, un.machine, sizeof(info->model));
    info->memory = qemuHostCapsMemoryKiB();
    info->cpus = qemuHostCapsOnlineCPUs();
    info->mhz = qemuHostCapsMHz();
    info->nodes = 1;
    info->sockets = 1;
    info->cores = info->cpus;
    info->threads = 1;
    return 0;
}


/**
 * qemuHostCapsGetMaxVcpus:
 * @conn: a connection
 * @type: "qemu" or "kvm" (any case), or NULL
 *
 * The most vCPUs a guest of the default emulator may have: the limit of
 * its default i440fx machine type.
 *
 * Returns: the limit, or -1 with an error reported.
 */
int
qemuHostCapsGetMaxVcpus(virConnectPtr conn, const char *type)
{
    virQEMUDriver *driver = conn->privateData;
    g_autoptr(virQEMUCaps) caps = NULL;
    unsigned int best = 0;

    if (type && g_ascii_strcasecmp(type, "qemu") != 0 &&
        g_ascii_strcasecmp(type, "kvm") != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown type '%1$s'"), type);
        return -1;
    }
    if (!(caps = qemuHostCapsLookup(driver, NULL)))
        return -1;
    for (size_t i = 0; i < caps->nmachines; i++) {
        if (qemuHostCapsMachineSupported(&caps->machines[i]) &&
            caps->machines[i].maxCpus > best)
            best = caps->machines[i].maxCpus;
    }
    return best ? best : 1;
}


/**
 * qemuHostCapsNodeGetSecurityModel:
 * @conn: a connection
 * @secmodel: filled in
 *
 * The driver confines QEMU with no security driver (no SELinux or
 * AppArmor labels): the model is "none" with DOI "0", as upstream's is
 * with security_driver = "none".
 *
 * Returns: 0
 */
int
qemuHostCapsNodeGetSecurityModel(virConnectPtr conn G_GNUC_UNUSED,
                                 virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "none", sizeof(secmodel->model));
    g_strlcpy(secmodel->doi, "0", sizeof(secmodel->doi));
    return 0;
}


/* The machine types, the emulator's default first (with its alias), as
 * upstream lists them: tools that take the first one get the default. */
static void
qemuHostCapsFormatMachines(virBuffer *buf, const virQEMUCaps *caps)
{
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < caps->nmachines; i++) {
            const virQEMUCapsMachine *m = &caps->machines[i];

            if (!qemuHostCapsMachineSupported(m) || m->isDefault != (pass == 0))
                continue;
            virBufferAsprintf(buf, "<machine maxCpus='%u'>%s</machine>\n",
                              m->maxCpus, m->name);
            if (m->alias)
                virBufferAsprintf(buf, "<machine canonical='%s' maxCpus='%u'>%s</machine>\n",
                                  m->name, m->maxCpus, m->alias);
        }
    }
}


/**
 * qemuHostCapsGetCapabilities:
 * @conn: a connection
 *
 * The capabilities document: the host (its CPU architecture and
 * topology, no security model), and one guest: hvm on the default
 * emulator's architecture, with the i440fx machine types the emulator
 * reports and the domain types it can run ("qemu", and "kvm" where
 * /dev/kvm works).
 *
 * Returns: the XML for the caller to free, or NULL with an error.
 */
char *
qemuHostCapsGetCapabilities(virConnectPtr conn)
{
    virQEMUDriver *driver = conn->privateData;
    g_autoptr(virQEMUCaps) caps = NULL;
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    struct utsname un;
    unsigned int cpus = qemuHostCapsOnlineCPUs();

    if (!(caps = qemuHostCapsLookup(driver, NULL)))
        return NULL;
    uname(&un);

    virBufferAddLit(&buf, "<capabilities>\n\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<host>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<cpu>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<arch>%s</arch>\n", un.machine);
    virBufferAsprintf(&buf, "<topology sockets='1' dies='1' cores='%u' threads='1'/>\n", cpus);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cpu>\n");
    virBufferAddLit(&buf, "<topology>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<cells num='1'>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<cell id='0'>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "<memory unit='KiB'>%llu</memory>\n", qemuHostCapsMemoryKiB());
    virBufferAsprintf(&buf, "<cpus num='%u'>\n", cpus);
    virBufferAdjustIndent(&buf, 2);
    for (unsigned int i = 0; i < cpus; i++)
        virBufferAsprintf(&buf, "<cpu id='%u' socket_id='0' die_id='0' core_id='%u' siblings='%u'/>\n",
                          i, i, i);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cpus>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cell>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cells>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</topology>\n");
    virBufferAddLit(&buf, "<secmodel>\n");
    virBufferAddLit(&buf, "  <model>none</model>\n");
    virBufferAddLit(&buf, "  <doi>0</doi>\n");
    virBufferAddLit(&buf, "</secmodel>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</host>\n\n");

    virBufferAddLit(&buf, "<guest>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<os_type>hvm</os_type>\n");
    virBufferEscapeString(&buf, "<arch name='%s'>\n", caps->arch ? caps->arch : un.machine);
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<wordsize>64</wordsize>\n");
    virBufferEscapeString(&buf, "<emulator>%s</emulator>\n", caps->binary);
    qemuHostCapsFormatMachines(&buf, caps);
    virBufferAddLit(&buf, "<domain type='qemu'/>\n");
    if (caps->kvmSupported)
        virBufferAddLit(&buf, "<domain type='kvm'/>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</arch>\n");
    virBufferAddLit(&buf, "<features>\n");
    virBufferAddLit(&buf, "  <acpi default='on' toggle='yes'/>\n");
    virBufferAddLit(&buf, "  <apic default='on' toggle='no'/>\n");
    virBufferAddLit(&buf, "  <cpuselection/>\n");
    virBufferAddLit(&buf, "  <deviceboot/>\n");
    virBufferAddLit(&buf, "</features>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</guest>\n\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</capabilities>\n");
    return virBufferContentAndReset(&buf);
}


static void
qemuHostCapsEnum(virBuffer *buf, const char *name, const char *const *values)
{
    if (!values[0]) {
        virBufferAsprintf(buf, "<enum name='%s'/>\n", name);
        return;
    }
    virBufferAsprintf(buf, "<enum name='%s'>\n", name);
    for (size_t i = 0; values[i]; i++)
        virBufferAsprintf(buf, "  <value>%s</value>\n", values[i]);
    virBufferAddLit(buf, "</enum>\n");
}


/**
 * qemuHostCapsGetDomainCapabilities:
 * @conn: a connection
 * @emulatorbin: the emulator, or NULL for the default one
 * @arch: the guest architecture, or NULL for the emulator's
 * @machine: a machine type, or NULL for the default i440fx one
 * @virttype: "qemu" or "kvm", or NULL for "qemu"
 * @flags: none yet; pass 0
 *
 * The domain capabilities document of one emulator, architecture,
 * machine type and domain type: the devices and values the domain XML
 * parser accepts.  Each argument must agree with the probe of the
 * emulator (VIR_ERR_INVALID_ARG otherwise, as upstream).
 *
 * Returns: the XML for the caller to free, or NULL with an error.
 */
char *
qemuHostCapsGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
                                  const char *arch, const char *machine,
                                  const char *virttype, unsigned int flags)
{
    virQEMUDriver *driver = conn->privateData;
    g_autoptr(virQEMUCaps) caps = NULL;
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const virQEMUCapsMachine *m;
    static const char *const diskDevices[] = { "disk", "cdrom", NULL };
    static const char *const diskBuses[] = { "ide", "scsi", "virtio", "sata", NULL };
    static const char *const graphics[] = { "vnc", "spice", NULL };
    static const char *const videos[] = {
        "vga", "cirrus", "qxl", "virtio", "none", "bochs", NULL
    };
    static const char *const efi[] = { "efi", NULL };
    static const char *const pflash[] = { "pflash", NULL };
    static const char *const yes[] = { "yes", NULL };
    static const char *const yesNo[] = { "yes", "no", NULL };
    static const char *const usb[] = { "usb", NULL };
    static const char *const channels[] = { "pty", "unix", "spicevmc", NULL };
    g_autoptr(GPtrArray) firmware = qemuFirmwareLoadAll(qemuFirmwareSystemDirs);
    const char *canonical;
    static const char *const none[] = { NULL };
    static const char *const rngModels[] = { "virtio", NULL };
    static const char *const rngBackends[] = { "random", NULL };

    virCheckFlags(0, NULL);

    if (!(caps = qemuHostCapsLookup(driver, emulatorbin)))
        return NULL;
    if (arch && caps->arch && STRNEQ(arch, caps->arch)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("architecture from emulator '%1$s' doesn't match given architecture '%2$s'"),
                       caps->arch, arch);
        return NULL;
    }
    if (!virttype)
        virttype = "qemu";
    if (STRNEQ(virttype, "qemu") && STRNEQ(virttype, "kvm")) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown virttype: %1$s"), virttype);
        return NULL;
    }
    if (STREQ(virttype, "kvm") && !caps->kvmSupported) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("KVM is not supported by '%1$s' on this host"), caps->binary);
        return NULL;
    }
    if (!(m = virQEMUCapsGetMachine(caps, machine ? machine : "pc")) ||
        !qemuHostCapsMachineSupported(m)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("the machine '%1$s' is not supported by emulator '%2$s'"),
                       machine ? machine : "pc", caps->binary);
        return NULL;
    }

    virBufferAddLit(&buf, "<domainCapabilities>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<path>%s</path>\n", caps->binary);
    virBufferEscapeString(&buf, "<domain>%s</domain>\n", virttype);
    /* the canonical name, as upstream writes it ("pc" is an alias) */
    virBufferEscapeString(&buf, "<machine>%s</machine>\n",
                          virQEMUCapsGetCanonicalMachine(caps, m->name) ?
                          virQEMUCapsGetCanonicalMachine(caps, m->name) : m->name);
    virBufferEscapeString(&buf, "<arch>%s</arch>\n", caps->arch);
    virBufferAsprintf(&buf, "<vcpu max='%u'/>\n", m->maxCpus);
    virBufferAddLit(&buf, "<iothreads supported='no'/>\n");
    virBufferAddLit(&buf, "<os supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    /* UEFI as the host's firmware descriptors offer it for the machine. */
    canonical = virQEMUCapsGetCanonicalMachine(caps, m->name);
    for (size_t i = firmware->len; i > 0; i--) {
        qemuFirmware *fw = g_ptr_array_index(firmware, i - 1);
        bool fits = false;

        for (size_t j = 0; fw->machines[j] && canonical; j++)
            fits |= g_pattern_match_simple(fw->machines[j], canonical);
        if (!fits || !fw->nvramTemplate)
            g_ptr_array_remove_index(firmware, i - 1);
    }
    qemuHostCapsEnum(&buf, "firmware", firmware->len ? efi : none);
    if (firmware->len == 0) {
        virBufferAddLit(&buf, "<loader supported='no'/>\n");
    } else {
        virBufferAddLit(&buf, "<loader supported='yes'>\n");
        virBufferAdjustIndent(&buf, 2);
        for (size_t i = 0; i < firmware->len; i++)
            virBufferEscapeString(&buf, "<value>%s</value>\n",
                                  ((qemuFirmware *)g_ptr_array_index(firmware, i))->executable);
        qemuHostCapsEnum(&buf, "type", pflash);
        qemuHostCapsEnum(&buf, "readonly", yes);
        qemuHostCapsEnum(&buf, "secure", yesNo);
        virBufferAdjustIndent(&buf, -2);
        virBufferAddLit(&buf, "</loader>\n");
    }
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</os>\n");
    virBufferAddLit(&buf, "<cpu>\n");
    virBufferAddLit(&buf, "  <mode name='host-passthrough' supported='no'/>\n");
    virBufferAddLit(&buf, "  <mode name='maximum' supported='no'/>\n");
    virBufferAddLit(&buf, "  <mode name='host-model' supported='no'/>\n");
    virBufferAddLit(&buf, "  <mode name='custom' supported='no'/>\n");
    virBufferAddLit(&buf, "</cpu>\n");
    virBufferAddLit(&buf, "<memoryBacking supported='no'/>\n");
    virBufferAddLit(&buf, "<devices>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<disk supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "diskDevice", diskDevices);
    qemuHostCapsEnum(&buf, "bus", diskBuses);
    qemuHostCapsEnum(&buf, "model", none);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</disk>\n");
    virBufferAddLit(&buf, "<graphics supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "type", graphics);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</graphics>\n");
    virBufferAddLit(&buf, "<video supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "modelType", videos);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</video>\n");
    virBufferAddLit(&buf, "<hostdev supported='no'/>\n");
    virBufferAddLit(&buf, "<rng supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "model", rngModels);
    qemuHostCapsEnum(&buf, "backendModel", rngBackends);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</rng>\n");
    virBufferAddLit(&buf, "<filesystem supported='no'/>\n");
    virBufferAddLit(&buf, "<tpm supported='no'/>\n");
    virBufferAddLit(&buf, "<redirdev supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "bus", usb);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</redirdev>\n");
    virBufferAddLit(&buf, "<channel supported='yes'>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuHostCapsEnum(&buf, "type", channels);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</channel>\n");
    virBufferAddLit(&buf, "<crypto supported='no'/>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</devices>\n");
    virBufferAddLit(&buf, "<features>\n");
    virBufferAddLit(&buf, "  <gic supported='no'/>\n");
    virBufferAddLit(&buf, "  <vmcoreinfo supported='no'/>\n");
    virBufferAddLit(&buf, "  <genid supported='no'/>\n");
    virBufferAddLit(&buf, "  <backingStoreInput supported='no'/>\n");
    virBufferAddLit(&buf, "  <backup supported='no'/>\n");
    virBufferAddLit(&buf, "  <sev supported='no'/>\n");
    virBufferAddLit(&buf, "  <sgx supported='no'/>\n");
    virBufferAddLit(&buf, "</features>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domainCapabilities>\n");
    return virBufferContentAndReset(&buf);
}
