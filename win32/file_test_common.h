/* SPDX-License-Identifier: MIT */
/*
 * Shared set-up of the Win32 file API tests.
 *
 * Every test process gets its own drives directory (a mkdtemp directory made the drives root
 * with prjsim_drives_set_root), so tests running in parallel never share a path.
 *
 * Most cases run in two places with identical paths: `C:\base` on the host, and `C:\base` as a
 * virtualization root served by memtree. The same tree is in both: on the host written with
 * the file API before the case, in the root projected by the provider (so the case's I/O
 * meets virtual items and triggers callbacks). BOTH_PLACES(suite, name) declares such a case.
 */
#ifndef PRJSIM_WIN32_FILE_TEST_COMMON_H
#define PRJSIM_WIN32_FILE_TEST_COMMON_H

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <ftw.h>
#include <memtree.h>
#include <prjsim.h>
#include <prjsim/drives.h>
#include <shlwapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <windows.h>

typedef enum place { ON_HOST, IN_ROOT } place;

static char test_drives[4096];
static memtree *test_tree;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT test_ctx;
static place test_place;

/* The tree of every case: files carry ARCHIVE, as files the host creates do. */
static const char test_manifest[] =
    "file a.txt content=\"hello\" attr=archive\n"
    "file b.txt content=\"bee\" attr=archive\n"
    "file c.dat content=\"12345678\" attr=archive\n"
    "file x content=\"x\" attr=archive\n"
    "file ro.txt content=\"ro\" attr=readonly,archive\n"
    "file dir\\inner.txt content=\"inner\" attr=archive\n"
    "dir empty\n";

static inline const char *place_name(void)
{
    return test_place == ON_HOST ? "host" : "root";
}

static inline const char *err_name(DWORD e)
{
    const char *n = prjsim_win32_error_name(e);
    return n ? n : "?";
}

/* Asserts that @p ok is false and the last error is @p want. */
#define expect_error(ok, want)                                                              \
    do {                                                                                    \
        BOOL ok_ = (ok);                                                                    \
        DWORD got_ = GetLastError();                                                        \
        cr_assert(!ok_, "[%s] %s: succeeded, expected %s", place_name(), #ok, err_name(want)); \
        cr_assert_eq(got_, (DWORD)(want), "[%s] %s: expected %s (%u), got %s (%u)", place_name(), \
                     #ok, err_name(want), (unsigned)(want), err_name(got_), (unsigned)got_);    \
    } while (0)

#define expect_ok(ok)                                                                       \
    do {                                                                                    \
        BOOL ok_ = (ok);                                                                    \
        DWORD got_ = GetLastError();                                                        \
        cr_assert(ok_, "[%s] %s failed: %s (%u)", place_name(), #ok, err_name(got_),        \
                  (unsigned)got_);                                                          \
    } while (0)

static inline int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* A fresh drives directory for this test process. */
static inline void make_drives(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(test_drives, sizeof test_drives, "%s/prjsim-files-test-XXXXXX",
             tmp && tmp[0] ? tmp : "/tmp");
    cr_assert(mkdtemp(test_drives), "mkdtemp");
    cr_assert_eq(prjsim_drives_set_root(test_drives), S_OK);
}

static inline void remove_drives(void)
{
    if (test_drives[0])
        nftw(test_drives, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes a whole file with the file API (CREATE_ALWAYS). */
static inline void put_file(PCWSTR path, const char *content)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "create %ls: %s", path, err_name(GetLastError()));
    DWORD n = 0;
    cr_assert(WriteFile(h, content, (DWORD)strlen(content), &n, NULL));
    cr_assert_eq(n, strlen(content));
    cr_assert(CloseHandle(h));
}

/* Reads a whole file with the file API into a static buffer ("" on failure is an assert). */
static inline const char *get_file(PCWSTR path)
{
    static char buf[4096];
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "[%s] open %ls: %s", place_name(), path,
                  err_name(GetLastError()));
    DWORD n = 0;
    cr_assert(ReadFile(h, buf, sizeof buf - 1, &n, NULL));
    buf[n] = 0;
    cr_assert(CloseHandle(h));
    return buf;
}

/* The tree of test_manifest, written on the host under @p base. */
static inline void populate_host(PCWSTR base)
{
    WCHAR p[MAX_PATH];
    static const struct {
        const WCHAR *name;
        const char *content;
    } files[] = {{L"a.txt", "hello"}, {L"b.txt", "bee"}, {L"c.dat", "12345678"}, {L"x", "x"},
                 {L"ro.txt", "ro"},   {L"dir\\inner.txt", "inner"}};
    swprintf(p, MAX_PATH, L"%ls\\dir", base);
    cr_assert(CreateDirectoryW(p, NULL));
    swprintf(p, MAX_PATH, L"%ls\\empty", base);
    cr_assert(CreateDirectoryW(p, NULL));
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        swprintf(p, MAX_PATH, L"%ls\\%ls", base, files[i].name);
        put_file(p, files[i].content);
    }
    swprintf(p, MAX_PATH, L"%ls\\ro.txt", base);
    cr_assert(SetFileAttributesW(p, FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE));
}

/* Starts memtree with test_manifest on the existing directory @p root. */
static inline void start_root(PCWSTR root)
{
    char err[256] = "";
    cr_assert_eq(memtree_create(&test_tree), S_OK);
    cr_assert_eq(memtree_parse_manifest(test_tree, test_manifest, "test", err, sizeof err), S_OK,
                 "%s", err);
    cr_assert_eq(memtree_start(test_tree, root, NULL, &test_ctx), S_OK);
}

static inline void setup_place(place where)
{
    test_place = where;
    make_drives();
    cr_assert(CreateDirectoryW(L"C:\\base", NULL), "%s", err_name(GetLastError()));
    if (where == ON_HOST)
        populate_host(L"C:\\base");
    else
        start_root(L"C:\\base");
}

static inline void teardown_place(void)
{
    if (test_ctx)
        PrjStopVirtualizing(test_ctx);
    test_ctx = NULL;
    memtree_destroy(test_tree);
    test_tree = NULL;
    remove_drives();
}

/* A case run once on the host and once inside a root, with the same paths. */
#define BOTH_PLACES(suite, name)                                                          \
    static void name##_body(void);                                                        \
    ParameterizedTestParameters(suite, name)                                              \
    {                                                                                     \
        static place places[] = {ON_HOST, IN_ROOT};                                       \
        return cr_make_param_array(place, places, 2);                                     \
    }                                                                                     \
    ParameterizedTest(place *where, suite, name, .fini = teardown_place)                  \
    {                                                                                     \
        setup_place(*where);                                                              \
        name##_body();                                                                    \
    }                                                                                     \
    static void name##_body(void)

#endif
