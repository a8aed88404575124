/* SPDX-License-Identifier: MIT */
/* A simulation: options, the lock, the virtual clock, GUIDs and the current simulation. */
#include "internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <fcntl.h>
#include <unistd.h>

/* 2024-01-01T00:00:00Z in FILETIME ticks: a fixed, readable start for the virtual clock. */
#define DEFAULT_CLOCK_START 133485408000000000LL

static prjsim_sim *current_sim;
static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;

void *prjsim__xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort(); /* out of memory in the simulator itself: nothing sensible to simulate */
    return p;
}

void *prjsim__xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        abort();
    return p;
}

void *prjsim__xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

WCHAR *prjsim__wcsdup_n(const WCHAR *s, size_t n)
{
    WCHAR *d = prjsim__xmalloc((n + 1) * sizeof(WCHAR));
    if (n)
        memcpy(d, s, n * sizeof(WCHAR));
    d[n] = 0;
    return d;
}

WCHAR *prjsim__wcsdup(const WCHAR *s)
{
    return s ? prjsim__wcsdup_n(s, wcslen(s)) : NULL;
}

void prjsim__lock(prjsim_sim *sim)
{
    pthread_mutex_lock(&sim->lock);
}

void prjsim__unlock(prjsim_sim *sim)
{
    pthread_mutex_unlock(&sim->lock);
}

int64_t prjsim__tick(prjsim_sim *sim)
{
    sim->clock += sim->options.clock_step;
    return sim->clock;
}

void prjsim__new_guid(prjsim_sim *sim, GUID *out)
{
    if (sim->options.deterministic) {
        /* Counter GUIDs keep traces reproducible; the fixed tail marks them as simulated. */
        uint64_t n = ++sim->guid_counter;
        memset(out, 0, sizeof *out);
        out->Data1 = (uint32_t)n;
        out->Data2 = (uint16_t)(n >> 32);
        out->Data3 = 0x4000;
        memcpy(out->Data4, "\x80prjsim", 8);
        return;
    }
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, out, sizeof *out) != (ssize_t)sizeof *out) {
        uint64_t n = ++sim->guid_counter;
        memset(out, 0, sizeof *out);
        out->Data1 = (uint32_t)n ^ (uint32_t)getpid();
    }
    if (fd >= 0)
        close(fd);
    out->Data3 = (uint16_t)((out->Data3 & 0x0FFF) | 0x4000); /* version 4 */
    out->Data4[0] = (uint8_t)((out->Data4[0] & 0x3F) | 0x80);
}

HRESULT prjsim_sim_create(prjsim_sim **out, const prjsim_sim_options *options)
{
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    prjsim_sim_options defaults = PRJSIM_SIM_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (options->version != PRJSIM_OPTIONS_VERSION)
        return E_INVALIDARG;
    uint32_t a = options->write_alignment;
    if (a == 0 || (a & (a - 1)) != 0)
        return E_INVALIDARG;
    prjsim_sim *sim = calloc(1, sizeof *sim);
    if (!sim)
        return E_OUTOFMEMORY;
    sim->options = *options;
    static _Atomic uint64_t serials;
    sim->serial = ++serials;
    if (!sim->options.clock_start)
        sim->options.clock_start = DEFAULT_CLOCK_START;
    if (!sim->options.default_query_buffer)
        sim->options.default_query_buffer = 4096;
    sim->clock = sim->options.clock_start;
    sim->next_command_id = 1;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&sim->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_mutex_init(&sim->trace_lock, NULL);
    pthread_cond_init(&sim->state_changed, NULL);
    sim->volume = prjsim__item_new(L"", 0, ITEM_DIR);
    prjsim__volume_drive(sim, L"C:", 2);
    *out = sim;
    return S_OK;
}

void prjsim_sim_destroy(prjsim_sim *sim)
{
    if (!sim)
        return;
    while (sim->instances)
        PrjStopVirtualizing((PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)sim->instances);
    pthread_mutex_lock(&current_lock);
    if (current_sim == sim)
        current_sim = NULL;
    pthread_mutex_unlock(&current_lock);
    prjsim__item_free_tree(sim->volume);
    prjsim__sharing_free(sim);
    prjsim_trace_clear(sim);
    free(sim->trace);
    free(sim->retired);
    pthread_mutex_destroy(&sim->lock);
    pthread_mutex_destroy(&sim->trace_lock);
    pthread_cond_destroy(&sim->state_changed);
    free(sim);
}

prjsim_sim *prjsim_sim_current(void)
{
    pthread_mutex_lock(&current_lock);
    if (!current_sim)
        prjsim_sim_create(&current_sim, NULL);
    prjsim_sim *sim = current_sim;
    pthread_mutex_unlock(&current_lock);
    return sim;
}

prjsim_sim *prjsim_sim_set_current(prjsim_sim *sim)
{
    pthread_mutex_lock(&current_lock);
    prjsim_sim *old = current_sim;
    current_sim = sim;
    pthread_mutex_unlock(&current_lock);
    return old;
}

const prjsim_sim_options *prjsim_sim_get_options(const prjsim_sim *sim)
{
    return &sim->options;
}

int64_t prjsim_sim_now(prjsim_sim *sim)
{
    prjsim__lock(sim);
    int64_t t = sim->clock;
    prjsim__unlock(sim);
    return t;
}

void prjsim_sim_set_clock(prjsim_sim *sim, int64_t filetime)
{
    prjsim__lock(sim);
    sim->clock = filetime;
    prjsim__unlock(sim);
}

size_t prjsim_sim_running_instances(prjsim_sim *sim, WCHAR *root, size_t root_chars)
{
    prjsim__lock(sim);
    size_t n = 0;
    for (prjsim__instance *i = sim->instances; i; i = i->next) {
        if (n == 0 && root && root_chars) {
            /* instances are pushed at the head: the first is the most recent */
            wcsncpy(root, i->root_path, root_chars - 1);
            root[root_chars - 1] = 0;
        }
        n++;
    }
    prjsim__unlock(sim);
    return n;
}

HRESULT prjsim_volume_create_directory(prjsim_sim *sim, PCWSTR full_path)
{
    if (!sim || !full_path)
        return E_INVALIDARG;
    prjsim__path p;
    if (!prjsim__path_parse(&p, full_path))
        return E_INVALIDARG;
    prjsim__lock(sim);
    HRESULT hr = S_OK;
    prjsim__item *dir = prjsim__volume_drive(sim, p.comp[0], p.len[0]);
    bool created = false;
    for (uint32_t i = 1; i < p.count; i++) {
        prjsim__item *child = prjsim__item_child(dir, p.comp[i], p.len[i]);
        if (child && (child->state & ITEM_TOMBSTONE)) {
            hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
            break;
        }
        if (!child) {
            if (prjsim__item_root(dir)) {
                /* Inside a root the provider must be asked: that is a client operation. */
                hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
                break;
            }
            child = prjsim__item_new(p.comp[i], p.len[i], ITEM_DIR | ITEM_FULL);
            int64_t now = prjsim__tick(sim);
            child->info.IsDirectory = TRUE;
            child->info.CreationTime.QuadPart = child->info.LastAccessTime.QuadPart =
                child->info.LastWriteTime.QuadPart = child->info.ChangeTime.QuadPart = now;
            child->info.FileAttributes = FILE_ATTRIBUTE_DIRECTORY;
            prjsim__item_attach(dir, child);
            created = true;
        } else if (!(child->state & ITEM_DIR)) {
            hr = HRESULT_FROM_WIN32(ERROR_DIRECTORY);
            break;
        } else {
            created = false;
        }
        dir = child;
    }
    if (hr == S_OK && !created && p.count > 1)
        hr = HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS);
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    return hr;
}

HRESULT CoCreateGuid(GUID *pguid)
{
    if (!pguid)
        return E_INVALIDARG;
    prjsim_sim *sim = prjsim_sim_current();
    prjsim__lock(sim);
    prjsim__new_guid(sim, pguid);
    prjsim__unlock(sim);
    return S_OK;
}

void prjsim_sim_set_missing_path_hook(prjsim_sim *sim, prjsim_missing_path_hook hook, void *payload)
{
    prjsim__lock(sim);
    sim->missing_path_hook = hook;
    sim->missing_path_payload = payload;
    prjsim__unlock(sim);
}

bool prjsim_sim_is_inside_root(prjsim_sim *sim, PCWSTR full_path)
{
    prjsim__path p;
    if (!prjsim__path_parse(&p, full_path))
        return false;
    prjsim__lock(sim);
    bool inside = false;
    prjsim__item *it = prjsim__item_child(sim->volume, p.comp[0], p.len[0]);
    for (uint32_t i = 1; it && !inside && i < p.count; i++) {
        it = prjsim__item_child(it, p.comp[i], p.len[i]);
        inside = it && prjsim__rare(it)->root;
    }
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    return inside;
}
