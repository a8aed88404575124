/* SPDX-License-Identifier: MIT */
/*
 * The operations of a random run: drawn with weights from what the model knows, run on the
 * simulator through prjsim/client.h, and checked against the model: the status, the bytes read,
 * the listing (names, order, sizes), the attributes, and PrjGetOnDiskFileState of every path
 * the operation touched. Each operation opens and closes its own handles, so any subsequence
 * of a log is a valid log (what delta debugging needs). With a scenario file open, each
 * operation is also written as scenario statements with the model's expectations.
 */
#include "random_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define RO FILE_ATTRIBUTE_READONLY
#define TIME_BASE 133485408000000000LL /* 2024-01-01 */

uint64_t rnd_next(rnd_rng *r)
{
    /* splitmix64: any seed, 0 included, gives a good stream. */
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint32_t rnd_below(rnd_rng *r, uint32_t n)
{
    return n ? (uint32_t)(rnd_next(r) % n) : 0;
}

static const char *const kind_names[RND_KIND_COUNT] = {
    "open", "read", "write", "truncate", "setattr", "delete",
    "rename", "list", "mkdir", "stat", "restart", "query", "provider-update", "provider-delete", "fresh"};

bool prjconf_random_set_weights(const char *text)
{
    unsigned w[RND_KIND_COUNT];
    memcpy(w, rnd_weights, sizeof w);
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "=,");
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), p);
        rnd_kind k;
        if (p[n] != '=' || !rnd_kind_from_name(name, &k))
            return false;
        char *end;
        unsigned long v = strtoul(p + n + 1, &end, 10);
        if (end == p + n + 1 || (*end && *end != ',') || v > 1000)
            return false;
        w[k] = (unsigned)v;
        p = *end ? end + 1 : end;
    }
    unsigned total = 0;
    for (unsigned k = 0; k < RND_KIND_COUNT; k++)
        total += w[k];
    if (!total)
        return false;
    memcpy(rnd_weights, w, sizeof w);
    return true;
}

const char *rnd_kind_name(rnd_kind k)
{
    return (unsigned)k < RND_KIND_COUNT ? kind_names[k] : "?";
}

bool rnd_kind_from_name(const char *name, rnd_kind *out)
{
    for (unsigned k = 0; k < RND_KIND_COUNT; k++)
        if (!strcmp(kind_names[k], name)) {
            *out = (rnd_kind)k;
            return true;
        }
    return false;
}

/* ---- The model from the crawl ---- */

void rnd_model_from_crawl(rnd_run *r)
{
    prjconf_ctx *c = r->c;
    size_t rootlen = wcslen(c->root);
    for (size_t k = 0; k < c->item_count; k++) {
        const prjconf_item *it = &c->items[k];
        const WCHAR *rel = it->path + rootlen + 1;
        if (wcslen(rel) >= RND_PATH - 40)
            continue; /* leaves room for the names the generator adds */
        model_add_projected(&r->m, rel, it->basic.IsDirectory, (UINT64)it->basic.FileSize,
                            it->basic.FileAttributes);
    }
    /* The crawl opened each directory it listed: they are placeholders now. */
    for (size_t k = 1; k < c->dir_count; k++) {
        const WCHAR *rel = c->dirs[k].path + rootlen + 1;
        if (wcslen(rel) < RND_PATH - 40)
            model_crawled_dir(&r->m, rel);
    }
}

/* ---- Generating ---- */

unsigned rnd_weights[RND_KIND_COUNT] = {
    [RND_OPEN] = 10, [RND_READ] = 20, [RND_WRITE] = 14, [RND_TRUNCATE] = 5,
    [RND_SETATTR] = 6, [RND_DELETE] = 9, [RND_RENAME] = 8, [RND_LIST] = 14,
    [RND_MKDIR] = 4, [RND_STAT] = 8, [RND_RESTART] = 1,
    [RND_QUERY] = 6, [RND_PUPDATE] = 4, [RND_PDELETE] = 3};

static const WCHAR *const new_names[] = {L"new.txt", L"New.TXT", L"n1", L"x.dat", L"zz", L"a b.txt"};
static const WCHAR *const patterns[] = {L"", L"*", L"*.txt", L"?", L"a*", L"*e*", L"*.*", L"N*"};
static const UINT32 buffers[] = {0, 256, 512, 1000, 4096};

static void copy(WCHAR *dst, const WCHAR *src, size_t n)
{
    wcsncpy(dst, src, n - 1);
    dst[n - 1] = 0;
}

/* A random known path, sometimes with its letters' case flipped. */
static void pick_existing(rnd_run *r, rnd_rng *g, WCHAR *out)
{
    if (!r->m.count) {
        copy(out, new_names[0], RND_PATH);
        return;
    }
    copy(out, r->m.n[rnd_below(g, (uint32_t)r->m.count)].rel, RND_PATH);
    if (rnd_below(g, 4) == 0)
        for (WCHAR *p = out; *p; p++)
            if (rnd_below(g, 2) && *p < 0x80 && iswalpha((wint_t)*p))
                *p = (WCHAR)(iswupper((wint_t)*p) ? towlower((wint_t)*p) : towupper((wint_t)*p));
}

static unsigned depth_of(const WCHAR *rel)
{
    unsigned d = rel[0] ? 1 : 0;
    for (; *rel; rel++)
        d += *rel == L'\\';
    return d;
}

/* A directory the model knows ("" = the root). New names go at most three levels deep, so that
 * the names a long run can reach stay a bounded set. */
static void pick_dir(rnd_run *r, rnd_rng *g, WCHAR *out, bool for_new)
{
    out[0] = 0;
    if (!r->m.count || rnd_below(g, 6) == 0)
        return;
    size_t i = rnd_below(g, (uint32_t)r->m.count);
    if (!model_is_dir(&r->m, i))
        i = r->m.n[i].parent;
    while (for_new && i != SIZE_MAX && depth_of(r->m.n[i].rel) > 2)
        i = r->m.n[i].parent;
    if (i != SIZE_MAX && wcslen(r->m.n[i].rel) < RND_PATH - 20)
        copy(out, r->m.n[i].rel, RND_PATH);
}

static void pick_new(rnd_run *r, rnd_rng *g, WCHAR *out)
{
    WCHAR dir[RND_PATH];
    pick_dir(r, g, dir, true);
    const WCHAR *name = new_names[rnd_below(g, sizeof new_names / sizeof new_names[0])];
    if (dir[0])
        swprintf(out, RND_PATH, L"%ls\\%ls", dir, name);
    else
        copy(out, name, RND_PATH);
}

static void pick_path(rnd_run *r, rnd_rng *g, WCHAR *out, unsigned new_percent)
{
    if (rnd_below(g, 100) < new_percent)
        pick_new(r, g, out);
    else
        pick_existing(r, g, out);
}

static UINT64 size_of(rnd_run *r, const WCHAR *rel)
{
    size_t i = model_find(&r->m, rel);
    return i == SIZE_MAX || !model_visible(&r->m, i) ? 0 : model_size(&r->m, i);
}

void rnd_generate(rnd_run *r, rnd_rng *g, rnd_op *op)
{
    memset(op, 0, sizeof *op);
    unsigned total = 0;
    for (unsigned k = 0; k < RND_KIND_COUNT; k++)
        total += rnd_weights[k];
    unsigned pick = rnd_below(g, total ? total : 1);
    unsigned k = 0;
    while (k + 1 < RND_KIND_COUNT && pick >= rnd_weights[k])
        pick -= rnd_weights[k++];
    op->kind = (rnd_kind)k;
    op->fill = rnd_below(g, 26);
    switch (op->kind) {
    case RND_OPEN: {
        pick_path(r, g, op->path, 30);
        op->disp = 1 + rnd_below(g, 5);
        static const UINT32 acc[] = {GENERIC_READ, GENERIC_READ | GENERIC_WRITE, DELETE,
                                     FILE_READ_ATTRIBUTES, GENERIC_WRITE};
        op->access = acc[rnd_below(g, 5)];
        unsigned f = rnd_below(g, 10);
        op->flags = f < 5 ? 0 : f < 7 ? PRJSIM_OPEN_DIRECTORY : PRJSIM_OPEN_NON_DIRECTORY;
        if (op->disp == CREATE_ALWAYS || op->disp == TRUNCATE_EXISTING)
            op->access |= GENERIC_WRITE;
        if (op->access & GENERIC_WRITE)
            op->flags = PRJSIM_OPEN_NON_DIRECTORY;
        if (op->flags & PRJSIM_OPEN_DIRECTORY)
            op->access = GENERIC_READ;
        unsigned a = rnd_below(g, 10);
        op->attrs = a == 0 ? RO : a == 1 ? FILE_ATTRIBUTE_HIDDEN : 0;
        break;
    }
    case RND_READ:
        pick_path(r, g, op->path, 5);
        op->off = rnd_below(g, (uint32_t)size_of(r, op->path) + 3);
        op->len = rnd_below(g, 4) == 0 ? 4096 : 1 + rnd_below(g, 64);
        break;
    case RND_WRITE: {
        pick_path(r, g, op->path, 20);
        static const UINT32 disps[] = {OPEN_EXISTING, OPEN_ALWAYS, CREATE_ALWAYS, CREATE_NEW};
        op->disp = disps[rnd_below(g, 4)];
        op->access = rnd_below(g, 3) ? GENERIC_READ | GENERIC_WRITE : GENERIC_WRITE;
        op->off = rnd_below(g, (uint32_t)size_of(r, op->path) + 9);
        op->len = 1 + rnd_below(g, 64);
        break;
    }
    case RND_TRUNCATE:
        pick_path(r, g, op->path, 5);
        op->off = rnd_below(g, (uint32_t)size_of(r, op->path) + 17);
        break;
    case RND_SETATTR: {
        pick_path(r, g, op->path, 5);
        unsigned a = rnd_below(g, 3);
        op->attrs = a == 0 ? 0 : a == 1 ? RO : FILE_ATTRIBUTE_NORMAL;
        op->replace = op->attrs == 0 || rnd_below(g, 2); /* set a time too */
        break;
    }
    case RND_DELETE: {
        pick_path(r, g, op->path, 5);
        size_t i = model_find(&r->m, op->path);
        bool is_dir = i != SIZE_MAX && model_is_dir(&r->m, i);
        op->dir = rnd_below(g, 5) ? is_dir : !is_dir;
        break;
    }
    case RND_RENAME:
        pick_path(r, g, op->path, 5);
        pick_path(r, g, op->path2, 50);
        op->replace = rnd_below(g, 2);
        break;
    case RND_LIST: {
        pick_dir(r, g, op->path, false);
        unsigned p = rnd_below(g, (uint32_t)(sizeof patterns / sizeof patterns[0]) + 1);
        if (p < sizeof patterns / sizeof patterns[0]) {
            copy(op->pattern, patterns[p], 32);
        } else if (r->m.count) {
            copy(op->pattern, model_leaf(r->m.n[rnd_below(g, (uint32_t)r->m.count)].rel), 32);
        }
        op->buffer = buffers[rnd_below(g, sizeof buffers / sizeof buffers[0])];
        break;
    }
    case RND_MKDIR:
        pick_path(r, g, op->path, 80);
        break;
    case RND_QUERY: {
        pick_dir(r, g, op->path, false);
        const size_t np = sizeof patterns / sizeof patterns[0];
        copy(op->pattern, patterns[rnd_below(g, (uint32_t)np)], 32);
        copy(op->path2, patterns[rnd_below(g, (uint32_t)np)], 32);
        op->buffer = buffers[1 + rnd_below(g, sizeof buffers / sizeof buffers[0] - 1)];
        op->dir = rnd_below(g, 2); /* RETURN_SINGLE_ENTRY on the first query */
        break;
    }
    case RND_STAT:
        pick_path(r, g, op->path, 15);
        break;
    case RND_PUPDATE:
    case RND_PDELETE: {
        pick_existing(r, g, op->path);
        static const UINT32 allow[] = {PRJ_UPDATE_ALLOW_DIRTY_METADATA, PRJ_UPDATE_ALLOW_DIRTY_DATA,
                                       PRJ_UPDATE_ALLOW_TOMBSTONE, PRJ_UPDATE_ALLOW_READ_ONLY};
        for (size_t k = 0; k < 4; k++)
            if (rnd_below(g, 2))
                op->flags |= allow[k];
        op->len = rnd_below(g, 4); /* the ContentID: 0 the store's, k "v<k>" */
        size_t i = model_find(&r->m, op->path);
        /* Only the reference provider's context is ours to call with; an update needs an item
         * the store has, of the kind on disk. */
        if (!r->c->tree || r->c->host || i == SIZE_MAX)
            op->kind = RND_STAT;
        else if (op->kind == RND_PUPDATE &&
                 (!r->m.n[i].proj || ((r->m.n[i].disk == MD_PH || r->m.n[i].disk == MD_FULL) &&
                                      r->m.n[i].dir != r->m.n[i].proj_dir)))
            op->kind = RND_PDELETE;
        break;
    }
    default:
        break;
    }
}

/* ---- Running and checking ---- */

static void full_path(const prjconf_ctx *c, const WCHAR *rel, WCHAR *out)
{
    if (rel[0])
        swprintf(out, MAX_PATH, L"%ls\\%ls", c->root, rel);
    else
        copy(out, c->root, MAX_PATH);
}

static bool finding(rnd_run *r, const rnd_op *op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool finding(rnd_run *r, const rnd_op *op, const char *fmt, ...)
{
    if (r->failed)
        return false;
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    char *path = prjsim_trace_utf8(op->path);
    snprintf(r->message, sizeof r->message, "op %llu (%s %s): %s", (unsigned long long)r->index,
             rnd_kind_name(op->kind), path && *path ? path : "\"\"", what);
    free(path);
    r->failed = true;
    return false;
}

static const char *st(char *b, NTSTATUS s)
{
    return prjsim_format_code(b, 96, s, true);
}

static bool same_status(rnd_run *r, const rnd_op *op, const char *what, NTSTATUS want, NTSTATUS got)
{
    r->last_status = got;
    if (want == got)
        return true;
    char a[96], b[96];
    return finding(r, op, "%s: the model expects %s, the simulator returned %s", what, st(a, want),
                   st(b, got));
}

/* Scenario output. */
static void scn(rnd_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void scn(rnd_run *r, const char *fmt, ...)
{
    if (!r->scn)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(r->scn, fmt, ap);
    va_end(ap);
}

/* A crash in the next call leaves the scenario written up to it. */
static void scn_flush(rnd_run *r)
{
    if (r->scn)
        fflush(r->scn);
}

static void scn_path(rnd_run *r, const WCHAR *rel)
{
    if (!r->scn)
        return;
    WCHAR full[MAX_PATH];
    full_path(r->c, rel, full);
    fputc(' ', r->scn);
    rnd_scn_word(r->scn, full);
}

static void scn_status(rnd_run *r, NTSTATUS want)
{
    if (r->scn && want != STATUS_SUCCESS)
        fprintf(r->scn, "expect %s\n", prjsim_status_name(want) ? prjsim_status_name(want) : "?");
}

static void scn_access(rnd_run *r, UINT32 a)
{
    if (!r->scn)
        return;
    const char *sep = " access=";
    struct { UINT32 bit; const char *name; } names[] = {
        {GENERIC_READ, "read"}, {GENERIC_WRITE, "write"}, {DELETE, "delete"},
        {FILE_READ_ATTRIBUTES, "read_attributes"}, {FILE_WRITE_ATTRIBUTES, "write_attributes"}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (a & names[k].bit) {
            fprintf(r->scn, "%s%s", sep, names[k].name);
            sep = ",";
        }
}

static const char *disp_name(UINT32 d)
{
    static const char *const n[] = {"?", "create_new", "create_always", "open_existing",
                                    "open_always", "truncate_existing"};
    return d <= 5 ? n[d] : "?";
}

static void scn_open(rnd_run *r, const WCHAR *rel, UINT32 access, UINT32 disp, UINT32 flags,
                     UINT32 attrs)
{
    if (!r->scn)
        return;
    fprintf(r->scn, "open h%llu", (unsigned long long)r->index);
    scn_path(r, rel);
    scn_access(r, access);
    fprintf(r->scn, " disp=%s", disp_name(disp));
    if (flags)
        fprintf(r->scn, " flags=%s", flags & PRJSIM_OPEN_DIRECTORY ? "directory" : "non_directory");
    if (attrs & RO)
        fprintf(r->scn, " attr=readonly");
    else if (attrs & FILE_ATTRIBUTE_HIDDEN)
        fprintf(r->scn, " attr=hidden");
    fputc('\n', r->scn);
}

static void scn_data(rnd_run *r, const unsigned char *d, size_t n)
{
    if (!r->scn)
        return;
    if (n > 256) {
        fprintf(r->scn, "expect data size=%zu\n", n);
        return;
    }
    fprintf(r->scn, "expect data \"");
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = d[k];
        if (ch == '"' || ch == '\\')
            fprintf(r->scn, "\\%c", ch);
        else if (ch >= 0x20 && ch < 0x7f)
            fputc(ch, r->scn);
        else
            fprintf(r->scn, "\\x%02x", ch);
    }
    fprintf(r->scn, "\"\n");
}

/* PrjGetOnDiskFileState of node @p i against the model. */
static bool check_state(rnd_run *r, const rnd_op *op, size_t i)
{
    if (i == SIZE_MAX || r->failed)
        return !r->failed;
    UINT32 want_state;
    HRESULT want = model_disk_state(&r->m, i, &want_state);
    WCHAR full[MAX_PATH];
    full_path(r->c, r->m.n[i].rel, full);
    PRJ_FILE_STATE got_state = 0;
    HRESULT got = PrjGetOnDiskFileState(full, &got_state);
    char name[64];
    if (r->scn) {
        /* A provider program's scenario can only name on-disk states (README: Against a
         * provider program); the others stay as comments. */
        bool on_disk = r->m.n[i].disk == MD_PH || r->m.n[i].disk == MD_FULL;
        fprintf(r->scn, "%sexpect state", r->c->host && !on_disk ? "# " : "");
        scn_path(r, r->m.n[i].rel);
        fprintf(r->scn, " %s\n", model_state_name(&r->m, i, name, sizeof name));
    }
    if (got != want || (got == S_OK && got_state != want_state)) {
        char a[96], b[96];
        return finding(r, op, "PrjGetOnDiskFileState(%ls): the model expects %s state 0x%x (%s), "
                       "the simulator returned %s state 0x%x", full,
                       prjsim_format_code(a, sizeof a, want, false), want_state,
                       model_state_name(&r->m, i, name, sizeof name),
                       prjsim_format_code(b, sizeof b, got, false), (unsigned)got_state);
    }
    return true;
}

static bool check_path_states(rnd_run *r, const rnd_op *op, const WCHAR *rel)
{
    if (!rel[0])
        return true;
    size_t i = model_find(&r->m, rel);
    size_t chain[64], n = 0;
    for (size_t p = i; p != SIZE_MAX && n < 64; p = r->m.n[p].parent)
        chain[n++] = p;
    while (n > 0)
        if (!check_state(r, op, chain[--n]))
            return false;
    return true;
}

bool rnd_check_all(rnd_run *r)
{
    rnd_op none;
    memset(&none, 0, sizeof none);
    none.kind = RND_STAT;
    wcscpy(none.path, L"(every path)");
    FILE *keep = r->scn;
    r->scn = NULL;
    for (size_t i = 0; i < r->m.count && !r->failed; i++)
        check_state(r, &none, i);
    r->scn = keep;
    return !r->failed;
}

/* Opens on both sides; returns the handle or NULL (status compared). */
static prjsim_handle *open_both(rnd_run *r, const rnd_op *op, const WCHAR *rel, UINT32 access,
                                UINT32 disp, UINT32 flags, UINT32 attrs, size_t *leaf, bool *ok)
{
    WCHAR full[MAX_PATH];
    full_path(r->c, rel, full);
    NTSTATUS want = model_open(&r->m, rel, access, disp, flags, attrs, leaf);
    prjsim_handle *h = NULL;
    scn_open(r, rel, access, disp, flags, attrs);
    scn_status(r, want);
    scn_flush(r);
    NTSTATUS got = prjsim_client_open(&h, r->c->sim, full, access, disp, flags, attrs);
    *ok = same_status(r, op, "open", want, got);
    if (got != STATUS_SUCCESS)
        h = NULL;
    if (!*ok && h) {
        prjsim_client_close(h);
        h = NULL;
    }
    return h;
}

static void close_both(rnd_run *r, prjsim_handle *h)
{
    if (!h)
        return;
    NTSTATUS s = prjsim_client_close(h);
    scn(r, "close h%llu\n", (unsigned long long)r->index);
    if (s != STATUS_SUCCESS) {
        rnd_op o;
        memset(&o, 0, sizeof o);
        char b[96];
        finding(r, &o, "close returned %s", st(b, s));
    }
}

/* Learns the data of a file the model had not seen, through a handle with read access. */
static bool adopt_data(rnd_run *r, const rnd_op *op, prjsim_handle *h, size_t i)
{
    mnode *x = &r->m.n[i];
    if (x->data_known || x->dir)
        return true;
    unsigned char *d = malloc(x->size ? (size_t)x->size : 1);
    if (!d)
        abort();
    UINT32 got = 0;
    NTSTATUS s = x->size ? prjsim_client_read(h, 0, d, (UINT32)x->size, &got) : STATUS_SUCCESS;
    if (s != STATUS_SUCCESS || got != x->size) {
        free(d);
        char b[96];
        return finding(r, op, "reading the whole file (%llu bytes) to learn its data: %s, %u bytes",
                       (unsigned long long)x->size, st(b, s), got);
    }
    free(x->data);
    x->data = d;
    x->data_known = true;
    return true;
}

static void fill_data(unsigned char *d, UINT32 len, UINT64 off, UINT32 fill)
{
    for (UINT32 k = 0; k < len; k++)
        d[k] = (unsigned char)('a' + (fill + off + k) % 26);
}

static bool check_diags(rnd_run *r, const rnd_op *op)
{
    size_t n = prjsim_trace_count_all_diags(r->c->sim);
    if (!n)
        return true;
    for (unsigned d = 0; d < PRJSIM_DIAG_COUNT_; d++)
        if (prjsim_trace_count_diag(r->c->sim, (prjsim_diag)d))
            return finding(r, op, "diagnostic %s: %s", prjsim_diag_name((prjsim_diag)d),
                           prjsim_diag_text((prjsim_diag)d));
    return finding(r, op, "a diagnostic was recorded");
}

static bool run_list(rnd_run *r, const rnd_op *op)
{
    WCHAR full[MAX_PATH];
    full_path(r->c, op->path, full);
    size_t *want = NULL, nwant = 0;
    NTSTATUS ws = model_list(&r->m, op->path, op->pattern, &want, &nwant);
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    /* random mode runs through the sim backend only (prjconf refuses --random with another): an NTSTATUS */
    NTSTATUS gs = prjconf_list(r->c, full, op->pattern[0] ? op->pattern : NULL, op->buffer, &e, &n).code;
    if (r->scn) {
        fprintf(r->scn, "list");
        scn_path(r, op->path);
        if (op->pattern[0]) {
            fprintf(r->scn, " pattern=");
            rnd_scn_word(r->scn, op->pattern);
        }
        if (op->buffer)
            fprintf(r->scn, " buffer=%u", op->buffer);
        fputc('\n', r->scn);
        if (ws != STATUS_SUCCESS) {
            scn_status(r, ws);
        } else {
            bool dots = model_match(op->pattern, L".");
            bool dotdot = model_match(op->pattern, L"..");
            fprintf(r->scn, "expect listing%s%s", dots ? " ." : "", dotdot ? " .." : "");
            for (size_t k = 0; k < nwant; k++) {
                fputc(' ', r->scn);
                rnd_scn_word(r->scn, model_leaf(r->m.n[want[k]].rel));
            }
            fputc('\n', r->scn);
        }
    }
    bool ok = same_status(r, op, "listing", ws, gs);
    if (ok && ws == STATUS_SUCCESS) {
        size_t k = 0;
        for (; k < nwant && k < n && ok; k++) {
            const mnode *x = &r->m.n[want[k]];
            if (model_compare(model_leaf(x->rel), e[k].name) != 0)
                ok = finding(r, op, "listing entry %zu: the model expects %ls, the simulator listed %ls",
                             k, model_leaf(x->rel), e[k].name);
            else if (!!e[k].basic.IsDirectory != model_is_dir(&r->m, want[k]))
                ok = finding(r, op, "listing entry %ls: IsDirectory %d", e[k].name, (int)e[k].basic.IsDirectory);
            else if (!model_is_dir(&r->m, want[k]) &&
                     (UINT64)e[k].basic.FileSize != model_size(&r->m, want[k]))
                ok = finding(r, op, "listing entry %ls: the model expects size %llu, the simulator %lld",
                             e[k].name, (unsigned long long)model_size(&r->m, want[k]),
                             (long long)e[k].basic.FileSize);
        }
        if (ok && n != nwant)
            ok = finding(r, op, "the model expects %zu entries, the simulator listed %zu%s%ls", nwant, n,
                         n > nwant ? "; first extra: " : "; first missing: ",
                         n > nwant ? e[nwant].name : model_leaf(r->m.n[want[n]].rel));
    }
    free(want);
    prjsim_client_free_entries(e);
    return ok;
}

/* Entries without `.` and `..`. */
static size_t drop_dots(prjsim_dir_entry *e, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (wcscmp(e[i].name, L".") && wcscmp(e[i].name, L".."))
            e[k++] = e[i];
    return k;
}

/*
 * One query of a directory handle with a pattern (maybe one entry), whose entries must begin
 * the model's listing; then a restarted scan with another pattern, big enough for every entry,
 * which must return the model's listing for the new pattern (§6.4: a restart takes the new
 * search expression), then STATUS_NO_MORE_FILES.
 */
static bool run_query(rnd_run *r, const rnd_op *op)
{
    size_t dir = SIZE_MAX;
    bool ok = true;
    prjsim_handle *h = NULL;
    if (op->path[0]) {
        h = open_both(r, op, op->path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY, 0, &dir, &ok);
        if (!h)
            return ok;
    } else {
        WCHAR full[MAX_PATH];
        full_path(r->c, op->path, full);
        scn_open(r, op->path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY, 0);
        scn_flush(r);
        NTSTATUS s = prjsim_client_open(&h, r->c->sim, full, GENERIC_READ, OPEN_EXISTING,
                                        PRJSIM_OPEN_DIRECTORY, 0);
        if (!same_status(r, op, "open", STATUS_SUCCESS, s))
            return false;
    }
    const WCHAR *p1 = op->pattern, *p2 = op->path2;
    size_t *want = NULL, nwant = 0;
    model_list(&r->m, op->path, p1, &want, &nwant);
    bool dots = model_match(p1, L".") || model_match(p1, L"..");
    NTSTATUS want1 = nwant || dots ? STATUS_SUCCESS : STATUS_NO_SUCH_FILE;
    if (r->scn) {
        fprintf(r->scn, "list h%llu pattern=", (unsigned long long)r->index);
        rnd_scn_word(r->scn, p1[0] ? p1 : L"*");
        fprintf(r->scn, " buffer=%u%s\n", op->buffer, op->dir ? " single" : "");
    }
    scn_status(r, want1);
    scn_flush(r);
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    NTSTATUS s = prjsim_client_query_directory(h, p1[0] ? p1 : L"*", op->dir ? PRJSIM_QUERY_RETURN_SINGLE_ENTRY : 0,
                                               op->buffer, &e, &n);
    ok = same_status(r, op, "first query", want1, s);
    if (ok && s == STATUS_SUCCESS) {
        n = drop_dots(e, n);
        for (size_t k = 0; k < n && ok; k++)
            if (k >= nwant || model_compare(model_leaf(r->m.n[want[k]].rel), e[k].name) != 0)
                ok = finding(r, op, "first query, entry %zu: the model expects %ls, the simulator listed %ls",
                             k, k < nwant ? model_leaf(r->m.n[want[k]].rel) : L"(nothing)", e[k].name);
    }
    prjsim_client_free_entries(e);
    e = NULL;
    free(want);
    want = NULL;
    if (ok) {
        model_list(&r->m, op->path, p2, &want, &nwant);
        dots = model_match(p2, L".") || model_match(p2, L"..");
        NTSTATUS want2 = nwant || dots ? STATUS_SUCCESS : STATUS_NO_MORE_FILES;
        if (r->scn) {
            fprintf(r->scn, "list h%llu pattern=", (unsigned long long)r->index);
            rnd_scn_word(r->scn, p2[0] ? p2 : L"*");
            fprintf(r->scn, " buffer=65536 restart\n");
            if (want2 != STATUS_SUCCESS) {
                scn_status(r, want2);
            } else {
                fprintf(r->scn, "expect listing%s%s", model_match(p2, L".") ? " ." : "",
                        model_match(p2, L"..") ? " .." : "");
                for (size_t k = 0; k < nwant; k++) {
                    fputc(' ', r->scn);
                    rnd_scn_word(r->scn, model_leaf(r->m.n[want[k]].rel));
                }
                fputc('\n', r->scn);
            }
        }
        scn_flush(r);
        s = prjsim_client_query_directory(h, p2[0] ? p2 : L"*", PRJSIM_QUERY_RESTART_SCAN, 65536, &e, &n);
        ok = same_status(r, op, "restarted query", want2, s);
        if (ok && s == STATUS_SUCCESS) {
            n = drop_dots(e, n);
            for (size_t k = 0; k < n && k < nwant && ok; k++)
                if (model_compare(model_leaf(r->m.n[want[k]].rel), e[k].name) != 0)
                    ok = finding(r, op, "restarted query with %ls, entry %zu: the model expects %ls, "
                                 "the simulator listed %ls", p2[0] ? p2 : L"*", k,
                                 model_leaf(r->m.n[want[k]].rel), e[k].name);
            if (ok && n != nwant)
                ok = finding(r, op, "restarted query with %ls: the model expects %zu entries, the "
                             "simulator listed %zu", p2[0] ? p2 : L"*", nwant, n);
        }
        prjsim_client_free_entries(e);
        e = NULL;
        if (ok && s == STATUS_SUCCESS) {
            scn(r, "list h%llu\nexpect STATUS_NO_MORE_FILES\n", (unsigned long long)r->index);
            scn_flush(r);
            s = prjsim_client_query_directory(h, NULL, 0, 65536, &e, &n);
            ok = same_status(r, op, "query after the end", STATUS_NO_MORE_FILES, s);
            prjsim_client_free_entries(e);
        }
        free(want);
    }
    if (ok)
        r->last_status = STATUS_SUCCESS; /* the end of the listing is its success */
    close_both(r, h);
    return ok;
}

/* Calls PrjUpdateFileIfNeeded or PrjDeleteFile as the reference provider would. */
static HRESULT provider_call(prjconf_ctx *c, const rnd_op *op, UINT32 *causes)
{
    PRJ_UPDATE_FAILURE_CAUSES got = PRJ_UPDATE_FAILURE_CAUSE_NONE;
    HRESULT hr;
    if (op->kind == RND_PDELETE) {
        hr = PrjDeleteFile(c->instance, op->path, (PRJ_UPDATE_TYPES)op->flags, &got);
    } else {
        PRJ_PLACEHOLDER_INFO info;
        memset(&info, 0, sizeof info);
        memtree_stat(c->tree, op->path, &info.FileBasicInfo, NULL, 0);
        if (op->len)
            snprintf((char *)info.VersionInfo.ContentID, sizeof info.VersionInfo.ContentID, "v%u", op->len);
        else
            memtree_get_content_id(c->tree, op->path, info.VersionInfo.ContentID, NULL);
        hr = PrjUpdateFileIfNeeded(c->instance, op->path, &info, sizeof info, (PRJ_UPDATE_TYPES)op->flags, &got);
    }
    *causes = (UINT32)got;
    return hr;
}

static void scn_update_flags(rnd_run *r, UINT32 flags)
{
    if (!r->scn)
        return;
    const char *sep = " flags=";
    struct { UINT32 bit; const char *name; } names[] = {
        {PRJ_UPDATE_ALLOW_DIRTY_METADATA, "allow_dirty_metadata"}, {PRJ_UPDATE_ALLOW_DIRTY_DATA, "allow_dirty_data"},
        {PRJ_UPDATE_ALLOW_TOMBSTONE, "allow_tombstone"}, {PRJ_UPDATE_ALLOW_READ_ONLY, "allow_read_only"}};
    if (!flags)
        fprintf(r->scn, " flags=none");
    for (size_t k = 0; k < 4; k++)
        if (flags & names[k].bit) {
            fprintf(r->scn, "%s%s", sep, names[k].name);
            sep = ",";
        }
}

static void scn_causes(rnd_run *r, UINT32 causes)
{
    if (!r->scn)
        return;
    const char *sep = "expect causes ";
    struct { UINT32 bit; const char *name; } names[] = {
        {PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA, "dirty_metadata"}, {PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA, "dirty_data"},
        {PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE, "tombstone"}, {PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY, "read_only"}};
    for (size_t k = 0; k < 4; k++)
        if (causes & names[k].bit) {
            fprintf(r->scn, "%s%s", sep, names[k].name);
            sep = ",";
        }
    fputc('\n', r->scn);
}

static bool run_provider_call(rnd_run *r, const rnd_op *op)
{
    UINT32 want_causes = 0, got_causes = 0;
    HRESULT want = op->kind == RND_PDELETE
                       ? model_provider_delete(&r->m, op->path, op->flags, &want_causes)
                       : model_provider_update(&r->m, op->path, op->flags, op->len, &want_causes);
    if (r->scn) {
        fprintf(r->scn, "provider %s ", op->kind == RND_PDELETE ? "delete" : "update");
        rnd_scn_word(r->scn, op->path);
        scn_update_flags(r, op->flags);
        if (op->kind == RND_PUPDATE && op->len)
            fprintf(r->scn, " content-id=v%u", op->len);
        fputc('\n', r->scn);
        if (want != S_OK) {
            const char *name = HRESULT_FACILITY(want) == FACILITY_WIN32
                                   ? prjsim_win32_error_name((DWORD)HRESULT_CODE(want)) : NULL;
            fprintf(r->scn, "expect %s\n", name ? name : "?");
        }
        if (want_causes)
            scn_causes(r, want_causes);
    }
    scn_flush(r);
    HRESULT got = provider_call(r->c, op, &got_causes);
    r->last_status = SUCCEEDED(got) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
    char a[96], b[96];
    if (got != want)
        return finding(r, op, "%s: the model expects %s, the simulator returned %s",
                       op->kind == RND_PDELETE ? "PrjDeleteFile" : "PrjUpdateFileIfNeeded",
                       prjsim_format_code(a, sizeof a, want, false), prjsim_format_code(b, sizeof b, got, false));
    if (got_causes != want_causes)
        return finding(r, op, "%s: the model expects failure causes 0x%x, the simulator 0x%x",
                       op->kind == RND_PDELETE ? "PrjDeleteFile" : "PrjUpdateFileIfNeeded",
                       want_causes, got_causes);
    return true;
}

bool rnd_execute(rnd_run *r, const rnd_op *op)
{
    prjconf_ctx *c = r->c;
    char b[96];
    bool ok = true;
    size_t leaf = SIZE_MAX;
    prjsim_handle *h = NULL;
    WCHAR full[MAX_PATH], full2[MAX_PATH];
    full_path(c, op->path, full);
    full_path(c, op->path2, full2);
    scn(r, "# op %llu: %s\n", (unsigned long long)r->index, rnd_kind_name(op->kind));
    r->last_status = STATUS_SUCCESS;
    switch (op->kind) {
    case RND_OPEN:
        h = open_both(r, op, op->path, op->access, op->disp, op->flags, op->attrs, &leaf, &ok);
        close_both(r, h);
        break;
    case RND_READ: {
        h = open_both(r, op, op->path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0,
                      &leaf, &ok);
        if (!h)
            break;
        UINT32 want_n = 0, got_n = 0;
        NTSTATUS want = model_read(&r->m, leaf, op->off, op->len, &want_n);
        unsigned char *buf = malloc(op->len);
        if (!buf)
            abort();
        scn(r, "read h%llu %llu %u\n", (unsigned long long)r->index, (unsigned long long)op->off, op->len);
        scn_status(r, want);
        scn_flush(r);
        NTSTATUS got = prjsim_client_read(h, op->off, buf, op->len, &got_n);
        ok = same_status(r, op, "read", want, got);
        if (ok && want == STATUS_SUCCESS && want_n != got_n)
            ok = finding(r, op, "read %u bytes at %llu: the model expects %u, the simulator read %u",
                         op->len, (unsigned long long)op->off, want_n, got_n);
        if (ok && want == STATUS_SUCCESS) {
            ok = adopt_data(r, op, h, leaf);
            const mnode *x = &r->m.n[leaf];
            if (ok)
                scn_data(r, x->data + op->off, got_n);
            if (ok && memcmp(x->data + op->off, buf, got_n) != 0)
                ok = finding(r, op, "read %u bytes at %llu: the data differs from the model's",
                             op->len, (unsigned long long)op->off);
        }
        free(buf);
        close_both(r, h);
        break;
    }
    case RND_WRITE: {
        h = open_both(r, op, op->path, op->access, op->disp, PRJSIM_OPEN_NON_DIRECTORY, 0, &leaf, &ok);
        if (!h)
            break;
        unsigned char data[64];
        fill_data(data, op->len, op->off, op->fill);
        NTSTATUS want = model_write(&r->m, leaf, op->off, data, op->len);
        UINT32 wrote = 0;
        NTSTATUS got = prjsim_client_write(h, op->off, data, op->len, &wrote);
        if (r->scn) {
            fprintf(r->scn, "write h%llu %llu \"", (unsigned long long)r->index, (unsigned long long)op->off);
            fwrite(data, 1, op->len, r->scn);
            fprintf(r->scn, "\"\n");
        }
        scn_status(r, want);
        ok = same_status(r, op, "write", want, got);
        if (ok && want == STATUS_SUCCESS && wrote != op->len)
            ok = finding(r, op, "wrote %u of %u bytes", wrote, op->len);
        if (ok && (op->access & GENERIC_READ) && !r->m.n[leaf].data_known) {
            /* Learn the rest, then check the range written. */
            ok = adopt_data(r, op, h, leaf);
            if (ok && memcmp(r->m.n[leaf].data + op->off, data, op->len) != 0)
                ok = finding(r, op, "reading back the range written gives other data");
        }
        close_both(r, h);
        break;
    }
    case RND_TRUNCATE: {
        h = open_both(r, op, op->path, GENERIC_WRITE, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0,
                      &leaf, &ok);
        if (!h)
            break;
        NTSTATUS want = model_set_size(&r->m, leaf, op->off);
        NTSTATUS got = prjsim_client_set_size(h, op->off);
        scn(r, "set-size h%llu %llu\n", (unsigned long long)r->index, (unsigned long long)op->off);
        scn_status(r, want);
        ok = same_status(r, op, "set size", want, got);
        close_both(r, h);
        break;
    }
    case RND_SETATTR: {
        h = open_both(r, op, op->path, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0, &leaf, &ok);
        if (!h)
            break;
        INT64 mtime = op->replace ? TIME_BASE + (INT64)op->fill * 10000000LL : 0;
        NTSTATUS want = model_set_attr(&r->m, leaf, op->attrs, op->replace);
        NTSTATUS got = prjsim_client_set_basic_info(h, 0, 0, mtime, 0, op->attrs);
        if (r->scn) {
            fprintf(r->scn, "set-times h%llu", (unsigned long long)r->index);
            if (mtime)
                fprintf(r->scn, " mtime=%lld", (long long)mtime);
            if (op->attrs)
                fprintf(r->scn, " attr=%s", op->attrs & RO ? "readonly" : "normal");
            fputc('\n', r->scn);
        }
        scn_status(r, want);
        ok = same_status(r, op, "set basic info", want, got);
        close_both(r, h);
        break;
    }
    case RND_DELETE: {
        NTSTATUS want = model_delete(&r->m, op->path, op->dir);
        NTSTATUS got = prjsim_client_delete(c->sim, full, op->dir);
        scn(r, "delete");
        scn_path(r, op->path);
        scn(r, "%s\n", op->dir ? " dir" : "");
        scn_status(r, want);
        ok = same_status(r, op, op->dir ? "RemoveDirectory" : "DeleteFile", want, got);
        break;
    }
    case RND_RENAME: {
        h = open_both(r, op, op->path, DELETE, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0, &leaf, &ok);
        if (!h)
            break;
        NTSTATUS want = model_rename(&r->m, leaf, op->path2, op->replace);
        NTSTATUS got = prjsim_client_rename(h, full2, op->replace);
        scn(r, "rename h%llu", (unsigned long long)r->index);
        scn_path(r, op->path2);
        scn(r, "%s\n", op->replace ? " replace" : "");
        scn_status(r, want);
        ok = same_status(r, op, "rename", want, got);
        close_both(r, h);
        break;
    }
    case RND_LIST:
        ok = run_list(r, op);
        break;
    case RND_QUERY:
        ok = run_query(r, op);
        break;
    case RND_PUPDATE:
    case RND_PDELETE:
        ok = run_provider_call(r, op);
        break;
    case RND_FRESH:
        return rnd_fresh_start(r) && check_diags(r, op);
    case RND_MKDIR: {
        NTSTATUS want = model_mkdir(&r->m, op->path);
        NTSTATUS got = prjsim_client_create_directory(c->sim, full);
        scn(r, "mkdir");
        scn_path(r, op->path);
        scn(r, "\n");
        scn_status(r, want);
        ok = same_status(r, op, "CreateDirectory", want, got);
        break;
    }
    case RND_STAT: {
        NTSTATUS want = model_open(&r->m, op->path, FILE_READ_ATTRIBUTES, OPEN_EXISTING, 0, 0, &leaf);
        prjsim_file_info info;
        memset(&info, 0, sizeof info);
        NTSTATUS got = prjsim_client_stat(c->sim, full, &info);
        scn(r, "info");
        scn_path(r, op->path);
        scn(r, "\n");
        scn_status(r, want);
        ok = same_status(r, op, "stat", want, got);
        if (ok && want == STATUS_SUCCESS) {
            bool dir = model_is_dir(&r->m, leaf);
            UINT64 size = model_size(&r->m, leaf);
            bool ro = (model_attr(&r->m, leaf) & RO) != 0;
            if (dir)
                scn(r, "expect info dir\n");
            else
                scn(r, "expect info file size=%llu %s=readonly\n", (unsigned long long)size,
                    ro ? "has" : "lacks");
            if (!!info.basic.IsDirectory != dir)
                ok = finding(r, op, "stat: the model expects %s", dir ? "a directory" : "a file");
            else if (!dir && (UINT64)info.basic.FileSize != size)
                ok = finding(r, op, "stat: the model expects size %llu, the simulator %lld",
                             (unsigned long long)size, (long long)info.basic.FileSize);
            else if (!dir && !!(info.basic.FileAttributes & RO) != ro)
                ok = finding(r, op, "stat: the model expects %sFILE_ATTRIBUTE_READONLY (attributes 0x%x)",
                             ro ? "" : "no ", (unsigned)info.basic.FileAttributes);
        }
        break;
    }
    case RND_RESTART:
        scn(r, "stop\nstart\n");
        if (!prjconf_target_restart(c))
            ok = finding(r, op, "restarting the provider failed: %s", c->message);
        break;
    default:
        ok = finding(r, op, "unknown operation");
    }
    (void)b;
    if (ok)
        ok = check_diags(r, op);
    if (ok && op->kind != RND_RESTART && op->kind != RND_LIST && op->kind != RND_QUERY)
        ok = check_path_states(r, op, op->path);
    if (ok && op->kind == RND_RENAME)
        ok = check_path_states(r, op, op->path2);
    return ok && !r->failed;
}

void rnd_execute_unchecked(prjconf_ctx *c, const rnd_op *op)
{
    WCHAR full[MAX_PATH], full2[MAX_PATH];
    full_path(c, op->path, full);
    full_path(c, op->path2, full2);
    prjsim_handle *h = NULL;
    unsigned char buf[4096];
    UINT32 n = 0;
    switch (op->kind) {
    case RND_OPEN:
        if (prjsim_client_open(&h, c->sim, full, op->access, op->disp, op->flags, op->attrs) == STATUS_SUCCESS)
            prjsim_client_close(h);
        break;
    case RND_READ:
        if (prjsim_client_open(&h, c->sim, full, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0) ==
            STATUS_SUCCESS) {
            prjsim_client_read(h, op->off, buf, op->len < sizeof buf ? op->len : sizeof buf, &n);
            prjsim_client_close(h);
        }
        break;
    case RND_WRITE:
        if (prjsim_client_open(&h, c->sim, full, op->access, op->disp, PRJSIM_OPEN_NON_DIRECTORY, 0) ==
            STATUS_SUCCESS) {
            fill_data(buf, op->len, op->off, op->fill);
            prjsim_client_write(h, op->off, buf, op->len, &n);
            prjsim_client_close(h);
        }
        break;
    case RND_TRUNCATE:
        if (prjsim_client_open(&h, c->sim, full, GENERIC_WRITE, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0) ==
            STATUS_SUCCESS) {
            prjsim_client_set_size(h, op->off);
            prjsim_client_close(h);
        }
        break;
    case RND_SETATTR:
        if (prjsim_client_open(&h, c->sim, full, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0) == STATUS_SUCCESS) {
            prjsim_client_set_basic_info(h, 0, 0, op->replace ? TIME_BASE : 0, 0, op->attrs);
            prjsim_client_close(h);
        }
        break;
    case RND_DELETE:
        prjsim_client_delete(c->sim, full, op->dir);
        break;
    case RND_RENAME:
        if (prjsim_client_open(&h, c->sim, full, DELETE, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0) ==
            STATUS_SUCCESS) {
            prjsim_client_rename(h, full2, op->replace);
            prjsim_client_close(h);
        }
        break;
    case RND_LIST: {
        prjsim_dir_entry *e = NULL;
        size_t count = 0;
        prjsim_client_list(c->sim, full, op->pattern[0] ? op->pattern : NULL, op->buffer, &e, &count);
        prjsim_client_free_entries(e);
        break;
    }
    case RND_MKDIR:
        prjsim_client_create_directory(c->sim, full);
        break;
    case RND_QUERY:
        if (prjsim_client_open(&h, c->sim, full, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY, 0) ==
            STATUS_SUCCESS) {
            prjsim_dir_entry *e = NULL;
            size_t count = 0;
            prjsim_client_query_directory(h, op->pattern[0] ? op->pattern : L"*", 0, op->buffer, &e, &count);
            prjsim_client_free_entries(e);
            e = NULL;
            prjsim_client_query_directory(h, op->path2[0] ? op->path2 : L"*", PRJSIM_QUERY_RESTART_SCAN,
                                          65536, &e, &count);
            prjsim_client_free_entries(e);
            prjsim_client_close(h);
        }
        break;
    case RND_STAT: {
        prjsim_file_info info;
        prjsim_client_stat(c->sim, full, &info);
        break;
    }
    case RND_PUPDATE:
    case RND_PDELETE: {
        UINT32 causes;
        if (c->tree && !c->host)
            provider_call(c, op, &causes);
        break;
    }
    default:
        break; /* no restarts while other threads run operations */
    }
}
