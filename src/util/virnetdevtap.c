/*
 * virnetdevtap.c: tap devices plugged into an existing host bridge
 *
 * A guest's <interface type='bridge'> is a tap device that this process
 * creates, configures and plugs into the bridge, then hands to QEMU as
 * an open descriptor.  The tap is not persistent: the kernel removes it,
 * and its bridge port, when the last descriptor closes, i.e. when QEMU
 * exits.  Nothing has to be cleaned up after a stop, a crash of QEMU or
 * of this process, so no state file ever names a device to delete.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "virnetdevtap.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.netdevtap");

/* The first byte of a tap's own MAC: the guest's MAC with this first
 * byte is never one a guest picks, so the bridge never learns the
 * guest's address on the host side of the link. */
#define VIR_NET_DEV_TAP_MAC_FIRST 0xFE


/**
 * virNetDevNameIsValid:
 * @name: a network interface name
 *
 * The kernel's rule (1 to 15 bytes, not "." or "..", no '/', ':' or
 * white space) and ours on top: no control characters, and no '%',
 * which TUNSETIFF would take as a template and replace by a number.
 *
 * Returns: true if @name may name an interface.
 */
bool
virNetDevNameIsValid(const char *name)
{
    size_t len = name ? strlen(name) : 0;

    if (len == 0 || len > VIR_NET_DEV_NAME_MAX ||
        STREQ(name, ".") || STREQ(name, ".."))
        return false;
    for (const char *p = name; *p; p++) {
        if (*p == '/' || *p == ':' || *p == '%' ||
            g_ascii_isspace(*p) || g_ascii_iscntrl(*p))
            return false;
    }
    return true;
}


/* @ifr names @name and nothing else. */
static void
virNetDevIfreqInit(struct ifreq *ifr, const char *name)
{
    memset(ifr, 0, sizeof(*ifr));
    g_strlcpy(ifr->ifr_name, name, sizeof(ifr->ifr_name));
}


/**
 * virNetDevTapCreateInBridge:
 * @bridge: an existing bridge on this host (in this network namespace)
 * @ifname: the tap's name, or NULL to let the kernel pick the first
 *          free "vnetN"
 * @mac: the guest's MAC; the tap gets it with its first byte 0xFE
 * @vnetHdr: whether QEMU will exchange virtio-net headers on the tap
 *           (virtio models)
 * @ifnameRet: the tap's name
 * @tapfdRet: the tap's descriptor, close-on-exec, to pass to QEMU
 *
 * Creates the tap (failing if @ifname exists: never an interface
 * somebody else made), gives it the bridge's MTU, plugs it into
 * @bridge and brings it up.  On failure nothing is left: closing the
 * descriptor removes the tap.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virNetDevTapCreateInBridge(const char *bridge, const char *ifname,
                           const virMacAddr *mac, bool vnetHdr,
                           char **ifnameRet, int *tapfdRet)
{
    g_autofree char *name = NULL;
    VIR_AUTOCLOSE ctl = -1;
    VIR_AUTOCLOSE tapfd = -1;
    struct ifreq ifr;
    int mtu;
    int index;

    if (!virNetDevNameIsValid(bridge) || (ifname && !virNetDevNameIsValid(ifname))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid network interface name '%1$s'"),
                       virNetDevNameIsValid(bridge) ? ifname : bridge);
        return -1;
    }

    if ((ctl = socket(AF_LOCAL, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s",
                             _("cannot open a socket to configure network interfaces"));
        return -1;
    }

    virNetDevIfreqInit(&ifr, bridge);
    if (ioctl(ctl, SIOCGIFMTU, &ifr) < 0) {
        virReportSystemError(errno, _("cannot read the MTU of bridge '%1$s'"),
                             bridge);
        return -1;
    }
    mtu = ifr.ifr_mtu;

    if ((tapfd = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", _("cannot open /dev/net/tun"));
        return -1;
    }
    virNetDevIfreqInit(&ifr, ifname ? ifname : VIR_NET_DEV_TAP_PREFIX "%d");
    /* IFF_TUN_EXCL: an existing interface of that name is an error, not
     * a device to attach to. */
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL;
    if (vnetHdr)
        ifr.ifr_flags |= IFF_VNET_HDR;
    if (ioctl(tapfd, TUNSETIFF, &ifr) < 0) {
        if (errno == EBUSY && ifname)
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("network interface '%1$s' already exists"), ifname);
        else
            virReportSystemError(errno, _("cannot create tap device '%1$s'"),
                                 ifname ? ifname : VIR_NET_DEV_TAP_PREFIX "N");
        return -1;
    }
    name = g_strndup(ifr.ifr_name, sizeof(ifr.ifr_name));
    VIR_DEBUG("created tap %s for bridge %s", name, bridge);

    virNetDevIfreqInit(&ifr, name);
    ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
    memcpy(ifr.ifr_hwaddr.sa_data, mac->addr, VIR_MAC_BUFLEN);
    ifr.ifr_hwaddr.sa_data[0] = (char)VIR_NET_DEV_TAP_MAC_FIRST;
    if (ioctl(ctl, SIOCSIFHWADDR, &ifr) < 0) {
        virReportSystemError(errno, _("cannot set the MAC address of tap device '%1$s'"),
                             name);
        return -1;
    }

    virNetDevIfreqInit(&ifr, name);
    ifr.ifr_mtu = mtu;
    if (ioctl(ctl, SIOCSIFMTU, &ifr) < 0) {
        virReportSystemError(errno, _("cannot set MTU %1$d on tap device '%2$s'"),
                             mtu, name);
        return -1;
    }

    virNetDevIfreqInit(&ifr, name);
    if (ioctl(ctl, SIOCGIFINDEX, &ifr) < 0) {
        virReportSystemError(errno, _("cannot find the index of tap device '%1$s'"),
                             name);
        return -1;
    }
    index = ifr.ifr_ifindex;
    virNetDevIfreqInit(&ifr, bridge);
    ifr.ifr_ifindex = index;
    if (ioctl(ctl, SIOCBRADDIF, &ifr) < 0) {
        virReportSystemError(errno, _("cannot add tap device '%1$s' to bridge '%2$s'"),
                             name, bridge);
        return -1;
    }

    virNetDevIfreqInit(&ifr, name);
    if (ioctl(ctl, SIOCGIFFLAGS, &ifr) < 0) {
        virReportSystemError(errno, _("cannot read the flags of tap device '%1$s'"),
                             name);
        return -1;
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(ctl, SIOCSIFFLAGS, &ifr) < 0) {
        virReportSystemError(errno, _("cannot bring tap device '%1$s' up"), name);
        return -1;
    }

    *ifnameRet = g_steal_pointer(&name);
    *tapfdRet = g_steal_fd(&tapfd);
    return 0;
}
