/* SPDX-License-Identifier: MIT */
/*
 * An executable model of what a client sees under a virtualization root, written from the
 * behaviour reference (shared/spec/projfs-semantics.md §6.2-6.4, §6.11) and DEVIATIONS.md alone:
 * it includes nothing of sim/ and shares no code with it, so a bug in one shows as a
 * disagreement with the other.
 *
 * Every path the run has touched is a node: what the provider projects there (learned by the
 * crawl) and what is on disk (nothing, a placeholder with its hydrated and dirty bits, a full
 * item, or a tombstone), with the size, the read-only bit and, once seen, the data.
 */
#include "random_internal.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define RO FILE_ATTRIBUTE_READONLY
/* The attribute bits the model follows. */
#define KEPT (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q && n)
        abort();
    return q;
}

static WCHAR up(WCHAR c)
{
    return c < 0x80 ? (WCHAR)((c >= L'a' && c <= L'z') ? c - 32 : c) : (WCHAR)towupper((wint_t)c);
}

static size_t hash_of(const WCHAR *upper)
{
    size_t h = 1469598103934665603ull;
    for (; *upper; upper++)
        h = (h ^ (size_t)*upper) * 1099511628211ull;
    return h;
}

void model_init(model *m)
{
    memset(m, 0, sizeof *m);
}

void model_free(model *m)
{
    for (size_t i = 0; i < m->count; i++)
        free(m->n[i].data);
    free(m->n);
    free(m->hash);
    memset(m, 0, sizeof *m);
}

static void upper_copy(WCHAR *dst, const WCHAR *src)
{
    size_t i = 0;
    for (; src[i] && i < RND_PATH - 1; i++)
        dst[i] = up(src[i]);
    dst[i] = 0;
}

size_t model_find(const model *m, const WCHAR *rel)
{
    if (!m->hash_cap)
        return SIZE_MAX;
    WCHAR key[RND_PATH];
    upper_copy(key, rel);
    for (size_t h = hash_of(key) & (m->hash_cap - 1);; h = (h + 1) & (m->hash_cap - 1)) {
        size_t v = m->hash[h];
        if (!v)
            return SIZE_MAX;
        if (!wcscmp(m->n[v - 1].upper, key))
            return v - 1;
    }
}

static void rehash(model *m)
{
    free(m->hash);
    m->hash_cap = m->hash_cap ? m->hash_cap * 2 : 256;
    m->hash = calloc(m->hash_cap, sizeof *m->hash);
    if (!m->hash)
        abort();
    for (size_t i = 0; i < m->count; i++) {
        size_t h = hash_of(m->n[i].upper) & (m->hash_cap - 1);
        while (m->hash[h])
            h = (h + 1) & (m->hash_cap - 1);
        m->hash[h] = i + 1;
    }
}

const WCHAR *model_leaf(const WCHAR *rel)
{
    const WCHAR *s = wcsrchr(rel, L'\\');
    return s ? s + 1 : rel;
}

size_t model_get(model *m, const WCHAR *rel)
{
    size_t i = model_find(m, rel);
    if (i != SIZE_MAX)
        return i;
    size_t parent = SIZE_MAX;
    const WCHAR *slash = wcsrchr(rel, L'\\');
    if (slash) {
        WCHAR p[RND_PATH];
        size_t n = (size_t)(slash - rel);
        wmemcpy(p, rel, n);
        p[n] = 0;
        parent = model_get(m, p);
    }
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->n = xrealloc(m->n, m->cap * sizeof *m->n);
    }
    mnode *x = &m->n[m->count++];
    memset(x, 0, sizeof *x);
    wcsncpy(x->rel, rel, RND_PATH - 1);
    upper_copy(x->upper, rel);
    x->parent = parent;
    if (m->count * 2 > m->hash_cap)
        rehash(m);
    else {
        size_t h = hash_of(x->upper) & (m->hash_cap - 1);
        while (m->hash[h])
            h = (h + 1) & (m->hash_cap - 1);
        m->hash[h] = m->count;
    }
    return m->count - 1;
}

void model_add_projected(model *m, const WCHAR *rel, bool dir, UINT64 size, UINT32 attr)
{
    size_t i = model_get(m, rel);
    mnode *x = &m->n[i];
    wcsncpy(x->rel, rel, RND_PATH - 1); /* the provider's spelling */
    x->proj = true;
    x->proj_dir = dir;
    x->proj_size = dir ? 0 : size;
    x->proj_attr = attr & KEPT;
}

static bool on_disk(const mnode *x)
{
    return x->disk == MD_PH || x->disk == MD_FULL;
}

bool model_projects_into(const model *m, size_t i)
{
    if (i == SIZE_MAX)
        return true;
    const mnode *x = &m->n[i];
    if (x->disk == MD_PH)
        return x->dir;
    if (x->disk == MD_NONE)
        return x->proj && x->proj_dir && model_projects_into(m, x->parent);
    return false; /* full directories are ordinary directories (§6.3); tombstones hide */
}

bool model_visible(const model *m, size_t i)
{
    const mnode *x = &m->n[i];
    if (on_disk(x))
        return true;
    if (x->disk == MD_TOMB)
        return false;
    return x->proj && model_projects_into(m, x->parent);
}

bool model_is_dir(const model *m, size_t i)
{
    const mnode *x = &m->n[i];
    return on_disk(x) ? x->dir : x->proj_dir;
}

UINT64 model_size(const model *m, size_t i)
{
    const mnode *x = &m->n[i];
    if (model_is_dir(m, i))
        return 0;
    return on_disk(x) ? x->size : x->proj_size;
}

UINT32 model_attr(const model *m, size_t i)
{
    const mnode *x = &m->n[i];
    return on_disk(x) ? x->attr : x->proj_attr;
}

const char *model_state_name(const model *m, size_t i, char *buf, size_t size)
{
    const mnode *x = &m->n[i];
    switch (x->disk) {
    case MD_PH:
        snprintf(buf, size, "placeholder%s%s", x->hydrated ? ",hydrated" : "", x->dirty ? ",dirty" : "");
        break;
    case MD_FULL:
        snprintf(buf, size, "full");
        break;
    case MD_TOMB:
        snprintf(buf, size, "tombstone");
        break;
    default:
        snprintf(buf, size, "%s", model_visible(m, i) ? "virtual" : "missing");
    }
    return buf;
}

HRESULT model_disk_state(const model *m, size_t i, UINT32 *state)
{
    const mnode *x = &m->n[i];
    *state = 0;
    if (x->disk == MD_PH) {
        *state = 0x1 | (x->hydrated ? 0x2 : 0) | (x->dirty ? 0x4 : 0);
        return S_OK;
    }
    if (x->disk == MD_FULL) {
        *state = 0x8;
        return S_OK;
    }
    /* Not on disk (a tombstone is hidden while the provider runs, §6.11). */
    for (size_t p = x->parent; p != SIZE_MAX; p = m->n[p].parent)
        if (!on_disk(&m->n[p]) || !m->n[p].dir)
            return HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

/* ---- Transitions ---- */

static void set_data(mnode *x, const unsigned char *d, UINT64 n, bool known)
{
    free(x->data);
    x->data = NULL;
    x->size = n;
    x->data_known = known;
    if (known && n) {
        x->data = malloc((size_t)n);
        if (!x->data)
            abort();
        memcpy(x->data, d, (size_t)n);
    }
}

/* A virtual item becomes a placeholder (GetPlaceholderInfo). */
static void make_placeholder(model *m, size_t i)
{
    mnode *x = &m->n[i];
    x->disk = MD_PH;
    x->dir = x->proj_dir;
    x->hydrated = x->dirty = false;
    x->attr = x->proj_attr;
    x->cid = 0;
    set_data(x, NULL, x->proj_size, false);
    if (x->dir || x->proj_size == 0)
        x->data_known = true; /* nothing to learn */
}

void model_crawled_dir(model *m, const WCHAR *rel)
{
    size_t i = model_get(m, rel);
    for (size_t p = i; p != SIZE_MAX; p = m->n[p].parent)
        if (m->n[p].disk == MD_NONE)
            make_placeholder(m, p);
}

/* A created or deleted child dirties its placeholder parent (§6.2). */
static void dirty_parent(model *m, size_t i)
{
    size_t p = m->n[i].parent;
    if (p != SIZE_MAX && m->n[p].disk == MD_PH)
        m->n[p].dirty = true;
}

/* The first modification of a placeholder makes it full, its data fetched first (D4). */
static void make_full(mnode *x)
{
    if (x->disk == MD_PH)
        x->hydrated = true;
    x->disk = MD_FULL;
    x->dirty = false;
}

/*
 * Resolves the components above the leaf: each must be a visible directory; virtual ones
 * become placeholder directories from the top down (§6.3). Returns the leaf's node.
 */
static NTSTATUS resolve(model *m, const WCHAR *rel, size_t *leaf)
{
    size_t i = model_get(m, rel);
    *leaf = i;
    size_t chain[64];
    size_t n = 0;
    for (size_t p = m->n[i].parent; p != SIZE_MAX && n < 64; p = m->n[p].parent)
        chain[n++] = p;
    while (n > 0) {
        size_t p = chain[--n];
        if (!model_visible(m, p))
            return STATUS_OBJECT_PATH_NOT_FOUND;
        /* Only the provider can say what a virtual component is: it becomes a placeholder even
         * when it turns out to be a file. */
        if (m->n[p].disk == MD_NONE)
            make_placeholder(m, p);
        if (!model_is_dir(m, p))
            return STATUS_OBJECT_PATH_NOT_FOUND;
    }
    return STATUS_SUCCESS;
}

static void create_here(model *m, size_t i, const WCHAR *rel, bool dir, UINT32 attrs)
{
    mnode *x = &m->n[i];
    wcsncpy(x->rel, rel, RND_PATH - 1); /* the creator's spelling */
    x->disk = MD_FULL;
    x->dir = dir;
    x->hydrated = x->dirty = false;
    x->attr = attrs & KEPT;
    set_data(x, NULL, 0, true);
    dirty_parent(m, i);
}

NTSTATUS model_open(model *m, const WCHAR *rel, UINT32 access, UINT32 disp, UINT32 flags,
                    UINT32 attrs, size_t *leaf)
{
    size_t i;
    NTSTATUS s = resolve(m, rel, &i);
    *leaf = i;
    if (s != STATUS_SUCCESS)
        return s;
    mnode *x = &m->n[i];
    bool wants_write = (access & (GENERIC_WRITE | FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    if (model_visible(m, i)) {
        if (x->disk == MD_NONE)
            make_placeholder(m, i);
        if (disp == CREATE_NEW)
            return STATUS_OBJECT_NAME_COLLISION;
        if (x->dir && (flags & PRJSIM_OPEN_NON_DIRECTORY))
            return STATUS_FILE_IS_A_DIRECTORY;
        if (!x->dir && (flags & PRJSIM_OPEN_DIRECTORY))
            return STATUS_NOT_A_DIRECTORY;
        bool overwrite = disp == CREATE_ALWAYS || disp == TRUNCATE_EXISTING;
        if ((x->attr & RO) && (wants_write || overwrite))
            return STATUS_ACCESS_DENIED;
        /* Superseding a hidden or system file must keep those bits (CreateFile). */
        if (disp == CREATE_ALWAYS && (x->attr & ~attrs & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)))
            return STATUS_ACCESS_DENIED;
        if (overwrite) {
            make_full(x);
            set_data(x, NULL, 0, true);
            if (disp == CREATE_ALWAYS)
                x->attr = attrs & KEPT;
        }
        return STATUS_SUCCESS;
    }
    if (disp == OPEN_EXISTING || disp == TRUNCATE_EXISTING)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    bool dir = (flags & PRJSIM_OPEN_DIRECTORY) != 0;
    if (dir && disp != CREATE_NEW && disp != OPEN_ALWAYS)
        return STATUS_INVALID_PARAMETER;
    create_here(m, i, rel, dir, attrs);
    return STATUS_SUCCESS;
}

NTSTATUS model_read(model *m, size_t i, UINT64 off, UINT32 len, UINT32 *got)
{
    mnode *x = &m->n[i];
    *got = 0;
    if (x->dir)
        return STATUS_INVALID_DEVICE_REQUEST;
    /* The first read hydrates; an empty file without a callback (D1). */
    if (x->disk == MD_PH)
        x->hydrated = true;
    if (off >= x->size)
        return STATUS_END_OF_FILE;
    UINT64 left = x->size - off;
    *got = (UINT32)(left < len ? left : len);
    return STATUS_SUCCESS;
}

/* Makes the data of a file the model has not seen yet a run of unknown bytes. */
static void grow(mnode *x, UINT64 size)
{
    if (!x->data_known) {
        x->size = size;
        return;
    }
    unsigned char *d = xrealloc(x->data, size ? (size_t)size : 1);
    if (size > x->size)
        memset(d + x->size, 0, (size_t)(size - x->size));
    x->data = d;
    x->size = size;
}

NTSTATUS model_write(model *m, size_t i, UINT64 off, const unsigned char *data, UINT32 len)
{
    mnode *x = &m->n[i];
    if (x->dir)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (len == 0)
        return STATUS_SUCCESS;
    make_full(x);
    if (off + len > x->size)
        grow(x, off + len);
    if (x->data_known)
        memcpy(x->data + off, data, len);
    return STATUS_SUCCESS;
}

NTSTATUS model_set_size(model *m, size_t i, UINT64 size)
{
    mnode *x = &m->n[i];
    if (x->dir)
        return STATUS_INVALID_PARAMETER;
    make_full(x);
    grow(x, size);
    return STATUS_SUCCESS;
}

NTSTATUS model_set_attr(model *m, size_t i, UINT32 attrs, bool times)
{
    mnode *x = &m->n[i];
    if (!attrs && !times)
        return STATUS_SUCCESS;
    if (attrs)
        x->attr = attrs & KEPT;
    if (x->disk == MD_PH)
        x->dirty = true;
    return STATUS_SUCCESS;
}

/* Whether a directory shows any child (on disk or projected). */
static bool has_children(const model *m, size_t dir)
{
    for (size_t k = 0; k < m->count; k++)
        if (m->n[k].parent == dir && model_visible(m, k))
            return true;
    return false;
}

/* Everything below a removed directory goes with it. */
static void clear_below(model *m, size_t dir)
{
    for (size_t k = 0; k < m->count; k++) {
        size_t p = m->n[k].parent;
        while (p != SIZE_MAX && p != dir)
            p = m->n[p].parent;
        if (p == dir) {
            m->n[k].disk = MD_NONE;
            set_data(&m->n[k], NULL, 0, false);
        }
    }
}

bool model_linked(const model *m, size_t i)
{
    return m->n[i].link_next != 0;
}

/* Name @p i leaves its file's ring of names; the others keep the file. */
static void unlink_name(model *m, size_t i)
{
    if (!m->n[i].link_next)
        return;
    size_t p = i;
    while (m->n[p].link_next - 1 != i)
        p = m->n[p].link_next - 1;
    m->n[p].link_next = m->n[i].link_next;
    if (m->n[p].link_next - 1 == p)
        m->n[p].link_next = 0; /* its only name again */
    m->n[i].link_next = 0;
}

/* Name @p t joins the ring of @p i's names. */
static void join_names(model *m, size_t i, size_t t)
{
    if (!m->n[i].link_next)
        m->n[i].link_next = i + 1;
    m->n[t].link_next = m->n[i].link_next;
    m->n[i].link_next = t + 1;
}

void model_sync_links(model *m, size_t i)
{
    const mnode *x = &m->n[i];
    for (size_t k = x->link_next; k && k - 1 != i; k = m->n[k - 1].link_next) {
        mnode *y = &m->n[k - 1];
        y->disk = x->disk;
        y->dir = x->dir;
        y->hydrated = x->hydrated;
        y->dirty = x->dirty;
        y->attr = x->attr;
        y->cid = x->cid;
        set_data(y, x->data, x->size, x->data_known);
    }
}

/* The item leaves its name: a tombstone when the provider still projects it there (C2). */
static void remove_name(model *m, size_t i)
{
    unlink_name(m, i);
    mnode *x = &m->n[i];
    if (x->dir)
        clear_below(m, i);
    bool tomb = x->proj && model_projects_into(m, x->parent);
    x->disk = tomb ? MD_TOMB : MD_NONE;
    x->hydrated = x->dirty = false;
    set_data(x, NULL, 0, false);
    dirty_parent(m, i);
}

NTSTATUS model_delete(model *m, const WCHAR *rel, bool dir, bool vetoed, bool *notified)
{
    size_t i;
    *notified = false;
    UINT32 flags = dir ? PRJSIM_OPEN_DIRECTORY : PRJSIM_OPEN_NON_DIRECTORY;
    NTSTATUS s = model_open(m, rel, DELETE, OPEN_EXISTING, flags, 0, &i);
    if (s != STATUS_SUCCESS)
        return s;
    mnode *x = &m->n[i];
    if (x->attr & RO)
        return STATUS_CANNOT_DELETE;
    if (x->dir && has_children(m, i))
        return STATUS_DIRECTORY_NOT_EMPTY;
    /* PRE_DELETE comes now, when the delete is requested (§6.6); a veto keeps the item. */
    *notified = true;
    if (vetoed)
        return STATUS_SUCCESS;
    remove_name(m, i);
    return STATUS_SUCCESS;
}

NTSTATUS model_rename(model *m, size_t i, const WCHAR *to, bool replace, bool vetoed, bool *notified)
{
    size_t j;
    *notified = false;
    NTSTATUS s = resolve(m, to, &j);
    if (s != STATUS_SUCCESS)
        return s;
    if (j == i) {
        /* PRE_RENAME comes first (§6.6); a veto changes nothing. */
        *notified = true;
        if (vetoed)
            return STATUS_SUCCESS;
        /* A rename onto its own name (maybe respelled) rewrites the parent's entry: the parent
         * counts as changed (the reference is silent; DEVIATIONS C7). */
        wcsncpy(m->n[i].rel, to, RND_PATH - 1);
        dirty_parent(m, i);
        return STATUS_SUCCESS;
    }
    mnode *t = &m->n[j];
    if (model_visible(m, j)) {
        /* The target's existence is asked of the provider: it becomes a placeholder. */
        if (t->disk == MD_NONE)
            make_placeholder(m, j);
        if (!replace)
            return STATUS_OBJECT_NAME_COLLISION;
        if (model_is_dir(m, j) || (model_attr(m, j) & RO))
            return STATUS_ACCESS_DENIED;
    }
    /* The checks passed: PRE_RENAME is sent now; a veto leaves both names as they are. */
    *notified = true;
    if (vetoed)
        return STATUS_SUCCESS;
    /* The replaced file loses that name; the moving one takes its names along. */
    unlink_name(m, j);
    if (model_linked(m, i))
        join_names(m, i, j);
    mnode *x = &m->n[i];
    /* The item moves with its state; the target's name takes the caller's spelling. */
    t->disk = x->disk;
    t->dir = x->dir;
    t->hydrated = x->hydrated;
    t->dirty = x->dirty;
    t->attr = x->attr;
    t->cid = x->cid;
    set_data(t, x->data, x->size, x->data_known);
    wcsncpy(t->rel, to, RND_PATH - 1);
    dirty_parent(m, j);
    remove_name(m, i);
    return STATUS_SUCCESS;
}

NTSTATUS model_link(model *m, const WCHAR *from, const WCHAR *to)
{
    size_t i, j;
    NTSTATUS s = model_open(m, from, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0, &i);
    if (s != STATUS_SUCCESS)
        return s;
    if (model_is_dir(m, i))
        return STATUS_FILE_IS_A_DIRECTORY;
    s = resolve(m, to, &j);
    if (s != STATUS_SUCCESS)
        return s;
    mnode *t = &m->n[j];
    if (model_visible(m, j)) {
        /* As for a rename target, the provider is asked about the name first. */
        if (t->disk == MD_NONE)
            make_placeholder(m, j);
        return STATUS_OBJECT_NAME_COLLISION;
    }
    /* A new name over nothing or a tombstone, with the caller's spelling. */
    wcsncpy(t->rel, to, RND_PATH - 1);
    join_names(m, i, j);
    model_sync_links(m, i);
    dirty_parent(m, j);
    return STATUS_SUCCESS;
}

NTSTATUS model_mkdir(model *m, const WCHAR *rel)
{
    size_t i;
    return model_open(m, rel, GENERIC_READ, CREATE_NEW, PRJSIM_OPEN_DIRECTORY, 0, &i);
}

bool model_match(const WCHAR *p, const WCHAR *s)
{
    if (!p || !*p)
        return true;
    /* Iterative `*` / `?` matching with one backtrack point. */
    const WCHAR *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == L'?' || (*p && *p != L'*' && up(*p) == up(*s))) {
            p++;
            s++;
        } else if (*p == L'*') {
            star = p++;
            resume = s;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (*p == L'*')
        p++;
    return !*p;
}

int model_compare(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++) {
        WCHAR x = up(*a), y = up(*b);
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
}

static const model *sort_model;
static int by_name(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return model_compare(model_leaf(sort_model->n[i].rel), model_leaf(sort_model->n[j].rel));
}

NTSTATUS model_list(model *m, const WCHAR *rel, const WCHAR *pattern, size_t **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t dir = SIZE_MAX;
    if (rel[0]) {
        NTSTATUS s = model_open(m, rel, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY, 0, &dir);
        if (s != STATUS_SUCCESS)
            return s;
    }
    size_t *v = NULL, n = 0;
    for (size_t k = 0; k < m->count; k++) {
        if (m->n[k].parent != dir || !model_visible(m, k) ||
            !model_match(pattern, model_leaf(m->n[k].rel)))
            continue;
        v = xrealloc(v, (n + 1) * sizeof *v);
        v[n++] = k;
    }
    sort_model = m;
    if (n)
        qsort(v, n, sizeof *v, by_name);
    *out = v;
    *count = n;
    return STATUS_SUCCESS;
}

/* ---- The provider's side (§6.10) ---- */

/* Resolves for a provider call: every component above must be a directory on disk. */
static HRESULT provider_resolve(model *m, const WCHAR *rel, size_t *leaf)
{
    size_t i = model_find(m, rel);
    *leaf = i;
    if (i == SIZE_MAX)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    for (size_t p = m->n[i].parent; p != SIZE_MAX; p = m->n[p].parent)
        if (!on_disk(&m->n[p]) || !m->n[p].dir)
            return HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    if (m->n[i].disk == MD_NONE)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    return S_OK;
}

/* Directory checks and failure causes, shared by update and delete (V1). */
static HRESULT provider_checks(model *m, size_t i, UINT32 flags, bool update, UINT32 cid,
                               UINT32 *causes, bool *nothing)
{
    mnode *x = &m->n[i];
    *nothing = false;
    bool tombs = false;
    if (x->disk != MD_TOMB && x->dir) {
        for (size_t k = 0; k < m->count; k++) {
            if (m->n[k].parent != i)
                continue;
            if (on_disk(&m->n[k]))
                return HRESULT_FROM_WIN32(ERROR_DIR_NOT_EMPTY);
            tombs |= m->n[k].disk == MD_TOMB;
        }
    }
    if (update && x->disk == MD_PH && !x->dirty && x->cid == cid) {
        *nothing = true; /* the same version: nothing to do */
        return S_OK;
    }
    UINT32 c = 0;
    if (x->disk == MD_PH && x->dirty && !(flags & PRJ_UPDATE_ALLOW_DIRTY_METADATA))
        c |= PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA;
    if (x->disk == MD_FULL && !(flags & PRJ_UPDATE_ALLOW_DIRTY_DATA))
        c |= PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA;
    if ((x->disk == MD_TOMB || tombs) && !(flags & PRJ_UPDATE_ALLOW_TOMBSTONE))
        c |= PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE;
    if (on_disk(x) && (x->attr & RO) && !(flags & PRJ_UPDATE_ALLOW_READ_ONLY))
        c |= PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY;
    *causes = c;
    return c ? HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION) : S_OK;
}

HRESULT model_provider_update(model *m, const WCHAR *rel, UINT32 flags, UINT32 cid, UINT32 *causes)
{
    size_t i;
    *causes = 0;
    HRESULT hr = provider_resolve(m, rel, &i);
    if (FAILED(hr))
        return hr;
    bool nothing;
    hr = provider_checks(m, i, flags, true, cid, causes, &nothing);
    if (FAILED(hr) || nothing)
        return hr;
    mnode *x = &m->n[i];
    if (x->dir)
        clear_below(m, i); /* its tombstones go */
    /* A clean placeholder of the new version; local data and metadata are discarded. */
    make_placeholder(m, i);
    m->n[i].cid = cid;
    return S_OK;
}

HRESULT model_provider_delete(model *m, const WCHAR *rel, UINT32 flags, UINT32 *causes)
{
    size_t i;
    *causes = 0;
    HRESULT hr = provider_resolve(m, rel, &i);
    if (FAILED(hr))
        return hr;
    bool nothing;
    hr = provider_checks(m, i, flags, false, 0, causes, &nothing);
    if (FAILED(hr))
        return hr;
    mnode *x = &m->n[i];
    if (x->dir)
        clear_below(m, i);
    /* Gone, no tombstone: projected again if the store still has it; the parent stays clean. */
    x->disk = MD_NONE;
    x->hydrated = x->dirty = false;
    x->attr = 0;
    set_data(x, NULL, 0, false);
    return S_OK;
}
