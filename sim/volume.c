/* SPDX-License-Identifier: MIT */
/*
 * The simulated disk: a tree of items. A directory keeps its children sorted in
 * PrjFileNameCompare order, which gives O(log n) lookup and the order the enumeration merge
 * walks.
 *
 * Ownership of items. The provider may change the view (PrjDeleteFile, PrjUpdateFileIfNeeded,
 * PrjWritePlaceholderInfo) from inside any callback or from any thread, on any item: the one an
 * operation is working on, an ancestor of it, or anything else. Every file of sim/ keeps to
 * these rules so that an operation in flight never touches freed memory:
 *
 *  1. The tree owns its items. A pointer found under the simulation lock is good while the lock
 *     stays held. Anything that may release the lock ends that: prjsim__dispatch (every
 *     callback, pre- and post-operation notifications included) and every condition wait.
 *  2. To keep a pointer across such a point, pin the item (prjsim__item_pin/unpin, always in
 *     pairs). An open handle is a pin on its item; so are an enumeration session on its
 *     directory, a hydration on its file and a prjsim__resolved on the items it returns.
 *  3. A pin keeps the item's memory and that of every ancestor (item->holds counts the pins on
 *     an item and on everything below it), so walking up from a pinned item (its root, its
 *     relative path, its instance) stays safe even when an ancestor is removed meanwhile.
 *  4. prjsim__item_destroy removes an item from its parent and frees its subtree at once when
 *     nothing in it is held, otherwise when the last hold inside goes (the removed top carries
 *     `detached`). Detach and attach move the holds with the subtree.
 *  5. A pin keeps memory, not a place. After re-taking the lock an operation checks
 *     prjsim__item_in_tree (and, where it matters, that the parent is the one it had) and then
 *     fails with the status Windows gives: STATUS_OBJECT_PATH_NOT_FOUND for a path whose
 *     directory went away during the lookup, STATUS_DELETE_PENDING for an operation on an open
 *     item that was deleted, or completes on the item as it now is (a handle's own I/O).
 *  6. Instances: a prjsim__instance pointer is good while the lock is held and, across a
 *     callback, while that callback is in flight (PrjStopVirtualizing waits for in_flight to
 *     drop). Across any other lock release it is taken again from a pinned item
 *     (prjsim__instance_of_item), which gives NULL once the instance is stopping.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

const prjsim__item_rare prjsim__no_rare;

static _Atomic size_t live_items;

size_t prjsim_debug_live_items(void)
{
    return live_items;
}

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

/* Adds @p n holds (negative: removes) to @p from and every ancestor; returns the top item. */
static prjsim__item *add_holds(prjsim__item *from, int64_t n)
{
    prjsim__item *top = from;
    for (prjsim__item *i = from; i; i = i->parent) {
        i->holds = (uint32_t)((int64_t)i->holds + n);
        top = i;
    }
    return top;
}

prjsim__item *prjsim__item_new(const WCHAR *name, size_t len, uint32_t state)
{
    prjsim__item *item = prjsim__xcalloc(1, sizeof *item + (len + 1) * sizeof(WCHAR));
    live_items++;
    item->name = inline_name(item);
    if (len)
        memcpy(item->name, name, len * sizeof(WCHAR));
    item->name_len = (uint32_t)len;
    item->name_hash = prjsim__name_hash_n(item->name, len);
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
    live_items--;
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
/*
 * Directories up to this size stay sorted through every change (an insert or removal moves at
 * most this many pointers): a small directory that is changed and listed in turn would otherwise
 * be sorted again for every listing.
 */
#define KEEP_SORTED_UPTO 512

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

/*
 * A slot of the index holds the child's address with a few bits of its name hash in the low
 * bits, which the allocator's alignment leaves zero: a probe that meets another name mostly
 * learns so from the slot, without a cache miss on that child. The tag bits are the hash's top
 * bits, which the slot number (its low bits) does not already tell apart.
 */
#define TAG_MASK ((uintptr_t)(_Alignof(prjsim__item) - 1)) /* items come from malloc */

static uintptr_t slot_tag(uint32_t hash)
{
    return (uintptr_t)(hash >> 29) & TAG_MASK;
}

static prjsim__item *slot_item(uintptr_t slot)
{
    return (prjsim__item *)(slot & ~TAG_MASK);
}

static void index_put(prjsim__item *dir, prjsim__item *child)
{
    uint32_t mask = dir->index_cap - 1;
    uint32_t i = child->name_hash & mask;
    while (dir->index[i])
        i = (i + 1) & mask;
    dir->index[i] = (uintptr_t)child | slot_tag(child->name_hash);
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
    uint32_t i = child->name_hash & mask;
    while (dir->index[i] && slot_item(dir->index[i]) != child)
        i = (i + 1) & mask;
    if (!dir->index[i])
        return;
    dir->index[i] = 0;
    /* Re-place the rest of the cluster so probing still finds every entry. */
    for (uint32_t j = (i + 1) & mask; dir->index[j]; j = (j + 1) & mask) {
        prjsim__item *moved = slot_item(dir->index[j]);
        dir->index[j] = 0;
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
        uint32_t mask = dir->index_cap - 1, hash = prjsim__name_hash_n(name, len);
        uintptr_t tag = slot_tag(hash);
        for (uint32_t i = hash & mask; dir->index[i]; i = (i + 1) & mask) {
            if ((dir->index[i] & TAG_MASK) != tag)
                continue;
            prjsim__item *c = slot_item(dir->index[i]);
            if (c->name_hash == hash && prjsim__name_compare_n(c->name, c->name_len, name, len) == 0)
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
    uint32_t at = dir->child_count;
    if (dir->child_count) {
        prjsim__item *last = dir->children[dir->child_count - 1];
        if (prjsim__name_compare_n(last->name, last->name_len, child->name, child->name_len) > 0) {
            if (!dir->children_unsorted && dir->child_count < KEEP_SORTED_UPTO) {
                bool found;
                at = prjsim__item_child_index(dir, child->name, child->name_len, &found);
                memmove(dir->children + at + 1, dir->children + at,
                        (dir->child_count - at) * sizeof *dir->children);
            } else {
                dir->children_unsorted = true;
            }
        }
    }
    dir->children[at] = child;
    dir->child_count++;
    child->parent = dir;
    if (child->holds)
        add_holds(dir, child->holds);
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
        dir->child_count--;
        if (!dir->children_unsorted && dir->child_count < KEEP_SORTED_UPTO) {
            memmove(dir->children + i, dir->children + i + 1,
                    (dir->child_count - i) * sizeof *dir->children);
        } else {
            /* Taking the last child's place is O(1); order is restored on the next ordered use. */
            dir->children[i] = dir->children[dir->child_count];
            if (i < dir->child_count)
                dir->children_unsorted = true;
        }
    }
    child->parent = NULL;
    if (child->holds)
        add_holds(dir, -(int64_t)child->holds);
}

void prjsim__item_clear_children(prjsim__item *dir)
{
    for (uint32_t i = 0; i < dir->child_count; i++) {
        prjsim__item *c = dir->children[i];
        if (!c->holds) {
            prjsim__item_free_tree(c);
            continue;
        }
        /* Held below: removed now, freed by its last unpin (see the rules above). */
        add_holds(dir, -(int64_t)c->holds);
        c->parent = NULL;
        c->detached = true;
    }
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
    item->name_hash = prjsim__name_hash_n(name, len);
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

NTSTATUS prjsim__item_set_data_size(prjsim_sim *sim, prjsim__item *item, UINT64 size)
{
    if (size > PRJSIM__CONTENT_MAX || size > (UINT64)INT64_MAX)
        return prjsim__content_too_large(sim, "a file", size);
    if (size > item->data_cap) {
        UINT64 cap = item->data_cap ? item->data_cap : 64;
        while (cap < size)
            cap *= 2; /* no overflow: size <= PRJSIM__CONTENT_MAX */
        if (cap > PRJSIM__CONTENT_MAX)
            cap = size;
        uint8_t *grown = prjsim__content_resize(item->data, item->data_cap, (size_t)cap);
        if (!grown)
            return prjsim__content_too_large(sim, "a file", size);
        item->data = grown; /* the new bytes are zero (content.c) */
        item->data_cap = (size_t)cap;
    }
    /* Bytes past the end read as zeros once the file grows again: clear what is held. */
    UINT64 old = (UINT64)item->info.FileSize;
    if (size < old)
        prjsim__content_zero(item->data, item->data_cap, (size_t)size,
                             (size_t)(old < item->data_cap ? old : item->data_cap));
    item->info.FileSize = (INT64)size;
    return STATUS_SUCCESS;
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
        add_holds(item, 1);
}

void prjsim__item_unpin(prjsim__item *item)
{
    if (!item)
        return;
    prjsim__item *top = add_holds(item, -1);
    if (top->detached && top->holds == 0)
        prjsim__item_free_tree(top);
}

bool prjsim__item_in_tree(const prjsim__item *item)
{
    for (const prjsim__item *i = item; i; i = i->parent)
        if (i->detached)
            return false;
    return item != NULL;
}

void prjsim__item_destroy(prjsim__item *item)
{
    prjsim__item_detach(item);
    item->detached = true;
    if (item->holds == 0)
        prjsim__item_free_tree(item);
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
        UINT64 had = (UINT64)o->info.FileSize;
        o->state = (o->state & ~shared) | (item->state & shared);
        o->info = item->info;
        size_t size = (size_t)item->info.FileSize;
        if (size > item->data_cap)
            size = item->data_cap; /* past the held bytes the file reads as zeros */
        if (item->data) {
            if (o->data_cap < size) {
                uint8_t *grown = prjsim__content_resize(o->data, o->data_cap, size);
                if (grown) { /* item's own content was held, so this one rarely fails */
                    o->data = grown;
                    o->data_cap = size;
                }
            }
            if (size > o->data_cap)
                size = o->data_cap;
            if (size)
                memcpy(o->data, item->data, size);
            /* Cut through the other name: what this one held past the new end must read as
             * zeros when the file grows again (as prjsim__item_set_data_size clears its own). */
            UINT64 end = (UINT64)item->info.FileSize;
            if (end < had && end < o->data_cap)
                prjsim__content_zero(o->data, o->data_cap, (size_t)end,
                                     (size_t)(had < o->data_cap ? had : o->data_cap));
        } else {
            prjsim__content_free(o->data, o->data_cap);
            o->data = NULL;
            o->data_cap = 0;
        }
        prjsim__item_set_version(o, prjsim__rare(item)->version);
    }
}
