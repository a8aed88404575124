/* SPDX-License-Identifier: MIT */
/*
 * Client operations (section 6.2): the I/O of another process on paths under a root. Each
 * takes the simulation lock, advances the virtual clock, drives the state machine of the items
 * it touches (asking the provider through the dispatcher where ProjFS would) and records one
 * trace line with its NTSTATUS.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define DEFAULT_CALLER_PID 4242u
/* An NT path, as Windows reports callers' images (section 11.5); C: is HarddiskVolume3. */
static const WCHAR default_image[] = L"\\Device\\HarddiskVolume3\\prjsim\\client.exe";

static _Thread_local bool caller_set;
static _Thread_local prjsim_caller caller;
static _Thread_local WCHAR caller_image[MAX_PATH + 1];

void prjsim_client_set_caller(const prjsim_caller *c)
{
    caller_set = c != NULL;
    if (!c)
        return;
    caller = *c;
    caller_image[0] = 0;
    if (c->image_file_name) {
        wcsncpy(caller_image, c->image_file_name, MAX_PATH);
        caller_image[MAX_PATH] = 0;
    }
    caller.image_file_name = caller_image;
}

prjsim_caller prjsim_client_get_caller(void)
{
    if (caller_set)
        return caller;
    prjsim_caller d = {DEFAULT_CALLER_PID, default_image, false};
    return d;
}

/* ---- helpers ---- */

static UINT32 expand_access(UINT32 a)
{
    if (a & GENERIC_READ)
        a |= FILE_READ_DATA | FILE_READ_ATTRIBUTES;
    if (a & GENERIC_WRITE)
        a |= FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_ATTRIBUTES;
    if (a & GENERIC_ALL)
        a |= FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_READ_ATTRIBUTES |
             FILE_WRITE_ATTRIBUTES | DELETE;
    return a;
}

static const char *disposition_name(UINT32 d)
{
    static const char *names[] = {"?", "CREATE_NEW", "CREATE_ALWAYS", "OPEN_EXISTING",
                                  "OPEN_ALWAYS", "TRUNCATE_EXISTING"};
    return d <= 5 ? names[d] : "?";
}

static NTSTATUS traced(prjsim_sim *sim, NTSTATUS st, const char *fmt, const char *a, const char *b)
{
    if (!sim->options.trace)
        return st;
    char sb[96], line[64];
    snprintf(line, sizeof line, "%s", fmt);
    prjsim__trace(sim, PRJSIM_TRACE_OP, st, "op %s \"%s\"%s -> %s", line, a, b ? b : "",
                  prjsim__st_str(sb, sizeof sb, st));
    return st;
}

static void set_times_now(prjsim_sim *sim, prjsim__item *item, bool creation)
{
    int64_t now = sim->clock;
    if (creation)
        item->info.CreationTime.QuadPart = now;
    item->info.LastAccessTime.QuadPart = now;
    item->info.LastWriteTime.QuadPart = now;
    item->info.ChangeTime.QuadPart = now;
}

/* Creating or deleting a child of a placeholder directory makes it dirty (section 6.2). */
static void dirty_parent(prjsim__item *dir)
{
    if (dir && (dir->state & ITEM_PLACEHOLDER) && !(dir->state & ITEM_FULL))
        dir->state |= ITEM_DIRTY;
}

/* The first modification of a placeholder file makes it full, keeping its data. */
static NTSTATUS convert_to_full(prjsim_sim *sim, prjsim__item *item, bool need_data, bool unbuffered)
{
    if (!(item->state & ITEM_PLACEHOLDER) || (item->state & ITEM_FULL))
        return STATUS_SUCCESS;
    item = prjsim__item_projected_name(item); /* through a link outside the root: its name inside */
    if (need_data) {
        NTSTATUS st = prjsim__hydrate(sim, item, unbuffered);
        if (st != STATUS_SUCCESS)
            return st;
    }
    /* "ProjFS prevents modifications to files that haven't previously been written to" while
     * the provider is stopped (section 6.1): a placeholder only becomes full with it running. */
    if (!prjsim__instance_of_item(item))
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    /* Racing modifications wait for the one notification rather than sending their own. */
    while (item->converting)
        pthread_cond_wait(&sim->state_changed, &sim->lock);
    if (!(item->state & ITEM_PLACEHOLDER) || (item->state & ITEM_FULL))
        return STATUS_SUCCESS;
    prjsim__instance *inst = prjsim__instance_of_item(item);
    if (inst) {
        WCHAR *rel = prjsim__item_relative_path(item);
        prjsim__notice n = {inst, item, rel, NULL, NULL, (item->state & ITEM_DIR) != 0, false,
                            PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL, false};
        item->converting = true;
        NTSTATUS st = prjsim__notify(sim, &n);
        item->converting = false;
        pthread_cond_broadcast(&sim->state_changed);
        free(rel);
        /* A provider that updated the file from the notification made its data virtual again. */
        if (st == STATUS_SUCCESS && need_data)
            st = prjsim__hydrate(sim, item, unbuffered);
        if (st != STATUS_SUCCESS)
            return st;
    }
    item->state = (item->state & ITEM_DIR) | ITEM_FULL;
    if (!prjsim__rare(item)->symlink_target)
        item->info.FileAttributes &= ~(UINT32)FILE_ATTRIBUTE_REPARSE_POINT;
    prjsim__item_sync_links(item);
    return STATUS_SUCCESS;
}

/* The relative path notifications name a handle's item by. */
static WCHAR *handle_rel(const prjsim_handle *h)
{
    return h->caller_rel ? prjsim__wcsdup(h->caller_rel) : prjsim__item_relative_path(h->item);
}

static prjsim_handle *new_handle(prjsim_sim *sim, prjsim__item *item, UINT32 access, UINT32 share,
                                 UINT32 flags, WCHAR *caller_rel, PCWSTR path)
{
    prjsim_handle *h = prjsim__xcalloc(1, sizeof *h);
    h->sim = sim;
    h->item = item;
    h->access = access;
    h->share = share;
    prjsim__share_add(sim, item, access, share);
    h->flags = flags;
    h->delete_on_close = (flags & PRJSIM_OPEN_DELETE_ON_CLOSE) != 0;
    h->caller_rel = caller_rel;
    h->trace_name = sim->options.trace ? prjsim__utf8(path) : NULL; /* only trace lines use it */
    prjsim__new_guid(sim, &h->file_id);
    item->open_count++;
    prjsim__item_pin(item); /* a handle keeps its item, even once it leaves the view */
    return h;
}

/* ---- open ---- */

static void free_handle(prjsim_handle *h)
{
    if (!h)
        return;
    free(h->caller_rel);
    free(h->trace_name);
    free(h);
}

/*
 * An operation that may release the lock (a callback, a wait) holds its handle. A close meanwhile
 * does its work at once (sharing, delete, FILE_HANDLE_CLOSED), as Windows' cleanup does when the
 * last handle goes, but the handle's memory and its pin on the item last until the last such
 * operation ends, as a file object outlives its handle while an I/O request references it.
 * Both run under the lock; handle_leave returns the handle to free after unlocking, or NULL.
 */
static void handle_enter(prjsim_handle *h)
{
    h->in_flight++;
}

static prjsim_handle *handle_leave(prjsim_handle *h)
{
    if (--h->in_flight || !h->closed)
        return NULL;
    prjsim__item_unpin(h->item);
    return h;
}

/* The post-create notification of a new handle; a FILE_OPENED veto cancels the open. */
static NTSTATUS notify_created(prjsim_sim *sim, prjsim_handle *h, PRJ_NOTIFICATION type)
{
    prjsim__item *item = h->item;
    prjsim__instance *inst = prjsim__instance_of_item(item);
    /* Nothing is sent to a provider without a NotificationCallback: no path to make for it. */
    if (!inst || prjsim__rare(item)->root || !inst->cb.NotificationCallback)
        return STATUS_SUCCESS;
    WCHAR *rel = handle_rel(h);
    prjsim__notice n = {inst, item, rel, NULL, NULL, (item->state & ITEM_DIR) != 0, false, type, false};
    NTSTATUS st = prjsim__notify(sim, &n);
    free(rel);
    if (st != STATUS_SUCCESS) {
        prjsim__share_remove(sim, item, h->access, h->share);
        item->open_count--;
        if (!item->open_count && item->rare)
            item->rare->has_notify_override = false;
        free_handle(h);
        prjsim__item_unpin(item); /* frees it if the provider deleted it meanwhile */
    }
    return st;
}

static NTSTATUS do_open(prjsim_handle **out, prjsim_sim *sim, PCWSTR path, UINT32 access, UINT32 share,
                        UINT32 disposition, UINT32 flags, UINT32 attributes)
{
    prjsim__resolved r;
    NTSTATUS st = prjsim__resolve_follow(sim, path, &r, !(flags & PRJSIM_OPEN_REPARSE_POINT));
    if (st != STATUS_SUCCESS)
        return st;
    prjsim__item *item = r.item;
    bool want_dir = (flags & PRJSIM_OPEN_DIRECTORY) != 0;
    if (item) {
        bool is_dir = (item->state & ITEM_DIR) != 0;
        bool overwrite = disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING;
        bool readonly = (item->info.FileAttributes & FILE_ATTRIBUTE_READONLY) != 0;
        if (disposition == CREATE_NEW)
            st = STATUS_OBJECT_NAME_COLLISION;
        else if (!is_dir && (item->state & ITEM_PLACEHOLDER) &&
                 !(item->state & (ITEM_HYDRATED | ITEM_FULL)) &&
                 !prjsim__instance_of_item(prjsim__item_projected_name(item)))
            st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE; /* needs the provider (6.1) */
        else if (want_dir && !is_dir)
            st = STATUS_NOT_A_DIRECTORY;
        else if ((flags & PRJSIM_OPEN_NON_DIRECTORY) && is_dir)
            st = STATUS_FILE_IS_A_DIRECTORY;
        else if (is_dir && (overwrite || (access & (FILE_WRITE_DATA | FILE_APPEND_DATA))))
            st = STATUS_FILE_IS_A_DIRECTORY;
        else if (item->delete_pending)
            st = STATUS_DELETE_PENDING;
        else if (readonly && (overwrite || (access & (FILE_WRITE_DATA | FILE_APPEND_DATA))))
            st = STATUS_ACCESS_DENIED;
        else if (readonly && (flags & PRJSIM_OPEN_DELETE_ON_CLOSE))
            st = STATUS_CANNOT_DELETE;
        else if (disposition == TRUNCATE_EXISTING && !(access & FILE_WRITE_DATA))
            st = STATUS_ACCESS_DENIED;
        else if (disposition == CREATE_ALWAYS &&
                 (item->info.FileAttributes & ~attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)))
            st = STATUS_ACCESS_DENIED; /* superseding a hidden/system file must keep those bits */
        if (st == STATUS_SUCCESS) /* before anything changes, as NTFS checks at create */
            st = prjsim__share_check(sim, item, overwrite ? access | FILE_WRITE_DATA : access, share);
        if (st == STATUS_SUCCESS && overwrite) {
            /* Overwrite discards the content, so nothing is fetched (DEVIATIONS.md). */
            st = convert_to_full(sim, item, false, false);
            if (st == STATUS_SUCCESS && !prjsim__item_in_tree(item)) /* removed by the provider meanwhile */
                st = prjsim__item_in_tree(r.parent) ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_OBJECT_PATH_NOT_FOUND;
            if (st == STATUS_SUCCESS) {
                prjsim__item_set_data_size(sim, item, 0);
                if (disposition == CREATE_ALWAYS)
                    item->info.FileAttributes = (attributes & ~(UINT32)FILE_ATTRIBUTE_NORMAL) | FILE_ATTRIBUTE_ARCHIVE;
                set_times_now(sim, item, false);
                prjsim__item_sync_links(item);
            }
        }
        if (st == STATUS_SUCCESS) {
            *out = new_handle(sim, item, access, share, flags, r.caller_rel, path);
            (*out)->open_result = overwrite ? PRJSIM_FILE_OVERWRITTEN : PRJSIM_FILE_OPENED;
            r.caller_rel = NULL;
            st = notify_created(sim, *out, overwrite ? PRJ_NOTIFICATION_FILE_OVERWRITTEN : PRJ_NOTIFICATION_FILE_OPENED);
        }
    } else if (!r.parent) {
        st = STATUS_OBJECT_NAME_INVALID;
    } else if (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING) {
        st = STATUS_OBJECT_NAME_NOT_FOUND;
    } else if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING) {
        st = STATUS_INVALID_PARAMETER;
    } else {
        prjsim__item *parent = r.parent;
        if (r.tomb) /* creating over a tombstone removes it (section 6.2) */
            prjsim__item_destroy(r.tomb);
        prjsim__item *created = prjsim__item_new(r.leaf, r.leaf_len, ITEM_FULL | (want_dir ? ITEM_DIR : 0));
        set_times_now(sim, created, true);
        if (want_dir)
            created->info.FileAttributes = FILE_ATTRIBUTE_DIRECTORY | (attributes & ~(UINT32)FILE_ATTRIBUTE_NORMAL);
        else
            created->info.FileAttributes = (attributes & ~(UINT32)(FILE_ATTRIBUTE_NORMAL | FILE_ATTRIBUTE_DIRECTORY)) | FILE_ATTRIBUTE_ARCHIVE;
        prjsim__item_attach(parent, created);
        dirty_parent(parent);
        if (r.instance && r.caller_rel)
            prjsim__strset_remove(&r.instance->negative_cache, r.caller_rel);
        *out = new_handle(sim, created, access, share, flags, r.caller_rel, path);
        (*out)->open_result = PRJSIM_FILE_CREATED;
        r.caller_rel = NULL;
        st = notify_created(sim, *out, PRJ_NOTIFICATION_NEW_FILE_CREATED);
    }
    prjsim__resolved_free(&r);
    return st;
}

NTSTATUS prjsim_client_open(prjsim_handle **out, prjsim_sim *sim, PCWSTR path, UINT32 access,
                            UINT32 disposition, UINT32 flags, UINT32 attributes)
{
    return prjsim_client_open_shared(out, sim, path, access,
                                     FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, disposition,
                                     flags, attributes);
}

/*
 * What NtCreateFile refuses before it looks at the name: an unknown disposition, both
 * FILE_DIRECTORY_FILE and FILE_NON_DIRECTORY_FILE, and FILE_DIRECTORY_FILE with a disposition
 * other than FILE_CREATE, FILE_OPEN or FILE_OPEN_IF (CREATE_NEW, OPEN_EXISTING, OPEN_ALWAYS here;
 * the overwriting ones, CREATE_ALWAYS and TRUNCATE_EXISTING, cannot make or keep a directory).
 */
static bool bad_open_parameters(UINT32 disposition, UINT32 flags)
{
    if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING)
        return true;
    if ((flags & PRJSIM_OPEN_DIRECTORY) && (flags & PRJSIM_OPEN_NON_DIRECTORY))
        return true;
    return (flags & PRJSIM_OPEN_DIRECTORY) && (disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING);
}

NTSTATUS prjsim_client_open_shared(prjsim_handle **out, prjsim_sim *sim, PCWSTR path, UINT32 access,
                                   UINT32 share, UINT32 disposition, UINT32 flags, UINT32 attributes)
{
    if (!out || !sim || !path)
        return STATUS_INVALID_PARAMETER;
    if (share & ~(UINT32)(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)) {
        *out = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    *out = NULL;
    access = expand_access(access);
    prjsim__lock(sim);
    prjsim__tick(sim);
    NTSTATUS st = bad_open_parameters(disposition, flags)
                      ? STATUS_INVALID_PARAMETER
                      : do_open(out, sim, path, access, share, disposition, flags, attributes);
    if (st != STATUS_SUCCESS)
        *out = NULL;
    if (sim->options.trace) {
        char *u = prjsim__utf8(path);
        char extra[64];
        char shared[16] = ""; /* only a share mode other than "everything" shows */
        if (share != (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE))
            snprintf(shared, sizeof shared, " share=%s%s%s%s", (share & FILE_SHARE_READ) ? "r" : "",
                     (share & FILE_SHARE_WRITE) ? "w" : "", (share & FILE_SHARE_DELETE) ? "d" : "",
                     share ? "" : "none");
        snprintf(extra, sizeof extra, " %s%s%s", disposition_name(disposition),
                 (flags & PRJSIM_OPEN_DIRECTORY) ? " dir" : "", shared);
        traced(sim, st, "open", u, extra);
        free(u);
    }
    prjsim__unlock(sim);
    return st;
}

/* ---- delete ---- */

/* Can a directory be deleted: no visible child on disk, none the provider still lists. */
static NTSTATUS check_dir_empty(prjsim_sim *sim, prjsim__item *dir)
{
    if (prjsim__item_has_visible_children(dir))
        return STATUS_DIRECTORY_NOT_EMPTY;
    if (!prjsim__item_is_virtualized_dir(dir))
        return STATUS_SUCCESS;
    prjsim__instance *inst = prjsim__instance_of_item(dir);
    if (!inst && prjsim__rare(dir)->root)
        return STATUS_SUCCESS; /* a stopped root is a directory like any other (section 11.3) */
    if (!inst)
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    WCHAR *rel = prjsim__item_relative_path(dir);
    bool any = false;
    prjsim__item_pin(dir);
    NTSTATUS st = prjsim__provider_probe(sim, inst, dir, rel, L"*", &any);
    prjsim__item_unpin(dir);
    free(rel);
    if (st != STATUS_SUCCESS)
        return st;
    if (!prjsim__item_in_tree(dir))
        return STATUS_DELETE_PENDING;
    return any ? STATUS_DIRECTORY_NOT_EMPTY : STATUS_SUCCESS;
}

/* Removes an item whose last handle closed with delete pending; false if it stayed. */
static bool finalize_delete(prjsim_sim *sim, prjsim__item *item)
{
    prjsim__item *parent = item->parent;
    if (!parent)
        return false;
    bool tombstone = false;
    if (prjsim__item_is_virtualized_dir(parent)) {
        /* Still projected? Then a tombstone must hide the name from the provider's listing. */
        prjsim__instance *inst = prjsim__instance_of_item(parent);
        tombstone = true; /* when the provider cannot be asked, keep the name hidden */
        if (inst) {
            WCHAR *rel = prjsim__item_relative_path(item);
            bool has = true;
            prjsim__item_pin(item);
            prjsim__item_pin(parent);
            NTSTATUS st = prjsim__provider_has(sim, inst, parent, rel, item->name, item->name_len, &has);
            free(rel);
            if (st == STATUS_SUCCESS)
                tombstone = has;
            bool moved = !prjsim__item_in_tree(item) || item->parent != parent;
            prjsim__item_unpin(parent);
            prjsim__item_unpin(item);
            if (moved)
                return false; /* removed or moved by the provider meanwhile */
        }
    }
    item->delete_pending = false;
    dirty_parent(parent);
    if (tombstone) {
        prjsim__item_unlink(item);
        prjsim__item_clear_children(item);
        prjsim__content_free(item->data, item->data_cap);
        item->data = NULL;
        item->data_cap = 0;
        if (item->rare) {
            free(item->rare->symlink_target);
            item->rare->symlink_target = NULL;
        }
        item->state = ITEM_TOMBSTONE | (item->state & ITEM_DIR);
        item->info.FileSize = 0;
    } else {
        prjsim__item_destroy(item);
    }
    return true;
}

/* PRE_DELETE for an item about to be deleted through @p h; a veto keeps it. */
static NTSTATUS notify_pre_delete(prjsim_sim *sim, prjsim_handle *h)
{
    prjsim__instance *inst = prjsim__instance_of_item(h->item);
    if (!inst)
        return STATUS_SUCCESS;
    WCHAR *rel = handle_rel(h);
    prjsim__notice n = {inst, h->item, rel, NULL, NULL, (h->item->state & ITEM_DIR) != 0, false,
                        PRJ_NOTIFICATION_PRE_DELETE, false};
    NTSTATUS st = prjsim__notify(sim, &n);
    free(rel);
    return st;
}

NTSTATUS prjsim_client_set_disposition(prjsim_handle *h, bool delete_file)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    handle_enter(h);
    prjsim__item *item = h->item;
    NTSTATUS st = STATUS_SUCCESS;
    if (!(h->access & DELETE)) {
        st = STATUS_ACCESS_DENIED;
    } else if (!delete_file) {
        item->delete_pending = false;
        h->delete_on_close = false;
    } else if (item->info.FileAttributes & FILE_ATTRIBUTE_READONLY) {
        st = STATUS_CANNOT_DELETE;
    } else if (item->parent == sim->volume) {
        st = STATUS_CANNOT_DELETE; /* a drive's top directory */
    } else if (prjsim__rare(item)->root && prjsim__instance_of_item(item)) {
        st = STATUS_NOT_SUPPORTED; /* stop first, then delete (section 11.3); no PRE_DELETE */
    } else if (prjsim__item_is_virtualized_dir(item->parent) && !prjsim__instance_of_item(item)) {
        st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    } else {
        if (item->state & ITEM_DIR)
            st = check_dir_empty(sim, item);
        if (st == STATUS_SUCCESS)
            st = notify_pre_delete(sim, h);
        if (st == STATUS_SUCCESS && prjsim__item_in_tree(item))
            item->delete_pending = true;
    }
    traced(sim, st, "set-disposition", h->trace_name, delete_file ? " delete" : " keep");
    prjsim_handle *closed = handle_leave(h);
    prjsim__unlock(sim);
    free_handle(closed);
    return st;
}

NTSTATUS prjsim_client_close(prjsim_handle *h)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    prjsim__item *item = h->item; /* pinned by the handle until the end */
    while (h->busy) /* closing under a running query: let it finish first */
        pthread_cond_wait(&sim->state_changed, &sim->lock);
    if (h->session) {
        prjsim__session_end(h->session);
        h->session = NULL;
    }
    if (h->delete_on_close && prjsim__item_in_tree(item) && !item->delete_pending) {
        /* Delete-on-close of a non-empty directory "succeeds" but the directory stays. */
        bool ok = !(item->info.FileAttributes & FILE_ATTRIBUTE_READONLY) &&
                  !(prjsim__rare(item)->root && prjsim__instance_of_item(item));
        if (ok && (item->state & ITEM_DIR))
            ok = check_dir_empty(sim, item) == STATUS_SUCCESS;
        if (ok && prjsim__item_is_virtualized_dir(item->parent) && !prjsim__instance_of_item(item))
            ok = false;
        if (ok)
            ok = notify_pre_delete(sim, h) == STATUS_SUCCESS;
        if (ok && prjsim__item_in_tree(item))
            item->delete_pending = true;
    }
    prjsim__instance *inst = prjsim__instance_of_item(item);
    if (inst && !inst->cb.NotificationCallback)
        inst = NULL; /* nothing to send (prjsim__notify would not): no path to make for it */
    WCHAR *rel = inst ? handle_rel(h) : NULL;
    bool was_dir = (item->state & ITEM_DIR) != 0;
    prjsim__share_remove(sim, item, h->access, h->share);
    item->open_count--;
    bool deleted = false;
    if (item->delete_pending && item->open_count == 0 && prjsim__item_in_tree(item))
        deleted = finalize_delete(sim, item);
    /* Exactly one FILE_HANDLE_CLOSED_* per closing handle (section 6.6). */
    if (inst && !prjsim__rare(item)->root) {
        PRJ_NOTIFICATION type = deleted ? PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED
                                : h->modified ? PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED
                                              : PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION;
        /* IsFileModified: modified through this handle and FILE_MODIFIED wanted too. */
        bool modified = h->modified && !was_dir &&
                        (prjsim__item_mask(inst, item, rel) & PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED);
        prjsim__notice n = {inst, item, rel, NULL, NULL, was_dir, false, type, modified};
        prjsim__notify(sim, &n);
    }
    free(rel);
    if (item->open_count == 0 && item->rare)
        item->rare->has_notify_override = false; /* overrides last until the last handle closes */
    /* Operations are recorded when they complete, after the callbacks they caused. */
    traced(sim, STATUS_SUCCESS, "close", h->trace_name, NULL);
    if (h->in_flight) {
        h->closed = true; /* the last operation in flight unpins and frees it */
        prjsim__unlock(sim);
        return STATUS_SUCCESS;
    }
    prjsim__item_unpin(item); /* the handle's pin: frees an item the provider removed */
    prjsim__unlock(sim);
    free_handle(h);
    return STATUS_SUCCESS;
}

/* ---- data ---- */

NTSTATUS prjsim_client_read(prjsim_handle *h, UINT64 offset, void *buffer, UINT32 length,
                            UINT32 *bytes_read)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    if (bytes_read)
        *bytes_read = 0;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    handle_enter(h);
    prjsim__item *item = h->item;
    bool unbuffered = (h->flags & PRJSIM_OPEN_UNBUFFERED) != 0;
    uint32_t align = sim->options.write_alignment;
    NTSTATUS st = STATUS_SUCCESS;
    if (!(h->access & FILE_READ_DATA))
        st = STATUS_ACCESS_DENIED;
    else if (item->state & ITEM_DIR)
        st = STATUS_INVALID_DEVICE_REQUEST;
    else if (!buffer && length)
        st = STATUS_INVALID_PARAMETER;
    else if (unbuffered && (offset % align || length % align))
        st = STATUS_INVALID_PARAMETER;
    else if (!prjsim__item_in_tree(item))
        st = STATUS_DELETE_PENDING;
    if (st == STATUS_SUCCESS) {
        prjsim__item_pin(item);
        st = prjsim__hydrate(sim, item, unbuffered);
        prjsim__item_unpin(item);
    }
    UINT32 n = 0;
    if (st == STATUS_SUCCESS) {
        UINT64 size = (UINT64)item->info.FileSize;
        if (offset >= size && length > 0) {
            st = STATUS_END_OF_FILE;
        } else {
            n = (UINT32)(size - offset < length ? size - offset : length);
            /* Bytes past what is held were never written: they read as zeros. */
            UINT64 held = item->data ? item->data_cap : 0;
            UINT64 copy = offset >= held ? 0 : held - offset < n ? held - offset : n;
            if (copy)
                memcpy(buffer, item->data + offset, (size_t)copy);
            if (n > copy)
                memset((uint8_t *)buffer + copy, 0, n - copy);
        }
    }
    if (bytes_read)
        *bytes_read = n;
    if (sim->options.trace) { /* formatting is most of a trace line's cost */
        char extra[64];
        snprintf(extra, sizeof extra, " offset=%llu length=%u read=%u", (unsigned long long)offset, length, n);
        traced(sim, st, "read", h->trace_name, extra);
    }
    prjsim_handle *closed = handle_leave(h);
    prjsim__unlock(sim);
    free_handle(closed);
    return st;
}

static NTSTATUS modify_begin(prjsim_sim *sim, prjsim_handle *h, bool need_data)
{
    prjsim__item *item = h->item;
    if (!(h->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
        return STATUS_ACCESS_DENIED;
    if (item->state & ITEM_DIR)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!prjsim__item_in_tree(item))
        return STATUS_DELETE_PENDING;
    prjsim__item_pin(item);
    NTSTATUS st = convert_to_full(sim, item, need_data, (h->flags & PRJSIM_OPEN_UNBUFFERED) != 0);
    prjsim__item_unpin(item);
    if (st == STATUS_SUCCESS && !prjsim__item_in_tree(item))
        st = STATUS_DELETE_PENDING; /* the provider deleted it during the callbacks */
    return st;
}

NTSTATUS prjsim_client_write(prjsim_handle *h, UINT64 offset, const void *buffer, UINT32 length,
                             UINT32 *bytes_written)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    if (bytes_written)
        *bytes_written = 0;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    handle_enter(h);
    uint32_t align = sim->options.write_alignment;
    NTSTATUS st = !buffer && length ? STATUS_INVALID_PARAMETER
                  : (h->flags & PRJSIM_OPEN_UNBUFFERED) && (offset % align || length % align)
                      ? STATUS_INVALID_PARAMETER /* unbuffered I/O is sector-aligned */
                      : modify_begin(sim, h, true);
    prjsim__item *item = h->item;
    UINT64 end = offset + length;
    if (st == STATUS_SUCCESS && length && end < offset)
        st = prjsim__content_too_large(sim, "a write", offset); /* past any size a file can have */
    if (st == STATUS_SUCCESS && length) {
        /* Also makes sure every byte up to the size is held (a sparse tail may not be). */
        UINT64 size = (UINT64)item->info.FileSize;
        st = prjsim__item_set_data_size(sim, item, end > size ? end : size);
    }
    if (st == STATUS_SUCCESS && length) {
        memcpy(item->data + offset, buffer, length);
        set_times_now(sim, item, false);
        item->info.FileAttributes |= FILE_ATTRIBUTE_ARCHIVE;
        prjsim__item_sync_links(item);
        h->modified = true;
        if (bytes_written)
            *bytes_written = length;
    }
    if (sim->options.trace) {
        char extra[64];
        snprintf(extra, sizeof extra, " offset=%llu length=%u", (unsigned long long)offset, length);
        traced(sim, st, "write", h->trace_name, extra);
    }
    prjsim_handle *closed = handle_leave(h);
    prjsim__unlock(sim);
    free_handle(closed);
    return st;
}

NTSTATUS prjsim_client_set_size(prjsim_handle *h, UINT64 size)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    handle_enter(h);
    NTSTATUS st = modify_begin(sim, h, size != 0);
    if (st == STATUS_SUCCESS)
        st = prjsim__item_set_data_size(sim, h->item, size);
    if (st == STATUS_SUCCESS) {
        set_times_now(sim, h->item, false);
        prjsim__item_sync_links(h->item);
        h->modified = true;
    }
    if (sim->options.trace) {
        char extra[48];
        snprintf(extra, sizeof extra, " size=%llu", (unsigned long long)size);
        traced(sim, st, "set-size", h->trace_name, extra);
    }
    prjsim_handle *closed = handle_leave(h);
    prjsim__unlock(sim);
    free_handle(closed);
    return st;
}

/* ---- metadata ---- */

static void visible_info(const prjsim__item *item, PRJ_FILE_BASIC_INFO *out)
{
    *out = item->info;
    out->FileAttributes = prjsim__attributes_visible(item);
    if (!out->FileAttributes)
        out->FileAttributes = FILE_ATTRIBUTE_NORMAL;
}

NTSTATUS prjsim_client_query_info(prjsim_handle *h, prjsim_file_info *info)
{
    if (!h || !info)
        return STATUS_INVALID_PARAMETER;
    prjsim__lock(h->sim);
    visible_info(h->item, &info->basic);
    info->link_count = prjsim__item_link_count(h->item);
    prjsim__unlock(h->sim);
    return STATUS_SUCCESS;
}

NTSTATUS prjsim_client_set_basic_info(prjsim_handle *h, INT64 creation_time, INT64 last_access_time,
                                      INT64 last_write_time, INT64 change_time, UINT32 file_attributes)
{
    if (!h)
        return STATUS_INVALID_HANDLE;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    prjsim__item *item = h->item;
    NTSTATUS st = STATUS_SUCCESS;
    if (!(h->access & FILE_WRITE_ATTRIBUTES)) {
        st = STATUS_ACCESS_DENIED;
    } else if ((file_attributes & FILE_ATTRIBUTE_DIRECTORY) && !(item->state & ITEM_DIR)) {
        st = STATUS_INVALID_PARAMETER;
    } else {
        if (creation_time)
            item->info.CreationTime.QuadPart = creation_time;
        if (last_access_time)
            item->info.LastAccessTime.QuadPart = last_access_time;
        if (last_write_time)
            item->info.LastWriteTime.QuadPart = last_write_time;
        if (change_time)
            item->info.ChangeTime.QuadPart = change_time;
        if (file_attributes) {
            UINT32 keep = item->info.FileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT);
            item->info.FileAttributes = prjsim__attributes_settable(file_attributes) | keep;
        }
        /* Local metadata changes make a placeholder dirty (section 6.2). */
        if ((item->state & ITEM_PLACEHOLDER) && !(item->state & ITEM_FULL) && !prjsim__rare(item)->root)
            item->state |= ITEM_DIRTY;
        prjsim__item_sync_links(item);
    }
    traced(sim, st, "set-basic-info", h->trace_name, NULL);
    prjsim__unlock(sim);
    return st;
}

/* ---- rename ---- */

/*
 * Fills the notice of a rename or link from @p h's item to a name under @p dst_parent (relative
 * path @p dst_rel): sent to the instance of whichever end lies inside a root, with "" for the
 * end outside (section 6.6). Returns the source's relative path (free it), or NULL.
 */
static WCHAR *two_ends_notice(prjsim__notice *n, prjsim_handle *h, prjsim__item *dst_parent, const WCHAR *dst_rel)
{
    prjsim__item *item = h->item;
    prjsim__instance *src_inst = prjsim__instance_of_item(item);
    prjsim__instance *dst_inst = dst_parent ? prjsim__instance_of_item(dst_parent) : NULL;
    WCHAR *src_rel = src_inst ? handle_rel(h) : NULL;
    if (!dst_inst || !dst_rel)
        dst_rel = L"";
    memset(n, 0, sizeof *n);
    n->is_directory = (item->state & ITEM_DIR) != 0;
    if (src_inst) {
        n->inst = src_inst;
        n->item = item;
        n->path = src_rel;
        n->destination = dst_inst == src_inst ? dst_rel : L"";
        n->other_path = n->destination;
        n->always = dst_inst != src_inst;
    } else if (dst_inst) {
        n->inst = dst_inst;
        n->path = L"";
        n->destination = dst_rel;
        n->other_path = dst_rel;
        n->always = true;
    }
    return src_rel;
}

static bool is_ancestor(const prjsim__item *a, const prjsim__item *b)
{
    for (const prjsim__item *i = b; i; i = i->parent)
        if (i == a)
            return true;
    return false;
}

/*
 * ProjFS renames a directory only when nothing under it is projected: it and everything below
 * are full (docs/behaviour/renames.md). A placeholder, a tombstone or a virtualized directory
 * anywhere in the tree refuses the rename.
 */
static bool dir_tree_is_full(const prjsim__item *dir)
{
    if (!(dir->state & ITEM_FULL) || prjsim__item_is_virtualized_dir(dir))
        return false;
    for (uint32_t i = 0; i < dir->child_count; i++) {
        const prjsim__item *c = dir->children[i];
        if (c->state & ITEM_DIR ? !dir_tree_is_full(c) : !(c->state & ITEM_FULL))
            return false;
    }
    return true;
}

/*
 * After callbacks: is the destination of a rename or link still as resolved? Its directory must
 * still be in the view, and its name hold nothing but @p self, the item being replaced
 * (r->item) or a tombstone. Removes what the new name replaces.
 */
static NTSTATUS destination_still_free(prjsim__item *dst_parent, const prjsim__resolved *r,
                                       prjsim__item *self)
{
    if (!prjsim__item_in_tree(dst_parent))
        return STATUS_OBJECT_PATH_NOT_FOUND;
    prjsim__item *now = prjsim__item_child(dst_parent, r->leaf, r->leaf_len);
    if (now && now != self && prjsim__item_visible(now) && now != r->item)
        return STATUS_OBJECT_NAME_COLLISION; /* the provider wrote a placeholder there meanwhile */
    if (now && now != self)
        prjsim__item_destroy(now); /* the replaced file, or a tombstone the new name covers */
    return STATUS_SUCCESS;
}

static NTSTATUS do_rename(prjsim_sim *sim, prjsim_handle *h, PCWSTR new_path, bool replace)
{
    prjsim__item *item = h->item;
    if (!(h->access & DELETE))
        return STATUS_ACCESS_DENIED;
    if (!prjsim__item_in_tree(item) || item->delete_pending)
        return STATUS_DELETE_PENDING;
    if (prjsim__rare(item)->root || item->parent == sim->volume)
        return STATUS_ACCESS_DENIED;
    /* Refused before anything is asked or resolved, so nothing changes (section 11.1). */
    if ((item->state & ITEM_DIR) && prjsim__item_root(item) && !dir_tree_is_full(item))
        return STATUS_NOT_SUPPORTED;
    prjsim__item *src_parent = item->parent;
    if (prjsim__item_is_virtualized_dir(src_parent) && !prjsim__instance_of_item(item))
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    prjsim__item_pin(item);
    prjsim__item_pin(src_parent); /* both ends are kept across the callbacks below */
    prjsim__resolved r;
    NTSTATUS st = prjsim__resolve_follow(sim, new_path, &r, false);
    if (st == STATUS_SUCCESS && !r.parent && !r.item)
        st = STATUS_OBJECT_NAME_INVALID;
    if (st == STATUS_SUCCESS && (!prjsim__item_in_tree(item) || item->parent != src_parent))
        st = STATUS_DELETE_PENDING;
    prjsim__item *dst_parent = st == STATUS_SUCCESS ? (r.item ? r.item->parent : r.parent) : NULL;
    prjsim__item_pin(dst_parent);
    if (st == STATUS_SUCCESS && is_ancestor(item, dst_parent))
        st = STATUS_INVALID_PARAMETER;
    if (st == STATUS_SUCCESS && r.item && r.item != item) {
        if (!replace)
            st = STATUS_OBJECT_NAME_COLLISION; /* even when the name existed only virtually */
        else if ((r.item->state & ITEM_DIR) || r.item->open_count)
            st = STATUS_ACCESS_DENIED;
        else if (r.item->info.FileAttributes & FILE_ATTRIBUTE_READONLY)
            st = STATUS_ACCESS_DENIED;
    }
    if (st == STATUS_SUCCESS && prjsim__item_root(dst_parent) != prjsim__item_root(item) &&
        (item->state & ITEM_PLACEHOLDER)) {
        /* Leaving the root: the file takes its data along and stops being a placeholder. */
        st = convert_to_full(sim, item, true, false);
    }
    /* PRE_RENAME, to the instance of whichever end lies inside a root (section 6.6). */
    prjsim__notice notice;
    WCHAR *src_rel = two_ends_notice(&notice, h, dst_parent, r.caller_rel);
    if (st == STATUS_SUCCESS && notice.inst) {
        notice.type = PRJ_NOTIFICATION_PRE_RENAME;
        st = prjsim__notify(sim, &notice);
        if (st == STATUS_SUCCESS && (!prjsim__item_in_tree(item) || (r.item && r.item != item && !prjsim__item_in_tree(r.item))))
            st = STATUS_DELETE_PENDING;
    }
    bool tombstone = false;
    if (st == STATUS_SUCCESS && prjsim__item_is_virtualized_dir(src_parent) && r.item != item) {
        prjsim__instance *inst = prjsim__instance_of_item(src_parent);
        WCHAR *rel = prjsim__item_relative_path(item);
        bool has = true;
        if (inst)
            st = prjsim__provider_has(sim, inst, src_parent, rel, item->name, item->name_len, &has);
        free(rel);
        tombstone = has;
        if (st == STATUS_SUCCESS && (!prjsim__item_in_tree(item) || item->parent != src_parent))
            st = STATUS_DELETE_PENDING;
    }
    /* The callbacks above may have changed the view at either end (volume.c, rule 5). */
    if (st == STATUS_SUCCESS && (!prjsim__item_in_tree(item) || item->parent != src_parent))
        st = STATUS_DELETE_PENDING;
    if (st == STATUS_SUCCESS)
        st = destination_still_free(dst_parent, &r, item);
    if (st == STATUS_SUCCESS) {
        WCHAR *old_name = prjsim__wcsdup_n(item->name, item->name_len);
        uint32_t old_len = item->name_len;
        prjsim__item_keep_original_path(item);
        prjsim__item_detach(item);
        prjsim__item_rename(item, r.leaf, r.leaf_len);
        prjsim__item_attach(dst_parent, item);
        if (tombstone && r.item != item) {
            prjsim__item *t = prjsim__item_new(old_name, old_len, ITEM_TOMBSTONE | (item->state & ITEM_DIR));
            prjsim__item_attach(src_parent, t);
        }
        free(old_name);
        if (!prjsim__item_root(dst_parent))
            item->state = (item->state & ITEM_DIR) | ITEM_FULL;
        item->info.ChangeTime.QuadPart = sim->clock;
        dirty_parent(src_parent);
        dirty_parent(dst_parent);
        free(h->trace_name);
        h->trace_name = sim->options.trace ? prjsim__utf8(new_path) : NULL;
        free(h->caller_rel);
        h->caller_rel = r.caller_rel;
        r.caller_rel = NULL;
        if (notice.inst) {
            /* FILE_RENAMED: the item now lives at the destination; a new mask may come back. */
            notice.type = PRJ_NOTIFICATION_FILE_RENAMED;
            notice.item = item;
            prjsim__notify(sim, &notice);
        }
    }
    free(src_rel);
    prjsim__resolved_free(&r);
    prjsim__item_unpin(dst_parent);
    prjsim__item_unpin(src_parent);
    prjsim__item_unpin(item);
    return st;
}

NTSTATUS prjsim_client_rename(prjsim_handle *h, PCWSTR new_path, bool replace_existing)
{
    if (!h || !new_path)
        return STATUS_INVALID_PARAMETER;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    handle_enter(h);
    char *from = h->trace_name ? strdup(h->trace_name) : NULL;
    NTSTATUS st = do_rename(sim, h, new_path, replace_existing);
    if (sim->options.trace) {
        char *to = prjsim__utf8(new_path);
        size_t n = strlen(to) + 32;
        char *extra = prjsim__xmalloc(n);
        snprintf(extra, n, " to \"%s\"%s", to, replace_existing ? " replace" : "");
        traced(sim, st, "rename", from, extra);
        free(extra);
        free(to);
    }
    free(from);
    prjsim_handle *closed = handle_leave(h);
    prjsim__unlock(sim);
    free_handle(closed);
    return st;
}

/* ---- directories ---- */

NTSTATUS prjsim_client_query_directory(prjsim_handle *h, PCWSTR pattern, UINT32 flags,
                                       UINT32 buffer_bytes, prjsim_dir_entry **entries, size_t *count)
{
    if (!h || !entries || !count)
        return STATUS_INVALID_PARAMETER;
    *entries = NULL;
    *count = 0;
    prjsim_sim *sim = h->sim;
    prjsim__lock(sim);
    prjsim__tick(sim);
    NTSTATUS st;
    /* Queries on one handle take turns, so one session's callbacks never overlap (6.8). */
    while (h->busy)
        pthread_cond_wait(&sim->state_changed, &sim->lock);
    h->busy = true;
    if (!(h->access & FILE_LIST_DIRECTORY))
        st = STATUS_ACCESS_DENIED; /* before the kind of item (DEVIATIONS E10) */
    else if (!(h->item->state & ITEM_DIR))
        st = STATUS_INVALID_PARAMETER;
    else if (!prjsim__item_in_tree(h->item))
        st = STATUS_DELETE_PENDING;
    else
        st = prjsim__session_query(sim, h, pattern, flags,
                                   buffer_bytes ? buffer_bytes : sim->options.default_query_buffer,
                                   entries, count);
    h->busy = false;
    pthread_cond_broadcast(&sim->state_changed);
    if (sim->options.trace) {
        char extra[96];
        char *pat = prjsim__utf8(pattern ? pattern : L"");
        snprintf(extra, sizeof extra, " pattern=\"%.40s\"%s%s entries=%zu", pat,
                 (flags & PRJSIM_QUERY_RESTART_SCAN) ? " restart" : "",
                 (flags & PRJSIM_QUERY_RETURN_SINGLE_ENTRY) ? " single" : "", *count);
        free(pat);
        traced(sim, st, "query-directory", h->trace_name, extra);
    }
    prjsim__unlock(sim);
    return st;
}

prjsim_open_result prjsim_client_open_result(const prjsim_handle *handle)
{
    return handle ? handle->open_result : PRJSIM_FILE_OPENED;
}

void prjsim_client_free_entries(prjsim_dir_entry *entries)
{
    free(entries);
}

/* ---- conveniences built from the operations above ---- */

NTSTATUS prjsim_client_list(prjsim_sim *sim, PCWSTR path, PCWSTR pattern, UINT32 buffer_bytes,
                            prjsim_dir_entry **entries, size_t *count)
{
    if (!entries || !count)
        return STATUS_INVALID_PARAMETER;
    *entries = NULL;
    *count = 0;
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, FILE_READ_DATA | FILE_READ_ATTRIBUTES, OPEN_EXISTING,
                                     PRJSIM_OPEN_DIRECTORY, 0);
    if (st != STATUS_SUCCESS)
        return st;
    prjsim_dir_entry *all = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        prjsim_dir_entry *e;
        size_t c;
        st = prjsim_client_query_directory(h, pattern, 0, buffer_bytes, &e, &c);
        if (st != STATUS_SUCCESS)
            break;
        if (n + c > cap) {
            cap = cap ? cap * 2 : 64; /* geometric: a million entries must not copy quadratically */
            while (cap < n + c)
                cap *= 2;
            all = prjsim__xrealloc(all, cap * sizeof *all);
        }
        memcpy(all + n, e, c * sizeof *e);
        n += c;
        prjsim_client_free_entries(e);
    }
    prjsim_client_close(h);
    if (st == STATUS_NO_MORE_FILES || st == STATUS_NO_SUCH_FILE)
        st = STATUS_SUCCESS;
    if (st != STATUS_SUCCESS) {
        free(all);
        return st;
    }
    *entries = all;
    *count = n;
    return STATUS_SUCCESS;
}

NTSTATUS prjsim_client_delete(prjsim_sim *sim, PCWSTR path, bool directory)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, DELETE, OPEN_EXISTING,
                                     PRJSIM_OPEN_REPARSE_POINT |
                                         (directory ? PRJSIM_OPEN_DIRECTORY : PRJSIM_OPEN_NON_DIRECTORY), 0);
    if (st != STATUS_SUCCESS)
        return st;
    st = prjsim_client_set_disposition(h, true);
    prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_move(prjsim_sim *sim, PCWSTR from, PCWSTR to, bool replace_existing)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, from, DELETE, OPEN_EXISTING, PRJSIM_OPEN_REPARSE_POINT, 0);
    if (st != STATUS_SUCCESS)
        return st;
    st = prjsim_client_rename(h, to, replace_existing);
    prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_create_directory(prjsim_sim *sim, PCWSTR path)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, FILE_READ_ATTRIBUTES, CREATE_NEW, PRJSIM_OPEN_DIRECTORY, 0);
    if (st == STATUS_SUCCESS)
        prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_read_file(prjsim_sim *sim, PCWSTR path, void **data, size_t *size)
{
    if (!data || !size)
        return STATUS_INVALID_PARAMETER;
    *data = NULL;
    *size = 0;
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY, 0);
    if (st != STATUS_SUCCESS)
        return st;
    prjsim_file_info info;
    prjsim_client_query_info(h, &info);
    UINT64 total = (UINT64)info.basic.FileSize;
    /* The whole file in one buffer of the caller's memory: refused past what it may hold. */
    uint8_t *buf = total >= PRJSIM_CLIENT_READ_FILE_MAX ? NULL : malloc((size_t)total + 1);
    if (!buf) {
        prjsim__diag(sim, PRJSIM_DIAG_CONTENT_TOO_LARGE,
                     "reading a file of %llu bytes whole into memory", (unsigned long long)total);
        st = STATUS_INSUFFICIENT_RESOURCES;
    }
    size_t at = 0;
    while (st == STATUS_SUCCESS && at < total) {
        UINT32 want = total - at > 0x40000000u ? 0x40000000u : (UINT32)(total - at), got = 0;
        st = prjsim_client_read(h, at, buf + at, want, &got);
        if (st == STATUS_SUCCESS && got == 0)
            break;
        at += got;
    }
    prjsim_client_close(h);
    if (st != STATUS_SUCCESS) {
        free(buf);
        return st;
    }
    buf[at] = 0;
    *data = buf;
    *size = at;
    return STATUS_SUCCESS;
}

NTSTATUS prjsim_client_write_file(prjsim_sim *sim, PCWSTR path, const void *data, size_t size)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_WRITE, CREATE_ALWAYS, PRJSIM_OPEN_NON_DIRECTORY, 0);
    if (st != STATUS_SUCCESS)
        return st;
    UINT32 n = 0;
    if (size)
        st = prjsim_client_write(h, 0, data, (UINT32)size, &n);
    prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_stat(prjsim_sim *sim, PCWSTR path, prjsim_file_info *info)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, FILE_READ_ATTRIBUTES, OPEN_EXISTING, 0, 0);
    if (st != STATUS_SUCCESS)
        return st;
    st = prjsim_client_query_info(h, info);
    prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_set_times(prjsim_sim *sim, PCWSTR path, INT64 creation_time,
                                 INT64 last_access_time, INT64 last_write_time, INT64 change_time,
                                 UINT32 file_attributes)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0);
    if (st != STATUS_SUCCESS)
        return st;
    st = prjsim_client_set_basic_info(h, creation_time, last_access_time, last_write_time, change_time,
                                      file_attributes);
    prjsim_client_close(h);
    return st;
}

/* ---- hard links (section 6.13) ---- */

/* The drive an item lies on: the volume's child above it. */
static const prjsim__item *drive_of(const prjsim__item *item)
{
    while (item->parent && item->parent->parent)
        item = item->parent;
    return item;
}

static bool same_volume(const prjsim__item *a, const prjsim__item *b)
{
    return drive_of(a) == drive_of(b);
}

static NTSTATUS do_link(prjsim_sim *sim, prjsim_handle *h, PCWSTR new_path)
{
    prjsim__item *item = h->item;
    if (item->state & ITEM_DIR)
        return STATUS_FILE_IS_A_DIRECTORY;
    if (!prjsim__item_in_tree(item) || item->delete_pending)
        return STATUS_DELETE_PENDING;
    prjsim__item_pin(item);
    prjsim__resolved r;
    NTSTATUS st = prjsim__resolve_follow(sim, new_path, &r, false);
    if (st == STATUS_SUCCESS && !r.parent && !r.item)
        st = STATUS_OBJECT_NAME_INVALID;
    if (st == STATUS_SUCCESS && r.item)
        st = STATUS_OBJECT_NAME_COLLISION; /* even when the name existed only virtually */
    if (st == STATUS_SUCCESS && (!prjsim__item_in_tree(item) || !prjsim__item_in_tree(r.parent)))
        st = STATUS_DELETE_PENDING;
    if (st == STATUS_SUCCESS && !same_volume(r.parent, item))
        st = STATUS_NOT_SAME_DEVICE; /* a link cannot leave its volume (drive) */
    if (st == STATUS_SUCCESS && prjsim__item_root(r.parent) && prjsim__item_root(item) &&
        prjsim__item_root(r.parent) != prjsim__item_root(item))
        st = STATUS_NOT_SAME_DEVICE; /* DEVIATIONS.md: two roots' files are kept apart */
    prjsim__notice notice;
    WCHAR *src_rel = NULL;
    if (st == STATUS_SUCCESS) {
        src_rel = two_ends_notice(&notice, h, r.parent, r.caller_rel);
        notice.type = PRJ_NOTIFICATION_PRE_SET_HARDLINK;
        st = notice.inst ? prjsim__notify(sim, &notice) : STATUS_SUCCESS;
        if (st == STATUS_SUCCESS && !prjsim__item_in_tree(item))
            st = STATUS_DELETE_PENDING;
        if (st == STATUS_SUCCESS)
            st = destination_still_free(r.parent, &r, item);
    }
    if (st == STATUS_SUCCESS) {
        /* A new name of the same file: same state, data, version and original name. */
        prjsim__item *added = prjsim__item_new(r.leaf, r.leaf_len, item->state);
        added->info = item->info;
        prjsim__rare_mut(added)->original_path = prjsim__item_original_path(item);
        prjsim__item_attach(r.parent, added);
        prjsim__item_link(item, added);
        prjsim__item_sync_links(item);
        item->info.ChangeTime.QuadPart = sim->clock;
        prjsim__item_sync_links(item);
        dirty_parent(r.parent);
        if (notice.inst) {
            notice.type = PRJ_NOTIFICATION_HARDLINK_CREATED;
            prjsim__notify(sim, &notice);
        }
    }
    free(src_rel);
    prjsim__resolved_free(&r);
    prjsim__item_unpin(item);
    return st;
}

/* A link operation's trace record, naming what it links to. */
static void traced_to(prjsim_sim *sim, NTSTATUS st, const char *op, const char *name, PCWSTR to)
{
    if (!sim->options.trace)
        return;
    char *u = prjsim__utf8(to);
    size_t n = strlen(u) + 16;
    char *extra = prjsim__xmalloc(n);
    snprintf(extra, n, " to \"%s\"", u);
    traced(sim, st, op, name, extra);
    free(extra);
    free(u);
}

NTSTATUS prjsim_client_link(prjsim_sim *sim, PCWSTR existing_path, PCWSTR new_path)
{
    if (!sim || !existing_path || !new_path)
        return STATUS_INVALID_PARAMETER;
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, existing_path, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0);
    if (st != STATUS_SUCCESS)
        return st;
    prjsim__lock(sim);
    prjsim__tick(sim);
    st = do_link(sim, h, new_path);
    traced_to(sim, st, "link", h->trace_name, new_path);
    prjsim__unlock(sim);
    prjsim_client_close(h);
    return st;
}

NTSTATUS prjsim_client_symlink(prjsim_sim *sim, PCWSTR link_path, PCWSTR target, bool directory)
{
    if (!sim || !link_path || !target || !target[0])
        return STATUS_INVALID_PARAMETER;
    /* A new full file or directory carrying the link (6.13): the name must be free, a link
     * already at the name is not followed. */
    prjsim_handle *h;
    UINT32 kind = directory ? PRJSIM_OPEN_DIRECTORY : PRJSIM_OPEN_NON_DIRECTORY;
    NTSTATUS st = prjsim_client_open(&h, sim, link_path, FILE_WRITE_ATTRIBUTES, CREATE_NEW,
                                     kind | PRJSIM_OPEN_REPARSE_POINT, 0);
    if (st != STATUS_SUCCESS)
        return st;
    prjsim__lock(sim);
    prjsim__rare_mut(h->item)->symlink_target = prjsim__wcsdup(target);
    h->item->info.FileAttributes |= FILE_ATTRIBUTE_REPARSE_POINT;
    traced_to(sim, st, "symlink", h->trace_name, target);
    prjsim__unlock(sim);
    prjsim_client_close(h);
    return st;
}
