/* SPDX-License-Identifier: MIT */
/*
 * View changes under running I/O (volume.c, "Ownership of items"): the provider calls
 * PrjDeleteFile, PrjUpdateFileIfNeeded or PrjWritePlaceholderInfo from inside a callback, on
 * the item being worked on, an ancestor or another item. Every operation in flight completes on
 * a consistent item or fails with the status Windows gives; under ASan these are also the
 * use-after-free and leak reproducers of issue 10.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"Dir1", true, 0, 0},
    {L"Dir1\\a.txt", false, 5, 0},
    {L"Dir1\\Sub", true, 0, 0},
    {L"Dir1\\Sub\\b.txt", false, 3, 0},
    {L"top.txt", false, 4, 0},
    {L"other.txt", false, 6, 0},
};

static prjsim_sim *sim;
static table_provider tp;

#define ALLOW_ALL                                                                                 \
    ((PRJ_UPDATE_TYPES)(PRJ_UPDATE_ALLOW_DIRTY_METADATA | PRJ_UPDATE_ALLOW_DIRTY_DATA |         \
                        PRJ_UPDATE_ALLOW_TOMBSTONE | PRJ_UPDATE_ALLOW_READ_ONLY))

/* What the hook does, once, when a callback of a kind (and notification, and path) comes. */
typedef enum { ACT_DELETE, ACT_UPDATE, ACT_WRITE } act_kind;
typedef struct {
    act_kind kind;
    const WCHAR *path;
    INT64 size; /* ACT_UPDATE / ACT_WRITE */
} action;
static struct {
    prjsim_callback_kind kind;
    PRJ_NOTIFICATION notification; /* 0: any */
    const WCHAR *path;             /* NULL: any */
    bool after;
    action acts[4];
    int count;
    bool fired;
    HRESULT results[4];
} plan;

static void on(prjsim_callback_kind kind, PRJ_NOTIFICATION n, const WCHAR *path, bool after)
{
    memset(&plan, 0, sizeof plan);
    plan.kind = kind;
    plan.notification = n;
    plan.path = path;
    plan.after = after;
}

static void then(act_kind kind, const WCHAR *path, INT64 size)
{
    plan.acts[plan.count++] = (action){kind, path, size};
}

static HRESULT act(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx, const action *a)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = a->size;
    info.VersionInfo.ContentID[0] = 0x77;
    PRJ_UPDATE_FAILURE_CAUSES cause;
    switch (a->kind) {
    case ACT_DELETE:
        return PrjDeleteFile(ctx, a->path, ALLOW_ALL, &cause);
    case ACT_UPDATE:
        return PrjUpdateFileIfNeeded(ctx, a->path, &info, sizeof info, ALLOW_ALL, &cause);
    case ACT_WRITE:
        return PrjWritePlaceholderInfo(ctx, a->path, &info, sizeof info);
    }
    return E_FAIL;
}

static void hook(table_provider *t, const PRJ_CALLBACK_DATA *d, prjsim_callback_kind kind,
                 PRJ_NOTIFICATION n, bool after)
{
    (void)t;
    if (plan.fired || !plan.count || kind != plan.kind || after != plan.after ||
        (plan.notification && n != plan.notification) ||
        (plan.path && PrjFileNameCompare(plan.path, d->FilePathName) != 0))
        return;
    plan.fired = true;
    for (int i = 0; i < plan.count; i++)
        plan.results[i] = act(d->NamespaceVirtualizationContext, &plan.acts[i]);
}

static void start(const PRJ_STARTVIRTUALIZING_OPTIONS *options)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    memset(&plan, 0, sizeof plan);
    tp.items = items;
    tp.count = sizeof items / sizeof items[0];
    tp.notifications = true;
    tp.query_file_name = true;
    tp.hook = hook;
    cr_assert_eq(tp_start(&tp, options), S_OK);
}

/* Every notification, for the whole root. */
static PRJ_NOTIFICATION_MAPPING all_mapping = {
    (PRJ_NOTIFY_TYPES)(PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OVERWRITTEN |
                       PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_PRE_SET_HARDLINK |
                       PRJ_NOTIFY_FILE_RENAMED | PRJ_NOTIFY_HARDLINK_CREATED |
                       PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION |
                       PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED |
                       PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED | PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL),
    L""};

static PRJ_STARTVIRTUALIZING_OPTIONS options(UINT32 pool_threads)
{
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = &all_mapping;
    o.NotificationMappingsCount = 1;
    o.PoolThreadCount = pool_threads;
    o.ConcurrentThreadCount = pool_threads;
    return o;
}

static void setup(void)
{
    PRJ_STARTVIRTUALIZING_OPTIONS o = options(0);
    start(&o);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

TestSuite(viewchange, .init = setup, .fini = teardown);

static NTSTATUS stat_path(const WCHAR *path)
{
    prjsim_file_info fi;
    return prjsim_client_stat(sim, path, &fi);
}

/* ---- resolution of each component ---- */

Test(viewchange, parent_deleted_while_its_child_is_looked_up)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\a.txt", false);
    then(ACT_DELETE, L"Dir1", 0);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert(plan.fired);
    ASSERT_HR(plan.results[0], S_OK);
    /* Still projected: it is virtual again, and looked up afresh. */
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_SUCCESS);
}

Test(viewchange, ancestors_deleted_while_a_name_two_levels_below_is_looked_up)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\Sub"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\Sub\\b.txt", false);
    then(ACT_DELETE, L"Dir1\\Sub", 0);
    then(ACT_DELETE, L"Dir1", 0);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\Sub\\b.txt"), STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_HR(plan.results[0], S_OK);
    ASSERT_HR(plan.results[1], S_OK);
}

Test(viewchange, parent_deleted_after_the_placeholder_was_written)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\a.txt", true);
    then(ACT_DELETE, L"Dir1\\a.txt", 0);
    then(ACT_DELETE, L"Dir1", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_HR(plan.results[1], S_OK);
}

Test(viewchange, create_under_a_parent_deleted_during_the_lookup_creates_nothing)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\new.txt", false);
    then(ACT_DELETE, L"Dir1", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1\\new.txt", GENERIC_WRITE, CREATE_NEW, 0, 0),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\new.txt"), STATUS_OBJECT_NAME_NOT_FOUND);
}

Test(viewchange, placeholder_of_another_name_written_during_a_lookup_is_kept)
{
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"top.txt", false);
    then(ACT_WRITE, L"other.txt", 6);
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS);
    PRJ_FILE_STATE state;
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\root\\other.txt", &state), S_OK);
    cr_assert_eq(state, PRJ_FILE_STATE_PLACEHOLDER);
}

/* ---- notifications (post-create, pre-delete, handle close) ---- */

Test(viewchange, file_deleted_inside_its_own_file_opened)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_OPENED, L"Dir1\\a.txt", false);
    then(ACT_DELETE, L"Dir1\\a.txt", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    /* The handle outlives the name, as on Windows; its I/O sees the deletion. */
    char buf[8];
    UINT32 n;
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_DELETE_PENDING);
    size_t held = prjsim_debug_live_items();
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
    cr_assert_eq(prjsim_debug_live_items(), held - 1); /* the removed item went with its handle */
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_SUCCESS);
}

Test(viewchange, file_deleted_inside_a_vetoing_file_opened_is_freed)
{
    tp.veto_types = PRJ_NOTIFICATION_FILE_OPENED;
    tp.veto_hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_OPENED, L"top.txt", false);
    then(ACT_DELETE, L"top.txt", 0);
    size_t before = prjsim_debug_live_items();
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_ACCESS_DENIED);
    ASSERT_HR(plan.results[0], S_OK);
    cr_assert_eq(prjsim_debug_live_items(), before); /* the placeholder made and removed is freed */
}

Test(viewchange, file_and_parent_deleted_inside_file_opened)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_OPENED, L"Dir1\\Sub\\b.txt", false);
    then(ACT_DELETE, L"Dir1\\Sub\\b.txt", 0);
    then(ACT_DELETE, L"Dir1\\Sub", 0);
    then(ACT_DELETE, L"Dir1", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1\\Sub\\b.txt", GENERIC_READ | DELETE,
                                 OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    for (int i = 0; i < 3; i++)
        ASSERT_HR(plan.results[i], S_OK);
    prjsim_client_set_disposition(h, true);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\Sub\\b.txt"), STATUS_SUCCESS); /* virtual again */
}

Test(viewchange, file_deleted_inside_pre_delete)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_DELETE, L"top.txt", false);
    then(ACT_DELETE, L"top.txt", 0);
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\top.txt", false), STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
}

Test(viewchange, file_and_parent_deleted_from_handle_closed)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION, L"Dir1\\a.txt", false);
    then(ACT_DELETE, L"Dir1\\a.txt", 0);
    then(ACT_DELETE, L"Dir1", 0);
    PRJ_NOTIFICATION_MAPPING m = {PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION, L""};
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = &m;
    o.NotificationMappingsCount = 1;
    PrjStopVirtualizing(tp.ctx);
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, &o, &tp.ctx), S_OK);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_SUCCESS);
    ASSERT_HR(plan.results[1], S_OK);
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_SUCCESS);
}

/* ---- hydration ---- */

Test(viewchange, file_updated_during_its_get_file_data_is_read_as_updated)
{
    on(PRJSIM_CB_GET_FILE_DATA, 0, L"top.txt", true);
    then(ACT_UPDATE, L"top.txt", 1000);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    static UINT8 buf[2000];
    UINT32 n;
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    /* The data written for the old file is dropped and the new one is asked for. */
    cr_assert_eq(tp.data_calls, 2);
    cr_assert_eq(n, 1000);
    for (UINT32 i = 0; i < n; i++)
        cr_assert_eq(buf[i], tp_content_byte(L"top.txt", i), "byte %u", i);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

Test(viewchange, file_deleted_during_its_get_file_data)
{
    on(PRJSIM_CB_GET_FILE_DATA, 0, L"top.txt", true);
    then(ACT_DELETE, L"top.txt", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    char buf[8];
    UINT32 n;
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_DELETE_PENDING);
    ASSERT_HR(plan.results[0], S_OK);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

/* ---- enumeration sessions and their merge ---- */

Test(viewchange, directory_deleted_during_its_enumeration)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_ENUM, 0, L"Dir1", false);
    then(ACT_DELETE, L"Dir1", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1", FILE_READ_DATA, OPEN_EXISTING,
                                 PRJSIM_OPEN_DIRECTORY, 0),
              STATUS_SUCCESS);
    prjsim_dir_entry *e;
    size_t n;
    /* The query in flight completes with what the provider listed... */
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    cr_assert_str_eq(tp_names(e, n), ".,..,a.txt,Sub");
    prjsim_client_free_entries(e);
    /* ...and the handle's next one sees the directory gone. */
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_DELETE_PENDING);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
    cr_assert_eq(tp.end_calls, tp.start_calls); /* the session still ends */
}

Test(viewchange, entries_written_and_deleted_during_the_merge)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1\\a.txt"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_ENUM, 0, L"Dir1", true);
    then(ACT_DELETE, L"Dir1\\a.txt", 0);
    then(ACT_WRITE, L"Dir1\\Sub", 0);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root\\Dir1", NULL, 0, &e, &n), STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    cr_assert_str_eq(tp_names(e, n), ".,..,a.txt,Sub");
    free(e);
}

/* ---- rename and link ---- */

Test(viewchange, rename_source_deleted_in_pre_rename)
{
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_RENAME, L"top.txt", false);
    then(ACT_DELETE, L"top.txt", 0);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\moved.txt", false),
              STATUS_DELETE_PENDING);
    ASSERT_HR(plan.results[0], S_OK);
    ASSERT_ST(stat_path(L"C:\\root\\moved.txt"), STATUS_OBJECT_NAME_NOT_FOUND);
}

Test(viewchange, rename_destination_directory_deleted_in_pre_rename)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_RENAME, L"top.txt", false);
    then(ACT_DELETE, L"Dir1", 0);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\Dir1\\moved.txt", false),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_HR(plan.results[0], S_OK);
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS);
}

Test(viewchange, rename_target_and_its_directory_deleted_in_get_placeholder_info)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\a.txt", true);
    then(ACT_DELETE, L"Dir1\\a.txt", 0);
    then(ACT_DELETE, L"Dir1", 0);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\Dir1\\a.txt", true),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_HR(plan.results[1], S_OK);
}

Test(viewchange, rename_target_deleted_in_pre_rename)
{
    ASSERT_ST(stat_path(L"C:\\root\\other.txt"), STATUS_SUCCESS);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_RENAME, L"top.txt", false);
    then(ACT_DELETE, L"other.txt", 0);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\other.txt", true),
              STATUS_DELETE_PENDING);
    ASSERT_HR(plan.results[0], S_OK);
}

Test(viewchange, rename_destination_written_by_the_provider_in_pre_rename)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_RENAME, L"top.txt", false);
    then(ACT_WRITE, L"fresh.txt", 9);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\fresh.txt", false),
              STATUS_OBJECT_NAME_COLLISION);
    ASSERT_HR(plan.results[0], S_OK);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root", L"fresh.txt", 0, &e, &n), STATUS_SUCCESS);
    cr_assert_str_eq(tp_names(e, n), "fresh.txt"); /* one name, not two */
    free(e);
}

Test(viewchange, link_destination_directory_deleted_in_pre_set_hardlink)
{
    ASSERT_ST(stat_path(L"C:\\root\\Dir1"), STATUS_SUCCESS);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_SET_HARDLINK, L"top.txt", false);
    then(ACT_DELETE, L"Dir1", 0);
    ASSERT_ST(prjsim_client_link(sim, L"C:\\root\\top.txt", L"C:\\root\\Dir1\\l.txt"),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_HR(plan.results[0], S_OK);
}

Test(viewchange, link_destination_written_by_the_provider_in_pre_set_hardlink)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_PRE_SET_HARDLINK, L"top.txt", false);
    then(ACT_WRITE, L"l.txt", 2);
    ASSERT_ST(prjsim_client_link(sim, L"C:\\root\\top.txt", L"C:\\root\\l.txt"), STATUS_OBJECT_NAME_COLLISION);
    ASSERT_HR(plan.results[0], S_OK);
}

/* ---- invalid names: never folded, never above the root ---- */

Test(viewchange, placeholder_names_that_would_climb_or_fold_are_refused)
{
    static const WCHAR *bad[] = {L"..\\escape.txt", L"..", L".", L"Dir1\\..\\..\\x.txt", L".\\x.txt",
                                 L"Dir1\\.", L"a<b.txt", L"a:b", L"a|b", L"q?.txt", L"st*r"};
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ASSERT_HR(PrjWritePlaceholderInfo(tp.ctx, bad[i], &info, sizeof info), HRESULT_FROM_WIN32(ERROR_INVALID_NAME));
        PRJ_UPDATE_FAILURE_CAUSES cause;
        ASSERT_HR(PrjDeleteFile(tp.ctx, bad[i], 0, &cause), HRESULT_FROM_WIN32(ERROR_INVALID_NAME));
        ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, bad[i], &info, sizeof info, 0, &cause),
                  HRESULT_FROM_WIN32(ERROR_INVALID_NAME));
    }
    WCHAR longname[300];
    wmemset(longname, L'n', 256);
    longname[256] = 0;
    ASSERT_HR(PrjWritePlaceholderInfo(tp.ctx, longname, &info, sizeof info), HRESULT_FROM_WIN32(ERROR_INVALID_NAME));
    longname[255] = 0; /* 255 is the longest name a component may have */
    ASSERT_HR(PrjWritePlaceholderInfo(tp.ctx, longname, &info, sizeof info), S_OK);
    PRJ_FILE_STATE state;
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\escape.txt", &state), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\root\\escape.txt", &state), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\x.txt", &state), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
}

/* ---- from other threads, over the thread pool ---- */

#define CLIENTS 4
#define ROUNDS 150

/* What a client thread saw that it should not have: how many, and the first (op, status). */
typedef struct client_bad {
    int count;
    const char *op;
    NTSTATUS status;
} client_bad;

static void note_bad(client_bad *bad, const char *op, NTSTATUS st)
{
    if (bad->count++ == 0) {
        bad->op = op;
        bad->status = st;
    }
}

static void *client_thread(void *arg)
{
    client_bad *bad = arg;
    static const WCHAR *paths[] = {L"C:\\root\\Dir1\\a.txt", L"C:\\root\\Dir1\\Sub\\b.txt",
                                   L"C:\\root\\Dir1\\Sub", L"C:\\root\\top.txt"};
    for (int i = 0; i < ROUNDS; i++) {
        prjsim_handle *h;
        NTSTATUS st = prjsim_client_open(&h, sim, paths[i % 4], GENERIC_READ, OPEN_EXISTING, 0, 0);
        if (st == STATUS_SUCCESS) {
            char buf[8];
            UINT32 n;
            NTSTATUS r = prjsim_client_read(h, 0, buf, sizeof buf, &n);
            if (r != STATUS_SUCCESS && r != STATUS_DELETE_PENDING && r != STATUS_INVALID_DEVICE_REQUEST)
                note_bad(bad, "read", r);
            prjsim_client_close(h);
        } else if (st != STATUS_OBJECT_PATH_NOT_FOUND && st != STATUS_OBJECT_NAME_NOT_FOUND) {
            note_bad(bad, "open", st);
        }
    }
    return NULL;
}

static void *deleter_thread(void *arg)
{
    (void)arg;
    static const WCHAR *order[] = {L"Dir1\\Sub\\b.txt", L"Dir1\\Sub", L"Dir1\\a.txt", L"Dir1", L"top.txt"};
    for (int i = 0; i < ROUNDS * 2; i++) {
        PRJ_UPDATE_FAILURE_CAUSES cause;
        PrjDeleteFile(tp.ctx, order[i % 5], ALLOW_ALL, &cause);
    }
    return NULL;
}

Test(viewchange, deletions_from_another_thread_while_clients_open_below_over_the_pool)
{
    PrjStopVirtualizing(tp.ctx);
    PRJ_STARTVIRTUALIZING_OPTIONS o = options(4);
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, &o, &tp.ctx), S_OK);
    pthread_t c[CLIENTS], d;
    client_bad bad[CLIENTS];
    memset(bad, 0, sizeof bad);
    for (int i = 0; i < CLIENTS; i++)
        pthread_create(&c[i], NULL, client_thread, &bad[i]);
    pthread_create(&d, NULL, deleter_thread, NULL);
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(c[i], NULL);
    pthread_join(d, NULL);
    for (int i = 0; i < CLIENTS; i++)
        cr_assert_eq(bad[i].count, 0, "client %d saw %d unexpected statuses, first: %s -> 0x%08X", i, bad[i].count,
                     bad[i].op, (unsigned)bad[i].status);
}

/* ---- modification: PRE_CONVERT_TO_FULL ---- */

Test(viewchange, file_updated_during_pre_convert_to_full_keeps_the_new_data)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL, L"top.txt", false);
    then(ACT_UPDATE, L"top.txt", 8);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    UINT32 n;
    ASSERT_ST(prjsim_client_write(h, 0, "Z", 1, &n), STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    UINT8 buf[16];
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_SUCCESS);
    cr_assert_eq(n, 8); /* the updated file, fetched again, then modified */
    cr_assert_eq(buf[0], 'Z');
    for (UINT32 i = 1; i < n; i++)
        cr_assert_eq(buf[i], tp_content_byte(L"top.txt", i), "byte %u", i);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

Test(viewchange, file_deleted_during_pre_convert_to_full)
{
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL, L"top.txt", false);
    then(ACT_DELETE, L"top.txt", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    UINT32 n;
    ASSERT_ST(prjsim_client_write(h, 0, "Z", 1, &n), STATUS_DELETE_PENDING);
    ASSERT_HR(plan.results[0], S_OK);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS); /* virtual again, unmodified */
}

Test(viewchange, overwrite_of_a_file_deleted_during_pre_convert_to_full)
{
    ASSERT_ST(stat_path(L"C:\\root\\top.txt"), STATUS_SUCCESS);
    on(PRJSIM_CB_NOTIFICATION, PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL, L"top.txt", false);
    then(ACT_DELETE, L"top.txt", 0);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\top.txt", GENERIC_WRITE, TRUNCATE_EXISTING, 0, 0),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_HR(plan.results[0], S_OK);
}

Test(viewchange, name_written_while_the_provider_said_not_found_is_opened_not_created_twice)
{
    /* The provider does not project new.txt, but a placeholder of that name appears while it
     * answers (another thread of it, or this one): what is on disk when the lookup ends counts. */
    on(PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, L"Dir1\\new.txt", true);
    then(ACT_WRITE, L"Dir1\\new.txt", 9);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir1\\new.txt", GENERIC_READ, OPEN_ALWAYS, 0, 0),
              STATUS_SUCCESS);
    ASSERT_HR(plan.results[0], S_OK);
    cr_assert_eq(prjsim_client_open_result(h), PRJSIM_FILE_OPENED);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root\\Dir1", NULL, 0, &e, &n), STATUS_SUCCESS);
    cr_assert_str_eq(tp_names(e, n), ".,..,a.txt,new.txt,Sub"); /* one new.txt */
    free(e);
}
