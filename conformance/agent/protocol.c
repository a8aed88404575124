/* SPDX-License-Identifier: MIT */
/*
 * The client agent's protocol (agent.h): the one encoder and decoder of request and reply
 * lines. Each operation's arguments are described once (the schema below) and both directions
 * follow it, so the two cannot drift apart.
 */
#include "agent.h"

#include "../utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/*
 * The arguments of each operation, in order: h handle name, p path (the caller's image for
 * `caller`, where it may be ~), q second path, P pattern (may be ~), a access, s share, d
 * disposition, f flags, t attributes, b buffer size, n process id, o offset, z size, T four
 * times, B flag, x data, i a request id.
 */
static const struct {
    const char *name;
    const char *args;
} ops[PRJSIM_AGENT_OP_COUNT_] = {
    [PRJSIM_AGENT_CALLER] = {"caller", "npB"},
    [PRJSIM_AGENT_OPEN] = {"open", "hpasdft"},
    [PRJSIM_AGENT_CLOSE] = {"close", "h"},
    [PRJSIM_AGENT_READ] = {"read", "hoz"},
    [PRJSIM_AGENT_WRITE] = {"write", "hox"},
    [PRJSIM_AGENT_SET_SIZE] = {"set-size", "hz"},
    [PRJSIM_AGENT_SET_BASIC] = {"set-basic", "hTt"},
    [PRJSIM_AGENT_SET_DISPOSITION] = {"set-disposition", "hB"},
    [PRJSIM_AGENT_RENAME] = {"rename", "hqB"},
    [PRJSIM_AGENT_QUERY_INFO] = {"query-info", "h"},
    [PRJSIM_AGENT_QUERY_DIRECTORY] = {"query-directory", "hPfb"},
    [PRJSIM_AGENT_STAT] = {"stat", "p"},
    [PRJSIM_AGENT_SET_TIMES] = {"set-times", "pTt"},
    [PRJSIM_AGENT_LIST] = {"list", "pPb"},
    [PRJSIM_AGENT_REMOVE] = {"remove", "pB"},
    [PRJSIM_AGENT_MOVE] = {"move", "pqB"},
    [PRJSIM_AGENT_LINK] = {"link", "pq"},
    [PRJSIM_AGENT_SYMLINK] = {"symlink", "pqB"},
    [PRJSIM_AGENT_MKDIR] = {"mkdir", "p"},
    [PRJSIM_AGENT_READ_FILE] = {"read-file", "p"},
    [PRJSIM_AGENT_WRITE_FILE] = {"write-file", "px"},
    [PRJSIM_AGENT_ON_DISK_STATE] = {"on-disk-state", "p"},
    [PRJSIM_AGENT_CANCEL] = {"cancel", "i"},
};

const char *prjsim_agent_op_name(prjsim_agent_op op)
{
    return (unsigned)op < PRJSIM_AGENT_OP_COUNT_ ? ops[op].name : NULL;
}

/* ---- writing ---- */

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        if (!b->s)
            abort();
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

static void putf(buf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, n > 0 ? (size_t)n : 0);
}

static void put_escaped(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7F || c == '%' || c == ',')
            putf(b, "%%%02X", c);
        else
            put(b, (const char *)&c, 1);
    }
}

/* A wide string as escaped UTF-8 after `'` (UTF-16 surrogate pairs joined; an unpaired one and
 * anything past U+10FFFF become U+FFFD), or ~ for NULL. */
static void put_wide(buf *b, const WCHAR *w)
{
    if (!w) {
        put(b, "~", 1);
        return;
    }
    put(b, "'", 1);
    for (size_t i = 0; w[i]; i++) {
        uint32_t c = prjsim_utf8_next_char(w, &i);
        if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
            c = 0xFFFD;
        char u[4];
        size_t n = prjsim_utf8_encode(c, u);
        put_escaped(b, u, n);
    }
}

static void put_hex(buf *b, const unsigned char *d, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    put(b, "x", 1);
    for (size_t i = 0; i < n; i++) {
        char two[2] = {digits[d[i] >> 4], digits[d[i] & 15]};
        put(b, two, 2);
    }
}

char *prjsim_agent_format_request(const prjsim_agent_request *rq)
{
    buf b = {0};
    putf(&b, "%llu %s", (unsigned long long)rq->id, ops[rq->op].name);
    for (const char *a = ops[rq->op].args; *a; a++) {
        put(&b, " ", 1);
        switch (*a) {
        case 'h': put(&b, rq->handle, strlen(rq->handle)); break;
        case 'p': put_wide(&b, rq->path); break;
        case 'q': put_wide(&b, rq->path2); break;
        case 'P': put_wide(&b, rq->pattern); break;
        case 'a': putf(&b, "%lu", (unsigned long)rq->access); break;
        case 's': putf(&b, "%lu", (unsigned long)rq->share); break;
        case 'd': putf(&b, "%lu", (unsigned long)rq->disposition); break;
        case 'f': putf(&b, "%lu", (unsigned long)rq->flags); break;
        case 't': putf(&b, "%lu", (unsigned long)rq->attributes); break;
        case 'b': putf(&b, "%lu", (unsigned long)rq->buffer_bytes); break;
        case 'n': putf(&b, "%lu", (unsigned long)rq->process_id); break;
        case 'i': putf(&b, "%llu", (unsigned long long)rq->target); break;
        case 'o': putf(&b, "%llu", (unsigned long long)rq->offset); break;
        case 'z': putf(&b, "%llu", (unsigned long long)rq->size); break;
        case 'T':
            putf(&b, "%lld %lld %lld %lld", (long long)rq->times[0], (long long)rq->times[1],
                 (long long)rq->times[2], (long long)rq->times[3]);
            break;
        case 'B': put(&b, rq->flag ? "1" : "0", 1); break;
        case 'x': put_hex(&b, rq->data, rq->data_len); break;
        }
    }
    put(&b, "\n", 1);
    return b.s;
}

static void put_basic(buf *b, const PRJ_FILE_BASIC_INFO *i)
{
    putf(b, ",%d,%lld", i->IsDirectory ? 1 : 0, (long long)i->FileSize);
    putf(b, ",%lld,%lld", (long long)i->CreationTime.QuadPart, (long long)i->LastAccessTime.QuadPart);
    putf(b, ",%lld,%lld", (long long)i->LastWriteTime.QuadPart, (long long)i->ChangeTime.QuadPart);
    putf(b, ",%lu", (unsigned long)i->FileAttributes);
}

char *prjsim_agent_format_reply(const prjsim_agent_reply *rp)
{
    buf b = {0};
    putf(&b, "%llu %c %ld", (unsigned long long)rp->id, rp->kind, (long)rp->code);
    if (rp->reason) {
        put(&b, " reason='", 9);
        put_escaped(&b, rp->reason, strlen(rp->reason));
    }
    if (rp->has_put)
        putf(&b, " put=%lu", (unsigned long)rp->put);
    if (rp->has_bytes) {
        put(&b, " bytes=", 7);
        put_hex(&b, rp->bytes, rp->byte_count);
    }
    if (rp->has_info) {
        /* the leading comma of put_basic is the key's '=' here */
        size_t at = b.len;
        put(&b, " info", 5);
        put_basic(&b, &rp->info.basic);
        b.s[at + 5] = '=';
        putf(&b, ",%lu", (unsigned long)rp->info.link_count);
    }
    if (rp->has_entries) {
        putf(&b, " entries=%llu", (unsigned long long)rp->entry_count);
        for (size_t i = 0; i < rp->entry_count; i++) {
            put(&b, " entry=", 7);
            put_wide(&b, rp->entries[i].name);
            put_basic(&b, &rp->entries[i].basic);
        }
    }
    if (rp->has_state)
        putf(&b, " state=%lu", (unsigned long)rp->state);
    put(&b, "\n", 1);
    return b.s;
}

/* ---- reading ---- */

typedef struct rd {
    const char *s, *end; /* the line without its end */
    size_t lineno;
    char *err;
    size_t err_size;
    bool failed;
} rd;

static bool fail(rd *r, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    int n = snprintf(r->err, r->err_size, "line %zu: ", r->lineno);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->err_size)
        vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* The next space-separated token [*t, *t + *n); false at the end of the line. */
static bool token(rd *r, const char **t, size_t *n, const char *what)
{
    if (r->s >= r->end)
        return fail(r, "missing %s", what);
    const char *e = memchr(r->s, ' ', (size_t)(r->end - r->s));
    if (!e)
        e = r->end;
    if (e == r->s)
        return fail(r, "empty %s (two spaces in a row?)", what);
    *t = r->s;
    *n = (size_t)(e - r->s);
    r->s = e < r->end ? e + 1 : e;
    if (e < r->end && r->s == r->end)
        return fail(r, "a space at the end of the line");
    return true;
}

/* Shows at most 40 bytes of a token in a message, control bytes as '?'. */
static const char *shown(const char *t, size_t n, char out[48])
{
    size_t k = n < 40 ? n : 40;
    for (size_t i = 0; i < k; i++)
        out[i] = (unsigned char)t[i] < 0x20 || t[i] == 0x7F ? '?' : t[i];
    strcpy(out + k, n > 40 ? "..." : "");
    return out;
}

static bool number_in(rd *r, const char *t, size_t n, uint64_t max, uint64_t *v, const char *what)
{
    char s[48];
    uint64_t x = 0;
    if (n == 0 || n > 20)
        return fail(r, "expected a number for %s, got '%s'", what, shown(t, n, s));
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return fail(r, "expected a number for %s, got '%s'", what, shown(t, n, s));
        unsigned d = (unsigned)(t[i] - '0');
        if (d > max || x > (max - d) / 10)
            return fail(r, "%s out of range: '%s'", what, shown(t, n, s));
        x = x * 10 + d;
    }
    *v = x;
    return true;
}

static bool unsigned_arg(rd *r, uint64_t max, uint64_t *v, const char *what)
{
    const char *t = NULL;
    size_t n = 0;
    return token(r, &t, &n, what) && number_in(r, t, n, max, v, what);
}

static bool u32_arg(rd *r, uint32_t *v, const char *what)
{
    uint64_t x;
    if (!unsigned_arg(r, UINT32_MAX, &x, what))
        return false;
    *v = (uint32_t)x;
    return true;
}

static bool signed_in(rd *r, const char *t, size_t n, int64_t min, int64_t max, int64_t *v, const char *what)
{
    bool neg = n > 0 && t[0] == '-';
    uint64_t x;
    uint64_t limit = neg ? (uint64_t)(-(min + 1)) + 1 : (uint64_t)max;
    if (!number_in(r, t + neg, n - neg, limit, &x, what))
        return false;
    *v = neg ? (x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x) : (int64_t)x;
    return true;
}

static bool flag_arg(rd *r, bool *v, const char *what)
{
    const char *t = NULL;
    size_t n = 0;
    if (!token(r, &t, &n, what))
        return false;
    char s[48];
    if (n != 1 || (t[0] != '0' && t[0] != '1'))
        return fail(r, "expected 0 or 1 for %s, got '%s'", what, shown(t, n, s));
    *v = t[0] == '1';
    return true;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Undoes %XX escapes of [t, t + n) into a malloc'd, NUL-terminated string. */
static char *unescape(rd *r, const char *t, size_t n, size_t *out_len, const char *what)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '%') {
            if (i + 2 >= n) {
                free(s);
                fail(r, "%s: '%%' must be followed by two hex digits", what);
                return NULL;
            }
            int hi = hexval(t[i + 1]), lo = hexval(t[i + 2]);
            if (hi < 0 || lo < 0) {
                free(s);
                fail(r, "%s: '%%' must be followed by two hex digits", what);
                return NULL;
            }
            s[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F) {
            free(s);
            fail(r, "%s: a control byte must be written %%XX", what);
            return NULL;
        } else {
            s[k++] = t[i];
        }
    }
    s[k] = 0;
    *out_len = k;
    return s;
}

/* A string token (after its `'`) as a wide string: UTF-8, checked. */
static WCHAR *wide_from(rd *r, const char *t, size_t n, const char *what)
{
    size_t len;
    char *u = unescape(r, t, n, &len, what);
    if (!u)
        return NULL;
    WCHAR *w = malloc((len + 1) * 2 * sizeof *w);
    if (!w)
        abort();
    size_t k = 0;
    const unsigned char *s = (const unsigned char *)u;
    for (size_t i = 0; i < len;) {
        uint32_t c = s[i];
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        bool ok = extra >= 0 && i + (size_t)extra < len;
        if (ok && extra) {
            c &= 0x3Fu >> extra;
            for (int j = 1; j <= extra; j++) {
                if ((s[i + (size_t)j] & 0xC0) != 0x80)
                    ok = false;
                c = (c << 6) | (s[i + (size_t)j] & 0x3F);
            }
            static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
            if (c < least[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0)
                ok = false;
        }
        if (!ok || c == 0) {
            free(u);
            free(w);
            fail(r, "%s: not UTF-8 (or a NUL) at byte %zu", what, i);
            return NULL;
        }
        if (c >= 0x10000 && sizeof(WCHAR) == 2) {
            w[k++] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
            w[k++] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            w[k++] = (WCHAR)c;
        }
        i += (size_t)extra + 1;
    }
    w[k] = 0;
    free(u);
    return w;
}

static bool wide_arg(rd *r, WCHAR **out, bool nullable, const char *what)
{
    const char *t = NULL;
    size_t n = 0;
    if (!token(r, &t, &n, what))
        return false;
    if (n == 1 && t[0] == '~') {
        if (!nullable)
            return fail(r, "%s cannot be ~ (none)", what);
        *out = NULL;
        return true;
    }
    char s[48];
    if (t[0] != '\'')
        return fail(r, "expected a string ('TEXT) for %s, got '%s'", what, shown(t, n, s));
    *out = wide_from(r, t + 1, n - 1, what);
    return *out != NULL;
}

static bool hex_from(rd *r, const char *t, size_t n, unsigned char **data, size_t *len, const char *what)
{
    char s[48];
    if (n < 1 || t[0] != 'x' || (n - 1) % 2)
        return fail(r, "expected data (x and an even number of hex digits) for %s, got '%s'", what, shown(t, n, s));
    size_t k = (n - 1) / 2;
    unsigned char *d = malloc(k + 1);
    if (!d)
        abort();
    for (size_t i = 0; i < k; i++) {
        int hi = hexval(t[1 + 2 * i]), lo = hexval(t[2 + 2 * i]);
        if (hi < 0 || lo < 0) {
            free(d);
            return fail(r, "%s: '%s' is not hex", what, shown(t, n, s));
        }
        d[i] = (unsigned char)(hi * 16 + lo);
    }
    d[k] = 0;
    *data = d;
    *len = k;
    return true;
}

static void strip_end(rd *r)
{
    if (r->end > r->s && r->end[-1] == '\n')
        r->end--;
    if (r->end > r->s && r->end[-1] == '\r')
        r->end--;
}

static bool no_nul(rd *r)
{
    if (memchr(r->s, 0, (size_t)(r->end - r->s)))
        return fail(r, "a NUL byte in the line");
    if (memchr(r->s, '\n', (size_t)(r->end - r->s)))
        return fail(r, "a line break inside the line");
    return true;
}

void prjsim_agent_request_free(prjsim_agent_request *rq)
{
    free(rq->path);
    free(rq->path2);
    free(rq->pattern);
    free(rq->data);
    rq->path = rq->path2 = rq->pattern = NULL;
    rq->data = NULL;
}

static bool request_args(rd *r, prjsim_agent_request *rq)
{
    for (const char *a = ops[rq->op].args; *a; a++) {
        const char *t = NULL;
        size_t n = 0;
        char s[48];
        bool ok = true;
        switch (*a) {
        case 'h':
            if (!token(r, &t, &n, "handle name"))
                return false;
            ok = n <= PRJSIM_AGENT_MAX_NAME;
            for (size_t i = 0; ok && i < n; i++)
                ok = (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') ||
                     t[i] == '_';
            if (!ok)
                return fail(r, "expected a handle name ([A-Za-z0-9_], at most %d), got '%s'", PRJSIM_AGENT_MAX_NAME,
                            shown(t, n, s));
            memcpy(rq->handle, t, n);
            rq->handle[n] = 0;
            break;
        case 'p':
            ok = wide_arg(r, &rq->path, rq->op == PRJSIM_AGENT_CALLER,
                          rq->op == PRJSIM_AGENT_CALLER ? "image" : "path");
            break;
        case 'q': ok = wide_arg(r, &rq->path2, false, rq->op == PRJSIM_AGENT_SYMLINK ? "target" : "new path"); break;
        case 'P': ok = wide_arg(r, &rq->pattern, true, "pattern"); break;
        case 'a': ok = u32_arg(r, &rq->access, "access"); break;
        case 's': ok = u32_arg(r, &rq->share, "share mode"); break;
        case 'd': ok = u32_arg(r, &rq->disposition, "disposition"); break;
        case 'f': ok = u32_arg(r, &rq->flags, "flags"); break;
        case 't': ok = u32_arg(r, &rq->attributes, "attributes"); break;
        case 'b': ok = u32_arg(r, &rq->buffer_bytes, "buffer size"); break;
        case 'n': ok = u32_arg(r, &rq->process_id, "process id"); break;
        case 'i': ok = unsigned_arg(r, UINT64_MAX, &rq->target, "request id to cancel"); break;
        case 'o': ok = unsigned_arg(r, UINT64_MAX, &rq->offset, "offset"); break;
        case 'z':
            ok = unsigned_arg(r, rq->op == PRJSIM_AGENT_READ ? UINT32_MAX : UINT64_MAX, &rq->size,
                              rq->op == PRJSIM_AGENT_READ ? "length" : "size");
            break;
        case 'T':
            for (int i = 0; ok && i < 4; i++)
                ok = token(r, &t, &n, "time") && signed_in(r, t, n, INT64_MIN, INT64_MAX, &rq->times[i], "time");
            break;
        case 'B': ok = flag_arg(r, &rq->flag, "flag"); break;
        case 'x':
            ok = token(r, &t, &n, "data") && hex_from(r, t, n, &rq->data, &rq->data_len, "data");
            break;
        }
        if (!ok)
            return false;
    }
    if (r->s < r->end) {
        char s[48];
        return fail(r, "%s takes %zu arguments; unexpected '%s'", ops[rq->op].name, strlen(ops[rq->op].args) +
                    (strchr(ops[rq->op].args, 'T') ? 3 : 0), shown(r->s, (size_t)(r->end - r->s), s));
    }
    return true;
}

bool prjsim_agent_parse_request(const char *text, size_t len, size_t lineno, prjsim_agent_request *rq,
                                uint64_t *id_out, char *err, size_t err_size)
{
    rd r = {text, text + len, lineno, err, err_size, false};
    memset(rq, 0, sizeof *rq);
    if (id_out)
        *id_out = 0;
    strip_end(&r);
    if (!no_nul(&r))
        return false;
    const char *t = NULL;
    size_t n = 0;
    char s[48];
    if (!unsigned_arg(&r, UINT64_MAX, &rq->id, "request id"))
        return false;
    if (rq->id == 0)
        return fail(&r, "request id 0 is reserved (replies to lines without an id)");
    if (id_out)
        *id_out = rq->id;
    if (!token(&r, &t, &n, "operation"))
        return false;
    size_t op = 0;
    while (op < PRJSIM_AGENT_OP_COUNT_ && !(strlen(ops[op].name) == n && !memcmp(ops[op].name, t, n)))
        op++;
    if (op == PRJSIM_AGENT_OP_COUNT_)
        return fail(&r, "unknown operation '%s'", shown(t, n, s));
    rq->op = (prjsim_agent_op)op;
    if (!request_args(&r, rq)) {
        prjsim_agent_request_free(rq);
        return false;
    }
    return true;
}

void prjsim_agent_reply_free(prjsim_agent_reply *rp)
{
    free(rp->reason);
    free(rp->bytes);
    free(rp->entries);
    rp->reason = NULL;
    rp->bytes = NULL;
    rp->entries = NULL;
}

/* The comma-separated fields of a value [t, t + n) into @p f (at most @p max). */
static size_t fields(const char *t, size_t n, const char **f, size_t *fl, size_t max)
{
    size_t k = 0;
    const char *e = t + n;
    while (k < max) {
        const char *c = memchr(t, ',', (size_t)(e - t));
        f[k] = t;
        fl[k] = (size_t)((c ? c : e) - t);
        k++;
        if (!c)
            return k;
        t = c + 1;
    }
    return max + 1; /* too many */
}

/* DIR,SIZE,CTIME,ATIME,WTIME,CHTIME,ATTR from fields @p f. */
static bool basic_from(rd *r, const char **f, const size_t *fl, PRJ_FILE_BASIC_INFO *b, const char *what)
{
    int64_t v[6];
    uint64_t attr;
    char s[48];
    if (fl[0] != 1 || (f[0][0] != '0' && f[0][0] != '1'))
        return fail(r, "%s: expected 0 or 1 for the directory flag, got '%s'", what, shown(f[0], fl[0], s));
    for (int i = 0; i < 5; i++)
        if (!signed_in(r, f[1 + i], fl[1 + i], INT64_MIN, INT64_MAX, &v[i], what))
            return false;
    if (!number_in(r, f[6], fl[6], UINT32_MAX, &attr, what))
        return false;
    b->IsDirectory = f[0][0] == '1';
    b->FileSize = v[0];
    b->CreationTime.QuadPart = v[1];
    b->LastAccessTime.QuadPart = v[2];
    b->LastWriteTime.QuadPart = v[3];
    b->ChangeTime.QuadPart = v[4];
    b->FileAttributes = (UINT32)attr;
    return true;
}

static bool reply_output(rd *r, prjsim_agent_reply *rp, const char *t, size_t n, size_t *entries_left)
{
    char s[48];
    const char *eq = memchr(t, '=', n);
    if (!eq)
        return fail(r, "expected an output KEY=VALUE, got '%s'", shown(t, n, s));
    size_t kn = (size_t)(eq - t);
    const char *v = eq + 1;
    size_t vn = n - kn - 1;
#define KEY(k) (kn == sizeof(k) - 1 && !memcmp(t, k, kn))
    if (*entries_left && !KEY("entry"))
        return fail(r, "%zu entries missing before '%s'", *entries_left, shown(t, n, s));
    if (KEY("reason") && !rp->reason) {
        size_t len;
        if (vn < 1 || v[0] != '\'')
            return fail(r, "reason: expected a string ('TEXT)");
        rp->reason = unescape(r, v + 1, vn - 1, &len, "reason");
        return rp->reason != NULL;
    }
    if (KEY("put") && !rp->has_put) {
        uint64_t x;
        if (!number_in(r, v, vn, UINT32_MAX, &x, "put"))
            return false;
        rp->put = (uint32_t)x;
        return rp->has_put = true;
    }
    if (KEY("bytes") && !rp->has_bytes)
        return rp->has_bytes = hex_from(r, v, vn, &rp->bytes, &rp->byte_count, "bytes");
    if (KEY("info") && !rp->has_info) {
        const char *f[9];
        size_t fl[9];
        uint64_t links;
        if (fields(v, vn, f, fl, 8) != 8)
            return fail(r, "info: expected 8 fields DIR,SIZE,CTIME,ATIME,WTIME,CHTIME,ATTR,LINKS");
        if (!basic_from(r, f, fl, &rp->info.basic, "info") || !number_in(r, f[7], fl[7], UINT32_MAX, &links, "info"))
            return false;
        rp->info.link_count = (UINT32)links;
        return rp->has_info = true;
    }
    if (KEY("entries") && !rp->has_entries) {
        uint64_t count;
        /* each entry takes at least 20 bytes of the line: a count the line cannot hold is refused
         * before anything is allocated for it */
        if (!number_in(r, v, vn, (uint64_t)(r->end - r->s) / 16 + 1, &count, "entries"))
            return false;
        rp->entries = calloc((size_t)count + 1, sizeof *rp->entries);
        if (!rp->entries)
            abort();
        *entries_left = (size_t)count;
        return rp->has_entries = true;
    }
    if (KEY("entry") && *entries_left) {
        const char *f[9];
        size_t fl[9];
        if (fields(v, vn, f, fl, 8) != 8 || fl[0] < 1 || f[0][0] != '\'')
            return fail(r, "entry: expected 'NAME,DIR,SIZE,CTIME,ATIME,WTIME,CHTIME,ATTR");
        prjsim_dir_entry *e = &rp->entries[rp->entry_count];
        WCHAR *name = wide_from(r, f[0] + 1, fl[0] - 1, "entry name");
        if (!name)
            return false;
        size_t wn = 0;
        while (name[wn])
            wn++;
        if (wn > MAX_PATH) {
            free(name);
            return fail(r, "entry name longer than %d", MAX_PATH);
        }
        memcpy(e->name, name, (wn + 1) * sizeof *name);
        free(name);
        if (!basic_from(r, f + 1, fl + 1, &e->basic, "entry"))
            return false;
        rp->entry_count++;
        (*entries_left)--;
        return true;
    }
    if (KEY("state") && !rp->has_state) {
        uint64_t x;
        if (!number_in(r, v, vn, UINT32_MAX, &x, "state"))
            return false;
        rp->state = (uint32_t)x;
        return rp->has_state = true;
    }
#undef KEY
    return fail(r, "unknown or repeated output '%.*s'", (int)(kn < 40 ? kn : 40), t);
}

bool prjsim_agent_parse_reply(const char *text, size_t len, size_t lineno, prjsim_agent_reply *rp, char *err,
                              size_t err_size)
{
    rd r = {text, text + len, lineno, err, err_size, false};
    memset(rp, 0, sizeof *rp);
    strip_end(&r);
    if (!no_nul(&r))
        return false;
    const char *t = NULL;
    size_t n = 0;
    char s[48];
    int64_t code;
    if (!unsigned_arg(&r, UINT64_MAX, &rp->id, "reply id"))
        return false;
    if (!token(&r, &t, &n, "result kind"))
        return false;
    if (n != 1 || !strchr("SWUHE", t[0]))
        return fail(&r, "unknown result kind '%s' (S, W, U, H, E)", shown(t, n, s));
    rp->kind = t[0];
    if (!token(&r, &t, &n, "result code") || !signed_in(&r, t, n, INT32_MIN, UINT32_MAX, &code, "result code"))
        return false;
    rp->code = (int32_t)(uint32_t)(uint64_t)code;
    size_t entries_left = 0;
    while (r.s < r.end) {
        if (!token(&r, &t, &n, "output") || !reply_output(&r, rp, t, n, &entries_left)) {
            prjsim_agent_reply_free(rp);
            return false;
        }
    }
    if (entries_left) {
        prjsim_agent_reply_free(rp);
        return fail(&r, "%zu entries missing at the end of the line", entries_left);
    }
    if ((rp->kind == 'U' || rp->kind == 'E') && !rp->reason) {
        prjsim_agent_reply_free(rp);
        return fail(&r, "a reply of kind %c needs reason=", rp->kind);
    }
    return true;
}

int prjsim_agent_read_line(FILE *in, char **line, size_t *len)
{
    size_t cap = 256, n = 0;
    char *s = malloc(cap);
    if (!s)
        abort();
    int c;
    bool too_long = false;
    while ((c = getc(in)) != EOF) {
        if (!too_long) {
            if (n + 2 > cap) {
                if (cap >= PRJSIM_AGENT_MAX_LINE) {
                    too_long = true;
                    continue;
                }
                cap *= 2;
                s = realloc(s, cap);
                if (!s)
                    abort();
            }
            s[n++] = (char)c;
        }
        if (c == '\n')
            break;
    }
    if (too_long) {
        free(s);
        *line = NULL;
        *len = 0;
        return -1;
    }
    if (n == 0) {
        free(s);
        *line = NULL;
        *len = 0;
        return 0;
    }
    s[n] = 0;
    *line = s;
    *len = n;
    return 1;
}
