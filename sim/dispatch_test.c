/* SPDX-License-Identifier: MIT */
/* The dispatcher: pended callbacks completed with PrjCompleteCommand (sections 4.13, 6.7). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"data.bin", false, 3000, 0},
    {L"dir", true, 0, 0},
    {L"dir\\x", false, 1, 0},
};

static prjsim_sim *sim;
static table_provider tp;

/* What a pended callback saved to finish later, on another thread. */
typedef struct pended {
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    INT32 command;
    GUID stream;
    UINT64 offset;
    UINT32 length;
    PRJ_DIR_ENTRY_BUFFER_HANDLE buffer;
    WCHAR path[64];
    HRESULT complete_hr;   /* PrjCompleteCommand's result */
    HRESULT write_hr;
    bool bad_ext;          /* complete an enumeration without its buffer first */
    HRESULT bad_ext_hr;
} pended;
static pended saved;
static pthread_t worker;

static void *finish_file_data(void *arg)
{
    (void)arg;
    UINT8 *buf = PrjAllocateAlignedBuffer(saved.ctx, saved.length);
    for (UINT32 i = 0; i < saved.length; i++)
        buf[i] = tp_content_byte(saved.path, saved.offset + i);
    saved.write_hr = PrjWriteFileData(saved.ctx, &saved.stream, buf, saved.offset, saved.length);
    PrjFreeAlignedBuffer(buf);
    saved.complete_hr = PrjCompleteCommand(saved.ctx, saved.command, S_OK, NULL);
    return NULL;
}

static HRESULT CALLBACK pending_get_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    /* Copy what is needed: callbackData dies when the callback returns. */
    saved.ctx = d->NamespaceVirtualizationContext;
    saved.command = d->CommandId;
    saved.stream = d->DataStreamId;
    saved.offset = offset;
    saved.length = length;
    wcsncpy(saved.path, d->FilePathName, 63);
    pthread_create(&worker, NULL, finish_file_data, NULL);
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static void *finish_enumeration(void *arg)
{
    (void)arg;
    PRJ_FILE_BASIC_INFO info;
    memset(&info, 0, sizeof info);
    info.FileSize = 1;
    saved.write_hr = PrjFillDirEntryBuffer(L"late.txt", &info, saved.buffer);
    if (saved.bad_ext)
        saved.bad_ext_hr = PrjCompleteCommand(saved.ctx, saved.command, S_OK, NULL);
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    memset(&ext, 0, sizeof ext);
    ext.CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
    ext.Enumeration.DirEntryBufferHandle = saved.buffer;
    saved.complete_hr = PrjCompleteCommand(saved.ctx, saved.command, S_OK, &ext);
    return NULL;
}

static int enum_gets;
static HRESULT CALLBACK pending_get_enum(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                                         PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)id;
    (void)search;
    if (enum_gets++ > 0)
        return S_OK; /* the second Get ends the list */
    saved.ctx = d->NamespaceVirtualizationContext;
    saved.command = d->CommandId;
    saved.buffer = buffer;
    pthread_create(&worker, NULL, finish_enumeration, NULL);
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static void cancel_cb(const PRJ_CALLBACK_DATA *d)
{
    (void)d;
}

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    memset(&saved, 0, sizeof saved);
    enum_gets = 0;
    tp.items = items;
    tp.count = 3;
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g;
    CoCreateGuid(&g);
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
}

static void start_with(PRJ_GET_FILE_DATA_CB *data, PRJ_GET_DIRECTORY_ENUMERATION_CB *get_enum, bool cancel)
{
    PRJ_CALLBACKS cb = *tp_callbacks(&tp);
    if (data)
        cb.GetFileDataCallback = data;
    if (get_enum)
        cb.GetDirectoryEnumerationCallback = get_enum;
    if (cancel)
        cb.CancelCommandCallback = cancel_cb;
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

TestSuite(dispatch, .init = setup, .fini = teardown);

Test(dispatch, pended_file_data_completed_from_another_thread)
{
    start_with(pending_get_data, NULL, true);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\data.bin", &data, &size), STATUS_SUCCESS);
    pthread_join(worker, NULL);
    cr_assert_eq(saved.write_hr, S_OK, "PrjWriteFileData works between pend and completion");
    cr_assert_eq(saved.complete_hr, S_OK);
    cr_assert_eq(size, 3000u);
    for (size_t i = 0; i < size; i++)
        cr_assert_eq(((UINT8 *)data)[i], tp_content_byte(L"data.bin", i), "byte %zu", i);
    free(data);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_PENDING_WITHOUT_CANCEL), 0u);
    /* Completing again: the command is finished, which is harmless. */
    cr_assert_eq(PrjCompleteCommand(tp.ctx, saved.command, S_OK, NULL), S_OK);
}

Test(dispatch, pending_without_cancel_callback_is_diagnosed)
{
    start_with(pending_get_data, NULL, false);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\data.bin", &data, &size), STATUS_SUCCESS);
    pthread_join(worker, NULL);
    free(data);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_PENDING_WITHOUT_CANCEL), 1u);
}

Test(dispatch, pended_enumeration_needs_its_buffer_handle)
{
    saved.bad_ext = true;
    start_with(NULL, pending_get_enum, true);
    prjsim_dir_entry *e;
    size_t n;
    cr_assert_eq(prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n), STATUS_SUCCESS);
    pthread_join(worker, NULL);
    cr_assert_eq(saved.bad_ext_hr, E_INVALIDARG, "an enumeration is completed with its buffer handle");
    cr_assert_eq(saved.write_hr, S_OK, "the buffer can be filled until completion");
    cr_assert_eq(saved.complete_hr, S_OK);
    cr_assert_str_eq(tp_names(e, n), ".,..,late.txt");
    free(e);
}

Test(dispatch, complete_command_argument_errors)
{
    start_with(NULL, NULL, true);
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    memset(&ext, 0, sizeof ext);
    ext.CommandType = PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION;
    cr_assert_eq(PrjCompleteCommand(tp.ctx, 0, S_OK, &ext), E_INVALIDARG);
    cr_assert_eq(PrjCompleteCommand(tp.ctx, -5, S_OK, NULL), E_INVALIDARG);
    cr_assert_eq(PrjCompleteCommand(NULL, 1, S_OK, NULL), E_INVALIDARG);
}

/* Command ids are unique among callbacks in flight and recorded with each callback. */
Test(dispatch, command_ids_in_trace)
{
    start_with(NULL, NULL, true);
    prjsim_dir_entry *e;
    size_t n;
    cr_assert_eq(prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n), STATUS_SUCCESS);
    free(e);
    INT32 last = 0;
    prjsim_trace_record r;
    size_t callbacks = 0;
    for (size_t i = 0; prjsim_trace_get(sim, i, &r); i++) {
        if (r.kind != PRJSIM_TRACE_CALLBACK)
            continue;
        cr_assert_gt(r.command_id, last, "command ids increase");
        cr_assert_null(strstr(r.text, "{"), "no GUID in the trace text: %s", r.text);
        last = r.command_id;
        callbacks++;
    }
    cr_assert_eq(callbacks, prjsim_trace_count_callbacks(sim, PRJSIM_CB_START_ENUM) +
                                prjsim_trace_count_callbacks(sim, PRJSIM_CB_GET_ENUM) +
                                prjsim_trace_count_callbacks(sim, PRJSIM_CB_END_ENUM));
    char *text = prjsim_trace_text(sim, 1u << PRJSIM_TRACE_CALLBACK);
    cr_assert_str_eq(text, "cb StartDirectoryEnumeration \"\" -> S_OK\n"
                           "cb GetDirectoryEnumeration \"\" search=\"*\" restart -> S_OK\n"
                           "cb GetDirectoryEnumeration \"\" search=\"*\" -> S_OK\n"
                           "cb EndDirectoryEnumeration \"\" -> S_OK\n");
    free(text);
}

/* Two runs of the same operations give the same trace: the simulation is deterministic. */
static char *run_once(void)
{
    prjsim_sim *s = tp_fresh_sim();
    table_provider t;
    memset(&t, 0, sizeof t);
    t.items = items;
    t.count = 3;
    cr_assert_eq(tp_start(&t, NULL), S_OK);
    prjsim_dir_entry *e;
    size_t n;
    prjsim_client_list(s, L"C:\\root\\dir", NULL, 0, &e, &n);
    free(e);
    void *data;
    size_t size;
    prjsim_client_read_file(s, L"C:\\root\\data.bin", &data, &size);
    free(data);
    prjsim_client_delete(s, L"C:\\root\\dir\\x", false);
    PrjStopVirtualizing(t.ctx);
    char *text = prjsim_trace_text(s, 0);
    prjsim_sim_destroy(s);
    return text;
}

Test(dispatch, traces_are_reproducible)
{
    char *a = run_once();
    char *b = run_once();
    cr_assert_str_eq(a, b);
    cr_assert_gt(strlen(a), 200u);
    free(a);
    free(b);
}
