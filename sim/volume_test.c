/* SPDX-License-Identifier: MIT */
/* The simulated disk: directories stay ordered and searchable however their children change. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

static prjsim_sim *sim;

static void setup(void)
{
    sim = tp_fresh_sim();
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\d"), S_OK);
}

static void teardown(void)
{
    prjsim_sim_destroy(sim);
}

TestSuite(volume, .init = setup, .fini = teardown);

static void put(int n)
{
    WCHAR path[32];
    swprintf(path, 32, L"C:\\d\\F%03d", n);
    ASSERT_ST(prjsim_client_write_file(sim, path, "x", 1), STATUS_SUCCESS);
}

/* Lists C:\d and checks the names are in order, unique, and exactly those in `present`. */
static void check(const bool *present, int count)
{
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\d", NULL, 300, &e, &n), STATUS_SUCCESS);
    size_t at = 2; /* after . and .. */
    for (int i = 0; i < count; i++) {
        if (!present[i])
            continue;
        WCHAR want[16];
        swprintf(want, 16, L"F%03d", i);
        cr_assert_lt(at, n, "F%03d missing", i);
        cr_assert(wcscmp(e[at].name, want) == 0, "entry %zu: expected %ls, got %ls", at, want, e[at].name);
        at++;
        /* Lookups find it in another case too. */
        WCHAR path[32];
        swprintf(path, 32, L"c:\\D\\f%03d", i);
        prjsim_file_info fi;
        ASSERT_ST(prjsim_client_stat(sim, path, &fi), STATUS_SUCCESS);
    }
    cr_assert_eq(at, n, "no extra entries");
    free(e);
}

Test(volume, random_order_growth_shrinking_and_regrowth)
{
    enum { N = 60 };
    bool present[N] = {false};
    unsigned x = 12345;
    /* Create in a scrambled order (past the size where a directory gets its hash index). */
    for (int k = 0; k < N; k++) {
        int i = (int)((k * 37u + 11u) % N);
        put(i);
        present[i] = true;
    }
    check(present, N);
    /* Shrink below that size, then grow again: every name must stay findable, none twice. */
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        if (i % 6) {
            WCHAR path[32];
            swprintf(path, 32, L"C:\\d\\F%03d", i);
            ASSERT_ST(prjsim_client_delete(sim, path, false), STATUS_SUCCESS);
            present[i] = false;
        }
    }
    check(present, N);
    for (int i = N - 1; i >= 0; i -= 2) {
        if (!present[i]) {
            put(i);
            present[i] = true;
        }
    }
    check(present, N);
    /* Creating an existing name collides instead of adding a second one. */
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\d\\f000", GENERIC_WRITE, CREATE_NEW, 0, 0),
              STATUS_OBJECT_NAME_COLLISION);
}

/* Short paths are parsed in place, long ones on the heap: both resolve alike, `..` included. */
Test(volume, long_paths_resolve_like_short_ones)
{
    WCHAR path[400] = L"C:\\d"; /* made by setup */
    for (int i = 0; i < 12; i++) {
        wcscat(path, L"\\directory-level-name");
        ASSERT_ST(prjsim_client_create_directory(sim, path), STATUS_SUCCESS);
    }
    cr_assert_gt(wcslen(path), 200, "the path is long enough to be parsed on the heap");
    WCHAR file[440];
    swprintf(file, 440, L"%ls\\x\\..\\leaf.txt", path);
    ASSERT_ST(prjsim_client_write_file(sim, file, "abc", 3), STATUS_SUCCESS);
    prjsim_file_info fi;
    swprintf(file, 440, L"%ls\\LEAF.TXT", path);
    ASSERT_ST(prjsim_client_stat(sim, file, &fi), STATUS_SUCCESS);
    cr_expect_eq(fi.basic.FileSize, 3);
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\d\\directory-level-name\\..\\directory-level-name", &fi),
              STATUS_SUCCESS);
    cr_expect(fi.basic.IsDirectory);
}
