/* SPDX-License-Identifier: MIT */
/*
 * Saved volumes (prjsim/state.h): each virtualization root's subtree written to a file of its
 * own and read back into a later process. The format is specified in STATE-FORMAT.md; this file
 * is its only reader and writer.
 *
 * Locking: a save copies what it needs under the simulation's lock into memory and writes the
 * files after releasing it; a load parses and checks the whole file first, then builds the
 * subtree detached and attaches it under the lock in one step. The index of saved files
 * (index_lock) is never held while the simulation's lock is taken.
 */
#include "internal.h"

#include <prjsim/state.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#define MAGIC "PRJSIM-VOLUME "
#define SUBDIR ".prjsim-state"
#define SUFFIX ".volume"

/* ---- small helpers ---- */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n)
            cap *= 2;
        b->p = prjsim__xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void putf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof small) {
        put(b, small, (size_t)n);
        return;
    }
    char *big = prjsim__xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(b, big, (size_t)n);
    free(big);
}

static uint64_t fnv1a(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void set_error(char *error, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_error(char *error, size_t size, const char *fmt, ...)
{
    if (!error || !size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error, size, fmt, ap);
    va_end(ap);
}

static WCHAR *wide_of(const char *s, size_t n)
{
    WCHAR *w = prjsim__xmalloc((n + 1) * sizeof(WCHAR));
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p;
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0 || p + extra >= end + (extra ? 0 : 1)) {
            free(w);
            return NULL;
        }
        uint32_t cp = extra == 0 ? c : extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
        for (int i = 1; i <= extra; i++) {
            if ((p[i] & 0xC0) != 0x80) {
                free(w);
                return NULL;
            }
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        w[o++] = (WCHAR)cp;
        p += extra + 1;
    }
    w[o] = 0;
    return w;
}

/* The file name of a root's state: its upper-cased path, every other byte as %XX. */
static char *key_of(const WCHAR *root)
{
    WCHAR *up = prjsim__wcsdup(root);
    for (WCHAR *c = up; *c; c++)
        *c = (WCHAR)towupper((wint_t)*c);
    char *u = prjsim__utf8(up);
    free(up);
    buf b = {0};
    for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')
            put(&b, p, 1);
        else
            putf(&b, "%%%02X", *p);
    }
    put(&b, SUFFIX, sizeof SUFFIX);
    free(u);
    return b.p;
}

static char *join_path(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = prjsim__xmalloc(n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

static bool wide_prefix_ci(const WCHAR *root, const WCHAR *path)
{
    size_t n = wcslen(root);
    for (size_t i = 0; i < n; i++)
        if (!path[i] || towupper((wint_t)root[i]) != towupper((wint_t)path[i]))
            return false;
    return path[n] == 0 || path[n] == L'\\';
}

/* ---- writing ---- */

static void put_guid(buf *b, const GUID *g)
{
    putf(b, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned)g->Data1, g->Data2,
         g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5],
         g->Data4[6], g->Data4[7]);
}

static void put_hex(buf *b, const UINT8 *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        putf(b, "%02x", p[i]);
}

static void put_item(buf *b, const prjsim__item *it, const char *rel)
{
    const PRJ_FILE_BASIC_INFO *in = &it->info;
    putf(b, "item %c %" PRIx32 " %" PRIx32 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\t%s\n",
         (it->state & ITEM_DIR) ? 'd' : 'f', it->state & 0x3F, (uint32_t)in->FileAttributes,
         (int64_t)in->CreationTime.QuadPart, (int64_t)in->LastAccessTime.QuadPart,
         (int64_t)in->LastWriteTime.QuadPart, (int64_t)in->ChangeTime.QuadPart,
         (int64_t)in->FileSize, rel);
    const prjsim__item_rare *r = prjsim__rare(it);
    if (r->version) {
        put(b, "version ", 8);
        put_hex(b, r->version->ProviderID, PRJ_PLACEHOLDER_ID_LENGTH);
        put(b, " ", 1);
        put_hex(b, r->version->ContentID, PRJ_PLACEHOLDER_ID_LENGTH);
        put(b, "\n", 1);
    }
    if (r->original_path) {
        char *u = prjsim__utf8(r->original_path);
        putf(b, "original\t%s\n", u);
        free(u);
    }
    if (r->symlink_target) {
        char *u = prjsim__utf8(r->symlink_target);
        putf(b, "symlink\t%s\n", u);
        free(u);
    }
    if (!(it->state & ITEM_DIR) && (it->state & (ITEM_HYDRATED | ITEM_FULL)) && in->FileSize > 0) {
        putf(b, "data %" PRId64 "\n", (int64_t)in->FileSize);
        put(b, it->data, (size_t)in->FileSize);
        put(b, "\n", 1);
    }
    if (!(it->state & ITEM_DIR))
        return;
    for (uint32_t i = 0; i < it->child_count; i++) {
        const prjsim__item *c = it->children[i];
        char *name = prjsim__utf8(c->name);
        size_t n = strlen(rel) + strlen(name) + 2;
        char *child_rel = prjsim__xmalloc(n);
        snprintf(child_rel, n, "%s%s%s", rel, rel[0] ? "\\" : "", name);
        put_item(b, c, child_rel);
        free(child_rel);
        free(name);
    }
}

/* One root's file content, in memory. */
typedef struct image {
    WCHAR *root;
    buf data;
} image;

static void serialize_root(prjsim_sim *sim, const prjsim__item *root, image *out)
{
    out->root = prjsim__item_full_path(root);
    buf *b = &out->data;
    memset(b, 0, sizeof *b);
    char *u = prjsim__utf8(out->root);
    putf(b, MAGIC "%d\nroot\t%s\ninstance ", PRJSIM_STATE_FORMAT_VERSION, u);
    free(u);
    put_guid(b, &prjsim__rare(root)->root->instance_id);
    putf(b, "\nclock %" PRId64 "\n", (int64_t)sim->clock);
    put_item(b, root, "");
    uint64_t h = fnv1a(b->p, b->n);
    putf(b, "end %016" PRIx64 "\n", h);
}

static void collect_roots(prjsim_sim *sim, const prjsim__item *dir, image **images, size_t *count)
{
    for (uint32_t i = 0; i < dir->child_count; i++) {
        const prjsim__item *c = dir->children[i];
        if (!(c->state & ITEM_DIR) || (c->state & ITEM_TOMBSTONE))
            continue;
        if (prjsim__rare(c)->root) {
            *images = prjsim__xrealloc(*images, (*count + 1) * sizeof **images);
            serialize_root(sim, c, &(*images)[(*count)++]);
        } else {
            collect_roots(sim, c, images, count);
        }
    }
}

/* Writes @p data to @p path through a temporary file in the same folder and a rename. */
static int write_atomic(const char *path, const void *data, size_t n)
{
    size_t len = strlen(path) + 32;
    char *tmp = prjsim__xmalloc(len);
    snprintf(tmp, len, "%s.tmp-%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int err = fd < 0 ? errno : 0;
    for (size_t done = 0; !err && done < n;) {
        ssize_t w = write(fd, (const char *)data + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            err = w < 0 ? errno : EIO;
        else
            done += (size_t)w;
    }
    if (!err && fsync(fd) != 0)
        err = errno;
    if (fd >= 0 && close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err)
        unlink(tmp);
    free(tmp);
    return err;
}

/* ---- the index of saved files, and what was loaded into which simulation ---- */

typedef struct saved {
    char *file;         /* full host path */
    WCHAR *root;        /* from the file's root line; NULL when unreadable */
    uint64_t loaded_for; /* the serial of the simulation it was loaded into (or tried) */
    HRESULT result;     /* of that load */
    bool loading;       /* that load is under way (on another thread) */
    char *message;
} saved;

static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t index_changed = PTHREAD_COND_INITIALIZER; /* a load finished */
static char *index_dir;
static saved *index_items;
static size_t index_count;

static void index_clear(void)
{
    for (size_t i = 0; i < index_count; i++) {
        free(index_items[i].file);
        free(index_items[i].root);
        free(index_items[i].message);
    }
    free(index_items);
    index_items = NULL;
    index_count = 0;
    free(index_dir);
    index_dir = NULL;
}

/* The root path of a saved file (its second line), or NULL. */
static WCHAR *peek_root(const char *file)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return NULL;
    char line[8192];
    WCHAR *root = NULL;
    if (fgets(line, sizeof line, f) && !strncmp(line, MAGIC, strlen(MAGIC)) && fgets(line, sizeof line, f) &&
        !strncmp(line, "root\t", 5)) {
        size_t n = strcspn(line + 5, "\n");
        root = wide_of(line + 5, n);
    }
    fclose(f);
    return root;
}

static saved *index_find_file(const char *file)
{
    for (size_t i = 0; i < index_count; i++)
        if (!strcmp(index_items[i].file, file))
            return &index_items[i];
    return NULL;
}

static saved *index_add(const char *file)
{
    index_items = prjsim__xrealloc(index_items, (index_count + 1) * sizeof *index_items);
    saved *s = &index_items[index_count++];
    memset(s, 0, sizeof *s);
    s->file = prjsim__xmalloc(strlen(file) + 1);
    strcpy(s->file, file);
    s->root = peek_root(file);
    return s;
}

/* Makes the index describe @p dir (scanned on first use). index_lock held. */
static void index_use(const char *dir)
{
    if (index_dir && !strcmp(index_dir, dir))
        return;
    index_clear();
    index_dir = prjsim__xmalloc(strlen(dir) + 1);
    strcpy(index_dir, dir);
    char *sub = join_path(dir, SUBDIR);
    DIR *d = opendir(sub);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name), s = strlen(SUFFIX);
            if (n <= s || strcmp(e->d_name + n - s, SUFFIX))
                continue;
            char *file = join_path(sub, e->d_name);
            index_add(file);
            free(file);
        }
        closedir(d);
    }
    free(sub);
}

/* ---- reading ---- */

typedef struct reader {
    const char *file;
    const char *p, *end;
    int line;
    char *error;
    size_t error_size;
} reader;

static bool bad(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool bad(reader *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    set_error(r->error, r->error_size, "%s:%d: %s", r->file, r->line, msg);
    return false;
}

/* The next line without its newline; NULL at the end. */
static const char *next_line(reader *r, size_t *len)
{
    if (r->p >= r->end)
        return NULL;
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    if (!nl)
        return NULL;
    const char *line = r->p;
    *len = (size_t)(nl - line);
    r->p = nl + 1;
    r->line++;
    return line;
}

static bool hex_bytes(const char *s, size_t n, UINT8 *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return false;
        out[i] = (UINT8)v;
    }
    return true;
}

/* What a load builds before attaching it. */
typedef struct parsed {
    WCHAR *root_path;
    GUID instance_id;
    int64_t clock;
    prjsim__item *root; /* detached subtree */
} parsed;

static prjsim__item *find_rel(prjsim__item *root, const WCHAR *rel, size_t rel_len)
{
    prjsim__item *it = root;
    size_t i = 0;
    while (it && i < rel_len) {
        size_t j = i;
        while (j < rel_len && rel[j] != L'\\')
            j++;
        it = prjsim__item_child(it, rel + i, j - i);
        i = j + 1;
    }
    return it;
}

/*
 * Checks the header and the checksum, then parses every record into a detached subtree.
 * Nothing touches a simulation. On failure *error is "FILE:LINE: message".
 */
static HRESULT parse_file(const char *file, parsed *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_error(error, error_size, "%s: %s", file, strerror(errno));
        return HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT);
    }
    struct stat st;
    char *data = NULL;
    size_t size = 0;
    if (fstat(fd, &st) == 0 && (data = malloc((size_t)st.st_size + 1))) {
        while (size < (size_t)st.st_size) {
            ssize_t n = read(fd, data + size, (size_t)st.st_size - size);
            if (n <= 0)
                break;
            size += (size_t)n;
        }
    }
    close(fd);
    if (!data) {
        set_error(error, error_size, "%s: cannot read it", file);
        return HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT);
    }
    data[size] = 0; /* sscanf below reads lines as strings: they must end inside the buffer */
    reader r = {file, data, data + size, 0, error, error_size};
    HRESULT hr = HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT);
    size_t len;
    const char *line = next_line(&r, &len);
    int version = 0;
    if (!line || len < strlen(MAGIC) || memcmp(line, MAGIC, strlen(MAGIC)) ||
        sscanf(line + strlen(MAGIC), "%d", &version) != 1) {
        r.line = 1;
        bad(&r, "not a prjsim volume state (it must begin with \"" MAGIC "%d\")", PRJSIM_STATE_FORMAT_VERSION);
        goto done;
    }
    if (version > PRJSIM_STATE_FORMAT_VERSION || version < 1) {
        bad(&r, "volume state format %d is newer than this prjsim reads (%d): use a newer prjsim, "
                "or remove the file to start this root afresh", version, PRJSIM_STATE_FORMAT_VERSION);
        hr = HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH);
        goto done;
    }
    /* The last line is "end <checksum of everything before it>". */
    const char *last = size >= 2 ? data + size - 2 : data;
    while (last > data && *last != '\n')
        last--;
    const char *end_line = last == data ? data : last + 1;
    uint64_t want = 0;
    if (size < 1 || data[size - 1] != '\n' || strncmp(end_line, "end ", 4) ||
        sscanf(end_line + 4, "%" SCNx64, &want) != 1) {
        r.line = 0;
        for (const char *c = data; c < data + size; c++)
            r.line += *c == '\n';
        bad(&r, "damaged: the file does not end with its \"end\" line (cut short?)");
        goto done;
    }
    if (fnv1a(data, (size_t)(end_line - data)) != want) {
        r.line = 0;
        for (const char *c = data; c < end_line; c++)
            r.line += *c == '\n';
        r.line++;
        bad(&r, "damaged: the checksum does not match the content");
        goto done;
    }
    r.end = end_line;
    line = next_line(&r, &len);
    if (!line || len < 6 || strncmp(line, "root\t", 5) || !(out->root_path = wide_of(line + 5, len - 5))) {
        bad(&r, "expected \"root<TAB>PATH\"");
        goto done;
    }
    line = next_line(&r, &len);
    unsigned g[11];
    if (!line || len < 9 || strncmp(line, "instance ", 9) ||
        sscanf(line + 9, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &g[0], &g[1], &g[2], &g[3], &g[4],
               &g[5], &g[6], &g[7], &g[8], &g[9], &g[10]) != 11) {
        bad(&r, "expected \"instance GUID\"");
        goto done;
    }
    out->instance_id.Data1 = g[0];
    out->instance_id.Data2 = (unsigned short)g[1];
    out->instance_id.Data3 = (unsigned short)g[2];
    for (int i = 0; i < 8; i++)
        out->instance_id.Data4[i] = (unsigned char)g[3 + i];
    line = next_line(&r, &len);
    if (!line || strncmp(line, "clock ", 6) || sscanf(line + 6, "%" SCNd64, &out->clock) != 1) {
        bad(&r, "expected \"clock TICKS\"");
        goto done;
    }
    prjsim__item *current = NULL;
    while ((line = next_line(&r, &len))) {
        char *text = prjsim__xmalloc(len + 1);
        memcpy(text, line, len);
        text[len] = 0;
        bool ok = true;
        if (!strncmp(text, "item ", 5)) {
            char kind;
            uint32_t state, attrs;
            int64_t t[4], fsize;
            int consumed = 0;
            char *tab = strchr(text, '\t');
            if (!tab || sscanf(text + 5, "%c %" SCNx32 " %" SCNx32 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 "%n",
                               &kind, &state, &attrs, &t[0], &t[1], &t[2], &t[3], &fsize, &consumed) != 8 ||
                text + 5 + consumed != tab || (kind != 'd' && kind != 'f') || fsize < 0 ||
                ((state & ITEM_DIR) != 0) != (kind == 'd')) {
                ok = bad(&r, "malformed item line");
            } else {
                WCHAR *rel = wide_of(tab + 1, strlen(tab + 1));
                size_t rel_len = rel ? wcslen(rel) : 0;
                const WCHAR *slash = rel ? wcsrchr(rel, L'\\') : NULL;
                const WCHAR *name = slash ? slash + 1 : rel;
                prjsim__item *parent = NULL;
                if (!rel) {
                    ok = bad(&r, "the path is not UTF-8");
                } else if (!out->root) {
                    if (rel_len || kind != 'd')
                        ok = bad(&r, "the first item must be the root directory (an empty path)");
                } else if (!rel_len) {
                    ok = bad(&r, "a second root item");
                } else if (!(parent = find_rel(out->root, rel, slash ? (size_t)(slash - rel) : 0)) ||
                           !(parent->state & ITEM_DIR)) {
                    ok = bad(&r, "item before its parent directory");
                } else if (prjsim__item_child(parent, name, wcslen(name))) {
                    ok = bad(&r, "the same name twice");
                }
                if (ok) {
                    const WCHAR *nm = out->root ? name : L"";
                    prjsim__item *it = prjsim__item_new(nm, wcslen(nm), state);
                    if (!out->root) {
                        /* The root's own name is set when it is attached. */
                    }
                    it->info.IsDirectory = kind == 'd';
                    it->info.FileAttributes = attrs;
                    it->info.CreationTime.QuadPart = t[0];
                    it->info.LastAccessTime.QuadPart = t[1];
                    it->info.LastWriteTime.QuadPart = t[2];
                    it->info.ChangeTime.QuadPart = t[3];
                    it->info.FileSize = fsize;
                    if (!out->root)
                        out->root = it;
                    else
                        prjsim__item_attach(parent, it);
                    current = it;
                }
                free(rel);
            }
        } else if (!current) {
            ok = bad(&r, "a record before the first item");
        } else if (!strncmp(text, "version ", 8)) {
            PRJ_PLACEHOLDER_VERSION_INFO v;
            if (len != 8 + 4 * PRJ_PLACEHOLDER_ID_LENGTH + 1 || text[8 + 2 * PRJ_PLACEHOLDER_ID_LENGTH] != ' ' ||
                !hex_bytes(text + 8, PRJ_PLACEHOLDER_ID_LENGTH, v.ProviderID) ||
                !hex_bytes(text + 9 + 2 * PRJ_PLACEHOLDER_ID_LENGTH, PRJ_PLACEHOLDER_ID_LENGTH, v.ContentID))
                ok = bad(&r, "malformed version line (two runs of %d hex digits)", 2 * PRJ_PLACEHOLDER_ID_LENGTH);
            else
                prjsim__item_set_version(current, &v);
        } else if (!strncmp(text, "original\t", 9) || !strncmp(text, "symlink\t", 8)) {
            bool original = text[0] == 'o';
            WCHAR *w = wide_of(text + (original ? 9 : 8), len - (original ? 9 : 8));
            if (!w) {
                ok = bad(&r, "the path is not UTF-8");
            } else {
                prjsim__item_rare *rare = prjsim__rare_mut(current);
                WCHAR **slot = original ? &rare->original_path : &rare->symlink_target;
                free(*slot);
                *slot = w;
            }
        } else if (!strncmp(text, "data ", 5)) {
            int64_t n = -1;
            if (sscanf(text + 5, "%" SCNd64, &n) != 1 || n != current->info.FileSize || (current->state & ITEM_DIR)) {
                ok = bad(&r, "data whose length is not the file's size");
            } else if ((int64_t)(r.end - r.p) < n + 1 || r.p[n] != '\n') {
                ok = bad(&r, "the data is cut short");
            } else {
                current->info.FileSize = 0;
                if (prjsim__item_set_data_size(NULL, current, (UINT64)n) != STATUS_SUCCESS) {
                    ok = bad(&r, "data too large to hold");
                } else {
                    memcpy(current->data, r.p, (size_t)n);
                    r.p += n + 1;
                    r.line++;
                }
            }
        } else {
            ok = bad(&r, "unknown record \"%.20s\"", text);
        }
        free(text);
        if (!ok)
            goto done;
    }
    if (!out->root) {
        bad(&r, "no root item");
        goto done;
    }
    hr = S_OK;
done:
    free(data);
    if (FAILED(hr)) {
        if (out->root)
            prjsim__item_free_tree(out->root);
        free(out->root_path);
        memset(out, 0, sizeof *out);
    }
    return hr;
}

/*
 * Puts a parsed root on the volume: its parents as plain directories, then the subtree.
 * S_FALSE when something already exists at the root's path (nothing changes).
 */
static HRESULT attach_parsed(prjsim_sim *sim, parsed *ps)
{
    prjsim__path p;
    if (!prjsim__path_parse(&p, ps->root_path) || p.count < 2)
        return E_INVALIDARG;
    WCHAR *parent_path = prjsim__path_join(&p, 0, p.count - 1);
    if (p.count > 2)
        prjsim_volume_create_directory(sim, parent_path);
    free(parent_path);
    prjsim__lock(sim);
    prjsim__item *dir = prjsim__volume_drive(sim, p.comp[0], p.len[0]);
    for (uint32_t i = 1; dir && i + 1 < p.count; i++)
        dir = prjsim__item_child(dir, p.comp[i], p.len[i]);
    HRESULT hr = S_OK;
    if (!dir || !(dir->state & ITEM_DIR) || prjsim__item_root(dir)) {
        hr = E_INVALIDARG;
    } else if (prjsim__item_child(dir, p.comp[p.count - 1], p.len[p.count - 1])) {
        hr = S_FALSE;
    } else {
        prjsim__item *root = ps->root;
        prjsim__item_rename(root, p.comp[p.count - 1], p.len[p.count - 1]);
        prjsim__item_rare *rare = prjsim__rare_mut(root);
        rare->root = prjsim__xcalloc(1, sizeof *rare->root);
        rare->root->instance_id = ps->instance_id;
        prjsim__item_attach(dir, root);
        ps->root = NULL;
        if (ps->clock > sim->clock)
            sim->clock = ps->clock;
    }
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    return hr;
}

/* ---- API ---- */

HRESULT prjsim_state_load(prjsim_sim *sim, const char *dir, PCWSTR full_path, char *error, size_t error_size)
{
    if (!sim || !dir)
        return E_INVALIDARG;
    HRESULT result = S_OK;
    for (;;) {
        /* Take one saved root to load (or report), then load it without the index lock. */
        pthread_mutex_lock(&index_lock);
        index_use(dir);
        saved *todo = NULL;
        bool waited = false;
        for (size_t i = 0; i < index_count && !todo && !waited; i++) {
            saved *s = &index_items[i];
            bool wanted = !full_path || (s->root && wide_prefix_ci(s->root, full_path));
            if (!wanted)
                continue;
            if (s->loaded_for == sim->serial && s->loading) {
                /* Another thread is loading it: the caller must not see the root half there. */
                pthread_cond_wait(&index_changed, &index_lock);
                waited = true; /* the index may have changed: look again */
                continue;
            }
            if (s->loaded_for == sim->serial) {
                if (FAILED(s->result) && SUCCEEDED(result)) {
                    result = s->result;
                    set_error(error, error_size, "%s", s->message ? s->message : "damaged");
                }
                continue;
            }
            todo = s;
        }
        if (waited) {
            pthread_mutex_unlock(&index_lock);
            continue;
        }
        if (!todo) {
            pthread_mutex_unlock(&index_lock);
            return result;
        }
        todo->loaded_for = sim->serial;
        todo->loading = true;
        char *file = prjsim__xmalloc(strlen(todo->file) + 1);
        strcpy(file, todo->file);
        pthread_mutex_unlock(&index_lock);

        char msg[1024] = "";
        parsed ps;
        HRESULT hr = parse_file(file, &ps, msg, sizeof msg);
        if (SUCCEEDED(hr)) {
            hr = attach_parsed(sim, &ps);
            if (hr == E_INVALIDARG) {
                snprintf(msg, sizeof msg, "%s: the root's parent is not a plain directory on the volume", file);
                hr = HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT);
            }
            if (ps.root)
                prjsim__item_free_tree(ps.root);
            free(ps.root_path);
        }
        pthread_mutex_lock(&index_lock);
        saved *s = index_dir && !strcmp(index_dir, dir) ? index_find_file(file) : NULL;
        if (s) {
            s->result = SUCCEEDED(hr) ? S_OK : hr;
            free(s->message);
            s->message = FAILED(hr) ? strdup(msg) : NULL;
            s->loading = false;
        }
        pthread_cond_broadcast(&index_changed);
        pthread_mutex_unlock(&index_lock);
        free(file);
        if (FAILED(hr) && SUCCEEDED(result)) {
            result = hr;
            set_error(error, error_size, "%s", msg);
        }
    }
}

HRESULT prjsim_state_check(const char *dir, char *error, size_t error_size)
{
    if (!dir)
        return E_INVALIDARG;
    char *sub = join_path(dir, SUBDIR);
    DIR *d = opendir(sub);
    HRESULT hr = S_OK;
    if (d) {
        struct dirent *e;
        while (SUCCEEDED(hr) && (e = readdir(d))) {
            size_t n = strlen(e->d_name), s = strlen(SUFFIX);
            if (n <= s || strcmp(e->d_name + n - s, SUFFIX))
                continue;
            char *file = join_path(sub, e->d_name);
            parsed ps;
            hr = parse_file(file, &ps, error, error_size);
            if (SUCCEEDED(hr)) {
                prjsim__item_free_tree(ps.root);
                free(ps.root_path);
            }
            free(file);
        }
        closedir(d);
    }
    free(sub);
    return hr;
}

HRESULT prjsim_state_save(prjsim_sim *sim, const char *dir, bool try_only, char *error, size_t error_size)
{
    if (!sim || !dir)
        return E_INVALIDARG;
    if (try_only) {
        /* From a signal handler: the thread that crashed may hold the lock; wait a second. */
        int tries = 0;
        while (pthread_mutex_trylock(&sim->lock) != 0) {
            if (++tries > 100) {
                set_error(error, error_size, "the simulation is busy; nothing was saved");
                return HRESULT_FROM_WIN32(ERROR_BUSY);
            }
            struct timespec ten_ms = {0, 10000000L};
            nanosleep(&ten_ms, NULL);
        }
    } else {
        prjsim__lock(sim);
    }
    image *images = NULL;
    size_t count = 0;
    collect_roots(sim, sim->volume, &images, &count);
    if (try_only)
        pthread_mutex_unlock(&sim->lock);
    else
        prjsim__unlock(sim);

    HRESULT hr = S_OK;
    char *sub = join_path(dir, SUBDIR);
    if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || (mkdir(sub, 0777) != 0 && errno != EEXIST)) {
        set_error(error, error_size, "%s: %s", sub, strerror(errno));
        hr = HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    }
    if (!try_only)
        pthread_mutex_lock(&index_lock);
    else if (pthread_mutex_trylock(&index_lock) != 0)
        hr = FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_BUSY);
    bool have_index = !try_only || hr != HRESULT_FROM_WIN32(ERROR_BUSY);
    if (have_index)
        index_use(dir);
    char **written = prjsim__xcalloc(count + 1, sizeof *written);
    for (size_t i = 0; i < count; i++) {
        char *key = key_of(images[i].root);
        char *file = join_path(sub, key);
        free(key);
        saved *s = have_index ? index_find_file(file) : NULL;
        /* Never replace a file that could not be read: the user must decide what to do. */
        bool unreadable = s && s->loaded_for == sim->serial && FAILED(s->result);
        if (SUCCEEDED(hr) && !unreadable) {
            int err = write_atomic(file, images[i].data.p, images[i].data.n);
            if (err) {
                set_error(error, error_size, "%s: %s", file, strerror(err));
                hr = HRESULT_FROM_WIN32(ERROR_WRITE_FAULT);
            } else if (have_index) {
                if (!s)
                    s = index_add(file);
                s->loaded_for = sim->serial;
                s->result = S_OK;
            }
        }
        written[i] = file;
        free(images[i].root);
        free(images[i].data.p);
    }
    /* A root loaded here that is no longer a root on the volume (deleted after its stop). */
    for (size_t i = 0; have_index && SUCCEEDED(hr) && i < index_count; i++) {
        saved *s = &index_items[i];
        if (s->loaded_for != sim->serial || FAILED(s->result) || !s->root)
            continue;
        bool present = false;
        for (size_t j = 0; j < count && !present; j++)
            present = !strcmp(written[j], s->file);
        if (!present && unlink(s->file) == 0) {
            free(s->root);
            s->root = NULL;
        }
    }
    for (size_t i = 0; i < count; i++)
        free(written[i]);
    free(written);
    if (have_index)
        pthread_mutex_unlock(&index_lock);
    free(images);
    free(sub);
    return hr;
}
