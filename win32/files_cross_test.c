/* SPDX-License-Identifier: MIT */
/*
 * Routing between the host and virtualization roots: the missing-path hook that brings a host
 * directory onto the simulated volume when a provider marks it, I/O under a root reaching the
 * provider (and not the host), and moves and copies across the boundary and across drives.
 */
#include "file_test_common.h"

#include <sys/stat.h>

static bool host_exists(const char *rel)
{
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", prjsim_drives_root(), rel);
    struct stat st;
    return stat(p, &st) == 0;
}

/* Whether the trace since @p mark has a line containing @p what. */
static bool traced(size_t mark, const char *what)
{
    prjsim_sim *sim = prjsim_sim_current();
    prjsim_trace_record r;
    for (size_t at = mark; prjsim_trace_get(sim, at, &r); at++)
        if (strstr(r.text, what))
            return true;
    return false;
}

/* A provider's usual start: CreateDirectoryW (on the host), then mark and start. */
Test(cross, marking_a_host_directory_imports_it, .fini = teardown_place)
{
    test_place = IN_ROOT;
    make_drives();
    cr_assert(CreateDirectoryW(L"C:\\ProjFSRoot", NULL));
    cr_assert(CreateDirectoryW(L"C:\\ProjFSRoot\\local", NULL));
    put_file(L"C:\\ProjFSRoot\\local\\kept.txt", "kept");
    put_file(L"C:\\ProjFSRoot\\instance.id", "guid");
    cr_assert(SetFileAttributesW(L"C:\\ProjFSRoot\\instance.id", FILE_ATTRIBUTE_HIDDEN));
    start_root(L"C:\\ProjFSRoot");
    cr_assert(prjsim_sim_is_inside_root(prjsim_sim_current(), L"C:\\ProjFSRoot\\local"));
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(L"C:\\ProjFSRoot\\*", &fd);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    char names[512] = "";
    do {
        char n[8192];
        snprintf(n, sizeof n, "%ls,", fd.cFileName);
        strncat(names, n, sizeof names - strlen(names) - 1);
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    cr_assert_str_eq(names, ".,..,a.txt,b.txt,c.dat,dir,empty,instance.id,local,ro.txt,x,",
                     "the provider's items merged with the imported ones");
    cr_assert_str_eq(get_file(L"C:\\ProjFSRoot\\instance.id"), "guid");
    cr_assert_str_eq(get_file(L"C:\\ProjFSRoot\\local\\kept.txt"), "kept");
    cr_assert(GetFileAttributesW(L"C:\\ProjFSRoot\\instance.id") & FILE_ATTRIBUTE_HIDDEN,
              "attributes come along");
    cr_assert_str_eq(get_file(L"C:\\ProjFSRoot\\a.txt"), "hello");
}

Test(cross, io_in_a_root_reaches_the_provider_not_the_host, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    size_t mark = prjsim_trace_count(prjsim_sim_current());
    cr_assert_str_eq(get_file(L"C:\\base\\dir\\inner.txt"), "inner");
    cr_assert(traced(mark, "cb GetPlaceholderInfo \"dir\""));
    cr_assert(traced(mark, "cb GetFileData \"dir\\inner.txt\""));
    put_file(L"C:\\base\\new.txt", "new");
    cr_assert(!host_exists("C/base/new.txt"), "written to the simulated volume only");
    cr_assert(!host_exists("C/base/dir"));
    /* Names inside roots are case-insensitive. */
    cr_assert_str_eq(get_file(L"c:\\BASE\\New.TXT"), "new");
}

Test(cross, moves_between_host_and_root, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    cr_assert(CreateDirectoryW(L"C:\\host", NULL));
    put_file(L"C:\\host\\in.txt", "from host");
    expect_ok(MoveFileExW(L"C:\\host\\in.txt", L"C:\\base\\in.txt", 0));
    cr_assert_str_eq(get_file(L"C:\\base\\in.txt"), "from host");
    cr_assert(!host_exists("C/host/in.txt"), "the source is gone");
    cr_assert(!host_exists("C/base/in.txt"));
    expect_ok(MoveFileExW(L"C:\\base\\a.txt", L"C:\\host\\out.txt", 0));
    cr_assert_str_eq(get_file(L"C:\\host\\out.txt"), "hello", "hydrated on the way out");
    cr_assert(host_exists("C/host/out.txt"));
    expect_error(GetFileAttributesW(L"C:\\base\\a.txt") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    /* Replace rules hold across the boundary. */
    expect_error(MoveFileExW(L"C:\\host\\out.txt", L"C:\\base\\b.txt", 0), ERROR_ALREADY_EXISTS);
    expect_error(MoveFileExW(L"C:\\host\\out.txt", L"C:\\base\\dir", MOVEFILE_REPLACE_EXISTING),
                 ERROR_ACCESS_DENIED);
    expect_ok(MoveFileExW(L"C:\\host\\out.txt", L"C:\\base\\b.txt", MOVEFILE_REPLACE_EXISTING));
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "hello");
    expect_error(MoveFileExW(L"C:\\host\\nope", L"C:\\base\\nope", 0), ERROR_FILE_NOT_FOUND);
    expect_error(MoveFileExW(L"C:\\base\\c.dat", L"C:\\host\\nope\\c.dat", 0), ERROR_PATH_NOT_FOUND);
    /* A local directory tree moves in. */
    cr_assert(CreateDirectoryW(L"C:\\host\\tree", NULL));
    cr_assert(CreateDirectoryW(L"C:\\host\\tree\\sub", NULL));
    put_file(L"C:\\host\\tree\\sub\\leaf.txt", "leaf");
    expect_ok(MoveFileExW(L"C:\\host\\tree", L"C:\\base\\tree", 0));
    cr_assert_str_eq(get_file(L"C:\\base\\tree\\sub\\leaf.txt"), "leaf");
    cr_assert(!host_exists("C/host/tree"));
    /* A placeholder directory does not move (section 11.1), and nothing is copied. */
    cr_assert(GetFileAttributesW(L"C:\\base\\dir\\inner.txt") != INVALID_FILE_ATTRIBUTES);
    expect_error(MoveFileExW(L"C:\\base\\dir", L"C:\\host\\dir", 0), ERROR_NOT_SUPPORTED);
    cr_assert(!host_exists("C/host/dir"));
    /* Nor does a local directory with a placeholder below it. */
    cr_assert(CreateDirectoryW(L"C:\\base\\mixed", NULL));
    expect_ok(MoveFileExW(L"C:\\base\\c.dat", L"C:\\base\\mixed\\c.dat", 0));
    expect_ok(MoveFileExW(L"C:\\base\\tree", L"C:\\base\\mixed\\tree", 0));
    expect_error(MoveFileExW(L"C:\\base\\mixed", L"C:\\host\\mixed", 0), ERROR_NOT_SUPPORTED);
    /* A local tree moves out. */
    expect_ok(MoveFileExW(L"C:\\base\\mixed\\tree", L"C:\\host\\tree", 0));
    cr_assert_str_eq(get_file(L"C:\\host\\tree\\sub\\leaf.txt"), "leaf");
}

Test(cross, copies_between_host_and_root, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    cr_assert(CreateDirectoryW(L"C:\\host", NULL));
    expect_ok(CopyFileW(L"C:\\base\\c.dat", L"C:\\host\\c.dat", TRUE));
    cr_assert_str_eq(get_file(L"C:\\host\\c.dat"), "12345678");
    expect_ok(CopyFileW(L"C:\\host\\c.dat", L"C:\\base\\copy.dat", TRUE));
    cr_assert_str_eq(get_file(L"C:\\base\\copy.dat"), "12345678");
    expect_error(CopyFileW(L"C:\\host\\c.dat", L"C:\\base\\b.txt", TRUE), ERROR_FILE_EXISTS);
    expect_error(CreateHardLinkW(L"C:\\host\\l.txt", L"C:\\base\\b.txt", NULL), ERROR_NOT_SAME_DEVICE);
}

Test(cross, moves_between_drives, .fini = remove_drives)
{
    make_drives();
    cr_assert(CreateDirectoryW(L"C:\\d", NULL));
    put_file(L"C:\\d\\f.txt", "f");
    expect_error(MoveFileExW(L"C:\\d\\f.txt", L"D:\\f.txt", 0), ERROR_NOT_SAME_DEVICE);
    expect_error(MoveFileExW(L"C:\\d\\nope", L"D:\\f.txt", 0), ERROR_FILE_NOT_FOUND);
    expect_ok(MoveFileExW(L"C:\\d\\f.txt", L"D:\\f.txt", MOVEFILE_COPY_ALLOWED));
    cr_assert_str_eq(get_file(L"D:\\f.txt"), "f");
    expect_ok(MoveFileW(L"D:\\f.txt", L"C:\\d\\back.txt"));
    cr_assert_str_eq(get_file(L"C:\\d\\back.txt"), "f");
    expect_error(MoveFileExW(L"C:\\d\\back.txt", L"C:\\x.txt", MOVEFILE_DELAY_UNTIL_REBOOT),
                 ERROR_NOT_SUPPORTED);
}

/* The hook is installed again when a test switches to a simulation of its own. */
Test(cross, hook_follows_the_current_simulation, .fini = remove_drives)
{
    make_drives();
    prjsim_win_files_init();
    prjsim_sim *mine;
    cr_assert_eq(prjsim_sim_create(&mine, NULL), S_OK);
    prjsim_sim *old = prjsim_sim_set_current(mine);
    cr_assert(CreateDirectoryW(L"C:\\r2", NULL));
    put_file(L"C:\\r2\\keep.txt", "keep");
    memtree *t;
    cr_assert_eq(memtree_create(&t), S_OK);
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    cr_assert_eq(memtree_start(t, L"C:\\r2", NULL, &ctx), S_OK);
    cr_assert_str_eq(get_file(L"C:\\r2\\keep.txt"), "keep");
    PrjStopVirtualizing(ctx);
    memtree_destroy(t);
    prjsim_sim_set_current(old);
    prjsim_sim_destroy(mine);
}

/* CreateFileW passes its share mode to the simulator (docs/behaviour/sharing.md). */
Test(cross, share_modes_in_a_root, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    HANDLE h1 = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h1, INVALID_HANDLE_VALUE);
    HANDLE h2 = CreateFileW(L"C:\\base\\a.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                            OPEN_EXISTING, 0, NULL);
    cr_assert_eq(h2, INVALID_HANDLE_VALUE);
    cr_assert_eq(GetLastError(), (DWORD)ERROR_SHARING_VIOLATION);
    expect_error(DeleteFileW(L"C:\\base\\a.txt"), ERROR_SHARING_VIOLATION);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\z.txt", 0), ERROR_SHARING_VIOLATION);
    HANDLE h3 = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h3, INVALID_HANDLE_VALUE, "reading beside a reader that shares read");
    CloseHandle(h3);
    CloseHandle(h1);
    expect_ok(DeleteFileW(L"C:\\base\\a.txt"));
}

/* prjsim_drives_simulate_volume: every path goes to the simulated volume, outside roots too, and
 * hard links between a root and outside it are one volume's (as on Windows); NULL goes back. */
static void simulate_volume_off(void)
{
    prjsim_drives_simulate_volume(NULL);
    teardown_place();
}

Test(cross, simulated_volume_takes_every_path, .fini = simulate_volume_off)
{
    setup_place(IN_ROOT);
    prjsim_drives_simulate_volume(prjsim_sim_current());
    cr_assert(CreateDirectoryW(L"C:\\outside", NULL));
    put_file(L"C:\\outside\\o.txt", "o");
    cr_assert(!host_exists("C/outside"), "outside the root, still on the simulated volume");
    prjsim_file_info info;
    cr_assert_eq(prjsim_client_stat(prjsim_sim_current(), L"C:\\outside\\o.txt", &info), STATUS_SUCCESS);
    cr_assert_eq(info.basic.FileSize, 1);
    expect_ok(CreateHardLinkW(L"C:\\base\\o.txt", L"C:\\outside\\o.txt", NULL));
    cr_assert_str_eq(get_file(L"C:\\base\\o.txt"), "o");
    expect_ok(MoveFileExW(L"C:\\base\\a.txt", L"C:\\outside\\a.txt", 0));
    cr_assert_str_eq(get_file(L"C:\\outside\\a.txt"), "hello");

    prjsim_drives_simulate_volume(NULL);
    expect_error(GetFileAttributesW(L"C:\\outside\\o.txt") != INVALID_FILE_ATTRIBUTES, ERROR_PATH_NOT_FOUND);
    cr_assert_str_eq(get_file(L"C:\\base\\o.txt"), "o", "inside the root nothing changed");
}
