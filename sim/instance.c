/* SPDX-License-Identifier: MIT */
/*
 * Virtualization roots and instances (sections 4.1-4.5, 6.1, 8): marking, starting, stopping,
 * instance info, the negative path cache and aligned buffers.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unistd.h>

/* Every live instance of every simulation, so that a context handle can be validated. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim__instance **registry;
static size_t registry_count, registry_cap;

/* Aligned buffers handed out, with their sizes (section 4.12). */
typedef struct {
    void *p;
    size_t size;
} aligned_buf;
static aligned_buf *aligned;
static size_t aligned_count, aligned_cap;
/* Its own lock: PrjWriteFileData checks buffers under the simulation lock, and the registry
 * lock is taken before simulation locks. */
static pthread_mutex_t aligned_lock = PTHREAD_MUTEX_INITIALIZER;

static prjsim_start_hook start_hook;

void prjsim_set_start_hook(const prjsim_start_hook *hook)
{
    pthread_mutex_lock(&registry_lock);
    if (hook)
        start_hook = *hook;
    else
        memset(&start_hook, 0, sizeof start_hook);
    pthread_mutex_unlock(&registry_lock);
}

static void registry_add(prjsim__instance *inst)
{
    pthread_mutex_lock(&registry_lock);
    if (registry_count == registry_cap) {
        registry_cap = registry_cap ? registry_cap * 2 : 8;
        registry = prjsim__xrealloc(registry, registry_cap * sizeof *registry);
    }
    registry[registry_count++] = inst;
    pthread_mutex_unlock(&registry_lock);
}

static bool registry_remove(prjsim__instance *inst)
{
    bool found = false;
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < registry_count; i++)
        if (registry[i] == inst) {
            registry[i] = registry[--registry_count];
            found = true;
            break;
        }
    pthread_mutex_unlock(&registry_lock);
    return found;
}

prjsim__instance *prjsim__instance_from_context(prjsim_sim **sim_out,
                                                PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx,
                                                const char *api)
{
    prjsim__instance *inst = NULL;
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < registry_count; i++)
        if (registry[i] == (prjsim__instance *)ctx) {
            inst = registry[i];
            break;
        }
    if (inst) {
        /* Lock order: registry, then simulation. Nothing takes the registry under a sim lock. */
        prjsim__lock(inst->sim);
        *sim_out = inst->sim;
    }
    pthread_mutex_unlock(&registry_lock);
    if (!inst) {
        prjsim_sim *sim = prjsim_sim_current();
        prjsim__diag(sim, PRJSIM_DIAG_INVALID_CONTEXT, "%s was given a context that is not a running instance", api);
        *sim_out = NULL;
    } else if (inst->stopping) {
        prjsim__unlock(inst->sim);
        *sim_out = NULL;
        inst = NULL;
    }
    return inst;
}

prjsim__instance *prjsim__instance_of_item(const prjsim__item *item)
{
    prjsim__item *root = prjsim__item_root(item);
    if (!root || !prjsim__rare(root)->root->instance || prjsim__rare(root)->root->instance->stopping)
        return NULL;
    return prjsim__rare(root)->root->instance;
}

/* ---- the negative path cache: an open-addressing set of case-folded relative paths ---- */

static WCHAR *fold(const WCHAR *s)
{
    size_t n = wcslen(s);
    WCHAR *f = prjsim__wcsdup_n(s, n);
    for (size_t i = 0; i < n; i++)
        f[i] = prjsim__name_upcase(f[i]);
    return f;
}

static size_t slot_of(const prjsim__strset *set, const WCHAR *folded)
{
    size_t mask = set->cap - 1;
    size_t i = prjsim__name_hash_n(folded, wcslen(folded)) & mask;
    while (set->slots[i] && wcscmp(set->slots[i], folded) != 0)
        i = (i + 1) & mask;
    return i;
}

bool prjsim__strset_contains(const prjsim__strset *set, const WCHAR *s)
{
    if (!set->count)
        return false;
    WCHAR *f = fold(s);
    bool found = set->slots[slot_of(set, f)] != NULL;
    free(f);
    return found;
}

void prjsim__strset_add(prjsim__strset *set, const WCHAR *s)
{
    if ((set->count + 1) * 2 > set->cap) {
        prjsim__strset bigger = {NULL, set->cap ? set->cap * 2 : 16, 0};
        bigger.slots = prjsim__xcalloc(bigger.cap, sizeof *bigger.slots);
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i]) {
                bigger.slots[slot_of(&bigger, set->slots[i])] = set->slots[i];
                bigger.count++;
            }
        free(set->slots);
        *set = bigger;
    }
    WCHAR *f = fold(s);
    size_t i = slot_of(set, f);
    if (set->slots[i]) {
        free(f);
        return;
    }
    set->slots[i] = f;
    set->count++;
}

void prjsim__strset_remove(prjsim__strset *set, const WCHAR *s)
{
    if (!set->count)
        return;
    WCHAR *f = fold(s);
    size_t i = slot_of(set, f);
    free(f);
    if (!set->slots[i])
        return;
    free(set->slots[i]);
    set->slots[i] = NULL;
    set->count--;
    /* Re-insert the rest of the cluster so that probing still finds every entry. */
    size_t mask = set->cap - 1;
    for (size_t j = (i + 1) & mask; set->slots[j]; j = (j + 1) & mask) {
        WCHAR *moved = set->slots[j];
        set->slots[j] = NULL;
        set->slots[slot_of(set, moved)] = moved;
    }
}

size_t prjsim__strset_clear(prjsim__strset *set)
{
    size_t n = set->count;
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof *set);
    return n;
}

/* ---- marking ---- */

/* Finds an item by full path without involving any provider. */
static prjsim__item *lookup_plain(prjsim_sim *sim, const prjsim__path *p, HRESULT *hr)
{
    prjsim__item *it = prjsim__item_child(sim->volume, p->comp[0], p->len[0]);
    for (uint32_t i = 1; it && i < p->count; i++) {
        prjsim__item *next = prjsim__item_child(it, p->comp[i], p->len[i]);
        if (!prjsim__item_visible(next)) {
            *hr = HRESULT_FROM_WIN32(i + 1 == p->count ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND);
            return NULL;
        }
        it = next;
    }
    if (!it)
        *hr = HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    return it;
}

/* As lookup_plain; a missing item is first offered to the missing-path hook. Lock held. */
static prjsim__item *lookup_with_hook(prjsim_sim *sim, const prjsim__path *p, PCWSTR full, HRESULT *hr)
{
    prjsim__item *item = lookup_plain(sim, p, hr);
    if (item || !sim->missing_path_hook)
        return item;
    prjsim_missing_path_hook hook = sim->missing_path_hook;
    void *payload = sim->missing_path_payload;
    prjsim__unlock(sim);
    hook(sim, full, payload);
    prjsim__lock(sim);
    *hr = S_OK;
    return lookup_plain(sim, p, hr);
}

static bool has_root_below(const prjsim__item *dir)
{
    for (uint32_t i = 0; i < dir->child_count; i++) {
        const prjsim__item *c = dir->children[i];
        if (prjsim__rare(c)->root || ((c->state & ITEM_DIR) && has_root_below(c)))
            return true;
    }
    return false;
}

STDAPI PrjMarkDirectoryAsPlaceholder(PCWSTR rootPathName, PCWSTR targetPathName,
                                     const PRJ_PLACEHOLDER_VERSION_INFO *versionInfo,
                                     const GUID *virtualizationInstanceID)
{
    if (!rootPathName || !virtualizationInstanceID)
        return E_INVALIDARG;
    prjsim_sim *sim = prjsim_sim_current();
    bool mark_root = !targetPathName || !targetPathName[0];
    prjsim__path p;
    if (!prjsim__path_parse(&p, mark_root ? rootPathName : targetPathName))
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__lock(sim);
    prjsim__item *item = lookup_with_hook(sim, &p, mark_root ? rootPathName : targetPathName, &hr);
    char *u = prjsim__utf8(mark_root ? rootPathName : targetPathName);
    if (!item) {
        /* hr set by the lookup */
    } else if (!(item->state & ITEM_DIR)) {
        hr = HRESULT_FROM_WIN32(ERROR_DIRECTORY);
    } else if (prjsim__rare(item)->root || (item->state & ITEM_PLACEHOLDER)) {
        /* Already carries a reparse point; the first GUID stays (DEVIATIONS.md). */
        hr = HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED);
    } else if (mark_root) {
        if (item->parent == sim->volume || prjsim__item_root(item) || has_root_below(item)) {
            /* A drive's root directory cannot be marked, and roots do not nest. */
            hr = HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION);
        } else {
            prjsim__item_rare *rare = prjsim__rare_mut(item);
            rare->root = prjsim__xcalloc(1, sizeof *rare->root);
            rare->root->instance_id = *virtualizationInstanceID;
            prjsim__item_set_version(item, versionInfo);
        }
    } else {
        /* Converting a directory under a root into a directory placeholder. */
        prjsim__path rp;
        prjsim__item *root = NULL;
        HRESULT rhr = S_OK;
        if (prjsim__path_parse(&rp, rootPathName))
            root = lookup_plain(sim, &rp, &rhr);
        prjsim__path_free(&rp);
        if (!root || !prjsim__rare(root)->root || prjsim__item_root(item) != root) {
            hr = E_INVALIDARG;
        } else {
            item->state = ITEM_DIR | ITEM_PLACEHOLDER;
            prjsim__item_set_version(item, versionInfo);
            if (item->rare) { /* marked here, now: the current path is the original one */
                free(item->rare->original_path);
                item->rare->original_path = NULL;
            }
        }
    }
    char hb[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api PrjMarkDirectoryAsPlaceholder \"%s\"%s -> %s", u,
                  mark_root ? " (root)" : "", prjsim__hr_str(hb, sizeof hb, hr));
    free(u);
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    return hr;
}

/* ---- starting and stopping ---- */

STDAPI PrjStartVirtualizing(PCWSTR virtualizationRootPath, const PRJ_CALLBACKS *callbacks,
                            const void *instanceContext,
                            const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                            PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *namespaceVirtualizationContext)
{
    if (!virtualizationRootPath || !callbacks || !namespaceVirtualizationContext)
        return E_INVALIDARG;
    *namespaceVirtualizationContext = NULL;
    if (!callbacks->StartDirectoryEnumerationCallback || !callbacks->EndDirectoryEnumerationCallback ||
        !callbacks->GetDirectoryEnumerationCallback || !callbacks->GetPlaceholderInfoCallback ||
        !callbacks->GetFileDataCallback)
        return E_INVALIDARG;
    if (options) {
        if (options->NotificationMappingsCount && !options->NotificationMappings)
            return E_INVALIDARG;
        for (UINT32 i = 0; i < options->NotificationMappingsCount; i++) {
            const PRJ_NOTIFICATION_MAPPING *m = &options->NotificationMappings[i];
            if (!m->NotificationRoot || (UINT32)m->NotificationBitMask == 0xFFFFFFFFu)
                return E_INVALIDARG;
        }
    }
    prjsim__path p;
    if (!prjsim__path_parse(&p, virtualizationRootPath))
        return E_INVALIDARG;
    pthread_mutex_lock(&registry_lock);
    prjsim_start_hook hook = start_hook;
    pthread_mutex_unlock(&registry_lock);
    void *cookie = NULL;
    if (hook.on_start) {
        HRESULT hhr = hook.on_start(virtualizationRootPath, &callbacks, &instanceContext, &cookie, hook.payload);
        if (FAILED(hhr)) {
            prjsim__path_free(&p);
            return hhr;
        }
    }
    prjsim_sim *sim = prjsim_sim_current();
    HRESULT hr = S_OK;
    /* Registered before it becomes visible: callbacks may start as soon as it is linked, and
     * the provider's Prj* calls from them must find it. The registry is never taken under a
     * simulation lock, so this happens first. */
    prjsim__instance *inst = prjsim__xcalloc(1, sizeof *inst);
    inst->sim = sim;
    inst->hook = hook;
    inst->hook_cookie = cookie;
    registry_add(inst);
    prjsim__lock(sim);
    prjsim__item *item = lookup_with_hook(sim, &p, virtualizationRootPath, &hr);
    prjsim__path_free(&p);
    if (!item) {
        /* hr set */
    } else if (!prjsim__rare(item)->root) {
        hr = HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH);
    } else if (prjsim__rare(item)->root->instance) {
        hr = HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED); /* DEVIATIONS.md: double start */
    } else if (item->delete_pending) {
        /* Deleted after a stop while a handle keeps it: the root cannot be opened (as
         * STATUS_DELETE_PENDING), and a running instance must never lose its root (DEVIATIONS I10). */
        hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    } else {
        inst->root_item = item;
        inst->root_path = prjsim__item_full_path(item);
        inst->instance_id = prjsim__rare(item)->root->instance_id;
        inst->cb = *callbacks;
        inst->context = (void *)instanceContext;
        pthread_cond_init(&inst->idle, NULL);
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        UINT32 cpus = online > 0 ? (UINT32)online : 1;
        if (options) {
            inst->flags = options->Flags;
            inst->concurrent_threads = options->ConcurrentThreadCount;
            inst->pool_threads = options->PoolThreadCount;
            inst->mapping_count = options->NotificationMappingsCount;
        }
        if (!inst->concurrent_threads)
            inst->concurrent_threads = cpus;
        if (!inst->pool_threads)
            inst->pool_threads = 2 * inst->concurrent_threads;
        if (inst->mapping_count) {
            inst->mappings = prjsim__xcalloc(inst->mapping_count, sizeof *inst->mappings);
            for (UINT32 i = 0; i < inst->mapping_count; i++) {
                inst->mappings[i].NotificationBitMask = options->NotificationMappings[i].NotificationBitMask;
                inst->mappings[i].NotificationRoot = prjsim__wcsdup(options->NotificationMappings[i].NotificationRoot);
            }
        }
        if (sim->options.thread_pool)
            inst->pool = prjsim__pool_create(inst->pool_threads, inst->concurrent_threads);
        prjsim__rare(item)->root->instance = inst;
        inst->next = sim->instances;
        sim->instances = inst;
        /* Stored before any client can see the instance (DEVIATIONS I9): providers such as
         * Microsoft's RegFS use the handle from a global in their callbacks. */
        *namespaceVirtualizationContext = (PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)inst;
    }
    char *u = prjsim__utf8(virtualizationRootPath);
    char hb[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api PrjStartVirtualizing \"%s\" -> %s", u,
                  prjsim__hr_str(hb, sizeof hb, hr));
    free(u);
    prjsim__unlock(sim);
    if (FAILED(hr)) {
        registry_remove(inst);
        free(inst);
        if (hook.on_stop)
            hook.on_stop(cookie, hook.payload);
    }
    return hr;
}

STDAPI_(void) PrjStopVirtualizing(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext)
{
    prjsim__instance *inst = (prjsim__instance *)namespaceVirtualizationContext;
    if (!registry_remove(inst)) {
        /* Windows raises an exception for a bad or stopped context; we record it and return. */
        prjsim__diag(prjsim_sim_current(), PRJSIM_DIAG_INVALID_CONTEXT,
                     "PrjStopVirtualizing was given a context that is not a running instance");
        return;
    }
    prjsim_sim *sim = inst->sim;
    prjsim__lock(sim);
    inst->stopping = true;
    /* Pended commands fail (DEVIATIONS.md); running callbacks are waited for. */
    for (prjsim__command *c = inst->commands; c; c = c->next)
        pthread_cond_broadcast(&c->done);
    while (inst->in_flight > 0)
        pthread_cond_wait(&inst->idle, &sim->lock);
    for (prjsim__enum_session *s = inst->sessions, *next; s; s = next) {
        next = s->next;
        s->instance = NULL; /* the handle that owns it frees it at close */
        s->next = NULL;
    }
    for (prjsim__stream *st = inst->streams, *next; st; st = next) {
        next = st->next;
        prjsim__content_free(st->buffer, st->file_size);
        free(st->ranges);
        free(st);
    }
    prjsim__rare(inst->root_item)->root->instance = NULL;
    for (prjsim__instance **pp = &sim->instances; *pp; pp = &(*pp)->next)
        if (*pp == inst) {
            *pp = inst->next;
            break;
        }
    char *u = prjsim__utf8(inst->root_path);
    prjsim__trace(sim, PRJSIM_TRACE_API, 0, "api PrjStopVirtualizing \"%s\"", u);
    free(u);
    prjsim__unlock(sim);
    prjsim__pool_destroy(inst->pool);
    if (inst->hook.on_stop)
        inst->hook.on_stop(inst->hook_cookie, inst->hook.payload);
    prjsim__strset_clear(&inst->negative_cache);
    for (UINT32 i = 0; i < inst->mapping_count; i++)
        free((void *)inst->mappings[i].NotificationRoot);
    free(inst->mappings);
    free(inst->root_path);
    pthread_cond_destroy(&inst->idle);
    free(inst);
}

STDAPI PrjGetVirtualizationInstanceInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                        PRJ_VIRTUALIZATION_INSTANCE_INFO *virtualizationInstanceInfo)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, namespaceVirtualizationContext,
                                                           "PrjGetVirtualizationInstanceInfo");
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    if (!virtualizationInstanceInfo) {
        hr = E_INVALIDARG;
    } else {
        virtualizationInstanceInfo->InstanceID = inst->instance_id;
        virtualizationInstanceInfo->WriteAlignment = sim->options.write_alignment;
    }
    prjsim__unlock(sim);
    prjsim__note_api_result(hr);
    return hr;
}

STDAPI PrjClearNegativePathCache(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                 UINT32 *totalEntryNumber)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, namespaceVirtualizationContext,
                                                           "PrjClearNegativePathCache");
    if (!inst)
        return E_INVALIDARG;
    size_t n = prjsim__strset_clear(&inst->negative_cache);
    prjsim__trace(sim, PRJSIM_TRACE_API, 0, "api PrjClearNegativePathCache -> S_OK (%zu entries)", n);
    prjsim__unlock(sim);
    if (totalEntryNumber)
        *totalEntryNumber = (UINT32)n;
    return S_OK;
}

/* ---- aligned buffers ---- */

STDAPI_(void *) PrjAllocateAlignedBuffer(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                         size_t size)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, namespaceVirtualizationContext,
                                                           "PrjAllocateAlignedBuffer");
    if (!inst)
        return NULL;
    size_t align = sim->options.write_alignment;
    prjsim__unlock(sim);
    if (align < sizeof(void *))
        align = sizeof(void *);
    void *p = NULL;
    if (posix_memalign(&p, align, size ? size : 1) != 0)
        return NULL;
    pthread_mutex_lock(&aligned_lock);
    if (aligned_count == aligned_cap) {
        aligned_cap = aligned_cap ? aligned_cap * 2 : 16;
        aligned = prjsim__xrealloc(aligned, aligned_cap * sizeof *aligned);
    }
    aligned[aligned_count].p = p;
    aligned[aligned_count].size = size;
    aligned_count++;
    pthread_mutex_unlock(&aligned_lock);
    return p;
}

STDAPI_(void) PrjFreeAlignedBuffer(void *buffer)
{
    if (!buffer)
        return;
    pthread_mutex_lock(&aligned_lock);
    for (size_t i = 0; i < aligned_count; i++)
        if (aligned[i].p == buffer) {
            aligned[i] = aligned[--aligned_count];
            pthread_mutex_unlock(&aligned_lock);
            free(buffer);
            return;
        }
    pthread_mutex_unlock(&aligned_lock);
    /* Not ours: freeing it would corrupt the heap, as it could on Windows. Leave it. */
}

bool prjsim__is_aligned_buffer(const void *p, size_t len)
{
    bool ok = false;
    pthread_mutex_lock(&aligned_lock);
    for (size_t i = 0; i < aligned_count && !ok; i++) {
        const char *start = aligned[i].p;
        ok = (const char *)p >= start && (const char *)p + len <= start + aligned[i].size;
    }
    pthread_mutex_unlock(&aligned_lock);
    return ok;
}

HRESULT prjsim_instance_set_thread_pool(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx, bool on)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, ctx,
                                                           "prjsim_instance_set_thread_pool");
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__pool *old = NULL;
    if (inst->in_flight) {
        hr = HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY);
    } else if (on && !inst->pool) {
        inst->pool = prjsim__pool_create(inst->pool_threads, inst->concurrent_threads);
    } else if (!on) {
        old = inst->pool;
        inst->pool = NULL;
    }
    prjsim__unlock(sim);
    prjsim__pool_destroy(old);
    return hr;
}
