/* SPDX-License-Identifier: MIT */
/*
 * Notifications (section 6.6): which notifications an instance receives (mappings, per-file
 * overrides, SUPPRESS), sending one through the dispatcher, and turning a veto into the
 * caller's status.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Without mappings ProjFS sends these for the whole root (section 6.6). */
#define DEFAULT_MASK (PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OVERWRITTEN)

/* Is mapping root @p root (relative) a component-wise, case-insensitive prefix of @p rel? */
static bool covers(const WCHAR *root, const WCHAR *rel)
{
    size_t n = wcslen(root);
    while (n && (root[n - 1] == L'\\' || root[n - 1] == L'/'))
        n--;
    if (n == 0)
        return true;
    size_t m = wcslen(rel);
    if (m < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        WCHAR a = root[i] == L'/' ? L'\\' : root[i], b = rel[i] == L'/' ? L'\\' : rel[i];
        if (prjsim__name_upcase(a) != prjsim__name_upcase(b))
            return false;
    }
    return m == n || rel[n] == L'\\' || rel[n] == L'/';
}

PRJ_NOTIFY_TYPES prjsim__mapping_mask(const prjsim__instance *inst, const WCHAR *rel)
{
    if (!inst->mapping_count)
        return (PRJ_NOTIFY_TYPES)DEFAULT_MASK;
    /* The longest covering mapping root wins. */
    size_t best_len = 0;
    bool found = false;
    PRJ_NOTIFY_TYPES mask = PRJ_NOTIFY_NONE;
    for (UINT32 i = 0; i < inst->mapping_count; i++) {
        const WCHAR *root = inst->mappings[i].NotificationRoot;
        size_t len = wcslen(root);
        if (covers(root, rel) && (!found || len >= best_len)) {
            best_len = len;
            found = true;
            mask = inst->mappings[i].NotificationBitMask;
        }
    }
    return mask;
}

PRJ_NOTIFY_TYPES prjsim__item_mask(const prjsim__instance *inst, const prjsim__item *item, const WCHAR *rel)
{
    if (item && prjsim__rare(item)->has_notify_override)
        return prjsim__rare(item)->notify_override;
    return prjsim__mapping_mask(inst, rel);
}

static bool wants(PRJ_NOTIFY_TYPES mask, PRJ_NOTIFICATION type)
{
    if (mask & PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS)
        return false;
    return (mask & (PRJ_NOTIFY_TYPES)type) != 0;
}

static bool vetoable(PRJ_NOTIFICATION type)
{
    return type == PRJ_NOTIFICATION_FILE_OPENED || type == PRJ_NOTIFICATION_PRE_DELETE ||
           type == PRJ_NOTIFICATION_PRE_RENAME || type == PRJ_NOTIFICATION_PRE_SET_HARDLINK ||
           type == PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL;
}

static bool returns_mask(PRJ_NOTIFICATION type)
{
    return type == PRJ_NOTIFICATION_FILE_OPENED || type == PRJ_NOTIFICATION_NEW_FILE_CREATED ||
           type == PRJ_NOTIFICATION_FILE_OVERWRITTEN || type == PRJ_NOTIFICATION_FILE_RENAMED;
}

static const char *notification_name(PRJ_NOTIFICATION type)
{
    switch (type) {
    case PRJ_NOTIFICATION_FILE_OPENED: return "FILE_OPENED";
    case PRJ_NOTIFICATION_NEW_FILE_CREATED: return "NEW_FILE_CREATED";
    case PRJ_NOTIFICATION_FILE_OVERWRITTEN: return "FILE_OVERWRITTEN";
    case PRJ_NOTIFICATION_PRE_DELETE: return "PRE_DELETE";
    case PRJ_NOTIFICATION_PRE_RENAME: return "PRE_RENAME";
    case PRJ_NOTIFICATION_PRE_SET_HARDLINK: return "PRE_SET_HARDLINK";
    case PRJ_NOTIFICATION_FILE_RENAMED: return "FILE_RENAMED";
    case PRJ_NOTIFICATION_HARDLINK_CREATED: return "HARDLINK_CREATED";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION: return "FILE_HANDLE_CLOSED_NO_MODIFICATION";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED: return "FILE_HANDLE_CLOSED_FILE_MODIFIED";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED: return "FILE_HANDLE_CLOSED_FILE_DELETED";
    case PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL: return "FILE_PRE_CONVERT_TO_FULL";
    default: return "?";
    }
}

NTSTATUS prjsim__notify(prjsim_sim *sim, const prjsim__notice *n)
{
    prjsim__instance *inst = n->inst;
    if (!inst || inst->stopping || !inst->cb.NotificationCallback || prjsim_client_get_caller().is_provider)
        return STATUS_SUCCESS;
    PRJ_NOTIFY_TYPES mask = prjsim__item_mask(inst, n->item, n->path);
    bool send = wants(mask, n->type);
    if (n->other_path) {
        PRJ_NOTIFY_TYPES other = prjsim__mapping_mask(inst, n->other_path);
        /* Both ends inside: either mask having the bit is enough. */
        send = send || wants(other, n->type);
        /* One end outside: always sent, unless the inside end's subtree is suppressed. */
        if (n->always)
            send = !(other & PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS) &&
                   (!n->path[0] || !(mask & PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS));
    }
    if (!send)
        return STATUS_SUCCESS;

    PRJ_NOTIFICATION_PARAMETERS params;
    memset(&params, 0, sizeof params);
    if (n->type == PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED)
        params.FileDeletedOnHandleClose.IsFileModified = n->is_file_modified ? TRUE : FALSE;
    prjsim__call call;
    memset(&call, 0, sizeof call);
    call.kind = PRJSIM_CB_NOTIFICATION;
    call.path = n->path;
    call.version = n->item ? prjsim__rare(n->item)->version : NULL;
    call.is_directory = n->is_directory ? TRUE : FALSE;
    call.notification = n->type;
    call.destination = n->destination;
    call.params = &params;
    char detail[160];
    char *dest = n->destination ? prjsim__utf8(n->destination) : NULL;
    snprintf(detail, sizeof detail, "%s%s%s%s%s", notification_name(n->type), n->is_directory ? " dir" : "",
             dest ? " to \"" : "", dest ? dest : "", dest ? "\"" : "");
    free(dest);
    call.detail = detail;
    prjsim__command *cmd = NULL;
    prjsim__item_pin(n->item); /* until the mask it returns is stored on it */
    HRESULT hr = prjsim__dispatch(inst, &call, &cmd);
    NTSTATUS st = STATUS_SUCCESS;
    if (hr != S_OK && vetoable(n->type)) {
        st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_NOTIFICATION);
    } else if (hr != S_OK) {
        /* Post-operation notifications cannot undo anything, so their result is ignored
         * (section 11.4); a code outside the allowed list is worth a warning, no more. */
        if (!prjsim__result_listed(hr, cmd)) {
            char hb[96];
            prjsim__diag(sim, PRJSIM_DIAG_IGNORED_NOTIFICATION_RESULT, "Notification %s returned %s",
                         notification_name(n->type), prjsim__hr_str(hb, sizeof hb, hr));
        }
    } else if (returns_mask(n->type) && n->item && !inst->stopping) {
        PRJ_NOTIFY_TYPES out = cmd->has_notification_mask
                                   ? cmd->notification_mask
                                   : (n->type == PRJ_NOTIFICATION_FILE_RENAMED ? params.FileRenamed.NotificationMask
                                                                               : params.PostCreate.NotificationMask);
        /* 0 and USE_EXISTING_MASK keep the mask in force. */
        if (out != 0 && (UINT32)out != 0xFFFFFFFFu) {
            prjsim__rare_mut(n->item)->has_notify_override = true;
            prjsim__rare_mut(n->item)->notify_override = out;
        }
    }
    prjsim__command_release(cmd);
    prjsim__item_unpin(n->item);
    return st;
}
