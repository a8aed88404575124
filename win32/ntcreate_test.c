/* SPDX-License-Identifier: MIT */
/*
 * NtCreateFile and NtClose, on the host and inside a root: a directory made or opened in one
 * create (FILE_DIRECTORY_FILE with FILE_CREATE, FILE_OPEN_IF, FILE_OPEN), the dispositions'
 * IoStatusBlock.Information, the parameters refused before the name is looked at (an overwriting
 * disposition with FILE_DIRECTORY_FILE, both kind options, an unknown disposition), names
 * relative to a directory handle, and the last error left alone.
 */
#include "file_test_common.h"

#include <wchar.h>
#include <winternl.h>

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

/* NtCreateFile of @p name ("\??\..." or relative to @p root); *info gets IoStatus.Information. */
static NTSTATUS nt_create(HANDLE *h, HANDLE root, PCWSTR name, ACCESS_MASK access, ULONG disposition,
                          ULONG options, ULONG_PTR *info)
{
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, root, NULL);
    IO_STATUS_BLOCK io;
    memset(&io, 0xAB, sizeof io);
    NTSTATUS st = NtCreateFile(h, access | SYNCHRONIZE | FILE_READ_ATTRIBUTES, &oa, &io, NULL, FILE_ATTRIBUTE_NORMAL,
                               SHARE_ALL, disposition, options | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    /* parameters refused before the open leave the IoStatusBlock alone (DEVIATIONS W18) */
    if (st == STATUS_INVALID_PARAMETER && io.Status == (NTSTATUS)0xABABABAB)
        return st;
    cr_assert_eq(io.Status, st, "[%s] %ls: IoStatus.Status %x, returned %x", place_name(), name,
                 (unsigned)io.Status, (unsigned)st);
    if (info)
        *info = io.Information;
    return st;
}

#define expect_status(call, want)                                                                          \
    do {                                                                                                   \
        NTSTATUS st_ = (call);                                                                             \
        cr_assert_eq(st_, (NTSTATUS)(want), "[%s] %s: got 0x%08x, want %s", place_name(), #call,          \
                     (unsigned)st_, #want);                                                                \
    } while (0)

static bool is_directory_handle(HANDLE h)
{
    BY_HANDLE_FILE_INFORMATION bi;
    cr_assert(GetFileInformationByHandle(h, &bi), "[%s] %s", place_name(), err_name(GetLastError()));
    return (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

static bool exists(PCWSTR path)
{
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

BOTH_PLACES(ntcreate, directory_in_one_create)
{
    HANDLE h = NULL;
    ULONG_PTR info = 99;
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\newdir", FILE_LIST_DIRECTORY, FILE_CREATE,
                            FILE_DIRECTORY_FILE, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_CREATED);
    cr_assert(is_directory_handle(h));
    expect_status(NtClose(h), STATUS_SUCCESS);
    cr_assert(GetFileAttributesW(L"C:\\base\\newdir") & FILE_ATTRIBUTE_DIRECTORY);

    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\newdir", FILE_LIST_DIRECTORY, FILE_CREATE,
                            FILE_DIRECTORY_FILE, &info),
                  STATUS_OBJECT_NAME_COLLISION);
    cr_assert_eq(info, FILE_EXISTS);
    cr_assert_null(h);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\newdir", FILE_LIST_DIRECTORY, FILE_OPEN_IF,
                            FILE_DIRECTORY_FILE, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_OPENED);
    expect_status(NtClose(h), STATUS_SUCCESS);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\dir2", FILE_LIST_DIRECTORY, FILE_OPEN_IF,
                            FILE_DIRECTORY_FILE, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_CREATED);
    cr_assert(is_directory_handle(h));
    expect_status(NtClose(h), STATUS_SUCCESS);

    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\a.txt", FILE_LIST_DIRECTORY, FILE_OPEN_IF,
                            FILE_DIRECTORY_FILE, NULL),
                  STATUS_NOT_A_DIRECTORY);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\dir", FILE_READ_DATA, FILE_OPEN, FILE_NON_DIRECTORY_FILE,
                            NULL),
                  STATUS_FILE_IS_A_DIRECTORY);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\nothing", FILE_LIST_DIRECTORY, FILE_OPEN,
                            FILE_DIRECTORY_FILE, &info),
                  STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(info, FILE_DOES_NOT_EXIST);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\nothing\\x", FILE_LIST_DIRECTORY, FILE_CREATE,
                            FILE_DIRECTORY_FILE, NULL),
                  STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_not(exists(L"C:\\base\\nothing"));
}

BOTH_PLACES(ntcreate, directory_refuses_overwriting_dispositions)
{
    static const ULONG overwriting[] = {FILE_SUPERSEDE, FILE_OVERWRITE, FILE_OVERWRITE_IF};
    static const WCHAR *const names[] = {L"\\??\\C:\\base\\new", L"\\??\\C:\\base\\dir", L"\\??\\C:\\base\\a.txt"};
    for (size_t d = 0; d < 3; d++) {
        for (size_t n = 0; n < 3; n++) {
            HANDLE h = NULL;
            expect_status(nt_create(&h, NULL, names[n], GENERIC_WRITE, overwriting[d], FILE_DIRECTORY_FILE, NULL),
                          STATUS_INVALID_PARAMETER);
            cr_assert_null(h);
        }
    }
    cr_assert_not(exists(L"C:\\base\\new"));
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "hello");
    HANDLE h = NULL;
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\dir", FILE_LIST_DIRECTORY, FILE_OPEN,
                            FILE_DIRECTORY_FILE | FILE_NON_DIRECTORY_FILE, NULL),
                  STATUS_INVALID_PARAMETER);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\a.txt", GENERIC_READ, FILE_MAXIMUM_DISPOSITION + 1, 0, NULL),
                  STATUS_INVALID_PARAMETER);
}

BOTH_PLACES(ntcreate, file_dispositions_report_what_they_did)
{
    HANDLE h = NULL;
    ULONG_PTR info = 99;
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\f.txt", GENERIC_WRITE, FILE_CREATE, FILE_NON_DIRECTORY_FILE,
                            &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_CREATED);
    DWORD n = 0;
    cr_assert(WriteFile(h, "abc", 3, &n, NULL));
    expect_status(NtClose(h), STATUS_SUCCESS);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\f.txt", GENERIC_READ, FILE_OPEN, 0, &info), STATUS_SUCCESS);
    cr_assert_eq(info, FILE_OPENED);
    cr_assert_not(is_directory_handle(h));
    expect_status(NtClose(h), STATUS_SUCCESS);
    cr_assert_str_eq(get_file(L"C:\\base\\f.txt"), "abc");
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\f.txt", GENERIC_WRITE, FILE_OVERWRITE_IF, 0, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_OVERWRITTEN);
    expect_status(NtClose(h), STATUS_SUCCESS);
    cr_assert_str_eq(get_file(L"C:\\base\\f.txt"), "");
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\a.txt", GENERIC_WRITE, FILE_SUPERSEDE, 0, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_SUPERSEDED);
    expect_status(NtClose(h), STATUS_SUCCESS);
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "");
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\b.txt", GENERIC_WRITE, FILE_OVERWRITE, 0, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_OVERWRITTEN);
    expect_status(NtClose(h), STATUS_SUCCESS);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\gone.txt", GENERIC_WRITE, FILE_OVERWRITE, 0, &info),
                  STATUS_OBJECT_NAME_NOT_FOUND);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\new.txt", GENERIC_WRITE, FILE_SUPERSEDE, 0, &info),
                  STATUS_SUCCESS);
    cr_assert_eq(info, FILE_CREATED);
    expect_status(NtClose(h), STATUS_SUCCESS);
}

BOTH_PLACES(ntcreate, names_relative_to_a_directory_handle)
{
    HANDLE dir = NULL, h = NULL, file = NULL;
    expect_status(nt_create(&dir, NULL, L"\\??\\C:\\base", FILE_LIST_DIRECTORY, FILE_OPEN, FILE_DIRECTORY_FILE, NULL),
                  STATUS_SUCCESS);
    expect_status(nt_create(&h, dir, L"dir\\inner.txt", GENERIC_READ, FILE_OPEN, FILE_NON_DIRECTORY_FILE, NULL),
                  STATUS_SUCCESS);
    char buf[16] = "";
    DWORD n = 0;
    cr_assert(ReadFile(h, buf, sizeof buf - 1, &n, NULL));
    cr_assert_str_eq(buf, "inner");
    expect_status(NtClose(h), STATUS_SUCCESS);
    expect_status(nt_create(&file, dir, L"a.txt", GENERIC_READ, FILE_OPEN, 0, NULL), STATUS_SUCCESS);
    /* a file handle is no directory to be relative to; a name beginning with \ is not relative */
    expect_status(nt_create(&h, file, L"x", GENERIC_READ, FILE_OPEN, 0, NULL), STATUS_INVALID_PARAMETER);
    expect_status(nt_create(&h, dir, L"\\x", GENERIC_READ, FILE_OPEN, 0, NULL), STATUS_INVALID_PARAMETER);
    expect_status(NtClose(file), STATUS_SUCCESS);
    expect_status(NtClose(dir), STATUS_SUCCESS);
    /* without a root the name is an NT path */
    expect_status(nt_create(&h, NULL, L"C:\\base\\a.txt", GENERIC_READ, FILE_OPEN, 0, NULL),
                  STATUS_OBJECT_PATH_SYNTAX_BAD);
    expect_status(nt_create(&h, (HANDLE)(intptr_t)0x7777, L"a.txt", GENERIC_READ, FILE_OPEN, 0, NULL),
                  STATUS_INVALID_HANDLE);
}

BOTH_PLACES(ntcreate, last_error_left_alone)
{
    HANDLE h = NULL;
    SetLastError(1234);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\a.txt", GENERIC_READ, FILE_OPEN, 0, NULL), STATUS_SUCCESS);
    cr_assert_eq(GetLastError(), 1234u);
    expect_status(NtClose(h), STATUS_SUCCESS);
    cr_assert_eq(GetLastError(), 1234u);
    expect_status(nt_create(&h, NULL, L"\\??\\C:\\base\\none", GENERIC_READ, FILE_OPEN, 0, NULL),
                  STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(GetLastError(), 1234u);
    expect_status(NtClose(h), STATUS_INVALID_HANDLE); /* already closed */
    cr_assert_eq(GetLastError(), 1234u);
}
