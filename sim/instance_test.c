/* SPDX-License-Identifier: MIT */
/* Roots and instances: marking, starting, stopping, instance info (sections 4.1-4.5, 6.1, 8). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"a.txt", false, 10, 0},
    {L"dir", true, 0, 0},
    {L"dir\\b.txt", false, 20, 0},
};

static prjsim_sim *sim;
static table_provider tp;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = 3;
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\root"), S_OK);
}

static void teardown(void)
{
    prjsim_sim_destroy(sim);
}

TestSuite(instance, .init = setup, .fini = teardown);

static GUID guid(UINT32 n)
{
    GUID g;
    memset(&g, 0, sizeof g);
    g.Data1 = n;
    return g;
}

Test(instance, mark_root_then_remark_keeps_first_guid)
{
    GUID g1 = guid(1), g2 = guid(2);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g1), S_OK);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g2),
              HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED));
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &tp.ctx), S_OK);
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    ASSERT_HR(PrjGetVirtualizationInstanceInfo(tp.ctx, &info), S_OK);
    cr_assert_eq(info.InstanceID.Data1, 1u, "the GUID of the first marking stays");
    cr_assert_eq(info.WriteAlignment, prjsim_sim_get_options(sim)->write_alignment);
    ASSERT_HR(PrjGetVirtualizationInstanceInfo(tp.ctx, NULL), E_INVALIDARG);
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, mark_errors)
{
    GUID g = guid(1);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(NULL, NULL, NULL, &g), E_INVALIDARG);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, NULL), E_INVALIDARG);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"relative\\path", NULL, NULL, &g), E_INVALIDARG);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\missing", NULL, NULL, &g), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\missing\\deeper", NULL, NULL, &g),
              HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\afile", "x", 1), STATUS_SUCCESS);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\afile", NULL, NULL, &g), HRESULT_FROM_WIN32(ERROR_DIRECTORY));
}

Test(instance, roots_do_not_nest)
{
    GUID g = guid(1);
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\outer\\inner"), S_OK);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\outer\\inner", NULL, NULL, &g), S_OK);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\outer", NULL, NULL, &g),
              HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION));
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
    tp.count = 0;
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &tp.ctx), S_OK);
    cr_assert_eq(prjsim_client_create_directory(sim, L"C:\\root\\sub"), STATUS_SUCCESS);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root\\sub", NULL, NULL, &g),
              HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION));
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, start_errors)
{
    GUID g = guid(1);
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = (PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)1;
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &ctx),
              HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH));
    cr_assert_null(ctx, "the context is cleared on failure");
    ASSERT_HR(PrjStartVirtualizing(L"C:\\missing", tp_callbacks(&tp), &tp, NULL, &ctx),
              HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", NULL, &tp, NULL, &ctx), E_INVALIDARG);
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, NULL), E_INVALIDARG);
    for (int i = 0; i < 5; i++) {
        PRJ_CALLBACKS cb = *tp_callbacks(&tp);
        void **slots = (void **)&cb;
        slots[i] = NULL;
        ASSERT_HR(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &ctx), E_INVALIDARG);
    }
    PRJ_NOTIFICATION_MAPPING bad = {PRJ_NOTIFY_USE_EXISTING_MASK, L""};
    PRJ_STARTVIRTUALIZING_OPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.NotificationMappings = &bad;
    opts.NotificationMappingsCount = 1;
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, &opts, &ctx), E_INVALIDARG);
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &ctx), S_OK);
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT second;
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &second),
              HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED));
    WCHAR root[64];
    cr_assert_eq(prjsim_sim_running_instances(sim, root, 64), 1u);
    cr_assert(wcscmp(root, L"C:\\root") == 0, "running root is %ls", root);
    PrjStopVirtualizing(ctx);
    cr_assert_eq(prjsim_sim_running_instances(sim, NULL, 0), 0u);
}

Test(instance, stop_keeps_state_and_restart_needs_no_remark)
{
    ASSERT_HR(tp_start(&tp, NULL), S_OK);
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\a.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\local.txt", "local", 5), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_create_directory(sim, L"C:\\root\\localdir"), STATUS_SUCCESS);
    PrjStopVirtualizing(tp.ctx);

    /* Stopped: hydrated and full data stay readable, the rest needs the provider. */
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\a.txt", &data, &size), STATUS_SUCCESS);
    cr_assert_eq(size, 10u);
    free(data);
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\local.txt", &data, &size), STATUS_SUCCESS);
    cr_assert(size == 5 && memcmp(data, "local", 5) == 0);
    free(data);
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\dir\\b.txt", &data, &size),
              STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n), STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root\\localdir", NULL, 0, &e, &n), STATUS_SUCCESS);
    free(e);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\a.txt", false), STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    PRJ_FILE_STATE st;
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\root\\a.txt", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);

    /* A call on the stopped context is refused and recorded. */
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    ASSERT_HR(PrjGetVirtualizationInstanceInfo(tp.ctx, &info), E_INVALIDARG);
    cr_assert_geq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_INVALID_CONTEXT), 1u);
    PrjStopVirtualizing(tp.ctx); /* a double stop is recorded, not a crash */

    GUID g;
    CoCreateGuid(&g);
    ASSERT_HR(PrjStartVirtualizing(L"C:\\root", tp_callbacks(&tp), &tp, NULL, &tp.ctx), S_OK);
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\dir\\b.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, mark_directory_placeholder_under_root)
{
    PRJ_PLACEHOLDER_VERSION_INFO v;
    memset(&v, 0, sizeof v);
    v.ContentID[0] = 0x42;
    ASSERT_HR(tp_start(&tp, NULL), S_OK);
    cr_assert_eq(prjsim_client_create_directory(sim, L"C:\\root\\dir2"), STATUS_SUCCESS);
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    PrjGetVirtualizationInstanceInfo(tp.ctx, &info);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", L"C:\\root\\dir2", &v, &info.InstanceID), S_OK);
    PRJ_FILE_STATE st;
    ASSERT_HR(PrjGetOnDiskFileState(L"C:\\root\\dir2", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_PLACEHOLDER);
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(L"C:\\root", L"C:\\root\\dir2", &v, &info.InstanceID),
              HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED));
    /* From now on the provider is asked for its content: this one does not know it. */
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root\\dir2", NULL, 0, &e, &n), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(tp.start_calls, 1);
    cr_assert_eq(tp.end_calls, 0, "no End after a failed Start");
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, negative_path_cache)
{
    PRJ_STARTVIRTUALIZING_OPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.Flags = PRJ_FLAG_USE_NEGATIVE_PATH_CACHE;
    ASSERT_HR(tp_start(&tp, &opts), S_OK);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\nope.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\NOPE.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(tp.placeholder_calls, 1, "the second open is answered by the cache");
    UINT32 count = 99;
    ASSERT_HR(PrjClearNegativePathCache(tp.ctx, &count), S_OK);
    cr_assert_eq(count, 1u);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\nope.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(tp.placeholder_calls, 2);
    /* A local create at a cached path goes ahead. */
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\nope.txt", "x", 1), STATUS_SUCCESS);
    ASSERT_HR(PrjClearNegativePathCache(tp.ctx, NULL), S_OK);
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, negative_cache_off_by_default)
{
    ASSERT_HR(tp_start(&tp, NULL), S_OK);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\nope.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\nope.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(tp.placeholder_calls, 2);
    UINT32 count = 99;
    ASSERT_HR(PrjClearNegativePathCache(tp.ctx, &count), S_OK);
    cr_assert_eq(count, 0u);
    PrjStopVirtualizing(tp.ctx);
}

Test(instance, aligned_buffers)
{
    ASSERT_HR(tp_start(&tp, NULL), S_OK);
    void *p = PrjAllocateAlignedBuffer(tp.ctx, 100);
    cr_assert_not_null(p);
    cr_assert_eq((uintptr_t)p % prjsim_sim_get_options(sim)->write_alignment, 0u);
    PrjFreeAlignedBuffer(p);
    PrjFreeAlignedBuffer(NULL);
    PrjStopVirtualizing(tp.ctx);
    cr_assert_null(PrjAllocateAlignedBuffer(tp.ctx, 100), "no buffer for a stopped instance");
}

Test(instance, complete_command_unknown_id)
{
    ASSERT_HR(tp_start(&tp, NULL), S_OK);
    ASSERT_HR(PrjCompleteCommand(tp.ctx, 12345, S_OK, NULL), E_INVALIDARG);
    cr_assert_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNKNOWN_COMMAND), 1u);
    PrjStopVirtualizing(tp.ctx);
    ASSERT_HR(PrjCompleteCommand(tp.ctx, 1, S_OK, NULL), E_INVALIDARG);
}

Test(instance, options_validation)
{
    prjsim_sim *other;
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.write_alignment = 3;
    cr_assert_eq(prjsim_sim_create(&other, &o), E_INVALIDARG);
    o = (prjsim_sim_options)PRJSIM_SIM_OPTIONS_INIT;
    o.version = 99;
    cr_assert_eq(prjsim_sim_create(&other, &o), E_INVALIDARG);
    cr_assert_eq(prjsim_sim_create(NULL, NULL), E_INVALIDARG);
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\root"), HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS));
    cr_assert_eq(prjsim_volume_create_directory(sim, L"nodrive"), E_INVALIDARG);
}
