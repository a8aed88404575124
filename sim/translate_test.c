/* SPDX-License-Identifier: MIT */
/* Translating callback results for the caller (section 6.9). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"dir", true, 0, 0},
    {L"dir\\f.txt", false, 10, 0},
    {L"top.txt", false, 3, 0},
};

static prjsim_sim *sim;
static table_provider tp;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = 3;
    tp.query_file_name = true;
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

/* Runs the client operation that needs callback `kind` and returns its status. */
static NTSTATUS trigger(prjsim_callback_kind kind)
{
    prjsim_dir_entry *e = NULL;
    size_t n;
    void *data = NULL;
    size_t size;
    prjsim_file_info fi;
    NTSTATUS st;
    switch (kind) {
    case PRJSIM_CB_START_ENUM:
    case PRJSIM_CB_GET_ENUM:
        st = prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n);
        free(e);
        return st;
    case PRJSIM_CB_GET_PLACEHOLDER_INFO:
        return prjsim_client_stat(sim, L"C:\\root\\top.txt", &fi);
    case PRJSIM_CB_GET_FILE_DATA:
        st = prjsim_client_read_file(sim, L"C:\\root\\top.txt", &data, &size);
        free(data);
        return st;
    case PRJSIM_CB_QUERY_FILE_NAME:
        return prjsim_client_move(sim, L"C:\\root\\top.txt", L"C:\\root\\moved.txt", false);
    default:
        cr_assert_fail("no trigger for %s", prjsim_callback_name(kind));
        return 0;
    }
}

typedef struct {
    prjsim_callback_kind kind;
    HRESULT hr;
    NTSTATUS want;
    bool diag;
} case_t;

static case_t cases[] = {
    /* Unlisted codes: STATUS_INTERNAL_ERROR and a diagnostic, for every callback that can fail an op. */
    {PRJSIM_CB_START_ENUM, E_FAIL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_ENUM, E_FAIL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_PLACEHOLDER_INFO, E_FAIL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_FILE_DATA, E_FAIL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_QUERY_FILE_NAME, E_FAIL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_PLACEHOLDER_INFO, HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION), STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_FILE_DATA, E_NOTIMPL, STATUS_INTERNAL_ERROR, true},
    {PRJSIM_CB_GET_FILE_DATA, S_FALSE, STATUS_INTERNAL_ERROR, true},
    /* The allowed list. */
    {PRJSIM_CB_GET_FILE_DATA, E_OUTOFMEMORY, STATUS_NO_MEMORY, false},
    {PRJSIM_CB_GET_FILE_DATA, HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), STATUS_ACCESS_DENIED, false},
    {PRJSIM_CB_GET_FILE_DATA, HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), STATUS_INVALID_PARAMETER, false},
    {PRJSIM_CB_GET_FILE_DATA, HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), STATUS_OBJECT_NAME_NOT_FOUND, false},
    {PRJSIM_CB_GET_FILE_DATA, HRESULT_FROM_WIN32(ERROR_INTERNAL_ERROR), STATUS_INTERNAL_ERROR, false},
    {PRJSIM_CB_GET_FILE_DATA, HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE),
     STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, false},
    {PRJSIM_CB_START_ENUM, HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), STATUS_ACCESS_DENIED, false},
    {PRJSIM_CB_GET_ENUM, E_OUTOFMEMORY, STATUS_NO_MEMORY, false},
    /* NT-facility codes pass through as their NTSTATUS. */
    {PRJSIM_CB_GET_PLACEHOLDER_INFO, (HRESULT)0xD00000A3, STATUS_DEVICE_NOT_READY, false},
    {PRJSIM_CB_GET_FILE_DATA, (HRESULT)0xD0000121, STATUS_CANNOT_DELETE, false},
};

ParameterizedTestParameters(translate, callback_results)
{
    return cr_make_param_array(case_t, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(case_t *c, translate, callback_results, .init = setup, .fini = teardown)
{
    tp.force[c->kind] = c->hr;
    NTSTATUS st = trigger(c->kind);
    char a[96], b[96], h[96];
    cr_assert_eq(st, c->want, "%s returning %s: expected %s, got %s", prjsim_callback_name(c->kind),
                 prjsim_format_code(h, sizeof h, c->hr, false), prjsim_format_code(a, sizeof a, c->want, true),
                 prjsim_format_code(b, sizeof b, st, true));
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), c->diag ? 1u : 0u,
                 "unlisted-result diagnostic");
    cr_assert_geq(prjsim_trace_count_callbacks(sim, c->kind), 1u, "the callback ran");
}

Test(translate, end_enumeration_errors_are_diagnosed, .init = setup, .fini = teardown)
{
    tp.force[PRJSIM_CB_END_ENUM] = E_FAIL;
    cr_assert_eq(trigger(PRJSIM_CB_GET_ENUM), STATUS_SUCCESS, "End cannot fail the listing");
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_END_RESULT), 1u);
}

/* A code a ProjFS call returned during the callback is passed through as its status. */
static HRESULT CALLBACK returns_api_error(const PRJ_CALLBACK_DATA *d)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    return PrjWritePlaceholderInfo(d->NamespaceVirtualizationContext, L"no\\such\\dir.txt", &info, sizeof info);
}

Test(translate, codes_from_prj_calls_pass, .init = setup, .fini = teardown)
{
    PrjStopVirtualizing(tp.ctx);
    PRJ_CALLBACKS cb = *tp_callbacks(&tp);
    cb.GetPlaceholderInfoCallback = returns_api_error;
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\top.txt", &fi), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0u);
}

/* The callback data carries the triggering process and the instance context. */
static UINT32 seen_pid;
static WCHAR seen_image[64];
static void *seen_context;
static INT32 seen_size;
static HRESULT CALLBACK records_caller(const PRJ_CALLBACK_DATA *d)
{
    seen_pid = d->TriggeringProcessId;
    wcsncpy(seen_image, d->TriggeringProcessImageFileName ? d->TriggeringProcessImageFileName : L"(null)", 63);
    seen_context = d->InstanceContext;
    seen_size = (INT32)d->Size;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

Test(translate, callback_data_fields, .init = setup, .fini = teardown)
{
    PrjStopVirtualizing(tp.ctx);
    PRJ_CALLBACKS cb = *tp_callbacks(&tp);
    cb.GetPlaceholderInfoCallback = records_caller;
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    prjsim_caller c = {777, L"C:\\tools\\app.exe", false};
    prjsim_client_set_caller(&c);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\x", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(seen_pid, 777u);
    cr_assert(wcscmp(seen_image, L"C:\\tools\\app.exe") == 0, "image %ls", seen_image);
    cr_assert_eq(seen_context, &tp);
    cr_assert_eq(seen_size, (INT32)sizeof(PRJ_CALLBACK_DATA));
    c.process_id = 0;
    prjsim_client_set_caller(&c);
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\y", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert(wcscmp(seen_image, L"(null)") == 0, "no image name without a process id");
    prjsim_client_set_caller(NULL);
}
