/* SPDX-License-Identifier: MIT */
/*
 * Drive letters and paths: the drives directory (PRJSIM_DRIVES, the default temporary one,
 * prjsim_drives_set_root), the mapping of `X:\...` to the host, both separators, the case of
 * the drive letter, relative paths and the current directory, GetFullPathNameW, the temporary
 * directory, and the FILETIME helpers.
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

/* GetFullPathNameW into a static buffer, with the file part as an offset (-1 for NULL). */
static const WCHAR *full(PCWSTR in, int *part)
{
    static WCHAR buf[MAX_PATH];
    WCHAR *fp = NULL;
    DWORD n = GetFullPathNameW(in, MAX_PATH, buf, &fp);
    cr_assert(n > 0 && n < MAX_PATH, "GetFullPathNameW(%ls) = %u", in, (unsigned)n);
    cr_assert_eq(wcslen(buf), n);
    if (part)
        *part = fp ? (int)(fp - buf) : -1;
    return buf;
}

#define expect_full(in, want) \
    cr_assert(!wcscmp(full(in, NULL), want), "GetFullPathNameW(%ls) = %ls, want %ls", in, full(in, NULL), want)

Test(drives, env_variable_chooses_the_directory)
{
    char dir[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/prjsim-drives-env-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    cr_assert(mkdtemp(dir));
    strcpy(test_drives, dir);
    strcat(dir, "/nested/drives"); /* created on first use */
    setenv("PRJSIM_DRIVES", dir, 1);
    char *abs = NULL;
    cr_assert(CreateDirectoryW(L"C:\\made", NULL));
    cr_assert_str_eq(prjsim_drives_root(), dir);
    cr_assert(host_exists("C/made"));
    free(abs);
    remove_drives();
}

Test(drives, default_is_a_fresh_temporary_directory_removed_at_exit)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "/tmp/prjsim-drives-tmpdir-XXXXXX");
    cr_assert(mkdtemp(tmp));
    strcpy(test_drives, tmp);
    /* A separate process, so that its exit (and the clean-up at exit) is a real one. */
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "env -u PRJSIM_DRIVES TMPDIR='%s' '%s'", tmp, DRIVES_TEST_CHILD);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    char root[4096] = "";
    cr_assert(fgets(root, sizeof root, p));
    cr_assert_eq(pclose(p), 0);
    root[strcspn(root, "\n")] = 0;
    cr_assert(!strncmp(root, tmp, strlen(tmp)) && root[strlen(tmp)] == '/', "%s is under TMPDIR %s",
              root, tmp);
    struct stat st;
    cr_assert_neq(stat(root, &st), 0, "%s is removed at exit", root);
    cr_assert_eq(stat(tmp, &st), 0, "TMPDIR itself stays");
    remove_drives();
}

Test(drives, set_root, .fini = remove_drives)
{
    make_drives();
    cr_assert_str_eq(prjsim_drives_root(), test_drives);
    cr_assert_eq(prjsim_drives_set_root(""), E_INVALIDARG);
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/other", test_drives);
    cr_assert_eq(prjsim_drives_set_root(sub), S_OK);
    cr_assert_str_eq(prjsim_drives_root(), sub);
    cr_assert(CreateDirectoryW(L"Q:\\in-other", NULL));
    cr_assert(host_exists("Q/in-other"));
    cr_assert_eq(prjsim_drives_set_root(test_drives), S_OK);
    expect_error(GetFileAttributesW(L"Q:\\in-other") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
}

Test(drives, separators_and_drive_letter_case, .fini = remove_drives)
{
    make_drives();
    cr_assert(CreateDirectoryW(L"c:/d", NULL));
    HANDLE h = CreateFileW(L"C:/d\\f.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    CloseHandle(h);
    cr_assert(host_exists("C/d/f.txt"), "the drive folder is upper-case");
    cr_assert_eq(GetFileAttributesW(L"C:\\d\\f.txt"), (DWORD)FILE_ATTRIBUTE_ARCHIVE);
    cr_assert_eq(GetFileAttributesW(L"c:\\\\d//f.txt"), (DWORD)FILE_ATTRIBUTE_ARCHIVE);
    cr_assert_eq(GetFileAttributesW(L"\\\\?\\C:\\d\\f.txt"), (DWORD)FILE_ATTRIBUTE_ARCHIVE);
    char host[8192], want[8192];
    cr_assert_eq(prjsim_drives_to_host(L"c:/d/../d/f.txt", host, sizeof host), S_OK);
    snprintf(want, sizeof want, "%s/C/d/f.txt", test_drives);
    cr_assert_str_eq(host, want);
    cr_assert_eq(prjsim_drives_to_host(L"C:\\", host, sizeof host), S_OK);
    snprintf(want, sizeof want, "%s/C", test_drives);
    cr_assert_str_eq(host, want);
    cr_assert_eq(prjsim_drives_to_host(L"C:\\x", host, 4), HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    cr_assert_eq(prjsim_drives_to_host(L"\\\\server\\share\\x", host, sizeof host), E_INVALIDARG);
    cr_assert_eq(prjsim_drives_to_host(L"", host, sizeof host), E_INVALIDARG);
    expect_error(GetFileAttributesW(L"\\\\server\\share\\x") != INVALID_FILE_ATTRIBUTES, ERROR_BAD_NETPATH);
    /* Outside roots the host decides: names are case-sensitive (Windows: insensitive). */
    expect_error(GetFileAttributesW(L"C:\\D\\F.TXT") != INVALID_FILE_ATTRIBUTES, ERROR_PATH_NOT_FOUND);
    /* Every drive letter exists. */
    cr_assert(GetFileAttributesW(L"z:\\") & FILE_ATTRIBUTE_DIRECTORY);
}

Test(drives, full_path_names)
{
    expect_full(L"C:\\a\\.\\b\\..\\c", L"C:\\a\\c");
    expect_full(L"C:/a//b/", L"C:\\a\\b\\");
    expect_full(L"C:\\..\\..\\x", L"C:\\x");
    expect_full(L"C:\\a\\b\\..", L"C:\\a");
    expect_full(L"C:\\a\\b\\.", L"C:\\a\\b");
    expect_full(L"C:\\a\\b.. ", L"C:\\a\\b");
    expect_full(L"C:", L"C:\\");
    expect_full(L"C:\\", L"C:\\");
    expect_full(L"d:\\x", L"d:\\x");
    expect_full(L"rel\\f.txt", L"C:\\rel\\f.txt");
    expect_full(L"\\top", L"C:\\top");
    expect_full(L"D:rel", L"D:\\rel");
    expect_full(L"\\\\server\\share\\a\\..\\b", L"\\\\server\\share\\b");
    expect_full(L"\\\\?\\C:\\a\\..\\b", L"\\\\?\\C:\\a\\..\\b");
    int part;
    const WCHAR *p = full(L"C:\\dir\\file.txt", &part);
    cr_assert_eq(part, 7);
    cr_assert(!wcscmp(p + part, L"file.txt"));
    full(L"C:\\dir\\", &part);
    cr_assert_eq(part, -1, "no file part after a trailing separator");
    full(L"C:\\", &part);
    cr_assert_eq(part, -1);
    WCHAR small[4];
    cr_assert_eq(GetFullPathNameW(L"C:\\abc", 4, small, NULL), 7u, "needed size with the NUL");
    cr_assert_eq(GetFullPathNameW(L"C:\\abc", 0, NULL, NULL), 7u);
    cr_assert_eq(GetFullPathNameW(NULL, 4, small, NULL), 0u);
    cr_assert_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER);
    char narrow[MAX_PATH];
    char *np = NULL;
    cr_assert_eq(GetFullPathNameA("C:\\d\xc3\xa9j\xc3\xa0\\..\\\xc3\xa9t\xc3\xa9", MAX_PATH, narrow, &np),
                 strlen("C:\\\xc3\xa9t\xc3\xa9"));
    cr_assert_str_eq(narrow, "C:\\\xc3\xa9t\xc3\xa9");
    cr_assert_str_eq(np, "\xc3\xa9t\xc3\xa9");
    cr_assert_eq(GetFullPathNameA("C:\\abc", 3, narrow, NULL), 7u);
}

Test(drives, current_directory, .fini = remove_drives)
{
    make_drives();
    WCHAR buf[MAX_PATH];
    cr_assert_eq(GetCurrentDirectoryW(MAX_PATH, buf), 3u);
    cr_assert(!wcscmp(buf, L"C:\\"), "the default current directory");
    cr_assert(CreateDirectoryW(L"C:\\work", NULL));
    cr_assert(CreateDirectoryW(L"sub", NULL), "relative to C:\\");
    cr_assert(host_exists("C/sub"));
    cr_assert(SetCurrentDirectoryW(L"c:\\work\\"));
    cr_assert_eq(GetCurrentDirectoryW(MAX_PATH, buf), 7u);
    cr_assert(!wcscmp(buf, L"C:\\work"), "%ls", buf);
    cr_assert_eq(GetCurrentDirectoryW(3, buf), 8u, "needed size with the NUL");
    char nbuf[MAX_PATH];
    cr_assert_eq(GetCurrentDirectoryA(MAX_PATH, nbuf), 7u);
    cr_assert_str_eq(nbuf, "C:\\work");
    HANDLE h = CreateFileW(L"rel.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    CloseHandle(h);
    cr_assert(host_exists("C/work/rel.txt"));
    expect_full(L"..\\x", L"C:\\x");
    expect_full(L"C:y", L"C:\\work\\y");
    expect_full(L"D:y", L"D:\\y");
    expect_full(L"\\y", L"C:\\y");
    expect_full(L".", L"C:\\work");
    cr_assert_eq(GetFileAttributesW(L".\\rel.txt"), (DWORD)FILE_ATTRIBUTE_ARCHIVE);
    expect_error(SetCurrentDirectoryW(L"C:\\nope"), ERROR_FILE_NOT_FOUND);
    expect_error(SetCurrentDirectoryW(L"C:\\nope\\deeper"), ERROR_PATH_NOT_FOUND);
    expect_error(SetCurrentDirectoryW(L"rel.txt"), ERROR_DIRECTORY);
    expect_error(SetCurrentDirectoryA(NULL), ERROR_INVALID_PARAMETER);
    cr_assert(SetCurrentDirectoryA(".."));
    cr_assert_eq(GetCurrentDirectoryW(MAX_PATH, buf), 3u);
    cr_assert(!wcscmp(buf, L"C:\\"));
}

Test(drives, temporary_files, .fini = remove_drives)
{
    make_drives();
    WCHAR dir[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, dir);
    cr_assert_eq(n, wcslen(L"C:\\Temp\\"));
    cr_assert(!wcscmp(dir, L"C:\\Temp\\"));
    cr_assert(GetFileAttributesW(dir) & FILE_ATTRIBUTE_DIRECTORY, "it exists");
    cr_assert_eq(GetTempPathW(2, dir), n + 1);
    char ndir[MAX_PATH];
    cr_assert_eq(GetTempPathA(MAX_PATH, ndir), n);
    cr_assert_str_eq(ndir, "C:\\Temp\\");
    WCHAR name[MAX_PATH];
    UINT u = GetTempFileNameW(L"C:\\Temp", L"prjsim", 0, name);
    cr_assert_neq(u, 0u);
    cr_assert(!wcsncmp(name, L"C:\\Temp\\prj", 11), "%ls", name);
    cr_assert(!wcscmp(name + wcslen(name) - 4, L".TMP"));
    cr_assert_eq(GetFileAttributesW(name), (DWORD)FILE_ATTRIBUTE_ARCHIVE, "the file was created");
    WCHAR other[MAX_PATH];
    cr_assert_neq(GetTempFileNameW(L"C:\\Temp\\", L"prjsim", 0, other), u);
    cr_assert_eq(GetTempFileNameW(L"C:\\Temp", L"ab", 0x1F, other), 0x1Fu);
    cr_assert(!wcscmp(other, L"C:\\Temp\\ab1F.TMP"), "%ls", other);
    char nname[MAX_PATH];
    cr_assert_neq(GetTempFileNameA("C:\\Temp", "n", 0, nname), 0u);
    cr_assert(!strncmp(nname, "C:\\Temp\\n", 9));
}

Test(drives, file_times)
{
    SYSTEMTIME s = {2024, 1, 0, 1, 0, 0, 0, 0};
    FILETIME ft;
    cr_assert(SystemTimeToFileTime(&s, &ft));
    UINT64 t = ((UINT64)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    cr_assert_eq(t, 133485408000000000ull, "2024-01-01 in FILETIME ticks");
    SYSTEMTIME back;
    cr_assert(FileTimeToSystemTime(&ft, &back));
    cr_assert_eq(back.wYear, 2024);
    cr_assert_eq(back.wMonth, 1);
    cr_assert_eq(back.wDay, 1);
    cr_assert_eq(back.wDayOfWeek, 1, "a Monday");
    SYSTEMTIME leap = {2000, 2, 0, 29, 23, 59, 58, 999};
    cr_assert(SystemTimeToFileTime(&leap, &ft));
    cr_assert(FileTimeToSystemTime(&ft, &back));
    cr_assert_eq(back.wDay, 29);
    cr_assert_eq(back.wHour, 23);
    cr_assert_eq(back.wSecond, 58);
    cr_assert_eq(back.wMilliseconds, 999);
    cr_assert_eq(back.wDayOfWeek, 2, "2000-02-29 was a Tuesday");
    SYSTEMTIME epoch = {1601, 1, 0, 1, 0, 0, 0, 0};
    cr_assert(SystemTimeToFileTime(&epoch, &ft));
    cr_assert_eq(ft.dwLowDateTime, 0u);
    cr_assert_eq(ft.dwHighDateTime, 0u);
    SYSTEMTIME bad = {2023, 2, 0, 29, 0, 0, 0, 0};
    expect_error(SystemTimeToFileTime(&bad, &ft), ERROR_INVALID_PARAMETER);
    bad.wMonth = 13;
    expect_error(SystemTimeToFileTime(&bad, &ft), ERROR_INVALID_PARAMETER);
    FILETIME huge = {0, 0x80000000u};
    expect_error(FileTimeToSystemTime(&huge, &back), ERROR_INVALID_PARAMETER);
    FILETIME a = {1, 0}, b = {0, 1};
    cr_assert_eq(CompareFileTime(&a, &b), -1);
    cr_assert_eq(CompareFileTime(&b, &a), 1);
    cr_assert_eq(CompareFileTime(&a, &a), 0);
}

/*
 * A new simulation gets the hook that finds host directories even when it is allocated where
 * a destroyed one was (the hook was once remembered by address: a provider program reloaded
 * on a new simulation then could not mark its root, found by prjconf --random).
 */
Test(drives, every_new_simulation_sees_the_host, .fini = remove_drives)
{
    make_drives();
    char root[4200];
    snprintf(root, sizeof root, "%s/C", test_drives);
    mkdir(root, 0777);
    strcat(root, "/HostRoot");
    cr_assert(mkdir(root, 0777) == 0);
    prjsim_sim *before = prjsim_sim_current();
    void *last = NULL;
    bool reused = false;
    for (int i = 0; i < 20; i++) {
        prjsim_sim *sim;
        cr_assert_eq(prjsim_sim_create(&sim, NULL), S_OK);
        reused = reused || (void *)sim == last;
        last = sim;
        prjsim_sim_set_current(sim);
        prjsim_win_files_init();
        GUID id = {(unsigned long)i + 1, 0, 0, {0}};
        HRESULT hr = PrjMarkDirectoryAsPlaceholder(L"C:\\HostRoot", NULL, NULL, &id);
        cr_expect(hr == S_OK || hr == HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED),
                  "simulation %d: PrjMarkDirectoryAsPlaceholder 0x%08x", i, (unsigned)hr);
        prjsim_sim_set_current(before);
        prjsim_sim_destroy(sim);
    }
    cr_log_info("a simulation reused a destroyed one's address: %s", reused ? "yes" : "no");
}
