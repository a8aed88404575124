/* SPDX-License-Identifier: MIT */
/*
 * Pended callbacks (section 6.7): every callback kind pended, then completed from another
 * thread (doing the original work at completion) or cancelled.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"a.txt", false, 100, 0},
    {L"b.txt", false, 10, 0},
};

static prjsim_sim *sim;
static table_provider tp;
static PRJ_CALLBACKS inner; /* the table provider's own callbacks */

/* What the pended callback saved (callbackData dies when it returns). */
static struct {
    prjsim_callback_kind kind; /* which kind to pend */
    int pended;                /* set when the callback returned ERROR_IO_PENDING */
    PRJ_CALLBACK_DATA data;
    WCHAR path[64];
    GUID enum_id;
    WCHAR search[64];
    bool has_search;
    PRJ_DIR_ENTRY_BUFFER_HANDLE buffer;
    UINT64 offset;
    UINT32 length;
    PRJ_NOTIFICATION notification;
    BOOLEAN is_dir;
} saved;

static void save(const PRJ_CALLBACK_DATA *d)
{
    saved.data = *d;
    wcsncpy(saved.path, d->FilePathName, 63);
    saved.data.FilePathName = saved.path;
    saved.data.VersionInfo = NULL;
    __atomic_store_n(&saved.pended, 1, __ATOMIC_SEQ_CST);
}

static bool pend_now(prjsim_callback_kind kind)
{
    return saved.kind == kind && !__atomic_load_n(&saved.pended, __ATOMIC_SEQ_CST);
}

#define PENDING HRESULT_FROM_WIN32(ERROR_IO_PENDING)

static HRESULT CALLBACK p_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    if (!pend_now(PRJSIM_CB_START_ENUM))
        return inner.StartDirectoryEnumerationCallback(d, id);
    saved.enum_id = *id;
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    if (!pend_now(PRJSIM_CB_END_ENUM))
        return inner.EndDirectoryEnumerationCallback(d, id);
    saved.enum_id = *id;
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE b)
{
    if (!pend_now(PRJSIM_CB_GET_ENUM))
        return inner.GetDirectoryEnumerationCallback(d, id, search, b);
    saved.enum_id = *id;
    saved.has_search = search != NULL;
    if (search)
        wcsncpy(saved.search, search, 63);
    saved.buffer = b;
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_placeholder(const PRJ_CALLBACK_DATA *d)
{
    if (!pend_now(PRJSIM_CB_GET_PLACEHOLDER_INFO))
        return inner.GetPlaceholderInfoCallback(d);
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    if (!pend_now(PRJSIM_CB_GET_FILE_DATA))
        return inner.GetFileDataCallback(d, offset, length);
    saved.offset = offset;
    saved.length = length;
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_query(const PRJ_CALLBACK_DATA *d)
{
    if (!pend_now(PRJSIM_CB_QUERY_FILE_NAME))
        return inner.QueryFileNameCallback(d);
    save(d);
    return PENDING;
}

static HRESULT CALLBACK p_notify(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION n, PCWSTR dest,
                                 PRJ_NOTIFICATION_PARAMETERS *params)
{
    if (!pend_now(PRJSIM_CB_NOTIFICATION))
        return inner.NotificationCallback(d, is_dir, n, dest, params);
    saved.notification = n;
    saved.is_dir = is_dir;
    save(d);
    return PENDING;
}

/* Does the pended callback's work now, on this thread, and returns its result. */
static HRESULT do_work(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *ext, bool *use_ext)
{
    const PRJ_CALLBACK_DATA *d = &saved.data;
    *use_ext = false;
    switch (saved.kind) {
    case PRJSIM_CB_START_ENUM:
        return inner.StartDirectoryEnumerationCallback(d, &saved.enum_id);
    case PRJSIM_CB_END_ENUM:
        return inner.EndDirectoryEnumerationCallback(d, &saved.enum_id);
    case PRJSIM_CB_GET_ENUM:
        *use_ext = true;
        ext->CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
        ext->Enumeration.DirEntryBufferHandle = saved.buffer;
        return inner.GetDirectoryEnumerationCallback(d, &saved.enum_id, saved.has_search ? saved.search : NULL,
                                                      saved.buffer);
    case PRJSIM_CB_GET_PLACEHOLDER_INFO:
        return inner.GetPlaceholderInfoCallback(d);
    case PRJSIM_CB_GET_FILE_DATA:
        return inner.GetFileDataCallback(d, saved.offset, saved.length);
    case PRJSIM_CB_QUERY_FILE_NAME:
        return inner.QueryFileNameCallback(d);
    case PRJSIM_CB_NOTIFICATION:
        *use_ext = true;
        ext->CommandType = PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION;
        ext->Notification.NotificationMask = PRJ_NOTIFY_USE_EXISTING_MASK;
        return S_OK;
    default:
        return E_UNEXPECTED;
    }
}

/* The client operation that needs the callback, run on its own thread. */
static NTSTATUS client_result;
static void *client(void *arg)
{
    (void)arg;
    prjsim_dir_entry *e = NULL;
    size_t n;
    void *data = NULL;
    size_t size;
    prjsim_file_info fi;
    switch (saved.kind) {
    case PRJSIM_CB_START_ENUM:
    case PRJSIM_CB_GET_ENUM:
    case PRJSIM_CB_END_ENUM:
        client_result = prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n);
        free(e);
        break;
    case PRJSIM_CB_GET_PLACEHOLDER_INFO:
    case PRJSIM_CB_NOTIFICATION:
        client_result = prjsim_client_stat(sim, L"C:\\root\\a.txt", &fi);
        break;
    case PRJSIM_CB_GET_FILE_DATA:
        client_result = prjsim_client_read_file(sim, L"C:\\root\\a.txt", &data, &size);
        if (client_result == STATUS_SUCCESS && (size != 100 || ((UINT8 *)data)[7] != tp_content_byte(L"a.txt", 7)))
            client_result = STATUS_UNSUCCESSFUL;
        free(data);
        break;
    case PRJSIM_CB_QUERY_FILE_NAME:
        client_result = prjsim_client_delete(sim, L"C:\\root\\a.txt", false);
        break;
    default:
        break;
    }
    return NULL;
}

typedef struct {
    prjsim_callback_kind kind;
    NTSTATUS when_cancelled; /* what the client sees after a cancel */
} pend_case;

static pend_case cases[] = {
    {PRJSIM_CB_START_ENUM, STATUS_CANCELLED},
    {PRJSIM_CB_GET_ENUM, STATUS_CANCELLED},
    {PRJSIM_CB_END_ENUM, STATUS_SUCCESS},         /* End cannot fail a listing */
    {PRJSIM_CB_GET_PLACEHOLDER_INFO, STATUS_CANCELLED},
    {PRJSIM_CB_GET_FILE_DATA, STATUS_CANCELLED},
    {PRJSIM_CB_QUERY_FILE_NAME, STATUS_SUCCESS},  /* asked at close; the name stays hidden */
    {PRJSIM_CB_NOTIFICATION, STATUS_CANCELLED},   /* FILE_OPENED can veto */
};

static void setup(prjsim_callback_kind kind, bool pool)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.thread_pool = pool;
    cr_assert_eq(prjsim_sim_create(&sim, &o), S_OK);
    prjsim_sim_set_current(sim);
    memset(&tp, 0, sizeof tp);
    memset(&saved, 0, sizeof saved);
    saved.kind = kind;
    tp.items = items;
    tp.count = 2;
    tp.query_file_name = true;
    tp.notifications = true;
    tp.cancel = true;
    inner = *tp_callbacks(&tp);
    PRJ_CALLBACKS cb = {p_start, p_end, p_get, p_placeholder, p_data, p_query, p_notify, inner.CancelCommandCallback};
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g;
    CoCreateGuid(&g);
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    if (kind == PRJSIM_CB_QUERY_FILE_NAME || kind == PRJSIM_CB_GET_FILE_DATA) {
        prjsim_file_info fi; /* make a.txt a placeholder first, outside the pend */
        saved.kind = PRJSIM_CB_COUNT_;
        cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\a.txt", &fi), STATUS_SUCCESS);
        saved.kind = kind;
    }
}

static void wait_pended(void)
{
    for (int i = 0; i < 5000 && !__atomic_load_n(&saved.pended, __ATOMIC_SEQ_CST); i++)
        usleep(1000);
    cr_assert(__atomic_load_n(&saved.pended, __ATOMIC_SEQ_CST), "the callback pended");
    INT32 ids[8];
    cr_assert_geq(prjsim_sim_commands_in_flight(sim, ids, 8), 1u);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

ParameterizedTestParameters(pending, complete_from_another_thread)
{
    return cr_make_param_array(pend_case, cases, sizeof cases / sizeof cases[0]);
}

static void complete_case(pend_case *c, bool pool)
{
    setup(c->kind, pool);
    pthread_t t;
    pthread_create(&t, NULL, client, NULL);
    wait_pended();
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    memset(&ext, 0, sizeof ext);
    bool use_ext;
    HRESULT result = do_work(&ext, &use_ext);
    cr_assert_eq(PrjCompleteCommand(tp.ctx, saved.data.CommandId, result, use_ext ? &ext : NULL), S_OK);
    pthread_join(t, NULL);
    char a[96];
    cr_assert_eq(client_result, STATUS_SUCCESS, "%s pended and completed: %s", prjsim_callback_name(c->kind),
                 prjsim_format_code(a, sizeof a, client_result, true));
    cr_assert_eq(prjsim_sim_commands_in_flight(sim, NULL, 0), 0u);
    teardown();
}

ParameterizedTest(pend_case *c, pending, complete_from_another_thread)
{
    complete_case(c, false);
}

ParameterizedTestParameters(pending, complete_on_the_thread_pool)
{
    return cr_make_param_array(pend_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(pend_case *c, pending, complete_on_the_thread_pool)
{
    complete_case(c, true);
}

ParameterizedTestParameters(pending, cancel)
{
    return cr_make_param_array(pend_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(pend_case *c, pending, cancel)
{
    setup(c->kind, false);
    pthread_t t;
    pthread_create(&t, NULL, client, NULL);
    wait_pended();
    INT32 id = saved.data.CommandId;
    cr_assert_eq(prjsim_client_cancel(sim, id), STATUS_SUCCESS);
    pthread_join(t, NULL);
    char a[96], b[96];
    cr_assert_eq(client_result, c->when_cancelled, "%s cancelled: expected %s, got %s", prjsim_callback_name(c->kind),
                 prjsim_format_code(a, sizeof a, c->when_cancelled, true),
                 prjsim_format_code(b, sizeof b, client_result, true));
    cr_assert_eq(tp.cancels, 1, "CancelCommandCallback was called once");
    cr_assert_eq(tp.last_cancelled, id, "with the pended command's id");
    /* Completing after the cancel is harmless. */
    cr_assert_eq(PrjCompleteCommand(tp.ctx, id, S_OK, NULL), S_OK);
    cr_assert_eq(prjsim_client_cancel(sim, id), STATUS_NOT_FOUND);
    teardown();
}

Test(pending, stop_fails_pended_commands)
{
    setup(PRJSIM_CB_GET_FILE_DATA, false);
    pthread_t t;
    pthread_create(&t, NULL, client, NULL);
    wait_pended();
    PrjStopVirtualizing(tp.ctx);
    pthread_join(t, NULL);
    cr_assert_eq(client_result, STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    cr_assert_eq(PrjCompleteCommand(tp.ctx, saved.data.CommandId, S_OK, NULL), E_INVALIDARG, "the instance is gone");
    prjsim_sim_destroy(sim);
}

Test(pending, watchdog_reports_a_hung_command)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.watchdog_ms = 50;
    prjsim_sim *s;
    cr_assert_eq(prjsim_sim_create(&s, &o), S_OK);
    setup(PRJSIM_CB_GET_PLACEHOLDER_INFO, false);
    prjsim_sim_destroy(sim);
    sim = s;
    prjsim_sim_set_current(sim);
    memset(&saved, 0, sizeof saved);
    saved.kind = PRJSIM_CB_GET_PLACEHOLDER_INFO;
    PRJ_CALLBACKS cb = {p_start, p_end, p_get, p_placeholder, p_data, p_query, p_notify, inner.CancelCommandCallback};
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g;
    CoCreateGuid(&g);
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    pthread_t t;
    pthread_create(&t, NULL, client, NULL);
    wait_pended();
    for (int i = 0; i < 200 && !prjsim_trace_count_diag(sim, PRJSIM_DIAG_HUNG_COMMAND); i++)
        usleep(10000);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_HUNG_COMMAND), 1u);
    cr_assert_eq(prjsim_client_cancel(sim, saved.data.CommandId), STATUS_SUCCESS);
    pthread_join(t, NULL);
    cr_assert_eq(client_result, STATUS_CANCELLED);
    teardown();
}

Test(pending, cancel_needs_a_cancel_callback)
{
    setup(PRJSIM_CB_GET_PLACEHOLDER_INFO, false);
    PrjStopVirtualizing(tp.ctx);
    PRJ_CALLBACKS cb = {p_start, p_end, p_get, p_placeholder, p_data, p_query, p_notify, NULL};
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    pthread_t t;
    pthread_create(&t, NULL, client, NULL);
    wait_pended();
    cr_assert_eq(prjsim_client_cancel(sim, saved.data.CommandId), STATUS_NOT_SUPPORTED);
    cr_assert_eq(prjsim_client_cancel(sim, 999999), STATUS_NOT_FOUND);
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    bool use_ext;
    HRESULT hr = do_work(&ext, &use_ext);
    cr_assert_eq(PrjCompleteCommand(tp.ctx, saved.data.CommandId, hr, NULL), S_OK);
    pthread_join(t, NULL);
    cr_assert_eq(client_result, STATUS_SUCCESS);
    teardown();
}

/* A read on its own handle, for closing the handle under it. */
static prjsim_handle *read_handle;
static UINT8 read_bytes[100];
static UINT32 read_count;
static void *read_on_handle(void *arg)
{
    (void)arg;
    client_result = prjsim_client_read(read_handle, 0, read_bytes, sizeof read_bytes, &read_count);
    return NULL;
}

/* Closing a handle while a read on it waits for a pended GetFileData: the close completes at once,
 * the read still finishes with the data when the command completes, and nothing is used after it
 * was freed (issue 10, "handle close"; this read freed memory under ASan). */
Test(pending, close_while_a_read_on_the_handle_is_pended)
{
    setup(PRJSIM_CB_GET_FILE_DATA, false);
    cr_assert_eq(prjsim_client_open(&read_handle, sim, L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0),
                 STATUS_SUCCESS);
    pthread_t t;
    pthread_create(&t, NULL, read_on_handle, NULL);
    wait_pended();
    cr_assert_eq(prjsim_client_close(read_handle), STATUS_SUCCESS);
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    memset(&ext, 0, sizeof ext);
    bool use_ext;
    HRESULT result = do_work(&ext, &use_ext);
    cr_assert_eq(PrjCompleteCommand(tp.ctx, saved.data.CommandId, result, NULL), S_OK);
    pthread_join(t, NULL);
    cr_assert_eq(client_result, STATUS_SUCCESS);
    cr_assert_eq(read_count, 100u);
    cr_assert_eq(read_bytes[7], tp_content_byte(L"a.txt", 7));
    PRJ_FILE_STATE state;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\a.txt", &state), S_OK);
    cr_assert(state & PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, "hydrated: state %#x", (unsigned)state);
    teardown();
}
