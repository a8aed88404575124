/* SPDX-License-Identifier: MIT */
/*
 * `provider ...`: what the provider itself does. Its Prj* calls (view changes with
 * PrjUpdateFileIfNeeded and PrjDeleteFile, proactive PrjWritePlaceholderInfo, marking
 * directories, completing a command by id) and the rules that change how it answers callbacks
 * (pend, fail, veto, reply, reset).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static HRESULT hresult_of(INT32 v, char kind)
{
    if (kind == 'W')
        return v ? HRESULT_FROM_WIN32((unsigned)v) : S_OK;
    if (kind == 'S')
        return v ? (HRESULT)((uint32_t)v | 0x10000000u) : S_OK;
    return v;
}

static bool want_hresult(scn_parser *p, const scn_tok *t, int32_t *out)
{
    INT32 v;
    char kind;
    /* A raw code (0x5, 0x80070005): what a provider that returns errno values gives. */
    if (!t->key && t->text[0] == '0' && (t->text[1] == 'x' || t->text[1] == 'X') && t->text[2]) {
        char *end;
        unsigned long long raw = strtoull(t->text + 2, &end, 16);
        if (!*end && raw <= 0xFFFFFFFFull) {
            *out = (int32_t)(uint32_t)raw;
            return true;
        }
    }
    if (t->key || !prjsim_code_from_name(t->text, &v, &kind))
        return scn_error(p, "unknown status name '%s' (an HRESULT such as E_FAIL or "
                            "HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), a Win32 error, or an NTSTATUS)", t->text);
    *out = hresult_of(v, kind);
    return true;
}

static bool want_times(scn_parser *p, const scn_tok *t, scn_stmt *st)
{
    if (!strcmp(t->value, "always")) {
        st->a = (uint64_t)-1;
        st->has_a = true;
        return true;
    }
    if (!scn_want_number(p, t, "count", false, &st->a) || st->a == 0)
        return st->a == 0 ? scn_error(p, "times= must be at least 1 (or always)") : false;
    st->has_a = true;
    return true;
}

/* Placeholder fields: size=, attr=, content-id=, dir, info-size=, symlink=, flags= */
static bool placeholder_fields(scn_parser *p, scn_stmt *st, scn_line *l, int from, bool allow_flags,
                               bool allow_info)
{
    for (int i = from; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        char err[600];
        if (allow_flags && t->key && !strcmp(t->key, "flags")) {
            if (!scn_flags(scn_update_flag_names, "update flag", t->value, &st->flags, err, sizeof err))
                return scn_error(p, "%s", err);
            st->has_flags = true;
        } else if (allow_info && t->key && !strcmp(t->key, "size")) {
            if (!scn_want_number(p, t, "size", true, &st->b))
                return false;
            st->has_b = true;
        } else if (allow_info && t->key && !strcmp(t->key, "attr")) {
            if (!scn_flags(scn_attr_names, "attribute", t->value, &st->attr, err, sizeof err))
                return scn_error(p, "%s", err);
            st->has_attr = true;
        } else if (allow_info && t->key && !strcmp(t->key, "content-id")) {
            free(st->text);
            st->text = scn_strdup(t->value);
            st->has_text = true;
        } else if (allow_info && t->key && !strcmp(t->key, "info-size")) {
            uint64_t n;
            if (!scn_want_number(p, t, "info-size", false, &n))
                return false;
            st->access = (uint32_t)n; /* the placeholderInfoSize to pass */
            st->has_mask = true;
        } else if (allow_info && t->key && !strcmp(t->key, "symlink") && st->sub == PV_WRITE_PLACEHOLDER) {
            st->path2 = scn_wide(t->value);
        } else if (allow_info && !t->key && !strcmp(t->text, "dir")) {
            st->opt = true;
        } else {
            return scn_unexpected(p, t);
        }
    }
    return true;
}

bool scn_parse_provider(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2)
        return scn_error(p, "usage: provider update|delete|write-placeholder|mark|mark-root|pend|fail|veto|"
                            "reply|reset|complete-command ...");
    const char *what = l->tok[1].text;
    scn_needs_reference(p, "provider");
    if (!strcmp(what, "update") || !strcmp(what, "delete") || !strcmp(what, "write-placeholder")) {
        st->sub = !strcmp(what, "update") ? PV_UPDATE : !strcmp(what, "delete") ? PV_DELETE : PV_WRITE_PLACEHOLDER;
        if (!scn_want_relative_path(p, l->count > 2 ? &l->tok[2] : NULL, st))
            return false;
        return placeholder_fields(p, st, l, 3, st->sub != PV_WRITE_PLACEHOLDER, st->sub != PV_DELETE);
    }
    if (!strcmp(what, "mark")) {
        st->sub = PV_MARK;
        if (!scn_want_relative_path(p, l->count > 2 ? &l->tok[2] : NULL, st))
            return false;
        return l->count > 3 ? scn_unexpected(p, &l->tok[3]) : true;
    }
    if (!strcmp(what, "mark-root")) {
        st->sub = PV_MARK_ROOT;
        if (l->count > 2 && !scn_want_full_path(p, &l->tok[2], st, false))
            return false;
        return l->count > 3 ? scn_unexpected(p, &l->tok[3]) : true;
    }
    if (!strcmp(what, "reset")) {
        st->sub = PV_RESET;
        return l->count > 2 ? scn_unexpected(p, &l->tok[2]) : true;
    }
    if (!strcmp(what, "complete-command")) {
        st->sub = PV_COMPLETE_COMMAND;
        if (l->count != 4)
            return scn_error(p, "usage: provider complete-command ID RESULT");
        if (!scn_want_number(p, &l->tok[2], "command id", false, &st->a) || !want_hresult(p, &l->tok[3], &st->hr))
            return false;
        return true;
    }
    if (!strcmp(what, "pend") || !strcmp(what, "fail")) {
        st->sub = !strcmp(what, "pend") ? PV_PEND : PV_FAIL;
        if (l->count < 3)
            return scn_error(p, "usage: provider %s CALLBACK [RELPATH]%s [times=N]", what,
                             st->sub == PV_FAIL ? " RESULT" : "");
        st->cb = scn_callback_from_name(l->tok[2].text);
        if (st->cb == PRJSIM_CB_COUNT_ || st->cb == PRJSIM_CB_CANCEL_COMMAND)
            return scn_error(p, "unknown callback '%s' (StartDirectoryEnumeration, GetDirectoryEnumeration, "
                                "EndDirectoryEnumeration, GetPlaceholderInfo, GetFileData, QueryFileName, "
                                "Notification)", l->tok[2].text);
        int positional = 0;
        const scn_tok *pos[2] = {NULL, NULL};
        for (int i = 3; i < l->count; i++) {
            const scn_tok *t = &l->tok[i];
            if (t->key && !strcmp(t->key, "times")) {
                if (!want_times(p, t, st))
                    return false;
            } else if (t->key && !strcmp(t->key, "type") && st->cb == PRJSIM_CB_NOTIFICATION) {
                st->notification = scn_notification_from_name(t->value);
                if (!st->notification)
                    return scn_error(p, "unknown notification type '%s'", t->value);
            } else if (!t->key && positional < 2) {
                pos[positional++] = t;
            } else {
                return scn_unexpected(p, t);
            }
        }
        int need = st->sub == PV_FAIL ? 1 : 0;
        if (positional < need)
            return scn_error(p, "provider fail needs the result to return, e.g. provider fail GetFileData E_FAIL");
        if (positional > need + 1)
            return scn_unexpected(p, pos[positional - 1]);
        if (positional == need + 1 && !scn_want_relative_path(p, pos[0], st))
            return false;
        if (need && !want_hresult(p, pos[positional - 1], &st->hr))
            return false;
        return true;
    }
    if (!strcmp(what, "misbehave")) {
        st->sub = PV_MISBEHAVE;
        scn_bug bug;
        if (l->count < 3)
            return scn_error(p, "usage: provider misbehave BUG [RELPATH] [times=N|always] (BUG: %s)", scn_bug_names());
        if (!scn_bug_from_name(l->tok[2].text, &bug, &st->cb))
            return scn_error(p, "unknown misbehaviour '%s' (%s; fail, delay and pend: provider fail/pend or "
                                "option faults=SPEC)", l->tok[2].text, scn_bug_names());
        st->mask = (uint32_t)bug;
        for (int i = 3; i < l->count; i++) {
            const scn_tok *t = &l->tok[i];
            if (t->key && !strcmp(t->key, "times")) {
                if (!want_times(p, t, st))
                    return false;
            } else if (!t->key && !st->path) {
                if (!scn_want_relative_path(p, t, st))
                    return false;
            } else {
                return scn_unexpected(p, t);
            }
        }
        return true;
    }
    if (!strcmp(what, "veto") || !strcmp(what, "reply")) {
        st->sub = !strcmp(what, "veto") ? PV_VETO : PV_REPLY;
        if (l->count < 4)
            return scn_error(p, "usage: provider %s TYPE [RELPATH] %s [times=N]", what,
                             st->sub == PV_VETO ? "RESULT" : "MASK");
        st->notification = scn_notification_from_name(l->tok[2].text);
        if (!st->notification && strcmp(l->tok[2].text, "any"))
            return scn_error(p, "unknown notification type '%s' (FILE_OPENED, PRE_DELETE, PRE_RENAME, ..., or any)",
                             l->tok[2].text);
        int positional = 0;
        const scn_tok *pos[2] = {NULL, NULL};
        for (int i = 3; i < l->count; i++) {
            const scn_tok *t = &l->tok[i];
            if (t->key && !strcmp(t->key, "times")) {
                if (!want_times(p, t, st))
                    return false;
            } else if (!t->key && positional < 2) {
                pos[positional++] = t;
            } else {
                return scn_unexpected(p, t);
            }
        }
        if (positional == 0)
            return scn_error(p, "provider %s needs a %s", what, st->sub == PV_VETO ? "result" : "mask");
        if (positional == 2 && !scn_want_relative_path(p, pos[0], st))
            return false;
        const scn_tok *last = pos[positional - 1];
        if (st->sub == PV_VETO)
            return want_hresult(p, last, &st->hr);
        char err[600];
        if (!scn_flags(scn_notify_names, "notification type", last->text, &st->mask, err, sizeof err))
            return scn_error(p, "%s", err);
        return true;
    }
    return scn_error(p, "unknown provider action '%s' (update, delete, write-placeholder, mark, mark-root, pend, "
                        "fail, veto, reply, reset, complete-command)", what);
}

/* The placeholder info a provider would write for @p rel: its store's metadata, overridden. */
static void placeholder_info(scn_exec *r, const scn_stmt *st, PRJ_PLACEHOLDER_INFO *info)
{
    memset(info, 0, sizeof *info);
    PRJ_FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    if (SUCCEEDED(memtree_stat(r->tree, st->path, &b, NULL, 0))) {
        UINT8 id[MEMTREE_ID_MAX];
        size_t n = 0;
        memtree_get_content_id(r->tree, st->path, id, &n);
        memcpy(info->VersionInfo.ContentID, id, n);
    }
    if (st->opt)
        b.IsDirectory = TRUE;
    if (st->has_b)
        b.FileSize = (INT64)st->b;
    if (b.IsDirectory)
        b.FileSize = 0;
    if (st->has_attr)
        b.FileAttributes = st->attr;
    info->FileBasicInfo = b;
    if (st->has_text) {
        memset(info->VersionInfo.ContentID, 0, sizeof info->VersionInfo.ContentID);
        size_t n = strlen(st->text);
        memcpy(info->VersionInfo.ContentID, st->text, n < PRJ_PLACEHOLDER_ID_LENGTH ? n : PRJ_PLACEHOLDER_ID_LENGTH);
    }
}

static void check(scn_exec *r, const scn_stmt *st, const char *api, HRESULT hr)
{
    scn_set_result(r, st, 'H', hr);
    if (!st->checked && FAILED(hr)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "%s failed: %s (put 'expect ...' after it if that is intended)", api, got);
    }
}

void scn_run_provider(scn_exec *r, const scn_stmt *st)
{
    switch (st->sub) {
    case PV_UPDATE:
    case PV_WRITE_PLACEHOLDER: {
        PRJ_PLACEHOLDER_INFO info;
        placeholder_info(r, st, &info);
        UINT32 size = st->has_mask ? st->access : (UINT32)sizeof info;
        HRESULT hr;
        if (st->sub == PV_UPDATE) {
            PRJ_UPDATE_FAILURE_CAUSES causes = PRJ_UPDATE_FAILURE_CAUSE_NONE;
            hr = PrjUpdateFileIfNeeded(r->ctx, st->path, &info, size, (PRJ_UPDATE_TYPES)st->flags, &causes);
            r->causes = (uint32_t)causes;
            r->has_causes = true;
            check(r, st, "PrjUpdateFileIfNeeded", hr);
        } else if (st->path2) {
            PRJ_EXTENDED_INFO ext;
            memset(&ext, 0, sizeof ext);
            ext.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
            WCHAR *target = scn_disk_path(r, st->path2); /* an absolute target is kept where the run keeps C: */
            ext.Symlink.TargetName = target;
            hr = PrjWritePlaceholderInfo2(r->ctx, st->path, &info, size, &ext);
            free(target);
            check(r, st, "PrjWritePlaceholderInfo2", hr);
        } else {
            hr = PrjWritePlaceholderInfo(r->ctx, st->path, &info, size);
            check(r, st, "PrjWritePlaceholderInfo", hr);
        }
        break;
    }
    case PV_DELETE: {
        PRJ_UPDATE_FAILURE_CAUSES causes = PRJ_UPDATE_FAILURE_CAUSE_NONE;
        HRESULT hr = PrjDeleteFile(r->ctx, st->path, (PRJ_UPDATE_TYPES)st->flags, &causes);
        r->causes = (uint32_t)causes;
        r->has_causes = true;
        check(r, st, "PrjDeleteFile", hr);
        break;
    }
    case PV_MARK: {
        PRJ_VIRTUALIZATION_INSTANCE_INFO ii;
        memset(&ii, 0, sizeof ii);
        PrjGetVirtualizationInstanceInfo(r->ctx, &ii);
        WCHAR *root = scn_disk_path(r, r->script->setup.root);
        size_t n = wcslen(root) + wcslen(st->path) + 2;
        WCHAR *full = malloc(n * sizeof *full);
        if (!full)
            abort();
        swprintf(full, n, L"%ls\\%ls", root, st->path);
        HRESULT hr = PrjMarkDirectoryAsPlaceholder(root, full, NULL, &ii.InstanceID);
        free(full);
        free(root);
        check(r, st, "PrjMarkDirectoryAsPlaceholder", hr);
        break;
    }
    case PV_MARK_ROOT: {
        static const GUID other = {0x5ce7a210, 0x0002, 0x4c0e, {0x9a, 0x1b, 0, 0, 0, 0, 0, 2}};
        WCHAR *dir = scn_disk_path(r, st->path ? st->path : r->script->setup.root);
        HRESULT hr = PrjMarkDirectoryAsPlaceholder(dir, NULL, NULL, &other);
        free(dir);
        check(r, st, "PrjMarkDirectoryAsPlaceholder", hr);
        break;
    }
    case PV_COMPLETE_COMMAND: {
        HRESULT hr = PrjCompleteCommand(r->ctx, (INT32)st->a, st->hr, NULL);
        check(r, st, "PrjCompleteCommand", hr);
        break;
    }
    case PV_RESET:
        scn_provider_reset_rules(&r->prov);
        break;
    case PV_PEND:
    case PV_FAIL:
    case PV_VETO:
    case PV_REPLY:
    case PV_MISBEHAVE: {
        scn_rule rule;
        memset(&rule, 0, sizeof rule);
        rule.what = st->sub == PV_PEND ? RULE_PEND : st->sub == PV_FAIL ? RULE_FAIL
                  : st->sub == PV_VETO ? RULE_VETO : st->sub == PV_MISBEHAVE ? RULE_MISBEHAVE : RULE_REPLY;
        rule.kind = st->sub == PV_VETO || st->sub == PV_REPLY ? PRJSIM_CB_NOTIFICATION : st->cb;
        rule.notification = st->notification;
        rule.path = st->path;
        rule.hr = st->hr;
        rule.mask = st->mask;
        rule.remaining = st->has_a ? (int64_t)st->a : (st->sub == PV_PEND ? 1 : -1);
        scn_provider_add_rule(&r->prov, &rule);
        break;
    }
    default:
        break;
    }
}
