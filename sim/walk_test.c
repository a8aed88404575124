/* SPDX-License-Identifier: MIT */
/*
 * The walk-through of the ProjFS cache-state page (section 6.2) against the reference provider:
 * enumerate, open, read, change a time, write, delete. After each step the item's state and the
 * exact trace lines of the step are asserted.
 */
#include <criterion/criterion.h>
#include <memtree.h>
#include <prjsim.h>
#include <stdlib.h>
#include <string.h>

static prjsim_sim *sim;
static memtree *tree;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
static size_t mark;

static void setup(void)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    cr_assert_eq(prjsim_sim_create(&sim, &o), S_OK);
    prjsim_sim_set_current(sim);
    cr_assert_eq(memtree_create(&tree), S_OK);
    char err[256] = "";
    cr_assert_eq(memtree_parse_manifest(tree,
                                        "file foo.txt content=\"Hello\"\n"
                                        "file bar.txt content=\"bar\"\n"
                                        "dir sub\n",
                                        "walk", err, sizeof err),
                 S_OK, "%s", err);
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\ProjFSRoot"), S_OK);
    cr_assert_eq(memtree_start(tree, L"C:\\ProjFSRoot", NULL, &ctx), S_OK);
    mark = prjsim_trace_count(sim);
}

static void teardown(void)
{
    PrjStopVirtualizing(ctx);
    memtree_destroy(tree);
    prjsim_sim_destroy(sim);
}

/* Asserts that the trace lines since the last step are exactly `want` (lines joined by \n). */
static void expect_trace(const char *step, const char *want)
{
    char got[4096] = "";
    prjsim_trace_record r;
    for (; prjsim_trace_get(sim, mark, &r); mark++) {
        strncat(got, r.text, sizeof got - strlen(got) - 2);
        strcat(got, "\n");
    }
    cr_assert_str_eq(got, want, "trace of step '%s':\n--- got\n%s--- want\n%s", step, got, want);
}

static int state(void)
{
    PRJ_FILE_STATE st;
    return PrjGetOnDiskFileState(L"C:\\ProjFSRoot\\foo.txt", &st) == S_OK ? (int)st : -1;
}

Test(walk, cache_states_of_foo_txt, .init = setup, .fini = teardown)
{
    /* 1. Enumerate: foo.txt is virtual. */
    prjsim_dir_entry *e;
    size_t n;
    cr_assert_eq(prjsim_client_list(sim, L"C:\\ProjFSRoot", NULL, 0, &e, &n), STATUS_SUCCESS);
    cr_assert_eq(n, 5u);
    cr_assert(wcscmp(e[3].name, L"foo.txt") == 0);
    cr_assert(e[3].basic.FileAttributes & FILE_ATTRIBUTE_RECALL_ON_OPEN, "a virtual entry is recalled on open");
    free(e);
    cr_assert_eq(state(), -1, "virtual");
    expect_trace("enumerate",
                 "op open \"C:\\ProjFSRoot\" OPEN_EXISTING dir -> STATUS_SUCCESS\n"
                 "cb StartDirectoryEnumeration \"\" -> S_OK\n"
                 "cb GetDirectoryEnumeration \"\" search=\"*\" restart -> S_OK\n"
                 "cb GetDirectoryEnumeration \"\" search=\"*\" -> S_OK\n"
                 "op query-directory \"C:\\ProjFSRoot\" pattern=\"\" entries=5 -> STATUS_SUCCESS\n"
                 "op query-directory \"C:\\ProjFSRoot\" pattern=\"\" entries=0 -> STATUS_NO_MORE_FILES\n"
                 "cb EndDirectoryEnumeration \"\" -> S_OK\n"
                 "op close \"C:\\ProjFSRoot\" -> STATUS_SUCCESS\n");

    /* 2. Open a handle: GetPlaceholderInfo, foo.txt becomes a placeholder. */
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\ProjFSRoot\\FOO.TXT",
                                    GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0, 0),
                 STATUS_SUCCESS);
    cr_assert_eq(state(), PRJ_FILE_STATE_PLACEHOLDER);
    expect_trace("open",
                 "cb GetPlaceholderInfo \"FOO.TXT\" -> S_OK\n"
                 "api PrjWritePlaceholderInfo \"foo.txt\" -> S_OK\n"
                 "op open \"C:\\ProjFSRoot\\FOO.TXT\" OPEN_EXISTING -> STATUS_SUCCESS\n");

    /* 3. Read: GetFileData, hydrated. */
    char buf[16] = "";
    UINT32 got;
    cr_assert_eq(prjsim_client_read(h, 0, buf, sizeof buf, &got), STATUS_SUCCESS);
    cr_assert(got == 5 && memcmp(buf, "Hello", 5) == 0);
    cr_assert_eq(state(), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    expect_trace("read",
                 "cb GetFileData \"foo.txt\" offset=0 length=5 -> S_OK\n"
                 "api PrjWriteFileData offset=0 length=5 -> S_OK\n"
                 "op read \"C:\\ProjFSRoot\\FOO.TXT\" offset=0 length=16 read=5 -> STATUS_SUCCESS\n");

    /* 4. Change the last-write time: dirty. */
    cr_assert_eq(prjsim_client_set_basic_info(h, 0, 0, 12345, 0, 0), STATUS_SUCCESS);
    cr_assert_eq(state(), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER |
                              PRJ_FILE_STATE_DIRTY_PLACEHOLDER);
    expect_trace("set time", "op set-basic-info \"C:\\ProjFSRoot\\FOO.TXT\" -> STATUS_SUCCESS\n");

    /* 5. Write: full. */
    cr_assert_eq(prjsim_client_write(h, 5, "!", 1, &got), STATUS_SUCCESS);
    cr_assert_eq(state(), PRJ_FILE_STATE_FULL);
    expect_trace("write", "op write \"C:\\ProjFSRoot\\FOO.TXT\" offset=5 length=1 -> STATUS_SUCCESS\n");
    prjsim_client_close(h);
    expect_trace("close", "op close \"C:\\ProjFSRoot\\FOO.TXT\" -> STATUS_SUCCESS\n");

    /* 6. Delete: tombstone; no longer listed; opening fails with file-not-found. */
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\ProjFSRoot\\foo.txt", false), STATUS_SUCCESS);
    expect_trace("delete",
                 "op open \"C:\\ProjFSRoot\\foo.txt\" OPEN_EXISTING -> STATUS_SUCCESS\n"
                 "op set-disposition \"C:\\ProjFSRoot\\foo.txt\" delete -> STATUS_SUCCESS\n"
                 "cb QueryFileName \"foo.txt\" -> S_OK\n"
                 "op close \"C:\\ProjFSRoot\\foo.txt\" -> STATUS_SUCCESS\n");
    cr_assert_eq(state(), -1, "a running provider hides the tombstone");
    cr_assert_eq(prjsim_client_list(sim, L"C:\\ProjFSRoot", NULL, 0, &e, &n), STATUS_SUCCESS);
    cr_assert_eq(n, 4u, "foo.txt is no longer listed");
    for (size_t i = 0; i < n; i++)
        cr_assert(wcscmp(e[i].name, L"foo.txt") != 0);
    free(e);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\ProjFSRoot\\foo.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(prjsim_status_to_win32(STATUS_OBJECT_NAME_NOT_FOUND), 2u, "ERROR_FILE_NOT_FOUND");
    cr_assert_eq(prjsim_trace_count_all_diags(sim), 0u, "the reference provider breaks no rule");
    cr_assert_eq(memtree_open_sessions(tree), 0u);
}
