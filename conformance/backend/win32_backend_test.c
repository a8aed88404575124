/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend's operations on a plain directory (no virtualization root), with the same
 * expectations on Linux (prjsim's Win32 layer over the simulator's volume) and on Windows
 * (kernel32 and ntdll; under Wine in CI): open and create dispositions, read, write, set size,
 * set basic information, delete disposition, rename, move, hard link, listings with a pattern,
 * a small buffer, restart and single entry, stat and remove. Each result is compared with the
 * NTSTATUS a Windows caller sees it as (prjsim_backend_is).
 */
#include "win32_backend_test.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const prjsim_backend *be = &prjsim_backend_win32;
static WCHAR dir[MAX_PATH];

/* dir\name */
static const WCHAR *at(const WCHAR *name)
{
    static WCHAR paths[8][MAX_PATH];
    static unsigned next;
    WCHAR *p = paths[next++ % 8];
    swprintf(p, MAX_PATH, L"%ls\\%ls", dir, name);
    return p;
}

#define IS(r, status) CHECK(prjsim_backend_is((r), (status)), "%s: kind %c code 0x%lx, expected %s", #r, (r).kind, \
                            (unsigned long)(r).code, #status)

static prjsim_backend_result open_(prjsim_backend_file **f, const WCHAR *path, uint32_t access, uint32_t disposition,
                                   uint32_t flags)
{
    prjsim_backend_open o = {path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, disposition,
                             flags, 0};
    return be->open(f, &o);
}

static void dispositions(void)
{
    prjsim_backend_file *f = NULL;
    IS(open_(&f, at(L"missing.txt"), GENERIC_READ, OPEN_EXISTING, 0), STATUS_OBJECT_NAME_NOT_FOUND);
    IS(open_(&f, at(L"no\\such.txt"), GENERIC_READ, OPEN_EXISTING, 0), STATUS_OBJECT_PATH_NOT_FOUND);
    IS(open_(&f, at(L"a.txt"), GENERIC_READ | GENERIC_WRITE, CREATE_NEW, 0), STATUS_SUCCESS);
    if (f)
        IS(be->close(f), STATUS_SUCCESS);
    IS(open_(&f, at(L"a.txt"), GENERIC_READ, CREATE_NEW, 0), STATUS_OBJECT_NAME_COLLISION);
    IS(open_(&f, at(L"a.txt"), GENERIC_READ, OPEN_ALWAYS, 0), STATUS_SUCCESS);
    if (f)
        be->close(f);
    IS(open_(&f, at(L"b.txt"), GENERIC_WRITE, OPEN_ALWAYS, 0), STATUS_SUCCESS);
    if (f)
        be->close(f);
    IS(open_(&f, at(L"missing.txt"), GENERIC_WRITE, TRUNCATE_EXISTING, 0), STATUS_OBJECT_NAME_NOT_FOUND);
    IS(open_(&f, at(L"d"), GENERIC_READ, CREATE_NEW, PRJSIM_OPEN_DIRECTORY), STATUS_SUCCESS);
    if (f)
        be->close(f);
    IS(open_(&f, at(L"a.txt"), GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY), STATUS_NOT_A_DIRECTORY);
    prjsim_file_info info;
    IS(be->stat(at(L"d"), &info), STATUS_SUCCESS);
    CHECK(info.basic.IsDirectory, "d is a directory");
    IS(be->stat(at(L"b.txt"), &info), STATUS_SUCCESS);
    CHECK(!info.basic.IsDirectory && info.basic.FileSize == 0 && info.link_count == 1, "b.txt: empty file, 1 link");
    IS(be->remove(at(L"b.txt"), false), STATUS_SUCCESS);
    IS(be->stat(at(L"b.txt"), &info), STATUS_OBJECT_NAME_NOT_FOUND);
}

static void data(void)
{
    prjsim_backend_file *f = NULL;
    IS(open_(&f, at(L"data.bin"), GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS, 0), STATUS_SUCCESS);
    if (!f)
        return;
    uint32_t n = 0;
    IS(be->write(f, 0, "hello, world", 12, &n), STATUS_SUCCESS);
    CHECK(n == 12, "wrote %u", n);
    IS(be->write(f, 7, "there", 5, &n), STATUS_SUCCESS);
    char buf[32] = {0};
    IS(be->read(f, 0, buf, sizeof buf, &n), STATUS_SUCCESS);
    CHECK(n == 12 && !memcmp(buf, "hello, there", 12), "read %u: %.12s", n, buf);
    IS(be->read(f, 12, buf, sizeof buf, &n), STATUS_END_OF_FILE);
    CHECK(n == 0, "read %u at the end", n);
    IS(be->set_size(f, 5), STATUS_SUCCESS);
    prjsim_file_info info;
    IS(be->query_info(f, &info), STATUS_SUCCESS);
    CHECK(info.basic.FileSize == 5, "size %lld after set_size", (long long)info.basic.FileSize);
    /* 2020-01-01 in FILETIME ticks; 0 leaves the others */
    const int64_t when = 132223104000000000LL;
    IS(be->set_basic(f, 0, 0, when, 0, 0), STATUS_SUCCESS);
    IS(be->query_info(f, &info), STATUS_SUCCESS);
    CHECK(info.basic.LastWriteTime.QuadPart == when, "last write %lld", (long long)info.basic.LastWriteTime.QuadPart);
    IS(be->close(f), STATUS_SUCCESS);
    void *whole = NULL;
    size_t size = 0;
    IS(be->read_file(at(L"data.bin"), &whole, &size), STATUS_SUCCESS);
    CHECK(size == 5 && whole && !memcmp(whole, "hello", 5), "read_file: %zu bytes", size);
    free(whole);
    IS(be->write_file(at(L"data.bin"), "xy", 2), STATUS_SUCCESS);
    IS(be->set_times(at(L"data.bin"), 0, 0, 0, 0, FILE_ATTRIBUTE_READONLY), STATUS_SUCCESS);
    prjsim_file_info ro;
    IS(be->stat(at(L"data.bin"), &ro), STATUS_SUCCESS);
    CHECK((ro.basic.FileAttributes & FILE_ATTRIBUTE_READONLY) && ro.basic.FileSize == 2, "attributes 0x%x size %lld",
          (unsigned)ro.basic.FileAttributes, (long long)ro.basic.FileSize);
    /* a read-only file does not delete (STATUS_CANNOT_DELETE: ERROR_ACCESS_DENIED) */
    IS(be->remove(at(L"data.bin"), false), STATUS_CANNOT_DELETE);
    IS(be->set_times(at(L"data.bin"), 0, 0, 0, 0, FILE_ATTRIBUTE_NORMAL), STATUS_SUCCESS);
    IS(be->remove(at(L"data.bin"), false), STATUS_SUCCESS);
}

static void names(void)
{
    IS(be->write_file(at(L"r1.txt"), "r", 1), STATUS_SUCCESS);
    prjsim_backend_file *f = NULL;
    IS(open_(&f, at(L"r1.txt"), GENERIC_READ | DELETE, OPEN_EXISTING, 0), STATUS_SUCCESS);
    if (f) {
        IS(be->rename(f, at(L"r2.txt"), false), STATUS_SUCCESS);
        IS(be->close(f), STATUS_SUCCESS);
    }
    prjsim_file_info info;
    IS(be->stat(at(L"r1.txt"), &info), STATUS_OBJECT_NAME_NOT_FOUND);
    IS(be->stat(at(L"r2.txt"), &info), STATUS_SUCCESS);
    IS(be->write_file(at(L"r3.txt"), "3", 1), STATUS_SUCCESS);
    IS(be->move(at(L"r2.txt"), at(L"r3.txt"), false), STATUS_OBJECT_NAME_COLLISION);
    IS(be->move(at(L"r2.txt"), at(L"r3.txt"), true), STATUS_SUCCESS);
    IS(be->link(at(L"r3.txt"), at(L"r4.txt")), STATUS_SUCCESS);
    IS(be->link(at(L"r3.txt"), at(L"r4.txt")), STATUS_OBJECT_NAME_COLLISION);
    IS(be->stat(at(L"r4.txt"), &info), STATUS_SUCCESS);
    CHECK(info.link_count == 2 && info.basic.FileSize == 1, "links %u size %lld", info.link_count,
          (long long)info.basic.FileSize);
    /* delete disposition: gone after the close */
    IS(open_(&f, at(L"r4.txt"), DELETE, OPEN_EXISTING, 0), STATUS_SUCCESS);
    if (f) {
        IS(be->set_disposition(f, true), STATUS_SUCCESS);
        IS(be->close(f), STATUS_SUCCESS);
    }
    IS(be->stat(at(L"r4.txt"), &info), STATUS_OBJECT_NAME_NOT_FOUND);
    IS(be->mkdir(at(L"full")), STATUS_SUCCESS);
    IS(be->write_file(at(L"full\\x.txt"), "x", 1), STATUS_SUCCESS);
    IS(be->remove(at(L"full"), true), STATUS_DIRECTORY_NOT_EMPTY);
    IS(be->remove(at(L"full\\x.txt"), false), STATUS_SUCCESS);
    IS(be->remove(at(L"full"), true), STATUS_SUCCESS);
}

/* Whether the entries hold exactly the names (in any order: Wine lists in the host's order),
 * besides "." and "..". */
static bool names_are(const prjsim_dir_entry *e, size_t n, const WCHAR *const *want, size_t nwant)
{
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!wcscmp(e[i].name, L".") || !wcscmp(e[i].name, L".."))
            continue;
        bool found = false;
        for (size_t k = 0; k < nwant; k++)
            found |= !wcscmp(e[i].name, want[k]);
        if (!found)
            return false;
        seen++;
    }
    return seen == nwant;
}

static void listings(void)
{
    IS(be->mkdir(at(L"list")), STATUS_SUCCESS);
    static const WCHAR *const all[] = {L"alpha.txt", L"beta.txt", L"gamma.dat", L"sub"};
    IS(be->write_file(at(L"list\\alpha.txt"), "a", 1), STATUS_SUCCESS);
    IS(be->write_file(at(L"list\\beta.txt"), "bb", 2), STATUS_SUCCESS);
    IS(be->write_file(at(L"list\\gamma.dat"), "ccc", 3), STATUS_SUCCESS);
    IS(be->mkdir(at(L"list\\sub")), STATUS_SUCCESS);
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    IS(be->list(at(L"list"), NULL, 0, &e, &n), STATUS_SUCCESS);
    CHECK(names_are(e, n, all, 4), "full listing: %zu entries", n);
    for (size_t i = 0; i < n; i++)
        if (!wcscmp(e[i].name, L"beta.txt"))
            CHECK(e[i].basic.FileSize == 2 && !e[i].basic.IsDirectory, "beta.txt listed with %lld bytes",
                  (long long)e[i].basic.FileSize);
        else if (!wcscmp(e[i].name, L"sub"))
            CHECK(e[i].basic.IsDirectory, "sub listed as a directory");
    prjsim_backend_free_entries(e);
    static const WCHAR *const txt[] = {L"alpha.txt", L"beta.txt"};
    IS(be->list(at(L"list"), L"*.txt", 0, &e, &n), STATUS_SUCCESS);
    CHECK(names_are(e, n, txt, 2), "*.txt: %zu entries", n);
    prjsim_backend_free_entries(e);
    /* a buffer with room for one record at a time (0x68 + name, 8-aligned) gives the same listing */
    IS(be->list(at(L"list"), NULL, 0x68 + 2 * 9 + 6, &e, &n), STATUS_SUCCESS);
    CHECK(names_are(e, n, all, 4), "listing one record at a time: %zu entries", n);
    prjsim_backend_free_entries(e);
    IS(be->list(at(L"list"), L"none*", 0, &e, &n), STATUS_SUCCESS);
    CHECK(n == 0, "no match: %zu entries", n);
    prjsim_backend_free_entries(e);
    /* a file is no directory to list (with a pattern: NtQueryDirectoryFile on its handle; Wine's
     * FindFirstFileExW says ERROR_INVALID_NAME where Windows' says ERROR_DIRECTORY) */
    IS(be->list(at(L"list\\alpha.txt"), L"*", 0, &e, &n), STATUS_NOT_A_DIRECTORY);

    /* one handle: single entries, the rest, restart with the same pattern (a restart without
     * one lists everything in the simulator and keeps the first pattern under Wine; NTFS's
     * answer is not pinned, so the test gives it again) */
    prjsim_backend_file *f = NULL;
    IS(open_(&f, at(L"list"), GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY), STATUS_SUCCESS);
    if (!f)
        return;
    for (int round = 0; round < 2; round++) {
        uint32_t flags = PRJSIM_QUERY_RETURN_SINGLE_ENTRY | (round ? PRJSIM_QUERY_RESTART_SCAN : 0);
        IS(be->query_directory(f, L"*.txt", flags, 0, &e, &n), STATUS_SUCCESS);
        CHECK(n == 1 && wcsstr(e[0].name, L".txt"), "*.txt, single entry (round %d): %zu entries", round, n);
        prjsim_backend_free_entries(e);
        IS(be->query_directory(f, NULL, 0, 0, &e, &n), STATUS_SUCCESS);
        CHECK(n == 1 && wcsstr(e[0].name, L".txt"), "the rest of *.txt (round %d): %zu entries", round, n);
        prjsim_backend_free_entries(e);
        IS(be->query_directory(f, NULL, 0, 0, &e, &n), STATUS_NO_MORE_FILES);
    }
    IS(be->close(f), STATUS_SUCCESS);
    /* a first query that matches nothing */
    IS(open_(&f, at(L"list"), GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY), STATUS_SUCCESS);
    if (f) {
        IS(be->query_directory(f, L"zzz*", 0, 0, &e, &n), STATUS_NO_SUCH_FILE);
        IS(be->close(f), STATUS_SUCCESS);
    }
}

int main(void)
{
    if (!seam_test_setup(dir, MAX_PATH)) {
        fprintf(stderr, "cannot make the test directory\n");
        return 1;
    }
    dispositions();
    data();
    names();
    listings();
    seam_test_teardown(dir);
    return CHECK_RESULT();
}
