/* SPDX-License-Identifier: MIT */
/*
 * Values: the names scenarios use for flags (access, dispositions, attributes, update flags,
 * notification types, states), numbers and times, data escapes, UTF-8, and result codes with
 * the rule that compares an operation's result with an expected name.
 */
#include "internal.h"

#include "../utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

char *scn_strdup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

/* ---- Name tables ---- */

const scn_name scn_access_names[] = {
    {"read", GENERIC_READ},
    {"write", GENERIC_WRITE},
    {"all", GENERIC_ALL},
    {"delete", DELETE},
    {"read_data", FILE_READ_DATA},
    {"write_data", FILE_WRITE_DATA},
    {"append_data", FILE_APPEND_DATA},
    {"read_attributes", FILE_READ_ATTRIBUTES},
    {"write_attributes", FILE_WRITE_ATTRIBUTES},
    {"none", 0},
    {NULL, 0},
};

const scn_name scn_share_names[] = {
    {"read", FILE_SHARE_READ},
    {"write", FILE_SHARE_WRITE},
    {"delete", FILE_SHARE_DELETE},
    {"all", FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE},
    {"none", 0},
    {NULL, 0},
};

const scn_name scn_disp_names[] = {
    {"create_new", CREATE_NEW},
    {"create_always", CREATE_ALWAYS},
    {"open_existing", OPEN_EXISTING},
    {"open_always", OPEN_ALWAYS},
    {"truncate_existing", TRUNCATE_EXISTING},
    {NULL, 0},
};

const scn_name scn_open_flag_names[] = {
    {"directory", PRJSIM_OPEN_DIRECTORY},
    {"non_directory", PRJSIM_OPEN_NON_DIRECTORY},
    {"delete_on_close", PRJSIM_OPEN_DELETE_ON_CLOSE},
    {"unbuffered", PRJSIM_OPEN_UNBUFFERED},
    {"reparse_point", PRJSIM_OPEN_REPARSE_POINT},
    {"none", 0},
    {NULL, 0},
};

const scn_name scn_attr_names[] = {
    {"readonly", FILE_ATTRIBUTE_READONLY},
    {"hidden", FILE_ATTRIBUTE_HIDDEN},
    {"system", FILE_ATTRIBUTE_SYSTEM},
    {"directory", FILE_ATTRIBUTE_DIRECTORY},
    {"archive", FILE_ATTRIBUTE_ARCHIVE},
    {"normal", FILE_ATTRIBUTE_NORMAL},
    {"temporary", FILE_ATTRIBUTE_TEMPORARY},
    {"sparse_file", FILE_ATTRIBUTE_SPARSE_FILE},
    {"reparse_point", FILE_ATTRIBUTE_REPARSE_POINT},
    {"compressed", FILE_ATTRIBUTE_COMPRESSED},
    {"offline", FILE_ATTRIBUTE_OFFLINE},
    {"not_content_indexed", FILE_ATTRIBUTE_NOT_CONTENT_INDEXED},
    {"encrypted", FILE_ATTRIBUTE_ENCRYPTED},
    {"recall_on_open", 0x00040000},        /* FILE_ATTRIBUTE_RECALL_ON_OPEN: not in older SDKs */
    {"recall_on_data_access", 0x00400000}, /* FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS */
    {"none", 0},
    {NULL, 0},
};

const scn_name scn_update_flag_names[] = {
    {"none", PRJ_UPDATE_NONE},
    {"allow_dirty_metadata", PRJ_UPDATE_ALLOW_DIRTY_METADATA},
    {"allow_dirty_data", PRJ_UPDATE_ALLOW_DIRTY_DATA},
    {"allow_tombstone", PRJ_UPDATE_ALLOW_TOMBSTONE},
    {"allow_read_only", PRJ_UPDATE_ALLOW_READ_ONLY},
    {"dirty_metadata", PRJ_UPDATE_ALLOW_DIRTY_METADATA},
    {"dirty_data", PRJ_UPDATE_ALLOW_DIRTY_DATA},
    {"tombstone", PRJ_UPDATE_ALLOW_TOMBSTONE},
    {"read_only", PRJ_UPDATE_ALLOW_READ_ONLY},
    {NULL, 0},
};

const scn_name scn_cause_names[] = {
    {"none", PRJ_UPDATE_FAILURE_CAUSE_NONE},
    {"dirty_metadata", PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA},
    {"dirty_data", PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA},
    {"tombstone", PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE},
    {"read_only", PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY},
    {NULL, 0},
};

/* Notification types, for masks (mappings, reply masks): the PRJ_NOTIFY_* bits. */
const scn_name scn_notify_names[] = {
    {"none", PRJ_NOTIFY_NONE},
    {"suppress_notifications", PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS},
    {"suppress", PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS},
    {"file_opened", PRJ_NOTIFY_FILE_OPENED},
    {"new_file_created", PRJ_NOTIFY_NEW_FILE_CREATED},
    {"file_overwritten", PRJ_NOTIFY_FILE_OVERWRITTEN},
    {"pre_delete", PRJ_NOTIFY_PRE_DELETE},
    {"pre_rename", PRJ_NOTIFY_PRE_RENAME},
    {"pre_set_hardlink", PRJ_NOTIFY_PRE_SET_HARDLINK},
    {"file_renamed", PRJ_NOTIFY_FILE_RENAMED},
    {"hardlink_created", PRJ_NOTIFY_HARDLINK_CREATED},
    {"file_handle_closed_no_modification", PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION},
    {"file_handle_closed_file_modified", PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED},
    {"file_handle_closed_file_deleted", PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED},
    {"file_pre_convert_to_full", PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL},
    {"use_existing_mask", 0xFFFFFFFFu},
    {"all", 0x1FFEu},
    {NULL, 0},
};

const scn_name scn_state_names[] = {
    {"placeholder", PRJ_FILE_STATE_PLACEHOLDER},
    {"hydrated", PRJ_FILE_STATE_HYDRATED_PLACEHOLDER},
    {"dirty", PRJ_FILE_STATE_DIRTY_PLACEHOLDER},
    {"full", PRJ_FILE_STATE_FULL},
    {"tombstone", PRJ_FILE_STATE_TOMBSTONE},
    {"virtual", SCN_STATE_VIRTUAL},
    {"missing", SCN_STATE_MISSING},
    {NULL, 0},
};

const scn_name scn_trace_kind_names[] = {
    {"op", 1u << PRJSIM_TRACE_OP},
    {"cb", 1u << PRJSIM_TRACE_CALLBACK},
    {"api", 1u << PRJSIM_TRACE_API},
    {"diag", 1u << PRJSIM_TRACE_DIAG},
    {"note", 1u << PRJSIM_TRACE_NOTE},
    {NULL, 0},
};

/* Lower case, '-' as '_', and the header prefixes (PRJ_NOTIFY_, PRJ_NOTIFICATION_,
 * FILE_ATTRIBUTE_, PRJ_UPDATE_, ...) dropped, so that the SDK's spellings work too. */
static void normalize(const char *in, size_t n, char *out, size_t size)
{
    static const char *prefixes[] = {"prj_notify_", "prj_notification_", "file_attribute_",
                                     "prj_update_failure_cause_", "prj_update_", "prj_file_state_",
                                     "generic_", "prjsim_open_", "file_", NULL};
    char tmp[128];
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < sizeof tmp; i++)
        tmp[j++] = in[i] == '-' ? '_' : (char)tolower((unsigned char)in[i]);
    tmp[j] = 0;
    const char *s = tmp;
    for (int i = 0; prefixes[i]; i++) {
        size_t k = strlen(prefixes[i]);
        /* "file_" only before access rights (FILE_READ_DATA): file_opened is a name itself */
        if (strncmp(s, prefixes[i], k) == 0 &&
            (strcmp(prefixes[i], "file_") != 0 || strstr(s, "_data") || strstr(s, "_attributes"))) {
            s += k;
            break;
        }
    }
    snprintf(out, size, "%s", s);
}

bool scn_flags(const scn_name *table, const char *what, const char *text, uint32_t *out, char *err,
               size_t errlen)
{
    uint32_t v = 0;
    const char *s = text;
    if (!*s) {
        snprintf(err, errlen, "empty %s", what);
        return false;
    }
    for (;;) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char word[128];
        normalize(s, n, word, sizeof word);
        bool found = false;
        for (const scn_name *t = table; t->name; t++)
            if (strcmp(t->name, word) == 0) {
                v |= t->value;
                found = true;
                break;
            }
        if (!found) {
            char raw[128];
            snprintf(raw, sizeof raw, "%.*s", (int)(n < 100 ? n : 100), s);
            uint64_t num;
            if (n && isdigit((unsigned char)raw[0]) && scn_number(raw, false, &num) && num <= 0xFFFFFFFFu) {
                v |= (uint32_t)num;
            } else {
                char names[512] = "";
                for (const scn_name *t = table; t->name; t++) {
                    if (strlen(names) + strlen(t->name) + 3 >= sizeof names)
                        break;
                    if (names[0])
                        strcat(names, ", ");
                    strcat(names, t->name);
                }
                snprintf(err, errlen, "unknown %s '%s' (known: %s)", what, raw, names);
                return false;
            }
        }
        if (!e)
            break;
        s = e + 1;
    }
    *out = v;
    return true;
}

const char *scn_name_of(const scn_name *table, uint32_t value)
{
    for (const scn_name *t = table; t->name; t++)
        if (t->value == value)
            return t->name;
    return NULL;
}

void scn_flags_str(const scn_name *table, uint32_t value, char *buf, size_t size)
{
    buf[0] = 0;
    uint32_t left = value;
    for (const scn_name *t = table; t->name; t++) {
        if (!t->value || (t->value & (t->value - 1)) || !(left & t->value))
            continue;
        size_t at = strlen(buf);
        snprintf(buf + at, size - at, "%s%s", at ? "," : "", t->name);
        left &= ~t->value;
    }
    if (left || !buf[0]) {
        size_t at = strlen(buf);
        if (!left && !buf[0])
            snprintf(buf, size, "%s", scn_name_of(table, 0) ? scn_name_of(table, 0) : "0x0");
        else
            snprintf(buf + at, size - at, "%s0x%x", at ? "," : "", (unsigned)left);
    }
}

/* ---- Numbers and times ---- */

bool scn_number(const char *text, bool suffix, uint64_t *out)
{
    if (!text || !*text || *text == '-' || *text == '+')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (end == text || errno)
        return false;
    if (suffix && *end) {
        unsigned shift = 0;
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        default: return false;
        }
        if (v > (~0ULL >> shift))
            return false;
        v <<= shift;
        end++;
    }
    if (*end)
        return false;
    *out = v;
    return true;
}

/* Days from 1601-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_1601(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t unix_days = era * 146097 + doe - 719468;
    return unix_days + 134774; /* 1601-01-01 is 134774 days before 1970-01-01 */
}

bool scn_time(const char *text, int64_t *out)
{
    uint64_t n;
    if (scn_number(text, false, &n) && n <= (uint64_t)INT64_MAX) {
        *out = (int64_t)n;
        return true;
    }
    int y, mo, d, h, mi, s, used = 0;
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6)
        return false;
    const char *rest = text + used;
    int64_t frac = 0;
    if (*rest == '.') {
        rest++;
        int digits = 0;
        while (isdigit((unsigned char)*rest) && digits < 7) {
            frac = frac * 10 + (*rest++ - '0');
            digits++;
        }
        if (!digits)
            return false;
        while (digits++ < 7)
            frac *= 10;
    }
    if (strcmp(rest, "Z") != 0 || y < 1601 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return false;
    *out = ((days_from_1601(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 10000000) + frac;
    return true;
}

/* ---- Data ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool scn_unescape(const char *text, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    size_t n = strlen(text);
    unsigned char *d = malloc(n + 1);
    if (!d)
        abort();
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] != '\\') {
            d[j++] = (unsigned char)text[i];
            continue;
        }
        char c = text[++i];
        switch (c) {
        case 'n': d[j++] = '\n'; break;
        case 'r': d[j++] = '\r'; break;
        case 't': d[j++] = '\t'; break;
        case '0': d[j++] = 0; break;
        case '"': d[j++] = '"'; break;
        case '\'': d[j++] = '\''; break;
        case '\\': d[j++] = '\\'; break;
        case 'x': {
            int hi = i + 1 < n ? hexval(text[i + 1]) : -1, lo = i + 2 < n ? hexval(text[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                snprintf(err, errlen, "bad escape '\\x' (want two hex digits)");
                free(d);
                return false;
            }
            d[j++] = (unsigned char)(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            snprintf(err, errlen, "unknown escape '\\%c' in data (use \\\\ for a backslash)", c ? c : ' ');
            free(d);
            return false;
        }
    }
    d[j] = 0;
    *out = d;
    *len = j;
    return true;
}

void scn_quote_bytes(const unsigned char *data, size_t len, size_t max, char *buf, size_t size)
{
    size_t at = 0;
    if (size < 8) {
        if (size)
            buf[0] = 0;
        return;
    }
    buf[at++] = '"';
    for (size_t i = 0; i < len && i < max && at + 8 < size; i++) {
        unsigned char c = data[i];
        if (c == '\n')
            at += (size_t)snprintf(buf + at, size - at, "\\n");
        else if (c == '\r')
            at += (size_t)snprintf(buf + at, size - at, "\\r");
        else if (c == '\t')
            at += (size_t)snprintf(buf + at, size - at, "\\t");
        else if (c == '"' || c == '\\')
            at += (size_t)snprintf(buf + at, size - at, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F)
            at += (size_t)snprintf(buf + at, size - at, "\\x%02x", c);
        else
            buf[at++] = (char)c;
    }
    buf[at++] = '"';
    buf[at] = 0;
    if (len > max && at + 24 < size)
        snprintf(buf + at, size - at, "... (%zu bytes)", len);
}

/* ---- UTF-8 ---- */

WCHAR *scn_wcsdup(const WCHAR *s)
{
    size_t n = wcslen(s);
    WCHAR *d = malloc((n + 1) * sizeof *d);
    if (!d)
        abort();
    memcpy(d, s, (n + 1) * sizeof *d);
    return d;
}

WCHAR *scn_wide(const char *s)
{
    size_t n = strlen(s);
    WCHAR *w = malloc((n + 1) * sizeof *w);
    if (!w)
        abort();
    size_t j = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c = u[i];
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + (size_t)extra >= n + (extra ? 0 : 1)) {
            w[j++] = 0xFFFD;
            i++;
            continue;
        }
        if (extra)
            c &= 0x3Fu >> extra;
        bool ok = true;
        for (int k = 1; k <= extra; k++) {
            if ((u[i + (size_t)k] & 0xC0) != 0x80)
                ok = false;
            c = (c << 6) | (u[i + (size_t)k] & 0x3F);
        }
        if (!ok)
            c = 0xFFFD;
        if (c >= 0x10000 && sizeof(WCHAR) == 2) { /* UTF-16 (Windows): a surrogate pair */
            w[j++] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
            c = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
        w[j++] = (WCHAR)c;
        i += (size_t)extra + 1;
    }
    w[j] = 0;
    return w;
}

char *scn_utf8(const WCHAR *s)
{
    if (!s)
        return scn_strdup("(null)");
    size_t n = wcslen(s), at = 0;
    char *out = malloc(n * 4 + 1);
    if (!out)
        abort();
    for (size_t i = 0; i < n; i++) {
        uint32_t c = prjsim_utf8_next_char(s, &i); /* one encoder: utf8.h */
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD; /* no character: as the trace writes it */
        at += prjsim_utf8_encode(c, out + at);
    }
    out[at] = 0;
    return out;
}

/* ---- Callbacks and notifications ---- */

prjsim_callback_kind scn_callback_from_name(const char *name)
{
    for (int k = 0; k < PRJSIM_CB_COUNT_; k++)
        if (strcasecmp(prjsim_callback_name((prjsim_callback_kind)k), name) == 0)
            return (prjsim_callback_kind)k;
    /* the names of the PRJ_CALLBACKS members work too */
    size_t n = strlen(name);
    if (n > 8 && strcasecmp(name + n - 8, "Callback") == 0) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 8), name);
        return scn_callback_from_name(tmp);
    }
    return PRJSIM_CB_COUNT_;
}

uint32_t scn_notification_from_name(const char *name)
{
    char word[128];
    normalize(name, strlen(name), word, sizeof word);
    for (const scn_name *t = scn_notify_names; t->name; t++)
        if (strcmp(t->name, word) == 0 && t->value && (t->value & (t->value - 1)) == 0 &&
            t->value != PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS)
            return t->value;
    return 0;
}

const char *scn_notification_name(uint32_t type)
{
    static const char *upper[] = {
        "FILE_OPENED", "NEW_FILE_CREATED", "FILE_OVERWRITTEN", "PRE_DELETE", "PRE_RENAME",
        "PRE_SET_HARDLINK", "FILE_RENAMED", "HARDLINK_CREATED", "FILE_HANDLE_CLOSED_NO_MODIFICATION",
        "FILE_HANDLE_CLOSED_FILE_MODIFIED", "FILE_HANDLE_CLOSED_FILE_DELETED", "FILE_PRE_CONVERT_TO_FULL"};
    for (unsigned i = 0; i < 12; i++)
        if (type == (2u << i))
            return upper[i];
    return "?";
}

/* ---- Result codes ---- */

/* Does a Win32 error @p c (the win32 backend's result) stand for the NTSTATUS @p v? */
static bool win32_matches_status(uint32_t c, uint32_t v)
{
    return prjsim_backend_is(prjsim_backend_win32_error(c), (int32_t)v);
}

bool scn_result_failed(const scn_result *r)
{
    return r->kind == 'W' ? r->code != 0 : r->code < 0;
}

bool scn_code_matches(const scn_result *r, int32_t value, char kind)
{
    uint32_t v = (uint32_t)value, c = (uint32_t)r->code;
    if (kind == 'p')
        return r->pending;
    if (r->pending)
        return false;
    if (kind == 's')
        return r->kind == 'W' ? c == 0 : (int32_t)c >= 0;
    if (r->kind == 'W') {
        switch (kind) {
        case 'W': return c == v;
        case 'S': return win32_matches_status(c, v);
        case 'H':
            if (v == 0)
                return c == 0;
            if (v & 0x10000000u)
                return win32_matches_status(c, v & ~0x10000000u);
            if ((v & 0xFFFF0000u) == 0x80070000u)
                return c == (v & 0xFFFFu);
            return false;
        }
        return false;
    }
    if (r->kind == 'S') {
        switch (kind) {
        case 'S': return c == v;
        case 'W': return prjsim_status_to_win32((NTSTATUS)c) == v && (v != 0 || c == 0);
        case 'H':
            if (v == 0)
                return c == 0;
            if (v & 0x10000000u)
                return c == (v & ~0x10000000u);
            if ((v & 0xFFFF0000u) == 0x80070000u)
                return c != 0 && prjsim_status_to_win32((NTSTATUS)c) == (v & 0xFFFFu);
            return false;
        }
    } else {
        switch (kind) {
        case 'H': return c == v;
        case 'W': return v == 0 ? c == 0 : c == (uint32_t)HRESULT_FROM_WIN32(v);
        case 'S': return v == 0 ? c == 0 : c == (v | 0x10000000u);
        }
    }
    return false;
}

void scn_code_str(int32_t value, char kind, const char *name, char *buf, size_t size)
{
    if (kind == 's' || kind == 'p')
        snprintf(buf, size, "%s", name);
    else if (kind == 'W')
        snprintf(buf, size, "%s (%u = 0x%X)", name, (unsigned)value, (unsigned)value);
    else
        snprintf(buf, size, "%s (0x%08X)", name, (unsigned)value);
}

void scn_result_str(const scn_result *r, bool win32, char *buf, size_t size)
{
    if (!r->set) {
        snprintf(buf, size, "no result (no operation ran)");
        return;
    }
    if (r->pending) {
        snprintf(buf, size, "pending (the operation waits on a pended callback)");
        return;
    }
    if (r->kind == 'W') {
        const char *wn = prjsim_win32_error_name((DWORD)r->code);
        snprintf(buf, size, "%s (%u, a Win32 error)", wn ? wn : "?", (unsigned)r->code);
        return;
    }
    const char *name = r->kind == 'S' ? prjsim_status_name(r->code) : prjsim_hresult_name(r->code);
    char tmp[160];
    if (name)
        snprintf(tmp, sizeof tmp, "%s (0x%08X)", name, (unsigned)r->code);
    else
        snprintf(tmp, sizeof tmp, "0x%08X", (unsigned)r->code);
    if (win32 && r->kind == 'S') {
        DWORD w = prjsim_status_to_win32(r->code);
        const char *wn = prjsim_win32_error_name(w);
        snprintf(buf, size, "%s, which a Win32 caller sees as %s (%u)", tmp, wn ? wn : "?", (unsigned)w);
    } else {
        snprintf(buf, size, "%s", tmp);
    }
}
