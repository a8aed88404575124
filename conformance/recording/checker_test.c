/* SPDX-License-Identifier: MIT */
/*
 * The checker's diagnostics the broken catalog does not exercise, each from a small provider
 * with one quirk, run through the simulator with the recording layer in between: the checker
 * names what the simulator names, and the quirk's diagnostic is among them.
 */
#include "recording.h"
#include "recording_test.h"

#include <criterion/criterion.h>
#include <prjsim.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ROOT L"C:\\quirks"

typedef enum quirk {
    Q_NONE,
    Q_STALE_BUFFER,
    Q_LONG_NAME,
    Q_PEND_NO_CANCEL,
    Q_VETO_RESULT,
    Q_POST_RESULT,
    Q_STALE_STREAM,
    Q_AFTER_STOP,
    Q_UNKNOWN_COMMAND
} quirk;

static quirk mode;
static PRJ_DIR_ENTRY_BUFFER_HANDLE old_buffer;
static bool listed_all;
static atomic_int pended_command;
static GUID old_stream;
static bool have_old_stream;

static HRESULT CALLBACK q_start(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    (void)cd;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK q_end(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    (void)cd;
    (void)id;
    return S_OK;
}

/* The root holds one file, "a". */
static HRESULT CALLBACK q_get(const PRJ_CALLBACK_DATA *cd, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)id;
    if (cd->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN)
        listed_all = false;
    old_buffer = buffer;
    if (mode == Q_LONG_NAME) {
        WCHAR name[301];
        for (int i = 0; i < 300; i++)
            name[i] = L'n';
        name[300] = 0;
        PRJ_FILE_BASIC_INFO info = {0};
        PrjFillDirEntryBuffer(name, &info, buffer); /* refused: the provider goes on */
    }
    if (!listed_all && PrjFileNameMatch(L"a", search && search[0] ? search : L"*")) {
        PRJ_FILE_BASIC_INFO info = {0};
        info.FileSize = 1;
        HRESULT hr = PrjFillDirEntryBuffer(L"a", &info, buffer);
        if (FAILED(hr))
            return hr;
    }
    listed_all = true;
    return S_OK;
}

static HRESULT CALLBACK q_placeholder_info(const PRJ_CALLBACK_DATA *cd)
{
    if (mode == Q_STALE_STREAM && have_old_stream) {
        /* Data for a read that has long failed. */
        void *b = PrjAllocateAlignedBuffer(cd->NamespaceVirtualizationContext, 1);
        if (b) {
            memset(b, 'x', 1);
            PrjWriteFileData(cd->NamespaceVirtualizationContext, &old_stream, b, 0, 1);
            PrjFreeAlignedBuffer(b);
        }
    }
    if (PrjFileNameCompare(cd->FilePathName, L"a") != 0)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    if (mode == Q_STALE_BUFFER && old_buffer) {
        PRJ_FILE_BASIC_INFO info = {0};
        PrjFillDirEntryBuffer(L"late", &info, old_buffer); /* the listing is long over */
    }
    if (mode == Q_PEND_NO_CANCEL) {
        atomic_store(&pended_command, cd->CommandId);
        return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
    }
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = 1;
    return PrjWritePlaceholderInfo(cd->NamespaceVirtualizationContext, cd->FilePathName, &info, sizeof info);
}

/* Never supplies data (a listed failure), but keeps the stream id. */
static HRESULT CALLBACK q_file_data(const PRJ_CALLBACK_DATA *cd, UINT64 offset, UINT32 length)
{
    (void)offset;
    (void)length;
    old_stream = cd->DataStreamId;
    have_old_stream = true;
    return E_OUTOFMEMORY;
}

static HRESULT CALLBACK q_notification(const PRJ_CALLBACK_DATA *cd, BOOLEAN is_dir, PRJ_NOTIFICATION n,
                                       PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    (void)cd;
    (void)is_dir;
    (void)dest;
    (void)params;
    if (mode == Q_VETO_RESULT && n == PRJ_NOTIFICATION_FILE_OPENED)
        return E_FAIL;
    if (mode == Q_POST_RESULT && n == PRJ_NOTIFICATION_NEW_FILE_CREATED)
        return E_FAIL;
    return S_OK;
}

static const PRJ_CALLBACKS quirks = {q_start, q_end, q_get, q_placeholder_info, q_file_data, NULL, q_notification, NULL};

typedef struct opener {
    prjsim_sim *sim;
    NTSTATUS st;
} opener;

static void *open_a(void *arg)
{
    opener *o = arg;
    prjsim_sim_set_current(o->sim);
    prjsim_handle *h = NULL;
    o->st = prjsim_client_open(&h, o->sim, ROOT L"\\a", GENERIC_READ, OPEN_EXISTING, 0, 0);
    if (o->st == STATUS_SUCCESS)
        prjsim_client_close(h);
    return NULL;
}

/* Lists the root, opens a (completing a pended open from here), creates "new"; then compares. */
static void run(quirk q, const char *want)
{
    mode = q;
    old_buffer = NULL;
    have_old_stream = false;
    atomic_store(&pended_command, 0);
    prjsim_sim *sim = NULL;
    cr_assert_eq(prjsim_sim_create(&sim, NULL), S_OK);
    prjsim_sim_set_current(sim);
    cr_assert_eq(prjsim_volume_create_directory(sim, ROOT), S_OK);
    prjsim_recording *rec = NULL;
    cr_assert_eq(prjsim_recording_create(&rec), S_OK);
    cr_assert_eq(prjsim_recording_attach(rec), S_OK);
    GUID id = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(ROOT, NULL, NULL, &id), S_OK);
    PRJ_NOTIFICATION_MAPPING map = {PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED, L""};
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = &map;
    o.NotificationMappingsCount = 1;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    cr_assert_eq(PrjStartVirtualizing(ROOT, &quirks, NULL, &o, &ctx), S_OK);

    prjsim_dir_entry *entries = NULL;
    size_t n = 0;
    prjsim_client_list(sim, ROOT, NULL, 0, &entries, &n);
    prjsim_client_free_entries(entries);
    opener op = {sim, 0};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, open_a, &op), 0);
    if (q == Q_PEND_NO_CANCEL) {
        /* Complete once the callback has returned ERROR_IO_PENDING (the log says so). */
        for (int i = 0; i < 10000; i++) {
            char *text = prjsim_recording_text(rec);
            bool returned = strstr(text, "GetPlaceholderInfo -> ERROR_IO_PENDING") != NULL;
            free(text);
            if (returned)
                break;
            usleep(1000);
        }
        /* observe.c: the pended command is in flight, as the simulator has it */
        INT32 mine[4] = {0}, theirs[4] = {0};
        cr_expect_eq(prjsim_recording_in_flight(rec, mine, 4), 1u);
        cr_expect_eq(prjsim_sim_commands_in_flight(sim, theirs, 4), 1u);
        cr_expect_eq(mine[0], theirs[0]);
        cr_expect_eq(mine[0], atomic_load(&pended_command));
        cr_expect_eq(PrjCompleteCommand(ctx, atomic_load(&pended_command), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
                                        NULL),
                     S_OK);
    }
    pthread_join(t, NULL);
    if (q == Q_STALE_STREAM) {
        void *data = NULL;
        size_t size = 0;
        cr_expect_eq(prjsim_client_read_file(sim, ROOT L"\\a", &data, &size), STATUS_NO_MEMORY);
        free(data);
        /* The next GetPlaceholderInfo ("new" below) writes to the stream that read used. */
    }
    prjsim_handle *h = NULL;
    if (prjsim_client_open(&h, sim, ROOT L"\\new", GENERIC_WRITE, CREATE_NEW, 0, 0) == STATUS_SUCCESS)
        prjsim_client_close(h);
    if (q == Q_UNKNOWN_COMMAND)
        cr_expect_eq(PrjCompleteCommand(ctx, 999999, S_OK, NULL), E_INVALIDARG);
    /* observe.c: nothing in flight, one instance running; the first callback listed the root */
    cr_expect_eq(prjsim_recording_in_flight(rec, NULL, 0), prjsim_sim_commands_in_flight(sim, NULL, 0));
    cr_expect_eq(prjsim_recording_in_flight(rec, NULL, 0), 0u);
    cr_expect_eq(prjsim_recording_running(rec), 1u);
    prjsim_recording_callback_info first;
    cr_assert_eq(prjsim_recording_callback(rec, 0, &first), S_OK);
    cr_expect_str_eq(first.callback, "StartDirectoryEnumeration");
    cr_expect(first.returned && first.result == S_OK && first.path && first.path[0] == 0);
    cr_expect_eq(prjsim_recording_callback(rec, prjsim_recording_count(rec), &first), E_INVALIDARG);
    PrjStopVirtualizing(ctx);
    cr_expect_eq(prjsim_recording_running(rec), 0u);
    if (q == Q_AFTER_STOP) {
        cr_expect_eq(PrjClearNegativePathCache(ctx, NULL), E_INVALIDARG);
        PrjStopVirtualizing(ctx);
    }
    prjsim_recording_attach(NULL);

    char *report = prjsim_recording_check(rec);
    char *log = prjsim_recording_text(rec);
    char *sims = prjsim_trace_text(sim, 1u << PRJSIM_TRACE_DIAG);
    for (const char *const *name = prjsim_recording_check_names(); *name; name++) {
        bool mine = recording_test_reported(report, *name), theirs = false;
        for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++)
            if (strcmp(prjsim_diag_name((prjsim_diag)d), *name) == 0)
                theirs = prjsim_trace_count_diag(sim, (prjsim_diag)d) > 0;
        cr_expect_eq(mine, theirs, "quirk %d: %s: checker %d, simulator %d\nchecker:\n%s\nsimulator:\n%s\nlog:\n%s", q,
                     *name, mine, theirs, report, sims, log);
    }
    if (want)
        cr_expect(recording_test_reported(report, want), "quirk %d: no %s\nchecker:\n%s\nlog:\n%s", q, want, report, log);
    else
        cr_expect_str_eq(report, "", "quirk %d\nlog:\n%s", q, log);
    free(report);
    free(log);
    free(sims);
    prjsim_recording_free(rec);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

Test(checker, no_quirk_no_diagnostic, .timeout = 60) { run(Q_NONE, NULL); }
Test(checker, stale_enum_buffer, .timeout = 60) { run(Q_STALE_BUFFER, "stale-enum-buffer"); }
Test(checker, name_too_long, .timeout = 60) { run(Q_LONG_NAME, "name-too-long"); }
Test(checker, pending_without_cancel, .timeout = 60) { run(Q_PEND_NO_CANCEL, "pending-without-cancel"); }
Test(checker, vetoable_notification_result, .timeout = 60) { run(Q_VETO_RESULT, "unlisted-result"); }
Test(checker, post_notification_result, .timeout = 60) { run(Q_POST_RESULT, "ignored-notification-result"); }
Test(checker, stale_data_stream, .timeout = 60) { run(Q_STALE_STREAM, "stale-data-stream"); }
Test(checker, invalid_context, .timeout = 60) { run(Q_AFTER_STOP, "invalid-context"); }
Test(checker, unknown_command, .timeout = 60) { run(Q_UNKNOWN_COMMAND, "unknown-command"); }
