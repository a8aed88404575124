/*
 * The simulated disk: a tree of items. A directory keeps its children sorted in
 * PrjFileNameCompare order, which gives O(log n) lookup and the order the enumeration merge
 * walks.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

const prjsim__item_rare prjsim__no_rare;

prjsim__item_rare *prjsim__rare_mut(prjsim__item *item)
{
    if (!item->rare)
        item->rare = prjsim__xcalloc(1, sizeof *item->rare);
    return item->rare;
}

/* The name an item is created with shares its allocation; a rename gives it one of its own. */
static WCHAR *inline_name(prjsim__item *item)
{
    return (WCHAR *)(item + 1);
}

prjsim__item *prjsim__item_new(const WCHAR *name, size_t len, uint32_t state)
{
    prjsim__item *item = prjsim__xcalloc(1, sizeof *item + (len + 1) * sizeof(WCHAR));
    item->name = inline_name(item);
    if (len)
        memcpy(item->name, name, len * sizeof(WCHAR));
    item->name_len = (uint32_t)len;
    item->state = state;
    if (state & ITEM_DIR) {
        item->info.IsDirectory = TRUE;
        item->info.FileAttributes = FILE_ATTRIBUTE_DIRECTORY;
    }
    return item;
}

static void item_free(prjsim__item *item)
{
    prjsim__item_unlink(item);
    if (item->name != inline_name(item))
        free(item->name);
    if (item->rare) {
        free(item->rare->version);
        free(item->rare->original_path);
        free(item->rare->symlink_target);
        free(item->rare->root);
        free(item->rare);
    }
    prjsim__content_free(item->data, item->data_cap);
    free(item->children);
    free(item->index);
    free(item);
}

void prjsim__item_free_tree(prjsim__item *item)
{
    if (!item)
        return;
    for (uint32_t i = 0; i < item->child_count; i++)
        prjsim__item_free_tree(item->children[i]);
    item_free(item);
}

/*
 * Children: an array that is sorted in collation order whenever an ordered access needs it
 * (appends keep it sorted when names arrive in order; other changes mark it unsorted and the
 * next ordered access sorts it once), plus, for directories past a few children, a hash index
 * by case-folded name for O(1) lookup. A million creations in random order then cost neither
 * a memmove each nor a rescan.
 */
#define INDEX_FROM 16 /* smaller directories are scanned */

static int compare_items(const void *a, const void *b)
{
    const prjsim__item *x = *(prjsim__item *const *)a, *y = *(prjsim__item *const *)b;
    return prjsim__name_compare_n(x->name, x->name_len, y->name, y->name_len);
}

static void ensure_sorted(prjsim__item *dir)
{
    if (dir->children_unsorted) {
        qsort(dir->children, dir->child_count, sizeof *dir->children, compare_items);
        dir->children_unsorted = false;
    }
}

static void index_put(prjsim__item *dir, prjsim__item *child)
{
    uint32_t mask = dir->index_cap - 1;
    uint32_t i = prjsim__name_hash_n(child->name, child->name_len) & mask;
    while (dir->index[i])
        i = (i + 1) & mask;
    dir->index[i] = child;
}

static void index_rebuild(prjsim__item *dir, uint32_t cap)
{
    free(dir->index);
    dir->index_cap = cap;
    dir->index = prjsim__xcalloc(cap, sizeof *dir->index);
    for (uint32_t i = 0; i < dir->child_count; i++)
        index_put(dir, dir->children[i]);
}

static void index_remove(prjsim__item *dir, prjsim__item *child)
{
    uint32_t mask = dir->index_cap - 1;
    uint32_t i = prjsim__name_hash_n(child->name, child->name_len) & mask;
    while (dir->index[i] && dir->index[i] != child)
        i = (i + 1) & mask;
    if (!dir->index[i])
        return;
    dir->index[i] = NULL;
    /* Re-place the rest of the cluster so probing still finds every entry. */
    for (uint32_t j = (i + 1) & mask; dir->index[j]; j = (j + 1) & mask) {
        prjsim__item *moved = dir->index[j];
        dir->index[j] = NULL;
        index_put(dir, moved);
    }
}

uint32_t prjsim__item_child_index(prjsim__item *dir, const WCHAR *name, size_t len, bool *found)
{
    ensure_sorted(dir);
    uint32_t lo = 0, hi = dir->child_count;
    *found = false;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        prjsim__item *c = dir->children[mid];
        int cmp = prjsim__name_compare_n(c->name, c->name_len, name, len);
        if (cmp < 0) {
            lo = mid + 1;
        } else if (cmp > 0) {
            hi = mid;
        } else {
            *found = true;
            return mid;
        }
    }
    return lo;
}

prjsim__item *prjsim__item_child(prjsim__item *dir, const WCHAR *name, size_t len)
{
    if (dir->index) {
        uint32_t mask = dir->index_cap - 1;
        for (uint32_t i = prjsim__name_hash_n(name, len) & mask; dir->index[i]; i = (i + 1) & mask) {
            prjsim__item *c = dir->index[i];
            if (prjsim__name_compare_n(c->name, c->name_len, name, len) == 0)
                return c;
        }
        return NULL;
    }
    for (uint32_t i = 0; i < dir->child_count; i++) {
        prjsim__item *c = dir->children[i];
        if (prjsim__name_compare_n(c->name, c->name_len, name, len) == 0)
            return c;
    }
    return NULL;
}

void prjsim__item_attach(prjsim__item *dir, prjsim__item *child)
{
    if (dir->child_count == dir->child_cap) {
        dir->child_cap = dir->child_cap ? dir->child_cap * 2 : 4;
        dir->children = prjsim__xrealloc(dir->children, dir->child_cap * sizeof *dir->children);
    }
    if (dir->child_count) {
        prjsim__item *last = dir->children[dir->child_count - 1];
        if (prjsim__name_compare_n(last->name, last->name_len, child->name, child->name_len) > 0)
            dir->children_unsorted = true;
    }
    dir->children[dir->child_count++] = child;
    child->parent = dir;
    /* Once a directory has an index, every child goes in it, even after it shrank. */
    if (dir->index || dir->child_count >= INDEX_FROM) {
        if (!dir->index || dir->child_count * 2 > dir->index_cap) {
            /* Load stays between 1/4 and 1/2: short probe runs, 16-32 bytes per child. */
            uint32_t cap = 64;
            while (cap < dir->child_count * 2)
                cap *= 2;
            index_rebuild(dir, cap);
        } else {
            index_put(dir, child);
        }
    }
}

void prjsim__item_detach(prjsim__item *child)
{
    prjsim__item *dir = child->parent;
    if (!dir)
        return;
    if (dir->index)
        index_remove(dir, child);
    uint32_t i = dir->child_count; /* not found yet */
    if (!dir->children_unsorted) {
        bool found;
        uint32_t at = prjsim__item_child_index(dir, child->name, child->name_len, &found);
        if (found && dir->children[at] == child)
            i = at;
    }
    if (i == dir->child_count)
        for (i = 0; i < dir->child_count && dir->children[i] != child; i++)
            ;
    if (i < dir->child_count) {
        /* Taking the last child's place is O(1); order is restored on the next ordered use. */
        dir->children[i] = dir->children[--dir->child_count];
        if (i < dir->child_count)
            dir->children_unsorted = true;
    }
    child->parent = NULL;
}

void prjsim__item_clear_children(prjsim__item *dir)
{
    for (uint32_t i = 0; i < dir->child_count; i++)
        prjsim__item_free_tree(dir->children[i]);
    dir->child_count = 0;
    dir->children_unsorted = false;
    free(dir->index);
    dir->index = NULL;
    dir->index_cap = 0;
}

void prjsim__item_sort_children(prjsim__item *dir)
{
    ensure_sorted(dir);
}

prjsim__item *prjsim__item_root(const prjsim__item *item)
{
    for (const prjsim__item *i = item; i; i = i->parent)
        if (prjsim__rare(i)->root)
            return (prjsim__item *)i;
    return NULL;
}

static WCHAR *path_up_to(const prjsim__item *item, const prjsim__item *stop, bool drive_sep)
{
    size_t total = 0, count = 0;
    for (const prjsim__item *i = item; i && i != stop; i = i->parent) {
        total += i->name_len;
        count++;
    }
    if (count)
        total += count - 1; /* separators */
    WCHAR *s = prjsim__xmalloc((total + 2) * sizeof(WCHAR));
    size_t at = total;
    s[at] = 0;
    for (const prjsim__item *i = item; i && i != stop; i = i->parent) {
        at -= i->name_len;
        memcpy(s + at, i->name, i->name_len * sizeof(WCHAR));
        if (at > 0)
            s[--at] = L'\\';
    }
    if (drive_sep && total == 2) {
        s[2] = L'\\';
        s[3] = 0;
    }
    return s;
}

WCHAR *prjsim__item_relative_path(const prjsim__item *item)
{
    const prjsim__item *root = prjsim__item_root(item);
    if (!root || root == item)
        return prjsim__wcsdup(L"");
    return path_up_to(item, root, false);
}

void prjsim__item_rename(prjsim__item *item, const WCHAR *name, size_t len)
{
    if (item->name != inline_name(item))
        free(item->name);
    item->name = prjsim__wcsdup_n(name, len);
    item->name_len = (uint32_t)len;
}

/*
 * Most placeholders never move, so their original path is their current one and is not stored:
 * a million placeholders would otherwise hold a million copies of their own paths.
 */
WCHAR *prjsim__item_original_path(const prjsim__item *item)
{
    return prjsim__rare(item)->original_path ? prjsim__wcsdup(prjsim__rare(item)->original_path)
                               : prjsim__item_relative_path(item);
}

void prjsim__item_keep_original_path(prjsim__item *item)
{
    if ((item->state & ITEM_PLACEHOLDER) && !prjsim__rare(item)->original_path)
        prjsim__rare_mut(item)->original_path = prjsim__item_relative_path(item);
}

WCHAR *prjsim__item_full_path(const prjsim__item *item)
{
    /* Stop below the volume item, whose name is empty. */
    const prjsim__item *vol = item;
    while (vol->parent)
        vol = vol->parent;
    return path_up_to(item, vol, true);
}

bool prjsim__item_is_virtualized_dir(const prjsim__item *item)
{
    if (!item || !(item->state & ITEM_DIR))
        return false;
    if (prjsim__rare(item)->root)
        return true;
    return (item->state & ITEM_PLACEHOLDER) && prjsim__item_root(item) != NULL;
}

bool prjsim__item_has_visible_children(const prjsim__item *dir)
{
    for (uint32_t i = 0; i < dir->child_count; i++)
        if (prjsim__item_visible(dir->children[i]))
            return true;
    return false;
}

void prjsim__item_set_data_size(prjsim__item *item, UINT64 size)
{
    if (size > item->data_cap) {
        size_t cap = item->data_cap ? item->data_cap : 64;
        while (cap < size)
            cap *= 2;
        item->data = prjsim__content_resize(item->data, item->data_cap, cap);
        memset(item->data + item->data_cap, 0, cap - item->data_cap);
        item->data_cap = cap;
    }
    if (size < (UINT64)item->info.FileSize && item->data)
        memset(item->data + size, 0, (size_t)((UINT64)item->info.FileSize - size));
    item->info.FileSize = (INT64)size;
}

PRJ_FILE_STATE prjsim__item_file_state(const prjsim__item *item)
{
    if (prjsim__rare(item)->root)
        return PRJ_FILE_STATE_PLACEHOLDER; /* DEVIATIONS.md: the root reports PLACEHOLDER */
    if (item->state & ITEM_TOMBSTONE)
        return PRJ_FILE_STATE_TOMBSTONE;
    if (item->state & ITEM_FULL)
        return PRJ_FILE_STATE_FULL;
    unsigned s = 0;
    if (item->state & ITEM_PLACEHOLDER)
        s |= PRJ_FILE_STATE_PLACEHOLDER;
    if (item->state & ITEM_HYDRATED)
        s |= PRJ_FILE_STATE_HYDRATED_PLACEHOLDER;
    if (item->state & ITEM_DIRTY)
        s |= PRJ_FILE_STATE_DIRTY_PLACEHOLDER;
    if (!s)
        s = PRJ_FILE_STATE_FULL; /* an ordinary file: not ProjFS-managed */
    return (PRJ_FILE_STATE)s;
}

prjsim__item *prjsim__volume_drive(prjsim_sim *sim, const WCHAR *name, size_t len)
{
    prjsim__item *d = prjsim__item_child(sim->volume, name, len);
    if (!d) {
        d = prjsim__item_new(name, len, ITEM_DIR | ITEM_FULL);
        d->name[0] = prjsim__name_upcase(d->name[0]);
        prjsim__item_attach(sim->volume, d);
    }
    return d;
}

void prjsim__item_pin(prjsim__item *item)
{
    if (item)
        item->pins++;
}

static void maybe_free_detached(prjsim__item *item)
{
    if (item->detached && item->pins == 0 && item->open_count == 0)
        prjsim__item_free_tree(item);
}

void prjsim__item_unpin(prjsim__item *item)
{
    if (!item)
        return;
    item->pins--;
    maybe_free_detached(item);
}

void prjsim__item_destroy(prjsim__item *item)
{
    prjsim__item_detach(item);
    item->detached = true;
    maybe_free_detached(item);
}

void prjsim__item_link(prjsim__item *existing, prjsim__item *added)
{
    prjsim__rare_mut(added)->link_next = prjsim__rare(existing)->link_next ? prjsim__rare(existing)->link_next : existing;
    prjsim__rare_mut(existing)->link_next = added;
}

void prjsim__item_unlink(prjsim__item *item)
{
    if (!prjsim__rare(item)->link_next)
        return;
    prjsim__item *prev = item;
    while (prjsim__rare(prev)->link_next != item)
        prev = prjsim__rare(prev)->link_next;
    prev->rare->link_next = item->rare->link_next == prev ? NULL : item->rare->link_next;
    item->rare->link_next = NULL;
}

uint32_t prjsim__item_link_count(const prjsim__item *item)
{
    uint32_t n = 1;
    for (const prjsim__item *i = prjsim__rare(item)->link_next; i && i != item; i = prjsim__rare(i)->link_next)
        n++;
    return n;
}

void prjsim__item_sync_links(prjsim__item *item)
{
    const uint32_t shared = ITEM_PLACEHOLDER | ITEM_HYDRATED | ITEM_DIRTY | ITEM_FULL;
    for (prjsim__item *o = prjsim__rare(item)->link_next; o && o != item; o = prjsim__rare(o)->link_next) {
        o->state = (o->state & ~shared) | (item->state & shared);
        o->info = item->info;
        size_t size = (size_t)item->info.FileSize;
        if (item->data) {
            if (o->data_cap < size) {
                o->data = prjsim__content_resize(o->data, o->data_cap, size);
                o->data_cap = size;
            }
            if (size)
                memcpy(o->data, item->data, size);
        } else {
            prjsim__content_free(o->data, o->data_cap);
            o->data = NULL;
            o->data_cap = 0;
        }
        prjsim__item_set_version(o, prjsim__rare(item)->version);
    }
}
