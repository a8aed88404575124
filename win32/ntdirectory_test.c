/* SPDX-License-Identifier: MIT */
/*
 * NtQueryDirectoryFile, on the host and inside a root: every information class lists the same
 * names; the records chain by NextEntryOffset (8-byte aligned, 0 for the last) and
 * IoStatusBlock.Information ends at the last name; the budget of a Length is a Windows buffer of
 * Length / 2 (DEVIATIONS W14); single entry, restart, the filter kept by the handle; the statuses
 * of the end, of no match, of a too small buffer and of bad arguments.
 */
#include "file_test_common.h"

#include <ntifs.h>
#include <stddef.h>
#include <wchar.h>

/* The layouts: Windows' offsets up to the first WCHAR array, ours (4-byte WCHAR) after. */
_Static_assert(offsetof(FILE_DIRECTORY_INFORMATION, FileName) == 0x40, "FILE_DIRECTORY_INFORMATION");
_Static_assert(offsetof(FILE_FULL_DIR_INFORMATION, FileName) == 0x44, "FILE_FULL_DIR_INFORMATION");
_Static_assert(offsetof(FILE_ID_FULL_DIR_INFORMATION, FileName) == 0x50, "FILE_ID_FULL_DIR_INFORMATION");
_Static_assert(offsetof(FILE_BOTH_DIR_INFORMATION, ShortName) == 0x48, "FILE_BOTH_DIR_INFORMATION");
_Static_assert(offsetof(FILE_BOTH_DIR_INFORMATION, FileName) == 0x78, "FILE_BOTH_DIR_INFORMATION");
_Static_assert(offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileId) == 0x78, "FILE_ID_BOTH_DIR_INFORMATION");
_Static_assert(offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName) == 0x80, "FILE_ID_BOTH_DIR_INFORMATION");
_Static_assert(offsetof(FILE_NAMES_INFORMATION, FileName) == 0x0C, "FILE_NAMES_INFORMATION");

/* Every name of C:\base, in collation order. */
static const WCHAR *const all_names[] = {L".", L"..", L"a.txt", L"b.txt", L"c.dat", L"dir", L"empty", L"ro.txt", L"x"};
#define ALL_COUNT (sizeof all_names / sizeof all_names[0])

static HANDLE open_dir(PCWSTR path, DWORD access)
{
    HANDLE h = CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "[%s] open %ls: %s", place_name(), path, err_name(GetLastError()));
    return h;
}

static NTSTATUS query(HANDLE h, void *buf, ULONG len, FILE_INFORMATION_CLASS cls, bool single, PCWSTR pattern,
                      bool restart, IO_STATUS_BLOCK *io)
{
    UNICODE_STRING us;
    if (pattern)
        RtlInitUnicodeString(&us, pattern);
    memset(io, 0xAB, sizeof *io);
    return NtQueryDirectoryFile(h, NULL, NULL, NULL, io, buf, len, cls, single, pattern ? &us : NULL, restart);
}

/* Where FileNameLength and FileName are in a record of @p cls. */
static void name_fields(FILE_INFORMATION_CLASS cls, size_t *len_at, size_t *name_at)
{
    switch (cls) {
    case FileNamesInformation:
        *len_at = offsetof(FILE_NAMES_INFORMATION, FileNameLength);
        *name_at = offsetof(FILE_NAMES_INFORMATION, FileName);
        return;
    case FileDirectoryInformation:
        *name_at = offsetof(FILE_DIRECTORY_INFORMATION, FileName);
        break;
    case FileFullDirectoryInformation:
        *name_at = offsetof(FILE_FULL_DIR_INFORMATION, FileName);
        break;
    case FileIdFullDirectoryInformation:
        *name_at = offsetof(FILE_ID_FULL_DIR_INFORMATION, FileName);
        break;
    case FileBothDirectoryInformation:
        *name_at = offsetof(FILE_BOTH_DIR_INFORMATION, FileName);
        break;
    default:
        *name_at = offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName);
        break;
    }
    *len_at = offsetof(FILE_DIRECTORY_INFORMATION, FileNameLength);
}

/*
 * Walks the records of one answer, checking the chain, and appends their names to @p names
 * (each malloc'd); returns how many there were.
 */
static size_t walk(const void *buf, const IO_STATUS_BLOCK *io, FILE_INFORMATION_CLASS cls, WCHAR **names,
                   size_t *n, size_t cap)
{
    size_t len_at, name_at, at = 0, got = 0;
    name_fields(cls, &len_at, &name_at);
    for (;;) {
        const char *rec = (const char *)buf + at;
        ULONG next, len;
        memcpy(&next, rec, sizeof next);
        memcpy(&len, rec + len_at, sizeof len);
        cr_assert_eq(len % sizeof(WCHAR), 0u, "[%s] FileNameLength %u", place_name(), (unsigned)len);
        cr_assert(*n < cap, "[%s] too many entries", place_name());
        WCHAR *name = calloc(len / sizeof(WCHAR) + 1, sizeof(WCHAR));
        cr_assert(name);
        memcpy(name, rec + name_at, len);
        names[(*n)++] = name;
        got++;
        if (!next) {
            cr_expect_eq(io->Information, at + name_at + len, "[%s] Information %zu, records end at %zu",
                         place_name(), (size_t)io->Information, at + name_at + len);
            return got;
        }
        cr_assert_eq(next % 8, 0u, "[%s] NextEntryOffset %u not 8-byte aligned", place_name(), (unsigned)next);
        cr_assert_geq(next, name_at + len, "[%s] records overlap", place_name());
        at += next;
    }
}

static void expect_names(WCHAR **names, size_t n, const WCHAR *const *want, size_t want_n, const char *what)
{
    cr_expect_eq(n, want_n, "[%s] %s: %zu entries, expected %zu", place_name(), what, n, want_n);
    for (size_t i = 0; i < n && i < want_n; i++)
        cr_expect(!wcscmp(names[i], want[i]), "[%s] %s: entry %zu is %ls, expected %ls", place_name(), what, i,
                  names[i], want[i]);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
}

/* Lists the whole directory with @p cls and buffers of @p len bytes; checks the end status. */
static size_t list_all(HANDLE h, FILE_INFORMATION_CLASS cls, ULONG len, WCHAR **names, size_t cap, size_t *calls)
{
    void *buf = malloc(len);
    cr_assert(buf);
    size_t n = 0;
    IO_STATUS_BLOCK io;
    NTSTATUS st;
    *calls = 0;
    while ((st = query(h, buf, len, cls, false, NULL, false, &io)) == STATUS_SUCCESS) {
        cr_assert_eq(io.Status, STATUS_SUCCESS);
        walk(buf, &io, cls, names, &n, cap);
        ++*calls;
        cr_assert(*calls < 100, "[%s] the listing does not end", place_name());
    }
    cr_expect_eq(st, STATUS_NO_MORE_FILES, "[%s] the end: 0x%08x", place_name(), (unsigned)st);
    cr_expect_eq(io.Information, 0u);
    free(buf);
    return n;
}

BOTH_PLACES(ntdirectory, every_class_lists_the_names)
{
    static const FILE_INFORMATION_CLASS classes[] = {FileDirectoryInformation,       FileFullDirectoryInformation,
                                                     FileBothDirectoryInformation,   FileNamesInformation,
                                                     FileIdBothDirectoryInformation, FileIdFullDirectoryInformation};
    for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
        WCHAR *names[32];
        size_t calls;
        size_t n = list_all(h, classes[c], 4096, names, 32, &calls);
        cr_expect_eq(calls, 1u, "[%s] class %d: %zu calls for 9 entries in 4096 bytes", place_name(), classes[c],
                     calls);
        expect_names(names, n, all_names, ALL_COUNT, "listing");
        expect_ok(CloseHandle(h));
    }
}

BOTH_PLACES(ntdirectory, record_fields)
{
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    static char buf[4096];
    IO_STATUS_BLOCK io;
    UNICODE_STRING one;
    RtlInitUnicodeString(&one, L"c.dat");
    cr_assert_eq(NtQueryDirectoryFile(h, NULL, NULL, NULL, &io, buf, sizeof buf, FileIdBothDirectoryInformation,
                                      FALSE, &one, FALSE),
                 STATUS_SUCCESS);
    const FILE_ID_BOTH_DIR_INFORMATION *r = (const FILE_ID_BOTH_DIR_INFORMATION *)buf;
    cr_expect_eq(r->NextEntryOffset, 0u);
    cr_expect_eq(r->EndOfFile.QuadPart, 8);
    cr_expect_eq(r->AllocationSize.QuadPart, 4096);
    cr_expect(r->FileAttributes & FILE_ATTRIBUTE_ARCHIVE, "[%s] attributes 0x%x", place_name(),
              (unsigned)r->FileAttributes);
    cr_expect(!(r->FileAttributes & FILE_ATTRIBUTE_DIRECTORY));
    cr_expect_eq(r->FileNameLength, 5 * sizeof(WCHAR));
    cr_expect_eq(r->ShortNameLength, 0);
    cr_expect_neq(r->LastWriteTime.QuadPart, 0);
    cr_expect_eq(io.Information, offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName) + 5 * sizeof(WCHAR));
    expect_ok(CloseHandle(h));

    h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    RtlInitUnicodeString(&one, L"dir");
    cr_assert_eq(NtQueryDirectoryFile(h, NULL, NULL, NULL, &io, buf, sizeof buf, FileDirectoryInformation, FALSE,
                                      &one, FALSE),
                 STATUS_SUCCESS);
    const FILE_DIRECTORY_INFORMATION *d = (const FILE_DIRECTORY_INFORMATION *)buf;
    cr_expect(d->FileAttributes & FILE_ATTRIBUTE_DIRECTORY);
    cr_expect_eq(d->EndOfFile.QuadPart, 0);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(ntdirectory, budget_is_half_the_length)
{
    /* "." and ".." cost 0x70 each as Windows lays them out, "a.txt" 0x78: a Windows buffer of
     * 0xE0 bytes takes the first two, then one at a time. */
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    WCHAR *names[32];
    size_t n = 0;
    static char buf[0x400];
    IO_STATUS_BLOCK io;
    ULONG len = PRJSIM_DIRECTORY_LENGTH_FOR(0xE0);
    cr_assert_eq(query(h, buf, len, FileIdBothDirectoryInformation, false, NULL, false, &io), STATUS_SUCCESS);
    cr_expect_eq(walk(buf, &io, FileIdBothDirectoryInformation, names, &n, 32), 2u);
    cr_assert_eq(query(h, buf, len, FileIdBothDirectoryInformation, false, NULL, false, &io), STATUS_SUCCESS);
    cr_expect_eq(walk(buf, &io, FileIdBothDirectoryInformation, names, &n, 32), 1u);
    static const WCHAR *const first3[] = {L".", L"..", L"a.txt"};
    expect_names(names, n, first3, 3, "budget 0xE0");

    /* Room for the fixed part, not for one entry's budget: too small, and nothing is lost. */
    cr_expect_eq(query(h, buf, PRJSIM_DIRECTORY_LENGTH_FOR(0x60), FileIdBothDirectoryInformation, false, NULL, false,
                       &io),
                 STATUS_BUFFER_TOO_SMALL);
    n = 0;
    cr_assert_eq(query(h, buf, sizeof buf, FileNamesInformation, true, NULL, false, &io), STATUS_SUCCESS);
    walk(buf, &io, FileNamesInformation, names, &n, 32);
    static const WCHAR *const next[] = {L"b.txt"};
    expect_names(names, n, next, 1, "after the too-small query");

    /* Less than a record's fixed part: the length does not match the class. */
    cr_expect_eq(query(h, buf, offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName) - 1, FileIdBothDirectoryInformation,
                       false, NULL, false, &io),
                 STATUS_INFO_LENGTH_MISMATCH);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(ntdirectory, single_entry_and_restart)
{
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    static char buf[4096];
    IO_STATUS_BLOCK io;
    WCHAR *names[32];
    size_t n = 0;
    NTSTATUS st;
    while ((st = query(h, buf, sizeof buf, FileDirectoryInformation, true, NULL, false, &io)) == STATUS_SUCCESS) {
        cr_assert_eq(walk(buf, &io, FileDirectoryInformation, names, &n, 32), 1u, "[%s] single entry",
                     place_name());
    }
    cr_expect_eq(st, STATUS_NO_MORE_FILES);
    expect_names(names, n, all_names, ALL_COUNT, "one at a time");

    /* A restart starts again at the beginning and may bring a new filter. */
    n = 0;
    cr_assert_eq(query(h, buf, sizeof buf, FileNamesInformation, false, L"*.txt", true, &io), STATUS_SUCCESS);
    walk(buf, &io, FileNamesInformation, names, &n, 32);
    static const WCHAR *const txt[] = {L"a.txt", L"b.txt", L"ro.txt"};
    expect_names(names, n, txt, 3, "restarted with *.txt");
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, NULL, false, &io), STATUS_NO_MORE_FILES);
    /* a restart that matches nothing is the end, not "no such file": the handle has queried */
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, L"nothing*", true, &io), STATUS_NO_MORE_FILES);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(ntdirectory, filter_kept_by_the_handle)
{
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    static char buf[4096];
    IO_STATUS_BLOCK io;
    WCHAR *names[32];
    size_t n = 0;
    /* the first query's filter stays; a later one without restart is ignored */
    cr_assert_eq(query(h, buf, sizeof buf, FileNamesInformation, true, L"?.txt", false, &io), STATUS_SUCCESS);
    walk(buf, &io, FileNamesInformation, names, &n, 32);
    cr_assert_eq(query(h, buf, sizeof buf, FileNamesInformation, false, L"ro.txt", false, &io), STATUS_SUCCESS);
    walk(buf, &io, FileNamesInformation, names, &n, 32);
    static const WCHAR *const want[] = {L"a.txt", L"b.txt"};
    expect_names(names, n, want, 2, "filter ?.txt");
    expect_ok(CloseHandle(h));

    h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, L"nothing*", false, &io), STATUS_NO_SUCH_FILE);
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, NULL, false, &io), STATUS_NO_MORE_FILES);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(ntdirectory, bad_arguments)
{
    static char buf[4096];
    IO_STATUS_BLOCK io;
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    cr_expect_eq(query(h, buf, sizeof buf, (FILE_INFORMATION_CLASS)4, false, NULL, false, &io),
                 STATUS_INVALID_INFO_CLASS);
    cr_expect_eq(NtQueryDirectoryFile(h, NULL, NULL, NULL, NULL, buf, sizeof buf, FileNamesInformation, FALSE, NULL,
                                      FALSE),
                 STATUS_ACCESS_VIOLATION);
    expect_ok(CloseHandle(h));

    /* an NT call reports a bad handle in its status and leaves the last error alone */
    SetLastError(1234);
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, NULL, false, &io), STATUS_INVALID_HANDLE);
    cr_expect_eq(GetLastError(), 1234u);

    h = open_dir(L"C:\\base", FILE_READ_ATTRIBUTES);
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, NULL, false, &io), STATUS_ACCESS_DENIED);
    expect_ok(CloseHandle(h));

    h = open_dir(L"C:\\base\\a.txt", GENERIC_READ);
    cr_expect_eq(query(h, buf, sizeof buf, FileNamesInformation, false, NULL, false, &io), STATUS_INVALID_PARAMETER);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(ntdirectory, event_is_signalled)
{
    static char buf[4096];
    IO_STATUS_BLOCK io;
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_assert(ev);
    HANDLE h = open_dir(L"C:\\base", FILE_LIST_DIRECTORY);
    cr_expect_eq(NtQueryDirectoryFile(h, ev, NULL, NULL, &io, buf, sizeof buf, FileNamesInformation, FALSE, NULL,
                                      FALSE),
                 STATUS_SUCCESS);
    cr_expect_eq(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
    expect_ok(CloseHandle(h));
    expect_ok(CloseHandle(ev));
}
