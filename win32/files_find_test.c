/* SPDX-License-Identifier: MIT */
/*
 * FindFirstFile/FindNextFile/FindClose: patterns, order, `.` and `..`, and the errors, on the
 * host and inside a root (file_test_common.h). Inside the root the pattern reaches the provider
 * in the form kernel32 gives it (`?` -> `>`, `*.txt` -> `<.txt`), checked through the trace.
 */
#include "file_test_common.h"

/* Lists @p pattern into "name,name,..." (or the error name). */
static const char *list(PCWSTR pattern)
{
    static char out[1024];
    out[0] = 0;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE) {
        snprintf(out, sizeof out, "%s", err_name(GetLastError()));
        return out;
    }
    do {
        char name[8192];
        snprintf(name, sizeof name, "%ls", fd.cFileName);
        if (out[0])
            strncat(out, ",", sizeof out - strlen(out) - 1);
        strncat(out, name, sizeof out - strlen(out) - 1);
    } while (FindNextFileW(h, &fd));
    cr_assert_eq(GetLastError(), (DWORD)ERROR_NO_MORE_FILES, "the end of a listing: %s",
                 err_name(GetLastError()));
    cr_assert(FindClose(h));
    return out;
}

#define expect_list(pattern, want)                                                          \
    do {                                                                                    \
        const char *got_ = list(pattern);                                                   \
        cr_assert_str_eq(got_, want, "[%s] %ls: got %s, want %s", place_name(), pattern, got_, \
                         want);                                                             \
    } while (0)

BOTH_PLACES(find, patterns)
{
    expect_list(L"C:\\base\\*", ".,..,a.txt,b.txt,c.dat,dir,empty,ro.txt,x");
    expect_list(L"C:\\base\\*.*", ".,..,a.txt,b.txt,c.dat,dir,empty,ro.txt,x");
    expect_list(L"C:\\base\\*.txt", "a.txt,b.txt,ro.txt");
    /*
     * Whether "." matches DOS_QM is the name matcher's call (PrjFileNameMatch); the Win32 layer
     * only has to agree with it on the host and in the root.
     */
    const char *one_char = PrjFileNameMatch(L".", L">") ? ".,x" : "x";
    expect_list(L"C:\\base\\?", one_char);
    expect_list(L"C:\\base\\?.txt", "a.txt,b.txt");
    expect_list(L"C:\\base\\B.TXT", "b.txt");
    expect_list(L"C:\\base\\b.txt", "b.txt");
    expect_list(L"C:\\base\\dir", "dir");
    expect_list(L"C:\\base\\*.", ".,..,dir,empty,x");
    expect_list(L"C:\\base\\dir\\*", ".,..,inner.txt");
    expect_list(L"C:/base/dir/*", ".,..,inner.txt");
    expect_list(L"C:\\base\\empty\\*", ".,..");
    expect_list(L"C:\\base\\*.none", "ERROR_FILE_NOT_FOUND");
    expect_list(L"C:\\base\\empty\\x*", "ERROR_FILE_NOT_FOUND");
    expect_list(L"C:\\base\\nope\\*", "ERROR_PATH_NOT_FOUND");
    expect_list(L"C:\\base\\nope\\deeper\\*", "ERROR_PATH_NOT_FOUND");
    expect_list(L"C:\\base\\a.txt\\*", "ERROR_DIRECTORY");
    expect_list(L"C:\\base\\dir\\", "ERROR_FILE_NOT_FOUND");
    expect_list(L"C:\\ba*\\*", "ERROR_INVALID_NAME");
}

BOTH_PLACES(find, entry_data)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(L"C:\\base\\c.dat", &fd);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_eq(fd.nFileSizeLow, 8u);
    cr_assert_eq(fd.nFileSizeHigh, 0u);
    cr_assert(!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY));
    cr_assert(fd.dwFileAttributes & FILE_ATTRIBUTE_ARCHIVE);
    cr_assert_eq(fd.cAlternateFileName[0], 0);
    cr_assert(FindClose(h));
    h = FindFirstFileW(L"C:\\base\\emp*", &fd);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY);
    cr_assert(!wcscmp(fd.cFileName, L"empty"));
    cr_assert(FindClose(h));
}

BOTH_PLACES(find, handles)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(L"C:\\base\\*", &fd);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    expect_error(CloseHandle(h), ERROR_INVALID_HANDLE); /* a find handle is not a kernel handle */
    cr_assert(FindNextFileW(h, &fd), "still usable");
    cr_assert(FindClose(h));
    expect_error(FindClose(h), ERROR_INVALID_HANDLE);
    expect_error(FindNextFileW(h, &fd), ERROR_INVALID_HANDLE);
    expect_error(FindClose(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);
    HANDLE file = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(file, INVALID_HANDLE_VALUE);
    expect_error(FindClose(file), ERROR_INVALID_HANDLE);
    expect_error(FindNextFileW(file, &fd), ERROR_INVALID_HANDLE);
    cr_assert(CloseHandle(file));
}

BOTH_PLACES(find, first_file_ex)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(L"C:\\base\\*.dat", FindExInfoBasic, &fd, FindExSearchNameMatch,
                                NULL, FIND_FIRST_EX_LARGE_FETCH);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert(!wcscmp(fd.cFileName, L"c.dat"));
    expect_error(FindNextFileW(h, &fd), ERROR_NO_MORE_FILES);
    expect_error(FindNextFileW(h, &fd), ERROR_NO_MORE_FILES);
    cr_assert(FindClose(h));
    h = FindFirstFileExW(L"C:\\base\\*", FindExInfoStandard, &fd, FindExSearchLimitToDirectories,
                         NULL, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "limit-to-directories is advisory");
    cr_assert(FindClose(h));
    h = FindFirstFileExW(L"C:\\base\\*", FindExInfoMaxInfoLevel, &fd, FindExSearchNameMatch, NULL, 0);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    h = FindFirstFileExW(L"C:\\base\\*", FindExInfoStandard, &fd, FindExSearchLimitToDevices, NULL, 0);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    h = FindFirstFileExW(L"C:\\base\\*", FindExInfoStandard, &fd, FindExSearchNameMatch, &fd, 0);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    h = FindFirstFileExW(L"C:\\base\\*", FindExInfoStandard, &fd, FindExSearchNameMatch, NULL, 0x100);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
}

BOTH_PLACES(find, relative_patterns)
{
    cr_assert(SetCurrentDirectoryW(L"C:\\base\\dir"));
    expect_list(L"*", ".,..,inner.txt");
    expect_list(L"..\\?", PrjFileNameMatch(L".", L">") ? ".,x" : "x");
    expect_list(L"C:*.txt", "inner.txt");
    cr_assert(SetCurrentDirectoryW(L"C:\\"));
    expect_list(L"base\\b*", "b.txt");
}

BOTH_PLACES(find, narrow)
{
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA("C:\\base\\*.txt", &fd);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_str_eq(fd.cFileName, "a.txt");
    cr_assert_eq(fd.nFileSizeLow, 5u);
    cr_assert(FindNextFileA(h, &fd));
    cr_assert_str_eq(fd.cFileName, "b.txt");
    cr_assert(FindNextFileA(h, &fd));
    expect_error(FindNextFileA(h, &fd), ERROR_NO_MORE_FILES);
    cr_assert(FindClose(h));
    h = FindFirstFileExA("C:\\base\\nope\\*", FindExInfoStandard, &fd, FindExSearchNameMatch, NULL, 0);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
}

/* A drive's root directory has no "." and "..". */
Test(find, drive_root_has_no_dots, .fini = remove_drives)
{
    make_drives();
    cr_assert(CreateDirectoryW(L"D:\\only", NULL));
    cr_assert_str_eq(list(L"D:\\*"), "only");
    cr_assert_str_eq(list(L"D:\\o*"), "only");
}

/* Inside a root, the provider sees the pattern as kernel32 rewrites it. */
Test(find, provider_sees_nt_patterns, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    prjsim_sim *sim = prjsim_sim_current();
    struct {
        const WCHAR *pattern;
        const char *search;
    } cases[] = {
        {L"C:\\base\\*", "search=\"*\""},          {L"C:\\base\\*.*", "search=\"*\""},
        {L"C:\\base\\?", "search=\">\""},          {L"C:\\base\\*.txt", "search=\"<.txt\""},
        {L"C:\\base\\?.txt", "search=\">.txt\""}, {L"C:\\base\\b.txt", "search=\"b.txt\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t mark = prjsim_trace_count(sim);
        list(cases[i].pattern);
        bool seen = false;
        prjsim_trace_record r;
        for (size_t at = mark; prjsim_trace_get(sim, at, &r); at++)
            if (strstr(r.text, "cb GetDirectoryEnumeration") && strstr(r.text, cases[i].search))
                seen = true;
        cr_assert(seen, "%ls: expected a GetDirectoryEnumeration with %s", cases[i].pattern,
                  cases[i].search);
    }
    cr_assert_eq(memtree_open_sessions(test_tree), 0u, "FindClose ends the enumeration session");
}

/* FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY drops what exists only in the provider's store. */
Test(find, on_disk_entries_only, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "bee"); /* b.txt is now on disk */
    cr_assert(CreateDirectoryW(L"C:\\base\\local", NULL));
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(L"C:\\base\\*", FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
                                FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    char names[256] = "";
    do {
        char n[8192];
        snprintf(n, sizeof n, "%ls,", fd.cFileName);
        strncat(names, n, sizeof names - strlen(names) - 1);
    } while (FindNextFileW(h, &fd));
    cr_assert(FindClose(h));
    cr_assert_str_eq(names, ".,..,b.txt,local,");
}
