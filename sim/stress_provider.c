/* SPDX-License-Identifier: MIT */
/*
 * The provider side of the stress check (issue 10, volume.c "Ownership of items"): while 8
 * client threads run seeded mixes of operations over one shared tree, provider threads call
 * PrjDeleteFile, PrjUpdateFileIfNeeded and PrjWritePlaceholderInfo at random, and the provider's
 * callbacks (every kind, notifications included) do the same on their own item, its parent and
 * unrelated items. Outcomes are not deterministic; what is checked is that nothing crashes or
 * trips a sanitizer, every status is one a client may see, the view is consistent afterwards
 * (every listed name can be opened, every directory listed) and no item is leaked. Counted,
 * not timed: each seed runs a fixed number of operations. One seed in three stops the instance
 * while the clients are still running.
 */
#include "stress.h"

#include <memtree.h>
#include <prjsim.h>
#include <ntstatus.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define CLIENTS 8
#define CLIENT_OPS 400
#define PROVIDERS 2
#define PROVIDER_OPS 500
#define DIRS 3
#define SUBS 2
#define FILES 4

#define ALLOW_ALL                                                                                 \
    ((PRJ_UPDATE_TYPES)(PRJ_UPDATE_ALLOW_DIRTY_METADATA | PRJ_UPDATE_ALLOW_DIRTY_DATA |         \
                        PRJ_UPDATE_ALLOW_TOMBSTONE | PRJ_UPDATE_ALLOW_READ_ONLY))

/* What a client may see under a provider that keeps changing its view. */
static const NTSTATUS allowed[] = {
    STATUS_SUCCESS, STATUS_NO_MORE_FILES, STATUS_NO_SUCH_FILE, STATUS_END_OF_FILE,
    STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND, STATUS_OBJECT_NAME_COLLISION,
    STATUS_DELETE_PENDING, STATUS_ACCESS_DENIED, STATUS_CANNOT_DELETE, STATUS_DIRECTORY_NOT_EMPTY,
    STATUS_NOT_A_DIRECTORY, STATUS_FILE_IS_A_DIRECTORY, STATUS_INVALID_DEVICE_REQUEST,
    STATUS_INVALID_PARAMETER, STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE,
    STATUS_FILE_SYSTEM_VIRTUALIZATION_BUSY, STATUS_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION,
    ((NTSTATUS)0xC00000D4L) /* STATUS_NOT_SAME_DEVICE */, STATUS_INTERNAL_ERROR, STATUS_SHARING_VIOLATION,
    STATUS_NOT_SUPPORTED,
};

enum { OUT_OK, OUT_NAME_NOT_FOUND, OUT_PATH_NOT_FOUND, OUT_DELETE_PENDING, OUT_OTHER_ALLOWED, OUT_BAD, OUT_COUNT };
static const char *const outcome_names[OUT_COUNT] = {"ok", "name-not-found", "path-not-found",
                                                      "delete-pending", "other", "UNEXPECTED"};

typedef struct stress {
    prjsim_sim *sim;
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    uint64_t seed;
    atomic_uint_fast64_t calls;     /* callbacks so far: each one's choices come from seed and this */
    atomic_int clients_done_ops;
    atomic_bool stopped;
    atomic_bool quiet; /* the check after the run: callbacks leave the view alone */
    bool stop_midway;
    atomic_size_t outcomes[OUT_COUNT];
    atomic_size_t view_changes[3][2]; /* delete/update/write x failed/succeeded */
    atomic_size_t callback_changes;
    struct { NTSTATUS status; size_t count; } codes[32]; /* every status seen (under bad_lock) */
    char first_bad[160];
    pthread_mutex_t bad_lock;
} stress;

static stress *current; /* one seed runs at a time */

static uint32_t rnd(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*state >> 33);
}

/* A random relative path of the tree: a directory, a subdirectory or a file at either depth
 * (only files when @p files_only). */
static void random_path_of(uint64_t *rng, WCHAR *out, size_t n, bool files_only)
{
    uint32_t d = rnd(rng) % DIRS, s = rnd(rng) % SUBS, f = rnd(rng) % FILES;
    switch (files_only ? 2 + rnd(rng) % 2 : rnd(rng) % 4) {
    case 0: swprintf(out, n, L"d%u", d); break;
    case 1: swprintf(out, n, L"d%u\\s%u", d, s); break;
    case 2: swprintf(out, n, L"d%u\\f%u.txt", d, f); break;
    default: swprintf(out, n, L"d%u\\s%u\\f%u.txt", d, s, f); break;
    }
}

static void random_path(uint64_t *rng, WCHAR *out, size_t n)
{
    random_path_of(rng, out, n, false);
}

/* One provider view change on @p rel; the store stays as it was, so names come back. */
static void view_change(stress *st, uint64_t *rng, const WCHAR *rel)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    bool known = memtree_stat(st->tree, rel, &info.FileBasicInfo, NULL, 0) == S_OK;
    if (!known)
        info.FileBasicInfo.FileSize = 5;
    info.VersionInfo.ContentID[0] = (UINT8)(rnd(rng) | 1);
    PRJ_UPDATE_FAILURE_CAUSES cause;
    uint32_t kind = rnd(rng) % 3;
    PRJ_UPDATE_TYPES flags = rnd(rng) % 4 ? ALLOW_ALL : 0;
    HRESULT hr;
    if (kind == 0)
        hr = PrjDeleteFile(st->ctx, rel, flags, &cause);
    else if (kind == 1)
        hr = PrjUpdateFileIfNeeded(st->ctx, rel, &info, sizeof info, flags, &cause);
    else
        hr = PrjWritePlaceholderInfo(st->ctx, rel, &info, sizeof info);
    st->view_changes[kind][SUCCEEDED(hr)]++;
}

/* The relative path of @p rel's parent ("" for a top-level name). */
static void parent_of(const WCHAR *rel, WCHAR *out, size_t n)
{
    wcsncpy(out, rel, n - 1);
    out[n - 1] = 0;
    WCHAR *sep = wcsrchr(out, L'\\');
    if (sep)
        *sep = 0;
    else
        out[0] = 0;
}

/* Before a callback does its work: now and then a view change on its item, its parent or another. */
static void meddle(const PRJ_CALLBACK_DATA *d)
{
    stress *st = current;
    if (st->quiet)
        return;
    uint64_t rng = st->seed * 0x9e3779b97f4a7c15ULL + atomic_fetch_add(&st->calls, 1) * 0x2545f4914f6cdd1dULL;
    rnd(&rng);
    if (rnd(&rng) % 4 != 0)
        return;
    WCHAR rel[96];
    switch (rnd(&rng) % 3) {
    case 0: wcsncpy(rel, d->FilePathName, 95); rel[95] = 0; break;
    case 1: parent_of(d->FilePathName, rel, 96); break;
    default: random_path(&rng, rel, 96); break;
    }
    if (!rel[0])
        return; /* the root itself: nothing to change */
    st->callback_changes++;
    view_change(st, &rng, rel);
}

static const PRJ_CALLBACKS *inner;

static HRESULT CALLBACK w_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    meddle(d);
    return inner->StartDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    meddle(d);
    return inner->EndDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search, PRJ_DIR_ENTRY_BUFFER_HANDLE b)
{
    meddle(d);
    return inner->GetDirectoryEnumerationCallback(d, id, search, b);
}

static HRESULT CALLBACK w_placeholder(const PRJ_CALLBACK_DATA *d)
{
    meddle(d);
    return inner->GetPlaceholderInfoCallback(d);
}

static HRESULT CALLBACK w_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    meddle(d);
    return inner->GetFileDataCallback(d, offset, length);
}

static HRESULT CALLBACK w_query(const PRJ_CALLBACK_DATA *d)
{
    meddle(d);
    return inner->QueryFileNameCallback(d);
}

static HRESULT CALLBACK w_notify(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION n, PCWSTR dest,
                                 PRJ_NOTIFICATION_PARAMETERS *params)
{
    (void)is_dir;
    (void)n;
    (void)dest;
    (void)params;
    meddle(d);
    return S_OK;
}

static void note(stress *st, const char *what, NTSTATUS status)
{
    int o = status == STATUS_SUCCESS ? OUT_OK
            : status == STATUS_OBJECT_NAME_NOT_FOUND ? OUT_NAME_NOT_FOUND
            : status == STATUS_OBJECT_PATH_NOT_FOUND ? OUT_PATH_NOT_FOUND
            : status == STATUS_DELETE_PENDING ? OUT_DELETE_PENDING
                                               : OUT_BAD;
    if (o == OUT_BAD)
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
            if (allowed[i] == status)
                o = OUT_OTHER_ALLOWED;
    st->outcomes[o]++;
    pthread_mutex_lock(&st->bad_lock);
    for (size_t i = 0; i < sizeof st->codes / sizeof st->codes[0]; i++)
        if (st->codes[i].count == 0 || st->codes[i].status == status) {
            st->codes[i].status = status;
            st->codes[i].count++;
            break;
        }
    pthread_mutex_unlock(&st->bad_lock);
    if (o == OUT_BAD) {
        pthread_mutex_lock(&st->bad_lock);
        if (!st->first_bad[0])
            snprintf(st->first_bad, sizeof st->first_bad, "%s -> %s (0x%08x)", what,
                     prjsim_status_name(status) ? prjsim_status_name(status) : "?", (unsigned)status);
        pthread_mutex_unlock(&st->bad_lock);
    }
}

typedef struct client_arg {
    stress *st;
    int index;
} client_arg;

static void *client(void *arg)
{
    client_arg *a = arg;
    stress *st = a->st;
    uint64_t rng = st->seed * 1000003ULL + (uint64_t)a->index * 7919ULL + 1;
    WCHAR rel[96], rel2[96], path[128], path2[128];
    for (int i = 0; i < CLIENT_OPS; i++) {
        random_path(&rng, rel, 96);
        random_path(&rng, rel2, 96);
        swprintf(path, 128, L"C:\\root\\%ls", rel);
        swprintf(path2, 128, L"C:\\root\\%ls", rel2);
        prjsim_handle *h = NULL;
        NTSTATUS s;
        const char *what;
        switch (rnd(&rng) % 9) {
        case 0: {
            what = "read-file";
            void *data = NULL;
            size_t size;
            s = prjsim_client_read_file(st->sim, path, &data, &size);
            free(data);
            break;
        }
        case 1: {
            what = "open+read+close";
            s = prjsim_client_open(&h, st->sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0);
            if (s == STATUS_SUCCESS) {
                char buf[64];
                UINT32 n;
                NTSTATUS r = prjsim_client_read(h, 0, buf, sizeof buf, &n);
                note(st, "read", r);
                s = prjsim_client_close(h);
            }
            break;
        }
        case 2: {
            what = "list";
            prjsim_dir_entry *e = NULL;
            size_t n;
            s = prjsim_client_list(st->sim, path, NULL, 256, &e, &n);
            free(e);
            break;
        }
        case 3:
            what = "write-file";
            s = prjsim_client_write_file(st->sim, path, "client", 6);
            break;
        case 4:
            what = "delete";
            s = prjsim_client_delete(st->sim, path, (rnd(&rng) & 1) != 0);
            break;
        case 5:
            /* Files only: directory renames are refused on Windows (reference section 11.1). */
            what = "move";
            random_path_of(&rng, rel, 96, true);
            random_path_of(&rng, rel2, 96, true);
            swprintf(path, 128, L"C:\\root\\%ls", rel);
            swprintf(path2, 128, L"C:\\root\\%ls", rel2);
            s = prjsim_client_move(st->sim, path, path2, (rnd(&rng) & 1) != 0);
            break;
        case 6:
            what = "link";
            s = prjsim_client_link(st->sim, path, path2);
            break;
        case 7:
            what = "mkdir";
            s = prjsim_client_create_directory(st->sim, path);
            break;
        default: {
            what = "stat";
            prjsim_file_info fi;
            s = prjsim_client_stat(st->sim, path, &fi);
            break;
        }
        }
        note(st, what, s);
        if (atomic_fetch_add(&st->clients_done_ops, 1) == CLIENTS * CLIENT_OPS / 2 && st->stop_midway) {
            PrjStopVirtualizing(st->ctx); /* under load: pended and running callbacks finish first */
            st->stopped = true;
        }
    }
    return NULL;
}

static void *provider(void *arg)
{
    client_arg *a = arg;
    stress *st = a->st;
    uint64_t rng = st->seed * 15485863ULL + (uint64_t)a->index * 104729ULL + 3;
    WCHAR rel[96];
    for (int i = 0; i < PROVIDER_OPS && !st->stopped; i++) {
        random_path(&rng, rel, 96);
        view_change(st, &rng, rel);
    }
    return NULL;
}

/* After the run, with the instance still going: every directory lists and every name opens. */
static int walk(stress *st, const WCHAR *dir, int depth)
{
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS s = prjsim_client_list(st->sim, dir, NULL, 0, &e, &n);
    if (s != STATUS_SUCCESS) {
        fprintf(stderr, "stress: listing %ls after the run -> 0x%08x\n", dir, (unsigned)s);
        return 1;
    }
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (!wcscmp(e[i].name, L".") || !wcscmp(e[i].name, L".."))
            continue;
        if (i > 0 && PrjFileNameCompare(e[i - 1].name, e[i].name) == 0) {
            fprintf(stderr, "stress: %ls lists %ls twice\n", dir, e[i].name);
            bad++;
        }
        WCHAR p[256];
        swprintf(p, 256, L"%ls\\%ls", dir, e[i].name);
        prjsim_file_info fi;
        s = prjsim_client_stat(st->sim, p, &fi);
        if (s != STATUS_SUCCESS) {
            fprintf(stderr, "stress: %ls is listed but opening it gives 0x%08x\n", p, (unsigned)s);
            bad++;
        } else if (fi.basic.IsDirectory && depth < 4) {
            bad += walk(st, p, depth + 1);
        }
    }
    free(e);
    return bad;
}

static HRESULT build_tree(memtree *tree)
{
    HRESULT hr = S_OK;
    for (int d = 0; d < DIRS; d++)
        for (int f = 0; f < FILES; f++) {
            WCHAR p[64];
            swprintf(p, 64, L"d%d\\f%d.txt", d, f);
            hr = FAILED(hr) ? hr : memtree_add_generated_file(tree, p, 40 + (UINT64)f * 13, (UINT64)(d * 10 + f));
            for (int s = 0; s < SUBS; s++) {
                swprintf(p, 64, L"d%d\\s%d\\f%d.txt", d, s, f);
                hr = FAILED(hr) ? hr : memtree_add_generated_file(tree, p, 30 + (UINT64)f, (UINT64)(d * 100 + s * 10 + f));
            }
        }
    return hr;
}

static bool run_seed(uint64_t seed)
{
    size_t items_before = prjsim_debug_live_items();
    stress *st = calloc(1, sizeof *st);
    st->seed = seed;
    st->stop_midway = seed % 3 == 2;
    pthread_mutex_init(&st->bad_lock, NULL);
    bool pool = seed % 2 == 1;
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.trace = false;
    prjsim_sim_create(&st->sim, &o);
    prjsim_sim_set_current(st->sim);
    memtree_create(&st->tree);
    current = st;
    if (FAILED(build_tree(st->tree))) {
        fprintf(stderr, "stress: cannot build the tree\n");
        return false;
    }
    inner = memtree_callbacks_for(st->tree);
    PRJ_CALLBACKS cb = {w_start, w_end, w_get, w_placeholder, w_data, w_query, w_notify, NULL};
    PRJ_NOTIFICATION_MAPPING all = {
        (PRJ_NOTIFY_TYPES)(PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OVERWRITTEN |
                           PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_PRE_SET_HARDLINK |
                           PRJ_NOTIFY_FILE_RENAMED | PRJ_NOTIFY_HARDLINK_CREATED |
                           PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION |
                           PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED |
                           PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED | PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL),
        L""};
    PRJ_STARTVIRTUALIZING_OPTIONS so;
    memset(&so, 0, sizeof so);
    so.NotificationMappings = &all;
    so.NotificationMappingsCount = 1;
    so.PoolThreadCount = pool ? 4 : 0;
    so.ConcurrentThreadCount = pool ? 4 : 0;
    prjsim_volume_create_directory(st->sim, L"C:\\root");
    GUID id = {(unsigned long)seed, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &id);
    if (FAILED(PrjStartVirtualizing(L"C:\\root", &cb, st->tree, &so, &st->ctx))) {
        fprintf(stderr, "stress: cannot start\n");
        return false;
    }

    pthread_t th[CLIENTS + PROVIDERS];
    client_arg args[CLIENTS + PROVIDERS];
    for (int i = 0; i < CLIENTS + PROVIDERS; i++) {
        args[i].st = st;
        args[i].index = i;
        pthread_create(&th[i], NULL, i < CLIENTS ? client : provider, &args[i]);
    }
    for (int i = 0; i < CLIENTS + PROVIDERS; i++)
        pthread_join(th[i], NULL);

    st->quiet = true;
    int inconsistent = st->stopped ? 0 : walk(st, L"C:\\root", 0);
    if (!st->stopped)
        PrjStopVirtualizing(st->ctx);
    size_t sessions = st->stopped ? 0 : memtree_open_sessions(st->tree); /* no End after a stop */
    prjsim_sim_destroy(st->sim);
    memtree_destroy(st->tree);
    size_t leaked = prjsim_debug_live_items() - items_before;

    printf("seed %llu (%s%s): clients", (unsigned long long)seed, pool ? "thread pool" : "callbacks inline",
           st->stop_midway ? ", stopped midway" : "");
    for (int i = 0; i < OUT_COUNT; i++)
        printf(" %s=%zu", outcome_names[i], (size_t)st->outcomes[i]);
    printf("; provider delete %zu/%zu update %zu/%zu write %zu/%zu succeeded, %zu from callbacks\n",
           (size_t)st->view_changes[0][1], (size_t)(st->view_changes[0][0] + st->view_changes[0][1]),
           (size_t)st->view_changes[1][1], (size_t)(st->view_changes[1][0] + st->view_changes[1][1]),
           (size_t)st->view_changes[2][1], (size_t)(st->view_changes[2][0] + st->view_changes[2][1]),
           (size_t)st->callback_changes);
    printf("  statuses:");
    for (size_t i = 0; i < sizeof st->codes / sizeof st->codes[0] && st->codes[i].count; i++) {
        const char *name = prjsim_status_name(st->codes[i].status);
        printf(" %s=%zu", name ? name + (strncmp(name, "STATUS_", 7) ? 0 : 7) : "?", st->codes[i].count);
    }
    printf("\n");
    bool ok = !st->outcomes[OUT_BAD] && !inconsistent && !leaked && !sessions;
    if (st->outcomes[OUT_BAD])
        fprintf(stderr, "stress: unexpected status, first: %s\n", st->first_bad);
    if (leaked)
        fprintf(stderr, "stress: %zu items not freed\n", leaked);
    if (sessions)
        fprintf(stderr, "stress: %zu enumeration sessions never ended\n", sessions);
    pthread_mutex_destroy(&st->bad_lock);
    free(st);
    return ok;
}

int stress_provider_main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < argc; i++) {
        char *end;
        unsigned long long seed = strtoull(argv[i], &end, 10);
        if (!argv[i][0] || *end) {
            fprintf(stderr, "usage: prjsim-stress --provider SEED...\n");
            return 2;
        }
        bool ok = run_seed(seed);
        printf("%s: seed %llu\n", ok ? "PASS" : "FAIL", seed);
        ok ? passed++ : failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
