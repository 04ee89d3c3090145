/*
 * fuzz_rpcevent.c: domain event MESSAGE frames, decoded as our client
 * library decodes what a daemon sends
 *
 * The input is a whole frame.  Whatever remoteEventDecode() accepts
 * must be an event a callback can be handed as is: a domain name, the
 * strings the protocol makes mandatory present, counts that match
 * their arrays and stay within the protocol's limits.  The event is
 * then freed; the sanitizers catch what it leaks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "virerror.h"
#include "remote_driverpriv.h"
#include "remote_protocol.h"
#include "fuzz.h"
#include "fuzzframe.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


/* The invariants of an accepted event.  Returns: which one @ev breaks,
 * or NULL. */
static const char *
fuzzEventBroken(const virDomainEvent *ev)
{
    if (!ev->name)
        return "no domain name";
    switch ((virDomainEventID)ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
        if (!ev->data.ioError.srcPath || !ev->data.ioError.devAlias)
            return "io-error without its strings";
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        if (!ev->data.ioError.srcPath || !ev->data.ioError.devAlias ||
            !ev->data.ioError.reason)
            return "io-error-reason without its strings";
        break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: {
        const virDomainEventGraphicsSubject *subject = &ev->data.graphics.subject;

        if (!ev->data.graphics.local.node || !ev->data.graphics.local.service ||
            !ev->data.graphics.remote.node || !ev->data.graphics.remote.service ||
            !ev->data.graphics.authScheme)
            return "graphics without its strings";
        if (subject->nidentity < 0 ||
            subject->nidentity > REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX ||
            (subject->nidentity > 0 && !subject->identities))
            return "graphics subject count out of bounds";
        for (int i = 0; i < subject->nidentity; i++) {
            if (!subject->identities[i].type || !subject->identities[i].name)
                return "graphics identity without its strings";
        }
        break;
    }
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        if (!ev->data.blockJob.disk)
            return "block job without its disk";
        break;
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        if (!ev->data.diskChange.devAlias)
            return "disk-change without its alias";
        break;
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        if (!ev->data.trayChange.devAlias)
            return "tray-change without its alias";
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        if (!ev->data.device.devAlias)
            return "device event without its alias";
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        if (ev->data.params.nparams < 0 ||
            ev->data.params.nparams > REMOTE_DOMAIN_EVENT_TUNABLE_MAX ||
            !ev->data.params.params)
            return "parameter count out of bounds";
        for (int i = 0; i < ev->data.params.nparams; i++) {
            const virTypedParameter *p = &ev->data.params.params[i];

            if (strnlen(p->field, VIR_TYPED_PARAM_FIELD_LENGTH) ==
                VIR_TYPED_PARAM_FIELD_LENGTH)
                return "parameter name not terminated";
            if (p->type < VIR_TYPED_PARAM_INT || p->type >= VIR_TYPED_PARAM_LAST)
                return "parameter of no known type";
            if (p->type == VIR_TYPED_PARAM_STRING && !p->value.s)
                return "string parameter without its string";
        }
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        if (!ev->data.blockThreshold.dev)
            return "block-threshold without its device";
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        if (!ev->data.memoryDeviceSize.alias)
            return "memory-device-size-change without its alias";
        break;
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
    case VIR_DOMAIN_EVENT_ID_REBOOT:
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        break;
    case VIR_DOMAIN_EVENT_ID_LAST:
    default:
        return "an event ID that does not exist";
    }
    return NULL;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *frame = (const char *)data;
    g_autoptr(virDomainEvent) ev = NULL;
    virNetMessageHeader hdr;
    const char *broken;
    bool legacy;
    int callbackID;
    size_t len;

    fuzzSetup();
    /* The client reads exactly what the length word says. */
    if (!fuzzFrameHeader(data, size, &hdr))
        return 0;
    len = size;
    if (hdr.prog != REMOTE_PROGRAM || hdr.type != VIR_NET_MESSAGE)
        return 0;
    if (!(ev = remoteEventDecode(&hdr, frame, len, &legacy, &callbackID)))
        return 0;
    if ((broken = fuzzEventBroken(ev)))
        fuzzFail(broken, ev->name ? ev->name : "");
    if (legacy && callbackID != -1)
        fuzzFail("a legacy event with a registration ID", ev->name);
    return 0;
}
