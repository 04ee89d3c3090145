/*
 * fuzz_uri.c: connection URIs, through virConnectOpenReadOnly
 *
 * A read-only open parses the URI, picks the driver, reads the
 * configuration its root names and changes nothing on disk (no
 * directory made, no domain reconciled), so arbitrary URIs are safe to
 * try.  Refusals are fine; crashes and leaks are not, and an accepted
 * URI must name a connection that works.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "virerror.h"
#include "fuzz.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    /* An empty URI means the default one: keep that fixed. */
    g_setenv("LIBVIRT_DEFAULT_URI", "qemu:///embed?root=/nonexistent-fuzz-root", TRUE);
    g_setenv("HOME", "/nonexistent-fuzz-home", TRUE);
    g_setenv("XDG_CONFIG_HOME", "/nonexistent-fuzz-home/config", TRUE);
    g_setenv("XDG_RUNTIME_DIR", "/nonexistent-fuzz-home/run", TRUE);
    g_setenv("XDG_CACHE_HOME", "/nonexistent-fuzz-home/cache", TRUE);
    return 0;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *uri = g_strndup((const char *)data, size);
    g_autofree char *canon = NULL;
    virConnectPtr conn;

    fuzzSetup();
    /* The system instance reads the host's configuration: keep the
     * fuzzer to embedded roots and the session. */
    if (strstr(uri, "system"))
        return 0;
    if (!(conn = virConnectOpenReadOnly(uri))) {
        virResetLastError();
        return 0;
    }
    if (!(canon = virConnectGetURI(conn)) || virConnectIsAlive(conn) != 1)
        fuzzFail("an opened connection does not work", uri);
    if (virConnectClose(conn) != 0)
        fuzzFail("a connection is still referenced after its close", uri);
    return 0;
}
