/* SPDX-License-Identifier: MIT */
/* Item states and their transitions under client operations (sections 6.2, 6.10, 6.11). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"dir", true, 0, 0},
    {L"dir\\a.txt", false, 100, 0},
    {L"dir\\b.txt", false, 50, 0},
    {L"file.txt", false, 64, 0},
    {L"other.txt", false, 8, 0},
    {L"ro.txt", false, 4, FILE_ATTRIBUTE_READONLY},
};

static prjsim_sim *sim;
static table_provider tp;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = sizeof items / sizeof items[0];
    tp.query_file_name = true;
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

TestSuite(states, .init = setup, .fini = teardown);

/* PRJ_FILE_STATE, or -1 for not found, -2 for path not found. */
static int state_of(PCWSTR path)
{
    PRJ_FILE_STATE st;
    HRESULT hr = PrjGetOnDiskFileState(path, &st);
    if (hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND))
        return -1;
    if (hr == HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND))
        return -2;
    cr_assert_eq(hr, S_OK, "PrjGetOnDiskFileState(%ls)", path);
    return (int)st;
}

static const char *listing(PCWSTR dir)
{
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, dir, NULL, 0, &e, &n), STATUS_SUCCESS);
    const char *s = tp_names(e, n);
    free(e);
    return s;
}

static NTSTATUS open_close(PCWSTR path, UINT32 access, UINT32 disp, UINT32 flags)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, access, disp, flags, 0);
    if (st == STATUS_SUCCESS)
        prjsim_client_close(h);
    return st;
}

Test(states, on_disk_state_of_every_kind_of_item)
{
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), -1, "virtual: not on disk");
    cr_assert_eq(state_of(L"C:\\root\\nodir\\x"), -2, "missing parent");
    cr_assert_eq(state_of(L"C:\\root"), PRJ_FILE_STATE_PLACEHOLDER, "the root");
    cr_assert_eq(state_of(L"C:\\"), PRJ_FILE_STATE_FULL, "outside any root");
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER);
    ASSERT_ST(prjsim_client_set_times(sim, L"C:\\root\\file.txt", 0, 0, 12345, 0, 0), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_DIRTY_PLACEHOLDER);
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"),
                 PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER | PRJ_FILE_STATE_DIRTY_PLACEHOLDER);
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\other.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    cr_assert_eq(state_of(L"C:\\root\\other.txt"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\new.txt", "n", 1), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\new.txt"), PRJ_FILE_STATE_FULL);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\other.txt", false), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\other.txt"), -1, "a running provider hides tombstones");
    PrjStopVirtualizing(tp.ctx);
    cr_assert_eq(state_of(L"C:\\root\\other.txt"), PRJ_FILE_STATE_TOMBSTONE, "stopped: the tombstone shows");
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
    ASSERT_HR(PrjGetOnDiskFileState(NULL, NULL), E_INVALIDARG);
}

Test(states, create_dispositions)
{
    ASSERT_ST(open_close(L"C:\\root\\absent.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_ST(open_close(L"C:\\root\\absent.txt", GENERIC_WRITE, TRUNCATE_EXISTING, 0), STATUS_OBJECT_NAME_NOT_FOUND);
    /* A name the provider projects exists, even before it is on disk. */
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_WRITE, CREATE_NEW, 0), STATUS_OBJECT_NAME_COLLISION);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER, "the placeholder was created first");
    ASSERT_ST(open_close(L"C:\\root\\dir\\new.txt", GENERIC_WRITE, CREATE_NEW, 0), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\dir\\new.txt"), PRJ_FILE_STATE_FULL);
    cr_assert_eq(state_of(L"C:\\root\\dir"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_DIRTY_PLACEHOLDER,
                 "creating a child dirties a placeholder directory");
    ASSERT_ST(open_close(L"C:\\root\\dir\\new.txt", GENERIC_WRITE, CREATE_NEW, 0), STATUS_OBJECT_NAME_COLLISION);
    ASSERT_ST(open_close(L"C:\\root\\dir\\new2.txt", GENERIC_READ, OPEN_ALWAYS, 0), STATUS_SUCCESS);
    ASSERT_ST(open_close(L"C:\\root\\dir\\new2.txt", GENERIC_READ, OPEN_ALWAYS, 0), STATUS_SUCCESS);
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, TRUNCATE_EXISTING, 0), STATUS_ACCESS_DENIED);
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, 9, 0), STATUS_INVALID_PARAMETER);
    ASSERT_ST(open_close(L"C:\\root\\dir", GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_NON_DIRECTORY),
              STATUS_FILE_IS_A_DIRECTORY);
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY),
              STATUS_NOT_A_DIRECTORY);
    /* A directory created locally is full. */
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\localdir"), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\localdir"), PRJ_FILE_STATE_FULL);
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\dir"), STATUS_OBJECT_NAME_COLLISION);
}

Test(states, overwrite_makes_full_without_fetching_data)
{
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_WRITE, CREATE_ALWAYS, 0), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_FULL);
    cr_assert_eq(tp.data_calls, 0);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\file.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.basic.FileSize, 0);
    ASSERT_ST(open_close(L"C:\\root\\other.txt", GENERIC_WRITE, TRUNCATE_EXISTING, 0), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\other.txt"), PRJ_FILE_STATE_FULL);
}

Test(states, write_hydrates_then_makes_full_keeping_data)
{
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\file.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER, "opening for write converts nothing");
    UINT32 n;
    ASSERT_ST(prjsim_client_write(h, 2, "XY", 2, &n), STATUS_SUCCESS);
    cr_assert_eq(n, 2u);
    cr_assert_eq(tp.data_calls, 1, "the data is fetched before the first modification");
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_FULL);
    UINT8 buf[64];
    ASSERT_ST(prjsim_client_read(h, 0, buf, 64, &n), STATUS_SUCCESS);
    cr_assert_eq(n, 64u);
    for (UINT32 i = 0; i < 64; i++) {
        UINT8 want = i == 2 ? 'X' : i == 3 ? 'Y' : tp_content_byte(L"file.txt", i);
        cr_assert_eq(buf[i], want, "byte %u", i);
    }
    ASSERT_ST(prjsim_client_read(h, 64, buf, 1, &n), STATUS_END_OF_FILE);
    ASSERT_ST(prjsim_client_set_size(h, 10), STATUS_SUCCESS);
    prjsim_client_close(h);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\file.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.basic.FileSize, 10);
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\other.txt", GENERIC_READ, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_write(h, 0, "x", 1, &n), STATUS_ACCESS_DENIED);
    prjsim_client_close(h);
}

Test(states, read_only_items)
{
    ASSERT_ST(open_close(L"C:\\root\\ro.txt", GENERIC_WRITE, OPEN_EXISTING, 0), STATUS_ACCESS_DENIED);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\ro.txt", false), STATUS_CANNOT_DELETE);
    ASSERT_ST(open_close(L"C:\\root\\ro.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
}

Test(states, delete_leaves_tombstone_and_create_removes_it)
{
    /* Deleting a virtual file works directly: its placeholder is created first. */
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\file.txt", false), STATUS_SUCCESS);
    cr_assert_eq(tp.placeholder_calls, 1);
    cr_assert_eq(tp.query_calls, 1, "ProjFS asks whether the name is still projected");
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,dir,other.txt,ro.txt");
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\file.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(tp.placeholder_calls, 1, "a tombstone answers without the provider");
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\FILE.txt", "new", 3), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_FULL);
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,dir,FILE.txt,other.txt,ro.txt");
}

Test(states, deleting_a_local_file_in_a_local_dir_asks_nothing)
{
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\local"), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\local\\f", "x", 1), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\local\\f", false), STATUS_SUCCESS);
    cr_assert_eq(tp.query_calls, 0);
    cr_assert_str_eq(listing(L"C:\\root\\local"), ".,..");
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\local", true), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\local"), -1, "not projected: no tombstone");
}

Test(states, directory_delete_not_empty_rules)
{
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir", true), STATUS_DIRECTORY_NOT_EMPTY);
    /* Delete-on-close "succeeds" but the directory stays. */
    ASSERT_ST(open_close(L"C:\\root\\dir", DELETE, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY | PRJSIM_OPEN_DELETE_ON_CLOSE),
              STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\dir"), PRJ_FILE_STATE_PLACEHOLDER);
    /* rmdir /s: deleting each child leaves only tombstones, then the directory goes. */
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir\\a.txt", false), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir", true), STATUS_DIRECTORY_NOT_EMPTY);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir\\b.txt", false), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir", true), STATUS_SUCCESS);
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,file.txt,other.txt,ro.txt");
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\file.txt", true), STATUS_NOT_A_DIRECTORY);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root", true), STATUS_NOT_SUPPORTED);
}

Test(states, rename_rules)
{
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\file.txt", L"C:\\root\\other.txt", false),
              STATUS_OBJECT_NAME_COLLISION);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\file.txt", L"C:\\root\\nodir\\x.txt", false),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\file.txt", L"C:\\root\\dir\\moved.txt", false), STATUS_SUCCESS);
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,dir,other.txt,ro.txt");
    cr_assert_str_eq(listing(L"C:\\root\\dir"), ".,..,a.txt,b.txt,moved.txt");
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\dir\\moved.txt", &data, &size), STATUS_SUCCESS);
    cr_assert_eq(size, 64u);
    cr_assert(wcscmp(tp.last_path, L"file.txt") == 0, "GetFileData gets the original name, got %ls", tp.last_path);
    cr_assert_eq(((UINT8 *)data)[5], tp_content_byte(L"file.txt", 5));
    free(data);
    /* Replacing an existing (virtual) name. */
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\dir\\moved.txt", L"C:\\root\\other.txt", true), STATUS_SUCCESS);
    cr_assert_str_eq(listing(L"C:\\root\\dir"), ".,..,a.txt,b.txt");
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\other.txt", L"C:\\root\\dir", true), STATUS_ACCESS_DENIED);
    /* A placeholder directory never renames (section 11.1); a local one does, not into itself. */
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\dir", L"C:\\root\\dir2", false), STATUS_NOT_SUPPORTED);
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\local"), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\local", L"C:\\root\\local\\sub", false), STATUS_INVALID_PARAMETER);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\local", L"C:\\root\\local2", false), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\local2", true), STATUS_SUCCESS);
    /* A case-only rename keeps the item. */
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\other.txt", L"C:\\root\\OTHER.TXT", false), STATUS_SUCCESS);
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,dir,OTHER.TXT,ro.txt");
}

/* ---- PrjUpdateFileIfNeeded / PrjDeleteFile (section 6.10) ---- */

static PRJ_PLACEHOLDER_INFO info_with(INT64 size, UINT8 content_id)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = size;
    info.VersionInfo.ContentID[0] = content_id;
    return info;
}

Test(states, update_and_delete_errors)
{
    PRJ_PLACEHOLDER_INFO info = info_with(5, 9);
    PRJ_UPDATE_FAILURE_CAUSES cause = (PRJ_UPDATE_FAILURE_CAUSES)0x77;
    ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, L"", &info, sizeof info, PRJ_UPDATE_NONE, &cause), E_INVALIDARG);
    cr_assert_eq(cause, PRJ_UPDATE_FAILURE_CAUSE_NONE);
    ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, L"file.txt", &info, 100, PRJ_UPDATE_NONE, NULL),
              HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, L"file.txt", &info, sizeof info, PRJ_UPDATE_NONE, NULL),
              HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"file.txt", PRJ_UPDATE_NONE, NULL), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"nodir\\x", PRJ_UPDATE_NONE, NULL), HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));
    ASSERT_ST(open_close(L"C:\\root\\dir\\a.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"dir", PRJ_UPDATE_ALLOW_TOMBSTONE, NULL), HRESULT_FROM_WIN32(ERROR_DIR_NOT_EMPTY));
    ASSERT_HR(PrjDeleteFile((PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)&info, L"dir", PRJ_UPDATE_NONE, NULL), E_INVALIDARG);
}

Test(states, update_replaces_a_clean_placeholder_and_skips_same_content_id)
{
    tp.versions = true; /* file.txt is item 3: ContentID 4 */
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    PRJ_PLACEHOLDER_INFO same = info_with(999, 4);
    ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, L"file.txt", &same, sizeof same, PRJ_UPDATE_NONE, NULL), S_OK);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER,
                 "same ContentID: nothing changes");
    PRJ_PLACEHOLDER_INFO newer = info_with(20, 5);
    ASSERT_HR(PrjUpdateFileIfNeeded(tp.ctx, L"file.txt", &newer, sizeof newer, PRJ_UPDATE_NONE, NULL), S_OK);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), PRJ_FILE_STATE_PLACEHOLDER, "cached data discarded");
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\file.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.basic.FileSize, 20);
    int before = tp.data_calls;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    cr_assert_eq(size, 20u);
    cr_assert_eq(tp.data_calls, before + 1, "the next read asks again");
    cr_assert_eq(tp.last_version0, 5, "with the new version info");
}

typedef struct {
    const char *state;
    PRJ_UPDATE_TYPES flags;
    PRJ_UPDATE_FAILURE_CAUSES cause; /* NONE = success */
} flag_case;

/* Puts file.txt into a named state. */
static void make_state(const char *state)
{
    void *data;
    size_t size;
    if (!strcmp(state, "dirty")) {
        ASSERT_ST(prjsim_client_set_times(sim, L"C:\\root\\file.txt", 0, 0, 1, 0, 0), STATUS_SUCCESS);
    } else if (!strcmp(state, "full")) {
        ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\file.txt", "f", 1), STATUS_SUCCESS);
    } else if (!strcmp(state, "tombstone")) {
        ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\file.txt", false), STATUS_SUCCESS);
    } else if (!strcmp(state, "placeholder")) {
        ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
    } else if (!strcmp(state, "dirty-hydrated")) {
        ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size), STATUS_SUCCESS);
        free(data);
        ASSERT_ST(prjsim_client_set_times(sim, L"C:\\root\\file.txt", 0, 0, 1, 0, 0), STATUS_SUCCESS);
    } else if (!strcmp(state, "readonly")) {
        ASSERT_ST(prjsim_client_set_times(sim, L"C:\\root\\file.txt", 0, 0, 0, 0, FILE_ATTRIBUTE_READONLY),
                  STATUS_SUCCESS);
    } else {
        ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size), STATUS_SUCCESS);
        free(data);
    }
}

Test(states, failure_causes_by_state_and_flags)
{
    static const flag_case cases[] = {
        {"placeholder", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"hydrated", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"dirty-hydrated", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA},
        {"dirty-hydrated", PRJ_UPDATE_ALLOW_DIRTY_METADATA, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"full", PRJ_UPDATE_ALLOW_DIRTY_METADATA | PRJ_UPDATE_ALLOW_TOMBSTONE, PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA},
        {"dirty", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA},
        {"dirty", PRJ_UPDATE_ALLOW_DIRTY_METADATA, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"full", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA},
        {"full", PRJ_UPDATE_ALLOW_DIRTY_DATA, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"tombstone", PRJ_UPDATE_NONE, PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE},
        {"tombstone", PRJ_UPDATE_ALLOW_TOMBSTONE, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"readonly", PRJ_UPDATE_ALLOW_DIRTY_METADATA,
         PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY},
        {"readonly", PRJ_UPDATE_ALLOW_DIRTY_METADATA | PRJ_UPDATE_ALLOW_READ_ONLY, PRJ_UPDATE_FAILURE_CAUSE_NONE},
        {"readonly", PRJ_UPDATE_NONE,
         PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY | PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int del = 0; del < 2; del++) {
            teardown();
            setup();
            make_state(cases[i].state);
            PRJ_PLACEHOLDER_INFO info = info_with(3, 1);
            PRJ_UPDATE_FAILURE_CAUSES cause = (PRJ_UPDATE_FAILURE_CAUSES)0x55;
            HRESULT hr = del ? PrjDeleteFile(tp.ctx, L"file.txt", cases[i].flags, &cause)
                             : PrjUpdateFileIfNeeded(tp.ctx, L"file.txt", &info, sizeof info, cases[i].flags, &cause);
            HRESULT want = cases[i].cause ? HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION) : S_OK;
            cr_assert_eq(hr, want, "%s %s flags 0x%x: hr 0x%08x", del ? "delete" : "update", cases[i].state,
                         (unsigned)cases[i].flags, (unsigned)hr);
            cr_assert_eq(cause, cases[i].cause, "%s %s flags 0x%x: cause 0x%x", del ? "delete" : "update",
                         cases[i].state, (unsigned)cases[i].flags, (unsigned)cause);
            int st = state_of(L"C:\\root\\file.txt");
            if (!cases[i].cause)
                cr_assert_eq(st, del ? -1 : PRJ_FILE_STATE_PLACEHOLDER, "%s %s: state after success",
                             del ? "delete" : "update", cases[i].state);
            else if (!strcmp(cases[i].state, "full"))
                cr_assert_eq(st, PRJ_FILE_STATE_FULL, "local data is never discarded without the flag");
            /* What a reader sees now: the local data when kept, the provider's when discarded. */
            void *data = NULL;
            size_t size = 0;
            NTSTATUS rst = prjsim_client_read_file(sim, L"C:\\root\\file.txt", &data, &size);
            if (!strcmp(cases[i].state, "full") && cases[i].cause) {
                cr_assert(rst == STATUS_SUCCESS && size == 1 && ((char *)data)[0] == 'f', "local data kept");
            } else if (!del && !cases[i].cause) {
                cr_assert(rst == STATUS_SUCCESS && size == 3 && ((UINT8 *)data)[1] == tp_content_byte(L"file.txt", 1),
                          "%s: the provider's data after the update", cases[i].state);
            } else if (del && !cases[i].cause) {
                cr_assert(rst == STATUS_SUCCESS && size == 64, "%s: projected again after the delete", cases[i].state);
            }
            free(data);
        }
    }
}

Test(states, deleted_placeholder_is_virtual_again)
{
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"file.txt", PRJ_UPDATE_NONE, NULL), S_OK);
    cr_assert_eq(state_of(L"C:\\root\\file.txt"), -1);
    cr_assert_str_eq(listing(L"C:\\root"), ".,..,dir,file.txt,other.txt,ro.txt");
    int before = tp.placeholder_calls;
    ASSERT_ST(open_close(L"C:\\root\\file.txt", GENERIC_READ, OPEN_EXISTING, 0), STATUS_SUCCESS);
    cr_assert_eq(tp.placeholder_calls, before + 1, "a fresh placeholder is fetched");
    /* A directory with only tombstones needs ALLOW_TOMBSTONE. */
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\dir\\a.txt", false), STATUS_SUCCESS);
    PRJ_UPDATE_FAILURE_CAUSES cause;
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"dir", PRJ_UPDATE_NONE, &cause),
              HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION));
    cr_assert_eq(cause, PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE | PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA);
    ASSERT_HR(PrjDeleteFile(tp.ctx, L"dir", PRJ_UPDATE_ALLOW_TOMBSTONE | PRJ_UPDATE_ALLOW_DIRTY_METADATA, &cause), S_OK);
    cr_assert_str_eq(listing(L"C:\\root\\dir"), ".,..,a.txt,b.txt", "the provider's view is back");
}
