/* SPDX-License-Identifier: MIT */
/*
 * Expectations: `expect ...`, one per line. Each checks one thing: the last result (by name,
 * with alternatives), an item's state, the last listing or one of its entries, file content,
 * the bytes the last read returned, the last file information, the callbacks and notifications
 * the provider received, diagnostics, a golden trace, update failure causes, counters.
 *
 * Callbacks, notifications, diagnostics and traces are looked at from a mark: the first start,
 * a `mark` statement, or the previous expectation of the same kind, which moves the mark to
 * the end of what it looked at.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- parsing ---- */

static bool done_args(scn_parser *p, scn_line *l, int from)
{
    return l->count > from ? scn_unexpected(p, &l->tok[from]) : true;
}

static char *name_text(const scn_tok *t)
{
    return scn_strdup(t->text);
}

static void add_name(scn_stmt *st, const char *s)
{
    st->names = realloc(st->names, (st->name_count + 1) * sizeof *st->names);
    if (!st->names)
        abort();
    st->names[st->name_count++] = scn_strdup(s);
}

/* Fields of `expect info` and `expect entry`. */
static bool info_fields(scn_parser *p, scn_line *l, int from, scn_info_check *c, bool allow_links)
{
    static const char *times[] = {"ctime", "atime", "mtime", "chtime"};
    for (int i = from; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        char err[600];
        if (!t->key && !strcmp(t->text, "dir")) {
            c->has_dir = true;
            c->dir = true;
            continue;
        }
        if (!t->key && !strcmp(t->text, "file")) {
            c->has_dir = true;
            c->dir = false;
            continue;
        }
        if (!t->key)
            return scn_unexpected(p, t);
        bool done = false;
        for (int k = 0; k < 4; k++)
            if (!strcmp(t->key, times[k])) {
                if (!scn_time(t->value, &c->time[k]))
                    return scn_error(p, "bad time '%s' (FILETIME ticks or 2024-01-01T00:00:00Z)", t->value);
                c->has_time[k] = true;
                done = true;
            }
        if (done)
            continue;
        uint64_t n;
        if (!strcmp(t->key, "size")) {
            if (!scn_want_number(p, t, "size", true, &n))
                return false;
            c->size = n;
            c->has_size = true;
        } else if (!strcmp(t->key, "attr") || !strcmp(t->key, "has") || !strcmp(t->key, "lacks")) {
            uint32_t v;
            if (!scn_flags(scn_attr_names, "attribute", t->value, &v, err, sizeof err))
                return scn_error(p, "%s", err);
            if (!strcmp(t->key, "attr")) {
                c->attr = v;
                c->has_attr = true;
            } else if (!strcmp(t->key, "has")) {
                c->has = v;
                c->has_has = true;
            } else {
                c->lacks = v;
                c->has_lacks = true;
            }
        } else if (!strcmp(t->key, "links") && allow_links) {
            if (!scn_want_number(p, t, "link count", false, &n))
                return false;
            c->links = (uint32_t)n;
            c->has_links = true;
        } else {
            return scn_error(p, "unknown field '%s' (size=, attr=, has=, lacks=, dir, file%s, ctime=, atime=, "
                                "mtime=, chtime=)", t->key, allow_links ? ", links=" : "");
        }
    }
    return true;
}

/* A wildcard value (`offset=*`): any value, as when the field is not named. */
static bool is_wildcard(const scn_tok *a)
{
    return a->key && a->value && !strcmp(a->value, "*");
}

static void pattern_init(scn_event_pattern *e)
{
    memset(e, 0, sizeof *e);
    e->is_dir = e->modified = e->restart = e->single = -1;
    e->pid = e->offset = e->length = -1;
}

static bool pattern_drop(scn_event_pattern *e)
{
    free(e->path);
    free(e->dest);
    free(e->image);
    free(e->search);
    free(e->content_id);
    return false;
}

/* A string field given once: a second `image=` replaces the first rather than leaking it. */
static void set_text(char **field, const char *value)
{
    free(*field);
    *field = scn_strdup(value);
}

/* ITEM [, ITEM...] where ITEM is NAME ["path"] [attributes]. */
static bool event_patterns(scn_parser *p, scn_stmt *st, scn_line *l, int from, bool notes)
{
    int i = from;
    if (i < l->count && !strcmp(l->tok[i].text, "none") && !l->tok[i].quoted) {
        if (st->match != MATCH_EXACT)
            return scn_error(p, "'none' stands alone: expect %s none", notes ? "notifications" : "callbacks");
        return done_args(p, l, i + 1);
    }
    if (i >= l->count)
        return scn_error(p, "expect %s needs a list (or none)", notes ? "notifications" : "callbacks");
    while (i < l->count) {
        const scn_tok *t = &l->tok[i];
        if (t->comma || t->key || t->quoted)
            return scn_error(p, "expected a %s name in column %d, got '%s'", notes ? "notification type" : "callback",
                             t->col, t->text);
        scn_event_pattern e;
        pattern_init(&e);
        if (notes) {
            e.kind = PRJSIM_CB_NOTIFICATION;
            e.notification = scn_notification_from_name(t->text);
            if (!e.notification)
                return scn_error(p, "unknown notification type '%s' (FILE_OPENED, NEW_FILE_CREATED, "
                                    "FILE_OVERWRITTEN, PRE_DELETE, PRE_RENAME, PRE_SET_HARDLINK, FILE_RENAMED, "
                                    "HARDLINK_CREATED, FILE_HANDLE_CLOSED_NO_MODIFICATION, "
                                    "FILE_HANDLE_CLOSED_FILE_MODIFIED, FILE_HANDLE_CLOSED_FILE_DELETED, "
                                    "FILE_PRE_CONVERT_TO_FULL)", t->text);
        } else {
            e.kind = scn_callback_from_name(t->text);
            if (e.kind == PRJSIM_CB_COUNT_ || e.kind == PRJSIM_CB_NOTIFICATION)
                return scn_error(p, "unknown callback '%s' (StartDirectoryEnumeration, GetDirectoryEnumeration, "
                                    "EndDirectoryEnumeration, GetPlaceholderInfo, GetFileData, QueryFileName, "
                                    "CancelCommand; notifications go in 'expect notifications')", t->text);
        }
        i++;
        for (; i < l->count && !l->tok[i].comma; i++) {
            const scn_tok *a = &l->tok[i];
            uint64_t n;
            if (a->quoted && !a->key && !e.path) {
                e.path = scn_strdup(a->text);
            } else if (!a->key && !strcmp(a->text, "to") && notes && i + 1 < l->count && !l->tok[i + 1].comma) {
                set_text(&e.dest, l->tok[++i].text);
            } else if (!a->key && !strcmp(a->text, "dir") && notes) {
                e.is_dir = 1;
            } else if (!a->key && !strcmp(a->text, "file") && notes) {
                e.is_dir = 0;
            } else if (!a->key && !strcmp(a->text, "modified") && notes) {
                scn_needs_reference(p, "modified in a notification");
                e.modified = 1;
            } else if (!a->key && !strcmp(a->text, "unmodified") && notes) {
                scn_needs_reference(p, "unmodified in a notification");
                e.modified = 0;
            } else if (!a->key && !strcmp(a->text, "restart") && !notes) {
                e.restart = 1;
            } else if (!a->key && !strcmp(a->text, "single") && !notes) {
                e.single = 1;
            } else if (is_wildcard(a) && (!strcmp(a->key, "pid") || !strcmp(a->key, "image") ||
                                          !strcmp(a->key, "content-id") ||
                                          (!notes && (!strcmp(a->key, "offset") || !strcmp(a->key, "length"))))) {
                /* any value: the field stays unchecked */
            } else if (!a->key && !a->quoted && !strcmp(a->text, "*") && !e.path) {
                /* any path */
            } else if (a->key && !strcmp(a->key, "pid")) {
                scn_needs_reference(p, "pid= in a callback or notification");
                if (!scn_want_number(p, a, "process id", false, &n))
                    return pattern_drop(&e);
                e.pid = (int64_t)n;
            } else if (a->key && !strcmp(a->key, "image")) {
                scn_needs_reference(p, "image= in a callback or notification");
                set_text(&e.image, a->value);
            } else if (a->key && !strcmp(a->key, "content-id")) {
                scn_needs_reference(p, "content-id= in a callback");
                set_text(&e.content_id, a->value);
            } else if (a->key && !strcmp(a->key, "search") && !notes) {
                set_text(&e.search, a->value);
            } else if (a->key && !strcmp(a->key, "offset") && !notes) {
                if (!scn_want_number(p, a, "offset", true, &n))
                    return pattern_drop(&e);
                e.offset = (int64_t)n;
            } else if (a->key && !strcmp(a->key, "length") && !notes) {
                if (!scn_want_number(p, a, "length", true, &n))
                    return pattern_drop(&e);
                e.length = (int64_t)n;
            } else if (!a->key && !a->quoted && !e.path) {
                e.path = scn_strdup(a->text);
            } else {
                scn_error(p, "unexpected '%s' in column %d (items are separated by commas; a %s takes \"path\"%s)",
                          a->text, a->col, notes ? "notification" : "callback",
                          notes ? ", to \"dest\", dir, file, modified, pid=, image=, content-id=" :
                                  ", search=, restart, single, offset=, length=, pid=, image=, content-id=");
                return pattern_drop(&e);
            }
        }
        st->events = realloc(st->events, (st->event_count + 1) * sizeof *st->events);
        if (!st->events)
            abort();
        st->events[st->event_count++] = e;
        if (i < l->count && l->tok[i].comma) {
            i++;
            if (i >= l->count)
                return scn_error(p, "a trailing comma: another item was expected");
        }
    }
    return true;
}

static int match_word(const char *w)
{
    if (!strcmp(w, "set"))
        return MATCH_SET;
    if (!strcmp(w, "contains"))
        return MATCH_CONTAINS;
    if (!strcmp(w, "lacks") || !strcmp(w, "none-of"))
        return MATCH_LACKS;
    return -1;
}

/* `at-least N` before the items of callbacks and notifications: each item matches N or more. */
static bool at_least_word(scn_parser *p, scn_stmt *st, scn_line *l, int *i)
{
    if (*i >= l->count || l->tok[*i].quoted || l->tok[*i].key || strcmp(l->tok[*i].text, "at-least"))
        return true;
    if (*i + 1 >= l->count || l->tok[*i + 1].key || l->tok[*i + 1].quoted)
        return scn_error(p, "usage: expect callbacks|notifications at-least N ITEM[, ITEM...]");
    if (!scn_want_number(p, &l->tok[*i + 1], "count", false, &st->at_least))
        return false;
    if (st->at_least == 0)
        return scn_error(p, "at-least needs a count of 1 or more");
    st->match = MATCH_AT_LEAST;
    *i += 2;
    if (*i >= l->count || (!l->tok[*i].quoted && !strcmp(l->tok[*i].text, "none")))
        return scn_error(p, "expect ... at-least N needs items");
    return true;
}


bool scn_parse_expect(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2)
        return scn_error(p, "expect what? (a result name such as ERROR_FILE_NOT_FOUND, or state, listing, entry, "
                            "content, data, info, callbacks, notifications, diag, no diags, trace, causes, ...)");
    const scn_tok *w = &l->tok[1];
    const char *k = w->quoted || w->key ? "" : w->text;
    char err[600];
    uint64_t n;
    if (!strcmp(k, "state")) {
        st->sub = EX_STATE;
        if (l->count < 4)
            return scn_error(p, "usage: expect state PATH STATES (placeholder, hydrated, dirty, full, tombstone, "
                                "virtual, missing)");
        if (!scn_want_full_path(p, &l->tok[2], st, false))
            return false;
        if (!scn_flags(scn_state_names, "state", l->tok[3].text, &st->mask, err, sizeof err))
            return scn_error(p, "%s", err);
        if ((st->mask & (SCN_STATE_VIRTUAL | SCN_STATE_MISSING)) && (st->mask & ~(SCN_STATE_VIRTUAL | SCN_STATE_MISSING)))
            return scn_error(p, "virtual and missing stand alone (nothing is on disk)");
        if (st->mask & (SCN_STATE_VIRTUAL | SCN_STATE_MISSING | PRJ_FILE_STATE_TOMBSTONE))
            scn_needs_reference(p, "expect state virtual, missing or tombstone");
        return done_args(p, l, 4);
    }
    if (!strcmp(k, "listing")) {
        st->sub = EX_LISTING;
        int i = 2;
        if (i < l->count && !l->tok[i].quoted && match_word(l->tok[i].text) >= 0)
            st->match = match_word(l->tok[i++].text);
        if (st->match != MATCH_EXACT && i >= l->count)
            return scn_error(p, "expect listing %s needs names", l->tok[2].text);
        for (; i < l->count; i++) {
            if (l->tok[i].comma)
                continue;
            add_name(st, l->tok[i].text);
        }
        return true;
    }
    if (!strcmp(k, "entries")) {
        st->sub = EX_ENTRIES;
        if (l->count < 3 || !scn_want_number(p, &l->tok[2], "entry count", false, &st->a))
            return l->count < 3 ? scn_error(p, "usage: expect entries N") : false;
        return done_args(p, l, 3);
    }
    if (!strcmp(k, "entry")) {
        st->sub = EX_ENTRY;
        if (l->count < 4)
            return scn_error(p, "usage: expect entry NAME [size=N] [attr=..] [has=..] [lacks=..] [dir|file]");
        st->text = name_text(&l->tok[2]);
        return info_fields(p, l, 3, &st->info, false);
    }
    if (!strcmp(k, "info")) {
        st->sub = EX_INFO;
        if (l->count < 3)
            return scn_error(p, "usage: expect info [size=N] [attr=..] [has=..] [lacks=..] [dir|file] [links=N]");
        return info_fields(p, l, 2, &st->info, true);
    }
    if (!strcmp(k, "content")) {
        st->sub = EX_CONTENT;
        if (l->count < 4)
            return scn_error(p, "usage: expect content H|PATH \"DATA\" | expect content H|PATH [gen=SEED] size=N");
        if (scn_is_handle(p, &l->tok[2]))
            st->handle = scn_strdup(l->tok[2].text);
        else if (!scn_want_full_path(p, &l->tok[2], st, false))
            return false;
        for (int i = 3; i < l->count; i++) {
            const scn_tok *t = &l->tok[i];
            if (t->key && !strcmp(t->key, "gen")) {
                if (!scn_want_number(p, t, "seed", false, &st->seed))
                    return false;
                st->has_seed = true;
            } else if (t->key && !strcmp(t->key, "size")) {
                if (!scn_want_number(p, t, "size", true, &st->b))
                    return false;
                st->has_b = true;
            } else if (!t->key && !st->has_data) {
                if (!scn_want_data(p, t, st))
                    return false;
            } else {
                return scn_unexpected(p, t);
            }
        }
        if (st->has_seed && !st->has_b)
            return scn_error(p, "gen= needs size=");
        if (st->has_data && (st->has_seed || st->has_b))
            return scn_error(p, "give either the data or gen=/size=, not both");
        return true;
    }
    if (!strcmp(k, "data")) {
        st->sub = EX_DATA;
        if (l->count < 3)
            return scn_error(p, "usage: expect data \"DATA\" | expect data size=N");
        const scn_tok *t = &l->tok[2];
        if (t->key && !strcmp(t->key, "size")) {
            if (!scn_want_number(p, t, "size", true, &st->b))
                return false;
            st->has_b = true;
        } else if (!scn_want_data(p, t, st)) {
            return false;
        }
        return done_args(p, l, 3);
    }
    if (!strcmp(k, "callbacks") || !strcmp(k, "notifications")) {
        bool notes = !strcmp(k, "notifications");
        st->sub = notes ? EX_NOTIFICATIONS : EX_CALLBACKS;
        int i = 2;
        if (i < l->count && !l->tok[i].quoted && match_word(l->tok[i].text) >= 0)
            st->match = match_word(l->tok[i++].text);
        else if (!at_least_word(p, st, l, &i))
            return false;
        return event_patterns(p, st, l, i, notes);
    }
    if (!strcmp(k, "diag")) {
        st->sub = EX_DIAG;
        if (l->count < 3)
            return scn_error(p, "usage: expect diag NAME [NAME...] [count=N]");
        for (int i = 2; i < l->count; i++) {
            const scn_tok *t = &l->tok[i];
            if (t->key && !strcmp(t->key, "count")) {
                if (!scn_want_number(p, t, "count", false, &st->a))
                    return false;
                st->has_a = true;
                continue;
            }
            if (t->comma)
                continue;
            if (prjsim_diag_from_name(t->text) == PRJSIM_DIAG_COUNT_) {
                char known[2048] = "";
                size_t at = 0;
                for (int d = 0; d < PRJSIM_DIAG_COUNT_ && at < sizeof known; d++)
                    at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", d ? ", " : "",
                                           prjsim_diag_name((prjsim_diag)d));
                return scn_error(p, "unknown diagnostic '%s' (known: %s)", t->text, known);
            }
            add_name(st, t->text);
        }
        if (!st->name_count)
            return scn_error(p, "expect diag needs a diagnostic name");
        return true;
    }
    if (!strcmp(k, "no")) {
        st->sub = EX_NO_DIAGS;
        if (l->count < 3 || (strcmp(l->tok[2].text, "diags") && strcmp(l->tok[2].text, "diagnostics")))
            return scn_error(p, "did you mean 'expect no diags'?");
        return done_args(p, l, 3);
    }
    if (!strcmp(k, "trace")) {
        st->sub = EX_TRACE;
        int i = 2;
        if (i < l->count && strncmp(l->tok[i].text, "<<", 2) && strcmp(l->tok[i].text, "file")) {
            if (!scn_flags(scn_trace_kind_names, "trace kind", l->tok[i].text, &st->mask, err, sizeof err))
                return scn_error(p, "%s", err);
            i++;
        }
        if (i >= l->count)
            return scn_error(p, "usage: expect trace [KINDS] <<END (lines, then END) | expect trace [KINDS] file PATH");
        if (!strcmp(l->tok[i].text, "file")) {
            if (i + 1 >= l->count)
                return scn_error(p, "expect trace file needs a file name");
            const char *name = l->tok[i + 1].text;
            size_t len = strlen(p->dir) + strlen(name) + 2;
            st->text = malloc(len);
            if (!st->text)
                abort();
            if (name[0] == '/')
                snprintf(st->text, len, "%s", name);
            else
                snprintf(st->text, len, "%s/%s", p->dir, name);
            st->opt = true;
            return done_args(p, l, i + 2);
        }
        /* only a word that starts with << opens a block: `expect trace op X` is no block */
        if (l->tok[i].quoted || l->tok[i].key || strncmp(l->tok[i].text, "<<", 2))
            return scn_error(p, "expected <<END or file PATH after 'expect trace%s', got '%s' in column %d",
                             i > 2 ? " KINDS" : "", l->tok[i].text, l->tok[i].col);
        const char *term = l->tok[i].text + 2;
        if (!*term)
            return scn_error(p, "a block needs a terminator word: expect trace <<END");
        if (!done_args(p, l, i + 1))
            return false;
        char *block;
        if (!scn_read_block(p, term, &block))
            return false;
        st->data = (unsigned char *)block;
        st->data_len = strlen(block);
        st->has_data = true;
        return true;
    }
    if (!strcmp(k, "causes")) {
        st->sub = EX_CAUSES;
        if (l->count < 3)
            return scn_error(p, "usage: expect causes dirty_metadata,dirty_data,tombstone,read_only | none");
        if (!scn_flags(scn_cause_names, "failure cause", l->tok[2].text, &st->mask, err, sizeof err))
            return scn_error(p, "%s", err);
        return done_args(p, l, 3);
    }
    if (!strcmp(k, "cleared") || !strcmp(k, "sessions") || !strcmp(k, "in-flight") || !strcmp(k, "instances")) {
        st->sub = !strcmp(k, "cleared") ? EX_CLEARED : !strcmp(k, "sessions") ? EX_SESSIONS
                : !strcmp(k, "in-flight") ? EX_IN_FLIGHT : EX_RUNNING;
        if (st->sub == EX_SESSIONS)
            scn_needs_reference(p, "expect sessions");
        if (l->count < 3)
            return scn_error(p, "usage: expect %s N", k);
        if (!scn_want_number(p, &l->tok[2], "count", false, &n))
            return false;
        st->a = n;
        return done_args(p, l, 3);
    }
    /* a result: NAME|NAME... (spaces around | allowed) */
    st->sub = EX_RESULT;
    char joined[1024] = "";
    for (int i = 1; i < l->count; i++) {
        if (l->tok[i].key)
            return scn_error(p, "unknown expectation '%s'", l->tok[i].text);
        strncat(joined, l->tok[i].text, sizeof joined - strlen(joined) - 1);
    }
    return scn_want_codes(p, joined, &st->codes);
}

/* ---- running ---- */

static void expect_result(scn_exec *r, const scn_stmt *st)
{
    for (int i = 0; i < st->codes.count; i++)
        if (r->result.set && scn_code_matches(&r->result, st->codes.value[i], st->codes.kind[i]))
            return;
    char want[600] = "", one[200];
    bool win32 = false;
    for (int i = 0; i < st->codes.count; i++) {
        scn_code_str(st->codes.value[i], st->codes.kind[i], st->codes.name[i], one, sizeof one);
        if (st->codes.kind[i] == 'W' || (st->codes.kind[i] == 'H' && ((uint32_t)st->codes.value[i] >> 16) == 0x8007))
            win32 = true;
        size_t at = strlen(want);
        snprintf(want + at, sizeof want - at, "%s%s", i ? " or " : "", one);
    }
    char got[300];
    scn_result_str(&r->result, win32, got, sizeof got);
    scn_fail(r, st->line, "expected %s, got %s", want, got);
}

static void state_str(uint32_t s, char *buf, size_t size)
{
    if (s == SCN_STATE_VIRTUAL)
        snprintf(buf, size, "virtual");
    else if (s == SCN_STATE_MISSING)
        snprintf(buf, size, "missing");
    else {
        char names[128];
        scn_flags_str(scn_state_names, s, names, sizeof names);
        snprintf(buf, size, "%s (0x%x)", names, (unsigned)s);
    }
}

static void expect_state(scn_exec *r, const scn_stmt *st)
{
    uint32_t got[SCN_STATE_CANDIDATES];
    size_t n = scn_item_states(r, st->path, got);
    char g[3 * 160 + 16] = "", w[160];
    bool could = false;
    for (size_t i = 0; i < n; i++) {
        could = could || got[i] == st->mask;
        size_t len = strlen(g);
        if (i)
            len += (size_t)snprintf(g + len, sizeof g - len, i + 1 < n ? ", " : " or ");
        state_str(got[i], g + len, sizeof g - len);
    }
    if (could && n == 1)
        return;
    state_str(st->mask, w, sizeof w);
    if (could) {
        /* not decidable without the simulator's volume (state.c): skipped with the reason, not guessed */
        if (!r->skipped && !r->failed) {
            r->skipped = true;
            r->skip_line = st->line;
            char why[sizeof g + sizeof w + 160];
            snprintf(why, sizeof why,
                     "'expect state %s' cannot tell %s apart without the simulator's volume (PrjGetOnDiskFileState "
                     "hides a tombstone while the provider runs)",
                     w, g);
            size_t len = strlen(why) < sizeof r->skip_reason ? strlen(why) : sizeof r->skip_reason - 1;
            memcpy(r->skip_reason, why, len);
            r->skip_reason[len] = 0;
        }
        return;
    }
    scn_fail(r, st->line, "expected %s to be %s, got %s", st->upath, w, g);
}

static char *listing_str(scn_exec *r)
{
    size_t cap = 64, len = 0;
    char *s = malloc(cap);
    if (!s)
        abort();
    s[0] = 0;
    for (size_t i = 0; i < r->listing_count; i++) {
        char *u = scn_utf8(r->listing[i].name);
        size_t n = strlen(u) + 4;
        while (len + n + 1 > cap) {
            cap *= 2;
            s = realloc(s, cap);
            if (!s)
                abort();
        }
        bool quote = strchr(u, ' ') != NULL;
        len += (size_t)snprintf(s + len, cap - len, "%s%s%s%s", i ? " " : "", quote ? "'" : "", u, quote ? "'" : "");
        free(u);
    }
    if (!r->listing_count) {
        free(s);
        return scn_strdup("(nothing)");
    }
    return s;
}

static bool listing_has(scn_exec *r, const char *name, bool *used)
{
    WCHAR *w = scn_wide(name);
    bool found = false;
    for (size_t i = 0; i < r->listing_count && !found; i++)
        if ((!used || !used[i]) && wcscmp(r->listing[i].name, w) == 0) {
            found = true;
            if (used)
                used[i] = true;
        }
    free(w);
    return found;
}

static void expect_listing(scn_exec *r, const scn_stmt *st)
{
    if (!r->has_listing) {
        scn_fail(r, st->line, "expected a listing, but no 'list' ran before");
        return;
    }
    bool ok = true;
    const char *what = "";
    char *bad = NULL;
    bool *used = calloc(r->listing_count + 1, sizeof *used);
    if (!used)
        abort();
    switch (st->match) {
    case MATCH_EXACT:
        ok = st->name_count == r->listing_count;
        for (size_t i = 0; ok && i < st->name_count; i++) {
            WCHAR *w = scn_wide(st->names[i]);
            ok = wcscmp(w, r->listing[i].name) == 0;
            free(w);
        }
        break;
    case MATCH_SET:
        ok = st->name_count == r->listing_count;
        for (size_t i = 0; ok && i < st->name_count; i++)
            ok = listing_has(r, st->names[i], used);
        what = " in any order";
        break;
    case MATCH_CONTAINS:
        for (size_t i = 0; ok && i < st->name_count; i++)
            if (!listing_has(r, st->names[i], NULL)) {
                ok = false;
                bad = st->names[i];
            }
        break;
    case MATCH_LACKS:
        for (size_t i = 0; ok && i < st->name_count; i++)
            if (listing_has(r, st->names[i], NULL)) {
                ok = false;
                bad = st->names[i];
            }
        break;
    }
    free(used);
    if (ok)
        return;
    char *got = listing_str(r);
    if (st->match == MATCH_CONTAINS || st->match == MATCH_LACKS) {
        scn_fail(r, st->line, "expected the listing %s '%s', got %s", st->match == MATCH_CONTAINS ? "to contain" : "to lack",
                 bad, got);
    } else {
        char want[1024] = "";
        for (size_t i = 0; i < st->name_count; i++) {
            strncat(want, i ? " " : "", sizeof want - strlen(want) - 1);
            strncat(want, st->names[i], sizeof want - strlen(want) - 1);
        }
        scn_fail(r, st->line, "expected listing %s%s, got %s", st->name_count ? want : "(nothing)", what, got);
    }
    free(got);
}

static bool check_info(scn_exec *r, int line, const char *what, const PRJ_FILE_BASIC_INFO *b, UINT32 links,
                       const scn_info_check *c)
{
    char w[160], g[160];
    if (c->has_size && (uint64_t)b->FileSize != c->size)
        return scn_fail(r, line, "expected %s size %llu, got %lld", what, (unsigned long long)c->size,
                        (long long)b->FileSize);
    if (c->has_dir && (b->IsDirectory != 0) != c->dir)
        return scn_fail(r, line, "expected %s to be a %s, got a %s", what, c->dir ? "directory" : "file",
                        b->IsDirectory ? "directory" : "file");
    if (c->has_attr && b->FileAttributes != c->attr) {
        scn_flags_str(scn_attr_names, c->attr, w, sizeof w);
        scn_flags_str(scn_attr_names, b->FileAttributes, g, sizeof g);
        return scn_fail(r, line, "expected %s attributes %s (0x%x), got %s (0x%x)", what, w, (unsigned)c->attr, g,
                        (unsigned)b->FileAttributes);
    }
    if (c->has_has && (b->FileAttributes & c->has) != c->has) {
        scn_flags_str(scn_attr_names, c->has, w, sizeof w);
        scn_flags_str(scn_attr_names, b->FileAttributes, g, sizeof g);
        return scn_fail(r, line, "expected %s attributes to include %s, got %s (0x%x)", what, w, g,
                        (unsigned)b->FileAttributes);
    }
    if (c->has_lacks && (b->FileAttributes & c->lacks)) {
        scn_flags_str(scn_attr_names, c->lacks, w, sizeof w);
        scn_flags_str(scn_attr_names, b->FileAttributes, g, sizeof g);
        return scn_fail(r, line, "expected %s attributes without %s, got %s (0x%x)", what, w, g,
                        (unsigned)b->FileAttributes);
    }
    if (c->has_links && links != c->links)
        return scn_fail(r, line, "expected %s to have %u link(s), got %u", what, (unsigned)c->links, (unsigned)links);
    static const char *names[] = {"creation time", "last access time", "last write time", "change time"};
    const LARGE_INTEGER *t[4] = {&b->CreationTime, &b->LastAccessTime, &b->LastWriteTime, &b->ChangeTime};
    for (int k = 0; k < 4; k++)
        if (c->has_time[k] && t[k]->QuadPart != c->time[k])
            return scn_fail(r, line, "expected %s %s %lld, got %lld", what, names[k], (long long)c->time[k],
                            (long long)t[k]->QuadPart);
    return true;
}

static void expect_entry(scn_exec *r, const scn_stmt *st)
{
    if (!r->has_listing) {
        scn_fail(r, st->line, "expected an entry, but no 'list' ran before");
        return;
    }
    WCHAR *w = scn_wide(st->text);
    const prjsim_dir_entry *e = NULL;
    for (size_t i = 0; i < r->listing_count && !e; i++)
        if (wcscmp(r->listing[i].name, w) == 0)
            e = &r->listing[i];
    free(w);
    if (!e) {
        char *got = listing_str(r);
        scn_fail(r, st->line, "expected an entry '%s' in the listing, got %s", st->text, got);
        free(got);
        return;
    }
    char what[300];
    snprintf(what, sizeof what, "entry '%s'", st->text);
    check_info(r, st->line, what, &e->basic, 0, &st->info);
}

static void expect_info(scn_exec *r, const scn_stmt *st)
{
    if (!r->has_info) {
        scn_fail(r, st->line, "expected file information, but no 'info' succeeded before");
        return;
    }
    check_info(r, st->line, "the item's", &r->info.basic, r->info.link_count, &st->info);
}

static void compare_bytes(scn_exec *r, const scn_stmt *st, const char *what, const unsigned char *got, size_t n)
{
    char w[200], g[200];
    if (st->has_data) {
        if (n == st->data_len && memcmp(got, st->data, n) == 0)
            return;
        scn_quote_bytes(st->data, st->data_len, 60, w, sizeof w);
        scn_quote_bytes(got, n, 60, g, sizeof g);
        scn_fail(r, st->line, "expected %s %s, got %s", what, w, g);
        return;
    }
    if (st->has_b && n != st->b) {
        scn_fail(r, st->line, "expected %s of %llu bytes, got %zu bytes", what, (unsigned long long)st->b, n);
        return;
    }
    if (st->has_seed) {
        unsigned char buf[4096];
        for (size_t at = 0; at < n; at += sizeof buf) {
            size_t k = n - at < sizeof buf ? n - at : sizeof buf;
            memtree_generate(st->seed, at, buf, k);
            if (memcmp(buf, got + at, k) != 0) {
                size_t i = 0;
                while (buf[i] == got[at + i])
                    i++;
                scn_fail(r, st->line, "expected %s generated from seed %llu, but byte %zu is 0x%02x instead of 0x%02x",
                         what, (unsigned long long)st->seed, at + i, got[at + i], buf[i]);
                return;
            }
        }
    }
}

static void expect_content(scn_exec *r, const scn_stmt *st)
{
    unsigned char *data = NULL;
    size_t n = 0;
    prjsim_backend_result s;
    char what[300];
    if (st->handle) {
        scn_handle_slot *slot = scn_handle(r, st->handle);
        if (!slot || !slot->h) {
            scn_fail(r, st->line, "handle %s is not open", st->handle);
            return;
        }
        prjsim_file_info fi;
        s = slot->be->query_info(slot->h, &fi);
        if (!prjsim_backend_failed(s)) {
            /* in 64 KiB pieces, so that an unbuffered handle's alignment holds */
            const size_t piece = 64 * 1024;
            n = (size_t)fi.basic.FileSize;
            data = malloc(n + piece);
            if (!data)
                abort();
            size_t at = 0;
            while (!prjsim_backend_failed(s) && at < n) {
                uint32_t got = 0;
                s = slot->be->read(slot->h, at, data + at, (uint32_t)piece, &got);
                if (!got)
                    break;
                at += got;
            }
            n = at;
        }
        snprintf(what, sizeof what, "the content of %s", st->handle);
    } else {
        void *d = NULL;
        WCHAR *disk = scn_disk_path(r, st->path);
        s = r->be->read_file(disk, &d, &n);
        free(disk);
        data = d;
        snprintf(what, sizeof what, "the content of %s", st->upath);
    }
    if (prjsim_backend_failed(s)) {
        scn_result res = {true, false, s.kind, s.code, st->line};
        char got[256];
        if (s.kind == PRJSIM_BACKEND_UNSUPPORTED)
            snprintf(got, sizeof got, "unsupported (%s)", s.reason);
        else
            scn_result_str(&res, false, got, sizeof got);
        scn_fail(r, st->line, "expected to read %s, but reading failed with %s", what, got);
    } else {
        compare_bytes(r, st, what, data, n);
    }
    free(data);
}

static void expect_data(scn_exec *r, const scn_stmt *st)
{
    if (!r->has_bytes) {
        scn_fail(r, st->line, "expected data, but no read ran before");
        return;
    }
    compare_bytes(r, st, "the data read", r->bytes, r->byte_count);
}

/* ---- callbacks and notifications ---- */

static bool event_matches(const scn_event_pattern *p, const scn_event *e)
{
    if (p->kind != e->kind)
        return false;
    if (p->kind == PRJSIM_CB_NOTIFICATION && p->notification != e->notification)
        return false;
    if (p->path && strcmp(p->path, e->path) != 0)
        return false;
    if (p->dest && (!e->dest || strcmp(p->dest, e->dest) != 0))
        return false;
    if (p->is_dir >= 0 && p->is_dir != (int)e->is_dir)
        return false;
    if (p->modified >= 0 && p->modified != (int)e->modified)
        return false;
    if (p->pid >= 0 && (uint32_t)p->pid != e->pid)
        return false;
    /* image= alone: no image (TriggeringProcessImageFileName NULL) */
    if (p->image && strcmp(p->image, e->image ? e->image : "") != 0)
        return false;
    if (p->search && (!e->search || strcmp(p->search, e->search) != 0))
        return false;
    if (p->content_id && strcmp(p->content_id, e->content_id ? e->content_id : "") != 0)
        return false;
    if (p->restart >= 0 && p->restart != !!(e->flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN))
        return false;
    if (p->single >= 0 && p->single != !!(e->flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY))
        return false;
    if (p->offset >= 0 && (uint64_t)p->offset != e->offset)
        return false;
    if (p->length >= 0 && (uint64_t)p->length != e->length)
        return false;
    return true;
}

static void event_str(const scn_event *e, char *buf, size_t size)
{
    size_t at = 0;
    if (e->kind == PRJSIM_CB_NOTIFICATION)
        at += (size_t)snprintf(buf, size, "%s \"%s\"", scn_notification_name(e->notification), e->path);
    else
        at += (size_t)snprintf(buf, size, "%s \"%s\"", prjsim_callback_name(e->kind), e->path);
    if (at < size && e->kind == PRJSIM_CB_NOTIFICATION) {
        if (e->has_dest)
            at += (size_t)snprintf(buf + at, size - at, " to \"%s\"", e->dest);
        if (at < size && e->is_dir)
            at += (size_t)snprintf(buf + at, size - at, " dir");
        if (at < size && e->modified)
            at += (size_t)snprintf(buf + at, size - at, " modified");
    }
    if (at < size && e->kind == PRJSIM_CB_GET_ENUM)
        at += (size_t)snprintf(buf + at, size - at, " search=%s%s%s", e->search ? e->search : "(null)",
                               (e->flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) ? " restart" : "",
                               (e->flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY) ? " single" : "");
    if (at < size && e->kind == PRJSIM_CB_GET_FILE_DATA)
        at += (size_t)snprintf(buf + at, size - at, " offset=%llu length=%u", (unsigned long long)e->offset,
                               (unsigned)e->length);
    if (at < size && e->content_id && e->content_id[0])
        snprintf(buf + at, size - at, " content-id=%s", e->content_id);
}

static void pattern_str(const scn_event_pattern *p, char *buf, size_t size)
{
    size_t at;
    if (p->kind == PRJSIM_CB_NOTIFICATION)
        at = (size_t)snprintf(buf, size, "%s", scn_notification_name(p->notification));
    else
        at = (size_t)snprintf(buf, size, "%s", prjsim_callback_name(p->kind));
    if (at < size && p->path)
        at += (size_t)snprintf(buf + at, size - at, " \"%s\"", p->path);
    if (at < size && p->dest)
        at += (size_t)snprintf(buf + at, size - at, " to \"%s\"", p->dest);
    if (at < size && p->is_dir >= 0)
        at += (size_t)snprintf(buf + at, size - at, p->is_dir ? " dir" : " file");
    if (at < size && p->modified >= 0)
        at += (size_t)snprintf(buf + at, size - at, p->modified ? " modified" : " unmodified");
    if (at < size && p->search)
        at += (size_t)snprintf(buf + at, size - at, " search=%s", p->search);
    if (at < size && p->restart > 0)
        at += (size_t)snprintf(buf + at, size - at, " restart");
    if (at < size && p->single > 0)
        at += (size_t)snprintf(buf + at, size - at, " single");
    if (at < size && p->offset >= 0)
        at += (size_t)snprintf(buf + at, size - at, " offset=%lld", (long long)p->offset);
    if (at < size && p->length >= 0)
        at += (size_t)snprintf(buf + at, size - at, " length=%lld", (long long)p->length);
    if (at < size && p->pid >= 0)
        at += (size_t)snprintf(buf + at, size - at, " pid=%lld", (long long)p->pid);
    if (at < size && p->image)
        at += (size_t)snprintf(buf + at, size - at, " image=%s", p->image);
    if (at < size && p->content_id)
        snprintf(buf + at, size - at, " content-id=%s", p->content_id);
}

static void expect_events(scn_exec *r, const scn_stmt *st, bool notes)
{
    scn_provider *pv = &r->prov;
    if (r->external)
        scn_sync_events(r);
    size_t *mark = notes ? &r->event_mark_note : &r->event_mark_cb;
    pthread_mutex_lock(&pv->lock);
    size_t end = pv->event_count;
    scn_event **evs = malloc((end + 1) * sizeof *evs);
    if (!evs)
        abort();
    size_t n = 0;
    for (size_t i = *mark; i < end; i++) {
        bool is_note = pv->events[i].kind == PRJSIM_CB_NOTIFICATION;
        if (is_note == notes)
            evs[n++] = &pv->events[i];
    }
    bool ok = true;
    size_t bad = 0;
    bool *used = calloc(n + 1, sizeof *used);
    if (!used)
        abort();
    switch (st->match) {
    case MATCH_EXACT:
        ok = n == st->event_count;
        for (size_t i = 0; ok && i < n; i++)
            ok = event_matches(&st->events[i], evs[i]);
        break;
    case MATCH_SET:
    case MATCH_CONTAINS:
        if (st->match == MATCH_SET && n != st->event_count)
            ok = false;
        for (size_t i = 0; ok && i < st->event_count; i++) {
            bool found = false;
            for (size_t k = 0; k < n && !found; k++)
                if (!used[k] && event_matches(&st->events[i], evs[k]))
                    used[k] = found = true;
            if (!found) {
                ok = false;
                bad = i;
            }
        }
        break;
    case MATCH_LACKS:
        for (size_t i = 0; ok && i < st->event_count; i++)
            for (size_t k = 0; k < n; k++)
                if (event_matches(&st->events[i], evs[k])) {
                    ok = false;
                    bad = i;
                }
        break;
    case MATCH_AT_LEAST:
        for (size_t i = 0; ok && i < st->event_count; i++) {
            uint64_t count = 0;
            for (size_t k = 0; k < n; k++)
                count += event_matches(&st->events[i], evs[k]);
            if (count < st->at_least) {
                ok = false;
                bad = i;
            }
        }
        break;
    }
    free(used);
    if (!ok) {
        char got[2048] = "", one[400];
        for (size_t i = 0; i < n; i++) {
            event_str(evs[i], one, sizeof one);
            size_t at = strlen(got);
            snprintf(got + at, sizeof got - at, "%s%s", i ? ", " : "", one);
        }
        if (!n)
            snprintf(got, sizeof got, "none");
        char want[1500] = "";
        const char *kind = notes ? "notifications" : "callbacks";
        if (st->match == MATCH_AT_LEAST) {
            pattern_str(&st->events[bad], want, sizeof want);
            pthread_mutex_unlock(&pv->lock);
            scn_fail(r, st->line, "expected the %s to include %s at least %llu time(s); got %s", kind, want,
                     (unsigned long long)st->at_least, got);
        } else if (st->match == MATCH_CONTAINS || st->match == MATCH_LACKS) {
            pattern_str(&st->events[bad], want, sizeof want);
            pthread_mutex_unlock(&pv->lock);
            scn_fail(r, st->line, "expected the %s to %s %s; got %s", kind,
                     st->match == MATCH_CONTAINS ? "include" : "lack", want, got);
        } else {
            for (size_t i = 0; i < st->event_count; i++) {
                pattern_str(&st->events[i], one, sizeof one);
                size_t at = strlen(want);
                snprintf(want + at, sizeof want - at, "%s%s", i ? ", " : "", one);
            }
            if (!st->event_count)
                snprintf(want, sizeof want, "none");
            pthread_mutex_unlock(&pv->lock);
            scn_fail(r, st->line, "expected %s %s%s; got %s", kind, want, st->match == MATCH_SET ? " (in any order)" : "",
                     got);
        }
        free(evs);
        return;
    }
    *mark = end;
    pthread_mutex_unlock(&pv->lock);
    free(evs);
}

/* ---- diagnostics ---- */

static void expect_diags(scn_exec *r, const scn_stmt *st)
{
    size_t now[PRJSIM_DIAG_COUNT_];
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++)
        now[d] = scn_sim_diag_count(r, (prjsim_diag)d);
    if (st->sub == EX_NO_DIAGS) {
        size_t got[PRJSIM_DIAG_COUNT_];
        bool checked[PRJSIM_DIAG_COUNT_];
        scn_diags_since_mark(r, got, checked);
        for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++)
            if (got[d]) {
                scn_fail(r, st->line, "expected no diagnostics, got %s (%zu time(s)): %s%s",
                         prjsim_diag_name((prjsim_diag)d), got[d], prjsim_diag_text((prjsim_diag)d),
                         checked[d] ? " (from the recording layer's checker)" : "");
                return;
            }
    } else {
        /* --checker: the recording layer's checker counts what it decides (requires.c lets
         * only those through on a backend without the simulator). */
        size_t checked[PRJSIM_DIAG_COUNT_];
        if (r->recording)
            prjsim__observer_counts(r->recording, checked);
        for (size_t i = 0; i < st->name_count; i++) {
            prjsim_diag d = prjsim_diag_from_name(st->names[i]);
            bool by_checker = r->recording && prjsim__observer_decides(st->names[i]);
            size_t got = by_checker ? checked[d] - r->check_mark[d] : now[d] - r->diag_mark[d];
            if (st->has_a ? got != st->a : got == 0) {
                if (st->has_a)
                    scn_fail(r, st->line, "expected diagnostic %s %llu time(s), got %zu", st->names[i],
                             (unsigned long long)st->a, got);
                else
                    scn_fail(r, st->line, "expected diagnostic %s, got none of it%s", st->names[i],
                             by_checker ? " (from the recording layer's checker)" : "");
                return;
            }
        }
    }
    memcpy(r->diag_mark, now, sizeof now);
    if (r->recording)
        prjsim__observer_counts(r->recording, r->check_mark);
}

/* ---- golden traces ---- */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *s = malloc(cap);
    if (!s)
        abort();
    while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            s = realloc(s, cap);
            if (!s)
                abort();
        }
    }
    fclose(f);
    s[len] = 0;
    return s;
}

static void expect_trace(scn_exec *r, const scn_stmt *st)
{
    size_t end = scn_sim_trace_count(r);
    size_t n;
    char **got = scn_trace_lines(r, r->trace_mark, st->mask, &n);
    char *want = NULL;
    if (st->opt) {
        if (r->options && r->options->bless) {
            FILE *f = fopen(st->text, "w");
            if (!f) {
                scn_fail(r, st->line, "cannot write golden file %s", st->text);
            } else {
                for (size_t i = 0; i < n; i++) {
                    char *s = scn_scrub(got[i]);
                    fprintf(f, "%s\n", s);
                    free(s);
                }
                fclose(f);
            }
            scn_lines_free(got, n);
            r->trace_mark = end;
            return;
        }
        want = read_text(st->text);
        if (!want) {
            scn_fail(r, st->line, "golden file %s cannot be read (prjsim run --bless writes it)", st->text);
            scn_lines_free(got, n);
            return;
        }
    }
    char msg[3000];
    if (!scn_trace_compare(want ? want : (const char *)st->data, got, n, msg, sizeof msg))
        scn_fail(r, st->line, "%s", msg);
    else
        r->trace_mark = end;
    free(want);
    scn_lines_free(got, n);
}

/* ---- counters ---- */

static void expect_count(scn_exec *r, const scn_stmt *st)
{
    uint64_t got = 0;
    const char *what = "";
    switch (st->sub) {
    case EX_CAUSES: {
        if (!r->has_causes) {
            scn_fail(r, st->line, "expected failure causes, but no provider update or delete ran before");
            return;
        }
        if (r->causes != st->mask) {
            char w[128], g[128];
            scn_flags_str(scn_cause_names, st->mask, w, sizeof w);
            scn_flags_str(scn_cause_names, r->causes, g, sizeof g);
            scn_fail(r, st->line, "expected failure causes %s (0x%x), got %s (0x%x)", w, (unsigned)st->mask, g,
                     (unsigned)r->causes);
        }
        return;
    }
    case EX_CLEARED:
        if (!r->has_cleared) {
            scn_fail(r, st->line, "expected a cleared count, but no clear-negative-cache ran before");
            return;
        }
        got = r->cleared;
        what = "negative path cache entries cleared";
        break;
    case EX_SESSIONS:
        got = memtree_open_sessions(r->tree);
        what = "enumeration sessions open in the provider";
        break;
    case EX_IN_FLIGHT:
        got = scn_observed_by_recording(r) ? prjsim__observer_in_flight(r->recording, NULL, 0)
                                           : scn_sim_commands_in_flight(r, NULL, 0);
        what = "commands in flight";
        break;
    case EX_RUNNING:
        got = scn_observed_by_recording(r) ? prjsim__observer_running(r->recording)
                                           : scn_sim_running_instances(r);
        what = "running instances";
        break;
    case EX_ENTRIES:
        if (!r->has_listing) {
            scn_fail(r, st->line, "expected entries, but no 'list' ran before");
            return;
        }
        got = r->listing_count;
        what = "entries";
        break;
    }
    if (got != st->a)
        scn_fail(r, st->line, "expected %llu %s, got %llu", (unsigned long long)st->a, what, (unsigned long long)got);
}

void scn_run_expect(scn_exec *r, const scn_stmt *st)
{
    switch (st->sub) {
    case EX_RESULT: expect_result(r, st); break;
    case EX_STATE: expect_state(r, st); break;
    case EX_LISTING: expect_listing(r, st); break;
    case EX_ENTRY: expect_entry(r, st); break;
    case EX_INFO: expect_info(r, st); break;
    case EX_CONTENT: expect_content(r, st); break;
    case EX_DATA: expect_data(r, st); break;
    case EX_CALLBACKS: expect_events(r, st, false); break;
    case EX_NOTIFICATIONS: expect_events(r, st, true); break;
    case EX_DIAG:
    case EX_NO_DIAGS: expect_diags(r, st); break;
    case EX_TRACE: expect_trace(r, st); break;
    default: expect_count(r, st); break;
    }
}
