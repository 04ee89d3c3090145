/*
 * qemu_monitor_json.c: QMP commands and events as JSON
 *
 * The only place that knows what QMP messages look like: it classifies
 * each line QEMU sends (qemuMonitorParseMessage), builds commands, and
 * turns replies and events into C types.  JSON is handled by json-glib;
 * before a line reaches it, a cheap scan bounds its nesting, because
 * json-glib's parser recurses once per level and a hostile or broken
 * peer could otherwise exhaust the stack.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_monitor_json.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_monitor_json");

/* How much of a bad line goes into an error message. */
#define QEMU_MONITOR_JSON_EXCERPT 200


/*
 * A bounded, single-line, valid UTF-8 excerpt of @line for messages:
 * control characters and NUL bytes are shown as \xNN, invalid UTF-8
 * as U+FFFD.
 */
static char *
qemuMonitorJSONExcerpt(const char *line, size_t len)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    size_t i;

    for (i = 0; i < len && i < QEMU_MONITOR_JSON_EXCERPT; i++) {
        unsigned char c = line[i];

        if (c < 0x20 || c == 0x7f)
            g_string_append_printf(buf, "\\x%02x", c);
        else
            g_string_append_c(buf, c);
    }
    if (i < len)
        g_string_append(buf, "...");
    return g_utf8_make_valid(buf->str, buf->len);
}


/*
 * Checks what json-glib does not: one object, with nothing but blanks
 * around it, nested at most QEMU_MONITOR_MAX_NESTING deep, without NUL
 * bytes.  Everything else is left to the parser.  (json-glib 1.6 also
 * leaks memory on input with several top-level values.)
 */
static int
qemuMonitorJSONCheckShape(const char *line, size_t len)
{
    g_autofree char *excerpt = NULL;
    const char *why = NULL;
    size_t depth = 0;
    bool inString = false;
    bool ended = false;
    size_t i;

    for (i = 0; i < len && g_ascii_isspace(line[i]); i++)
        ;
    if (i == len || line[i] != '{') {
        excerpt = qemuMonitorJSONExcerpt(line, len);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Parsed JSON reply '%1$s' isn't an object"), excerpt);
        return -1;
    }

    for (; i < len && !why; i++) {
        char c = line[i];

        if (c == '\0') {
            why = _("NUL byte in data");
            break;
        }
        if (inString) {
            if (c == '\\')
                i++;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (ended) {
            if (!g_ascii_isspace(c))
                why = _("trailing data after the JSON object");
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (++depth > QEMU_MONITOR_MAX_NESTING)
                why = _("nested too deeply");
            break;
        case '}':
        case ']':
            /* An unbalanced close is the parser's to report. */
            if (depth > 0 && --depth == 0)
                ended = true;
            break;
        default:
            break;
        }
    }
    if (!why)
        return 0;

    excerpt = qemuMonitorJSONExcerpt(line, len);
    virReportError(VIR_ERR_INTERNAL_ERROR, _("cannot parse json %1$s: %2$s"),
                   excerpt, why);
    return -1;
}


/* Type-checked member access: NULL or -1 when absent or of another type. */
static const char *
qemuMonitorJSONGetString(JsonObject *obj, const char *name)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_VALUE(node) ||
        json_node_get_value_type(node) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(node);
}


static int
qemuMonitorJSONGetBool(JsonObject *obj, const char *name, bool *ret)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_VALUE(node) ||
        json_node_get_value_type(node) != G_TYPE_BOOLEAN)
        return -1;
    *ret = json_node_get_boolean(node);
    return 0;
}


static int
qemuMonitorJSONGetUInt(JsonObject *obj, const char *name, unsigned int *ret)
{
    JsonNode *node = json_object_get_member(obj, name);
    gint64 value;

    if (!node || !JSON_NODE_HOLDS_VALUE(node) ||
        json_node_get_value_type(node) != G_TYPE_INT64)
        return -1;
    value = json_node_get_int(node);
    if (value < 0 || value > UINT_MAX)
        return -1;
    *ret = value;
    return 0;
}


static JsonObject *
qemuMonitorJSONGetObject(JsonObject *obj, const char *name)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_OBJECT(node))
        return NULL;
    return json_node_get_object(node);
}


/**
 * qemuMonitorMessageFree:
 * @msg: a message from qemuMonitorParseMessage(); may be NULL
 */
void
qemuMonitorMessageFree(qemuMonitorMessage *msg)
{
    if (!msg)
        return;
    g_free(msg->id);
    g_free(msg->errorClass);
    g_free(msg->errorDesc);
    g_free(msg->event);
    if (msg->root)
        json_node_unref(msg->root);
    g_free(msg);
}


/**
 * qemuMonitorParseMessage:
 * @line: one line QEMU sent, without its line end; need not be
 *        NUL-terminated and may hold any bytes
 * @len: its length in bytes
 * @retMsg: the classified message
 *
 * Parses and classifies one line of QMP input as the greeting, a reply
 * (with its id, and return value or error) or an event (with its name
 * and data).  Safe on any input: anything that is not one well-formed
 * QMP message is reported as an error.
 *
 * Returns: 0, or -1 with VIR_ERR_INTERNAL_ERROR reported.
 */
int
qemuMonitorParseMessage(const char *line,
                        size_t len,
                        qemuMonitorMessage **retMsg)
{
    g_autoptr(JsonParser) parser = NULL;
    g_autoptr(GError) gerr = NULL;
    g_autoptr(qemuMonitorMessage) msg = NULL;
    g_autofree char *excerpt = NULL;
    JsonObject *obj;
    JsonNode *node;

    if (!line)
        len = 0;
    if (len > QEMU_MONITOR_MAX_MESSAGE) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU monitor reply exceeds buffer size (%1$d bytes)"),
                       QEMU_MONITOR_MAX_MESSAGE);
        return -1;
    }
    if (qemuMonitorJSONCheckShape(line ? line : "", len) < 0)
        return -1;

    excerpt = qemuMonitorJSONExcerpt(line ? line : "", len);
    parser = json_parser_new();
    if (!json_parser_load_from_data(parser, line ? line : "", len, &gerr)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("cannot parse json %1$s: %2$s"),
                       excerpt, gerr->message);
        return -1;
    }

    msg = g_new0(qemuMonitorMessage, 1);
    msg->root = json_parser_steal_root(parser);
    if (!msg->root || !JSON_NODE_HOLDS_OBJECT(msg->root)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Parsed JSON reply '%1$s' isn't an object"), excerpt);
        return -1;
    }
    obj = json_node_get_object(msg->root);

    if (json_object_has_member(obj, "QMP")) {
        msg->type = QEMU_MONITOR_MESSAGE_GREETING;
    } else if (json_object_has_member(obj, "event")) {
        const char *name = qemuMonitorJSONGetString(obj, "event");

        node = json_object_get_member(obj, "data");
        if (!name || (node && !JSON_NODE_HOLDS_OBJECT(node))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Unknown JSON reply '%1$s'"), excerpt);
            return -1;
        }
        msg->type = QEMU_MONITOR_MESSAGE_EVENT;
        msg->event = g_strdup(name);
        if (node)
            msg->data = json_node_get_object(node);
    } else if (json_object_has_member(obj, "return") ||
               json_object_has_member(obj, "error")) {
        msg->type = QEMU_MONITOR_MESSAGE_REPLY;
        if ((node = json_object_get_member(obj, "id"))) {
            if (JSON_NODE_HOLDS_VALUE(node) &&
                json_node_get_value_type(node) == G_TYPE_STRING)
                msg->id = g_strdup(json_node_get_string(node));
            else
                msg->id = json_to_string(node, FALSE);
        }
        if (json_object_has_member(obj, "error")) {
            JsonObject *error = qemuMonitorJSONGetObject(obj, "error");

            msg->isError = true;
            if (error) {
                msg->errorClass = g_strdup(qemuMonitorJSONGetString(error, "class"));
                msg->errorDesc = g_strdup(qemuMonitorJSONGetString(error, "desc"));
            }
        } else {
            msg->ret = json_object_get_member(obj, "return");
        }
    } else {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Unknown JSON reply '%1$s'"), excerpt);
        return -1;
    }

    *retMsg = g_steal_pointer(&msg);
    return 0;
}


/* {"execute": CMD, "arguments": ARGS, "id": ID} on one line. */
static char *
qemuMonitorJSONFormatCommand(const char *cmd,
                             JsonObject *args,
                             const char *id)
{
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    JsonObject *obj = json_object_new();

    json_object_set_string_member(obj, "execute", cmd);
    if (args)
        json_object_set_object_member(obj, "arguments", json_object_ref(args));
    json_object_set_string_member(obj, "id", id);
    json_node_take_object(node, obj);
    return json_to_string(node, FALSE);
}


/* Reports the error of a failed reply to @cmd. */
static void
qemuMonitorJSONReportError(const char *cmd, const qemuMonitorMessage *reply)
{
    JsonObject *obj = json_node_get_object(reply->root);
    const char *detail = reply->errorDesc;

    VIR_DEBUG("QEMU command '%s' failed: class=%s desc=%s", cmd,
              NULLSTR(reply->errorClass), NULLSTR(reply->errorDesc));

    if (!qemuMonitorJSONGetObject(obj, "error")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unable to execute QEMU command '%1$s'"), cmd);
        return;
    }
    if (!detail)
        detail = reply->errorClass;
    if (!detail)
        detail = _("unknown QEMU command error");
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("unable to execute QEMU command '%1$s': %2$s"), cmd, detail);
}


/*
 * Runs @cmd with @args (NULL for none; not consumed) and returns its
 * successful reply; an error reply is reported and fails.  With
 * QEMU_MONITOR_SEND_EOF_IS_REPLY, *retReply may be NULL: QEMU closed
 * the connection instead of answering.
 */
static int
qemuMonitorJSONCommandFull(qemuMonitor *mon,
                           const char *cmd,
                           JsonObject *args,
                           int timeoutMs,
                           unsigned int flags,
                           qemuMonitorMessage **retReply)
{
    g_autofree char *id = qemuMonitorNextCommandId(mon);
    g_autofree char *line = qemuMonitorJSONFormatCommand(cmd, args, id);
    g_autoptr(qemuMonitorMessage) reply = NULL;

    if (qemuMonitorSend(mon, cmd, id, line, timeoutMs, flags, &reply) < 0)
        return -1;
    if (reply && reply->isError) {
        qemuMonitorJSONReportError(cmd, reply);
        return -1;
    }
    *retReply = g_steal_pointer(&reply);
    return 0;
}


static int
qemuMonitorJSONCommand(qemuMonitor *mon,
                       const char *cmd,
                       JsonObject *args,
                       qemuMonitorMessage **retReply)
{
    return qemuMonitorJSONCommandFull(mon, cmd, args, 0, 0, retReply);
}


/* The "return" value of @reply to @cmd if it has JSON type @type. */
static JsonNode *
qemuMonitorJSONGetReturn(const qemuMonitorMessage *reply,
                         const char *cmd,
                         JsonNodeType type)
{
    if (!reply->ret || JSON_NODE_TYPE(reply->ret) != type ||
        (type == JSON_NODE_VALUE &&
         json_node_get_value_type(reply->ret) != G_TYPE_STRING)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected type returned by QEMU command '%1$s'"), cmd);
        return NULL;
    }
    return reply->ret;
}


/* A command without arguments whose reply carries nothing we need. */
static int
qemuMonitorJSONSimpleCommand(qemuMonitor *mon,
                             const char *cmd,
                             int timeoutMs,
                             unsigned int flags)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;

    return qemuMonitorJSONCommandFull(mon, cmd, NULL, timeoutMs, flags, &reply);
}


/**
 * qemuMonitorJSONSetCapabilities:
 * @mon: a monitor whose greeting arrived
 * @timeoutMs: how long to wait for the reply
 *
 * Leaves QMP's capabilities negotiation mode (no optional capability
 * is asked for).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONSetCapabilities(qemuMonitor *mon, int timeoutMs)
{
    return qemuMonitorJSONSimpleCommand(mon, "qmp_capabilities", timeoutMs, 0);
}


/**
 * qemuMonitorJSONStartCPUs:
 * @mon: the monitor
 *
 * QMP "cont"; see qemuMonitorStartCPUs().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONStartCPUs(qemuMonitor *mon)
{
    return qemuMonitorJSONSimpleCommand(mon, "cont", 0, 0);
}


/**
 * qemuMonitorJSONStopCPUs:
 * @mon: the monitor
 *
 * QMP "stop"; see qemuMonitorStopCPUs().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONStopCPUs(qemuMonitor *mon)
{
    return qemuMonitorJSONSimpleCommand(mon, "stop", 0, 0);
}


/**
 * qemuMonitorJSONSystemPowerdown:
 * @mon: the monitor
 *
 * QMP "system_powerdown"; see qemuMonitorSystemPowerdown().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONSystemPowerdown(qemuMonitor *mon, int timeoutMs)
{
    return qemuMonitorJSONSimpleCommand(mon, "system_powerdown", timeoutMs, 0);
}


/**
 * qemuMonitorJSONSystemReset:
 * @mon: the monitor
 *
 * QMP "system_reset"; see qemuMonitorSystemReset().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONSystemReset(qemuMonitor *mon)
{
    return qemuMonitorJSONSimpleCommand(mon, "system_reset", 0, 0);
}


/**
 * qemuMonitorJSONQuit:
 * @mon: the monitor
 *
 * QMP "quit"; see qemuMonitorQuit().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONQuit(qemuMonitor *mon)
{
    /* QEMU may exit before its reply is read; that is success too. */
    return qemuMonitorJSONSimpleCommand(mon, "quit", 0,
                                        QEMU_MONITOR_SEND_EOF_IS_REPLY);
}


/**
 * qemuMonitorJSONGetStatus:
 * @mon: the monitor
 * @retRunning: whether the CPUs run
 * @retReason: why they do not
 *
 * QMP "query-status"; see qemuMonitorGetStatus().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetStatus(qemuMonitor *mon,
                         bool *retRunning,
                         virDomainPausedReason *retReason)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    JsonNode *ret;
    JsonObject *obj;
    const char *status;
    bool running;

    if (qemuMonitorJSONCommand(mon, "query-status", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-status", JSON_NODE_OBJECT)))
        return -1;
    obj = json_node_get_object(ret);

    if (qemuMonitorJSONGetBool(obj, "running", &running) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-status reply was missing running state"));
        return -1;
    }
    status = qemuMonitorJSONGetString(obj, "status");
    if (!running) {
        if (!status) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("query-status reply was missing status details"));
            return -1;
        }
        reason = qemuMonitorVMStatusToPausedReason(status);
    }

    *retRunning = running;
    *retReason = reason;
    return 0;
}


/**
 * qemuMonitorJSONGetVersion:
 * @mon: the monitor
 * @retMajor: major version
 * @retMinor: minor version
 * @retMicro: micro version
 * @retPackage: package string, to free
 *
 * QMP "query-version"; see qemuMonitorGetVersion().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetVersion(qemuMonitor *mon,
                          unsigned int *retMajor,
                          unsigned int *retMinor,
                          unsigned int *retMicro,
                          char **retPackage)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    JsonNode *ret;
    JsonObject *qemu;
    const char *package;
    unsigned int major, minor, micro;

    if (qemuMonitorJSONCommand(mon, "query-version", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-version", JSON_NODE_OBJECT)))
        return -1;

    if (!(qemu = qemuMonitorJSONGetObject(json_node_get_object(ret), "qemu"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-version reply was missing 'qemu' data"));
        return -1;
    }
    if (qemuMonitorJSONGetUInt(qemu, "major", &major) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-version reply was missing 'major' version"));
        return -1;
    }
    if (qemuMonitorJSONGetUInt(qemu, "minor", &minor) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-version reply was missing 'minor' version"));
        return -1;
    }
    if (qemuMonitorJSONGetUInt(qemu, "micro", &micro) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-version reply was missing 'micro' version"));
        return -1;
    }
    if (!(package = qemuMonitorJSONGetString(json_node_get_object(ret), "package"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-version reply was missing 'package' version"));
        return -1;
    }

    *retMajor = major;
    *retMinor = minor;
    *retMicro = micro;
    *retPackage = g_strdup(package);
    return 0;
}


/* Fills @info from one element of query-machines' reply. */
static int
qemuMonitorJSONParseMachine(JsonNode *node, qemuMonitorMachineInfo *info)
{
    JsonObject *obj = NULL;
    const char *name = NULL;

    if (JSON_NODE_HOLDS_OBJECT(node)) {
        obj = json_node_get_object(node);
        name = qemuMonitorJSONGetString(obj, "name");
    }
    if (!name) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-machines reply data was missing 'name'"));
        return -1;
    }
    info->name = g_strdup(name);

    if (json_object_has_member(obj, "is-default") &&
        qemuMonitorJSONGetBool(obj, "is-default", &info->isDefault) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-machines reply has malformed 'is-default' data"));
        return -1;
    }
    if (json_object_has_member(obj, "alias")) {
        const char *alias = qemuMonitorJSONGetString(obj, "alias");

        if (!alias) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("query-machines reply has malformed 'alias' data"));
            return -1;
        }
        info->alias = g_strdup(alias);
    }
    if (json_object_has_member(obj, "cpu-max") &&
        qemuMonitorJSONGetUInt(obj, "cpu-max", &info->maxCpus) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-machines reply has malformed 'cpu-max' data"));
        return -1;
    }
    if (json_object_has_member(obj, "deprecated") &&
        qemuMonitorJSONGetBool(obj, "deprecated", &info->deprecated) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-machines reply has malformed 'deprecated' data"));
        return -1;
    }
    return 0;
}


/**
 * qemuMonitorJSONGetMachines:
 * @mon: the monitor
 * @retMachines: the machine types
 * @retNMachines: how many
 *
 * QMP "query-machines"; see qemuMonitorGetMachines().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetMachines(qemuMonitor *mon,
                           qemuMonitorMachineInfo **retMachines,
                           size_t *retNMachines)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    qemuMonitorMachineInfo *machines = NULL;
    JsonArray *array;
    JsonNode *ret;
    size_t n;
    size_t i;

    if (qemuMonitorJSONCommand(mon, "query-machines", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-machines", JSON_NODE_ARRAY)))
        return -1;

    array = json_node_get_array(ret);
    n = json_array_get_length(array);
    machines = g_new0(qemuMonitorMachineInfo, n);
    for (i = 0; i < n; i++) {
        if (qemuMonitorJSONParseMachine(json_array_get_element(array, i),
                                        &machines[i]) < 0) {
            qemuMonitorMachineInfoListFree(machines, n);
            return -1;
        }
    }

    *retMachines = machines;
    *retNMachines = n;
    return 0;
}


/**
 * qemuMonitorJSONGetKVMState:
 * @mon: the monitor
 * @retEnabled: whether KVM is in use
 * @retPresent: whether the binary supports it
 *
 * QMP "query-kvm"; see qemuMonitorGetKVMState().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetKVMState(qemuMonitor *mon,
                           bool *retEnabled,
                           bool *retPresent)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    JsonNode *ret;
    bool enabled;
    bool present;

    if (qemuMonitorJSONCommand(mon, "query-kvm", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-kvm", JSON_NODE_OBJECT)))
        return -1;

    if (qemuMonitorJSONGetBool(json_node_get_object(ret), "enabled", &enabled) < 0 ||
        qemuMonitorJSONGetBool(json_node_get_object(ret), "present", &present) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-kvm replied unexpected data"));
        return -1;
    }

    *retEnabled = enabled;
    *retPresent = present;
    return 0;
}


/**
 * qemuMonitorJSONGetTargetArch:
 * @mon: the monitor
 * @retArch: the target architecture
 *
 * QMP "query-target"; see qemuMonitorGetTargetArch().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetTargetArch(qemuMonitor *mon,
                             char **retArch)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    JsonNode *ret;
    const char *arch;

    if (qemuMonitorJSONCommand(mon, "query-target", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-target", JSON_NODE_OBJECT)))
        return -1;
    if (!(arch = json_object_get_string_member_with_default(json_node_get_object(ret),
                                                             "arch", NULL)) ||
        !*arch) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-target reply was missing target arch"));
        return -1;
    }
    *retArch = g_strdup(arch);
    return 0;
}


/**
 * qemuMonitorJSONGetObjectTypes:
 * @mon: the monitor
 * @retTypes: NULL-terminated type names
 *
 * QMP "qom-list-types"; see qemuMonitorGetObjectTypes().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetObjectTypes(qemuMonitor *mon,
                              char ***retTypes)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func(g_free);
    JsonArray *array;
    JsonNode *ret;
    size_t i;

    if (qemuMonitorJSONCommand(mon, "qom-list-types", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "qom-list-types", JSON_NODE_ARRAY)))
        return -1;

    array = json_node_get_array(ret);
    for (i = 0; i < json_array_get_length(array); i++) {
        JsonNode *elem = json_array_get_element(array, i);
        const char *name = NULL;

        if (JSON_NODE_HOLDS_OBJECT(elem))
            name = qemuMonitorJSONGetString(json_node_get_object(elem), "name");
        if (!name) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("qom-list-types reply data was missing 'name'"));
            return -1;
        }
        g_ptr_array_add(types, g_strdup(name));
    }
    g_ptr_array_add(types, NULL);

    *retTypes = (char **)g_ptr_array_free(g_steal_pointer(&types), FALSE);
    return 0;
}


/**
 * qemuMonitorJSONSetMemoryStatsPeriod:
 * @mon: the monitor
 * @balloonAlias: the balloon device's id
 * @period: seconds between the guest's reports, 0 to stop them
 *
 * QMP "qom-set" of the balloon's guest-stats-polling-interval; see
 * qemuMonitorSetMemoryStatsPeriod().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONSetMemoryStatsPeriod(qemuMonitor *mon,
                                    const char *balloonAlias,
                                    int period)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(qemuMonitorMessage) reply = NULL;
    g_autofree char *path = g_strdup_printf("/machine/peripheral/%s", balloonAlias);

    json_object_set_string_member(args, "path", path);
    json_object_set_string_member(args, "property", "guest-stats-polling-interval");
    json_object_set_int_member(args, "value", period);
    return qemuMonitorJSONCommand(mon, "qom-set", args, &reply);
}


/**
 * qemuMonitorJSONGetPtyPaths:
 * @mon: the monitor
 * @retPaths: label -> terminal path of every pty character device
 *
 * QMP "query-chardev"; see qemuMonitorGetPtyPaths().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONGetPtyPaths(qemuMonitor *mon,
                           GHashTable **retPaths)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    g_autoptr(GHashTable) paths = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, g_free);
    JsonArray *array;
    JsonNode *ret;

    if (qemuMonitorJSONCommand(mon, "query-chardev", NULL, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "query-chardev", JSON_NODE_ARRAY)))
        return -1;

    array = json_node_get_array(ret);
    for (guint i = 0; i < json_array_get_length(array); i++) {
        JsonNode *elem = json_array_get_element(array, i);
        const char *label = NULL;
        const char *filename = NULL;

        if (JSON_NODE_HOLDS_OBJECT(elem)) {
            label = qemuMonitorJSONGetString(json_node_get_object(elem), "label");
            filename = qemuMonitorJSONGetString(json_node_get_object(elem), "filename");
        }
        if (!label || !filename) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("query-chardev reply data was missing 'label' or 'filename'"));
            return -1;
        }
        /* A terminal is "pty:/dev/pts/N": anything else is no pty, or
         * not one this driver would show as a path. */
        if (STRPREFIX(filename, "pty:/dev/pts/") &&
            !strpbrk(filename + 4, "\n'\"<>&"))
            g_hash_table_insert(paths, g_strdup(label), g_strdup(filename + 4));
    }
    *retPaths = g_steal_pointer(&paths);
    return 0;
}


/**
 * qemuMonitorJSONHumanCommand:
 * @mon: the monitor
 * @cmd: an HMP command line
 * @retReply: its output
 *
 * QMP "human-monitor-command"; see qemuMonitorHumanCommand().
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorJSONHumanCommand(qemuMonitor *mon,
                            const char *cmd,
                            char **retReply)
{
    g_autoptr(qemuMonitorMessage) reply = NULL;
    g_autoptr(JsonObject) args = json_object_new();
    JsonNode *ret;

    json_object_set_string_member(args, "command-line", cmd);
    if (qemuMonitorJSONCommand(mon, "human-monitor-command", args, &reply) < 0)
        return -1;
    if (!(ret = qemuMonitorJSONGetReturn(reply, "human-monitor-command",
                                         JSON_NODE_VALUE)))
        return -1;

    *retReply = g_strdup(json_node_get_string(ret));
    return 0;
}


/**
 * qemuMonitorJSONArbitraryCommand:
 * @mon: the monitor
 * @cmdJSON: a whole QMP command
 * @retReply: the reply as JSON text
 *
 * See qemuMonitorArbitraryCommand().
 *
 * Returns: 0 when QEMU replied, or -1 with an error reported.
 */
int
qemuMonitorJSONArbitraryCommand(qemuMonitor *mon,
                                const char *cmdJSON,
                                char **retReply)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) gerr = NULL;
    g_autoptr(JsonNode) cmd = NULL;
    g_autoptr(qemuMonitorMessage) reply = NULL;
    g_autoptr(JsonNode) callerId = NULL;
    g_autofree char *id = NULL;
    g_autofree char *line = NULL;
    JsonObject *obj;
    JsonObject *replyObj;
    const char *name = NULL;

    if (qemuMonitorJSONCheckShape(cmdJSON, strlen(cmdJSON)) < 0)
        return -1;
    if (!json_parser_load_from_data(parser, cmdJSON, -1, &gerr)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("cannot parse json %1$s: %2$s"),
                       cmdJSON, gerr->message);
        return -1;
    }
    cmd = json_parser_steal_root(parser);
    if (cmd && JSON_NODE_HOLDS_OBJECT(cmd))
        name = qemuMonitorJSONGetString(json_node_get_object(cmd), "execute");
    if (!name) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("QEMU monitor command %1$s is not an object with an 'execute' string"),
                       cmdJSON);
        return -1;
    }

    /* Our own id goes out, so that the reply finds its way back here;
     * the caller's, if any, goes back into the reply. */
    obj = json_node_get_object(cmd);
    if (json_object_has_member(obj, "id"))
        callerId = json_node_copy(json_object_get_member(obj, "id"));
    id = qemuMonitorNextCommandId(mon);
    json_object_set_string_member(obj, "id", id);
    line = json_to_string(cmd, FALSE);

    if (qemuMonitorSend(mon, name, id, line, 0, 0, &reply) < 0)
        return -1;

    replyObj = json_node_get_object(reply->root);
    json_object_remove_member(replyObj, "id");
    if (callerId)
        json_object_set_member(replyObj, "id", g_steal_pointer(&callerId));
    *retReply = json_to_string(reply->root, FALSE);
    return 0;
}


/* Reads the "guest" and "reason" of SHUTDOWN and RESET. */
static void
qemuMonitorJSONGetCause(const qemuMonitorMessage *msg,
                        bool *guest,
                        qemuMonitorShutdownReason *reason)
{
    const char *str = NULL;
    int r;

    *guest = false;
    *reason = QEMU_MONITOR_SHUTDOWN_REASON_UNKNOWN;
    if (!msg->data)
        return;
    if (qemuMonitorJSONGetBool(msg->data, "guest", guest) < 0)
        *guest = false;
    if ((str = qemuMonitorJSONGetString(msg->data, "reason"))) {
        if ((r = qemuMonitorShutdownReasonTypeFromString(str)) < 0)
            VIR_WARN("unknown reason '%s' in QEMU event %s", str, msg->event);
        else
            *reason = r;
    }
}


static void
qemuMonitorJSONHandleShutdown(qemuMonitor *mon, const qemuMonitorMessage *msg)
{
    bool guest;
    qemuMonitorShutdownReason reason;

    qemuMonitorJSONGetCause(msg, &guest, &reason);
    qemuMonitorEmitShutdown(mon, guest, reason);
}


static void
qemuMonitorJSONHandleReset(qemuMonitor *mon, const qemuMonitorMessage *msg)
{
    bool guest;
    qemuMonitorShutdownReason reason;

    qemuMonitorJSONGetCause(msg, &guest, &reason);
    qemuMonitorEmitReset(mon, guest, reason);
}


static void
qemuMonitorJSONHandlePowerdown(qemuMonitor *mon,
                               const qemuMonitorMessage *msg G_GNUC_UNUSED)
{
    qemuMonitorEmitPowerdown(mon);
}


static void
qemuMonitorJSONHandleStop(qemuMonitor *mon,
                          const qemuMonitorMessage *msg G_GNUC_UNUSED)
{
    qemuMonitorEmitStop(mon);
}


static void
qemuMonitorJSONHandleResume(qemuMonitor *mon,
                            const qemuMonitorMessage *msg G_GNUC_UNUSED)
{
    qemuMonitorEmitResume(mon);
}


typedef struct {
    const char *name;
    void (*handler)(qemuMonitor *mon, const qemuMonitorMessage *msg);
} qemuMonitorJSONEventHandler;

static const qemuMonitorJSONEventHandler qemuMonitorJSONEventHandlers[] = {
    { "POWERDOWN", qemuMonitorJSONHandlePowerdown },
    { "RESET", qemuMonitorJSONHandleReset },
    { "RESUME", qemuMonitorJSONHandleResume },
    { "SHUTDOWN", qemuMonitorJSONHandleShutdown },
    { "STOP", qemuMonitorJSONHandleStop },
};


/**
 * qemuMonitorJSONHandleEvent:
 * @mon: the monitor the event came from
 * @msg: an event message
 *
 * Hands the events the driver cares about to the monitor's callbacks;
 * others are logged and dropped.  Runs on the I/O thread.
 */
void
qemuMonitorJSONHandleEvent(qemuMonitor *mon,
                           const qemuMonitorMessage *msg)
{
    size_t i;

    VIR_DEBUG("mon=%p event=%s", mon, msg->event);
    for (i = 0; i < G_N_ELEMENTS(qemuMonitorJSONEventHandlers); i++) {
        if (STREQ(qemuMonitorJSONEventHandlers[i].name, msg->event)) {
            qemuMonitorJSONEventHandlers[i].handler(mon, msg);
            return;
        }
    }
}
