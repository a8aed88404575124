/* SPDX-License-Identifier: MIT */
/* Path resolution and placeholder creation (sections 4.6, 4.7, 6.3, 6.12). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"Dir1", true, 0, 0},
    {L"Dir1\\Dir2", true, 0, 0},
    {L"Dir1\\Dir2\\File.txt", false, 7, 0},
    {L"top.txt", false, 3, 0},
};

static prjsim_sim *sim;
static table_provider tp;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = 4;
    tp.versions = true;
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

TestSuite(resolve, .init = setup, .fini = teardown);

/* The FilePathName of every GetPlaceholderInfo in the trace, joined with '|'. */
static char *placeholder_requests(void)
{
    static char buf[1024];
    buf[0] = 0;
    prjsim_trace_record r;
    for (size_t i = 0; prjsim_trace_get(sim, i, &r); i++) {
        if (r.kind != PRJSIM_TRACE_CALLBACK || r.callback != PRJSIM_CB_GET_PLACEHOLDER_INFO)
            continue;
        const char *q = strchr(r.text, '"');
        const char *e = q ? strchr(q + 1, '"') : NULL;
        if (q && e) {
            strncat(buf, buf[0] ? "|" : "", sizeof buf - strlen(buf) - 1);
            strncat(buf, q + 1, (size_t)(e - q - 1));
        }
    }
    return buf;
}

Test(resolve, one_placeholder_per_missing_component_top_down_in_callers_spelling)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\DIR1\\dir2\\FILE.TXT", &fi), STATUS_SUCCESS);
    cr_assert_str_eq(placeholder_requests(), "DIR1|DIR1\\dir2|DIR1\\dir2\\FILE.TXT");
    cr_assert_eq(fi.basic.FileSize, 7);
    /* The items keep the provider's spelling. */
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root\\dir1\\DIR2", NULL, 0, &e, &n), STATUS_SUCCESS);
    cr_assert_str_eq(tp_names(e, n), ".,..,File.txt");
    free(e);
    /* Components already on disk are not asked again. */
    prjsim_trace_clear(sim);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir1\\Dir2\\file.txt", &fi), STATUS_SUCCESS);
    cr_assert_str_eq(placeholder_requests(), "");
}

Test(resolve, missing_leaf_vs_missing_middle)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir1\\nothing.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir1\\nodir\\x\\y.txt", &fi), STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\top.txt\\under", &fi), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_eq(prjsim_status_to_win32(STATUS_OBJECT_NAME_NOT_FOUND), (DWORD)ERROR_FILE_NOT_FOUND);
    cr_assert_eq(prjsim_status_to_win32(STATUS_OBJECT_PATH_NOT_FOUND), (DWORD)ERROR_PATH_NOT_FOUND);
}

Test(resolve, version_info_routing)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir1\\Dir2", &fi), STATUS_SUCCESS);
    /* GetPlaceholderInfo gets the parent's version info: Dir1 was written with ContentID 1. */
    cr_assert_eq(tp.last_version0, 1);
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\Dir1\\Dir2\\File.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    /* GetFileData gets the file's own: item index 2, ContentID 3. */
    cr_assert_eq(tp.last_version0, 3);
}

Test(resolve, paths_accept_forward_slashes_and_dots)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:/root/Dir1/./Dir2/../Dir2//File.txt", &fi), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_stat(sim, L"root\\x", &fi), STATUS_OBJECT_PATH_SYNTAX_BAD);
}

Test(resolve, placeholder_written_under_another_name_fails_the_open)
{
    tp.wrong_name = L"top.txt";
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir1", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_PLACEHOLDER_NAME_MISMATCH), 1u);
    /* The wrongly named placeholder exists: it was a proactive write. */
    PRJ_FILE_STATE st;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\top.txt", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_PLACEHOLDER);
}

Test(resolve, no_placeholder_written)
{
    tp.skip_placeholder = true;
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\top.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_NO_PLACEHOLDER_WRITTEN), 1u);
}

Test(resolve, placeholder_callback_error_fails_the_open)
{
    tp.force[PRJSIM_CB_GET_PLACEHOLDER_INFO] = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\top.txt", &fi), STATUS_ACCESS_DENIED);
    /* A create of a new name is refused the same way (RegFS blocks creation like this). */
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\new.txt", "x", 1), STATUS_ACCESS_DENIED);
}

/* A provider that calls PrjWritePlaceholderInfo with bad arguments from its callback. */
static HRESULT write_results[6];
static HRESULT CALLBACK probing_placeholder(const PRJ_CALLBACK_DATA *d)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = d->NamespaceVirtualizationContext;
    write_results[0] = PrjWritePlaceholderInfo(ctx, L"", &info, sizeof info);
    write_results[1] = PrjWritePlaceholderInfo(ctx, L"x.txt", &info, 336);
    write_results[2] = PrjWritePlaceholderInfo(ctx, L"missing\\x.txt", &info, sizeof info);
    write_results[3] = PrjWritePlaceholderInfo(ctx, L"x.txt", &info, sizeof info);
    write_results[4] = PrjWritePlaceholderInfo(ctx, L"x.txt", &info, sizeof info);
    write_results[5] = PrjWritePlaceholderInfo(ctx, L"y.txt", NULL, sizeof info);
    /* Returning an error that a ProjFS call gave is allowed (section 6.9). */
    return write_results[2];
}

Test(resolve, write_placeholder_errors)
{
    PrjStopVirtualizing(tp.ctx);
    PRJ_CALLBACKS cb = *tp_callbacks(&tp);
    cb.GetPlaceholderInfoCallback = probing_placeholder;
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\x.txt", &fi), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_eq(write_results[0], E_INVALIDARG);
    cr_assert_eq(write_results[1], HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    cr_assert_eq(write_results[2], HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));
    cr_assert_eq(write_results[3], S_OK);
    cr_assert_eq(write_results[4], HRESULT_FROM_WIN32(ERROR_FILE_EXISTS));
    cr_assert_eq(write_results[5], E_INVALIDARG);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0u);
    /* Outside any callback a write is proactive and just creates the placeholder. */
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = 3;
    cr_assert_eq(PrjWritePlaceholderInfo(tp.ctx, L"proactive.txt", &info, sizeof info), S_OK);
    cr_assert_eq(PrjWritePlaceholderInfo((PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)&info, L"p.txt", &info, sizeof info),
                 E_INVALIDARG);
    PRJ_EXTENDED_INFO ext;
    memset(&ext, 0, sizeof ext);
    ext.InfoType = (PRJ_EXT_INFO_TYPE)7;
    cr_assert_eq(PrjWritePlaceholderInfo2(tp.ctx, L"link", &info, sizeof info, &ext), E_INVALIDARG);
    ext.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
    ext.Symlink.TargetName = L"proactive.txt";
    cr_assert_eq(PrjWritePlaceholderInfo2(tp.ctx, L"link", &info, sizeof info, &ext), S_OK);
    cr_assert_eq(PrjWritePlaceholderInfo2(tp.ctx, L"other", &info, sizeof info, NULL), S_OK);
}

Test(resolve, triggering_process_is_reported)
{
    prjsim_caller c = {777, L"C:\\tools\\app.exe", false};
    prjsim_client_set_caller(&c);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\top.txt", &fi), STATUS_SUCCESS);
    prjsim_caller got = prjsim_client_get_caller();
    cr_assert_eq(got.process_id, 777u);
    cr_assert(wcscmp(got.image_file_name, L"C:\\tools\\app.exe") == 0);
    prjsim_client_set_caller(NULL);
    cr_assert_neq(prjsim_client_get_caller().process_id, 777u);
}
