/* SPDX-License-Identifier: MIT */
/*
 * SetFileInformationByHandle and GetFileInformationByHandleEx, on the host and inside a root:
 * basic information, delete disposition (the item goes at the last close, and can be taken back),
 * rename (full path or bare name; the handle follows), and the errors of bad arguments.
 */
#include "file_test_common.h"

#include <stddef.h>

static HANDLE open_path(PCWSTR path, DWORD access)
{
    HANDLE h = CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "[%s] open %ls: %s", place_name(), path, err_name(GetLastError()));
    return h;
}

static bool exists(PCWSTR path)
{
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* A FILE_RENAME_INFO for @p name (malloc'd), its size in *size. */
static FILE_RENAME_INFO *rename_info(PCWSTR name, bool replace, DWORD *size)
{
    size_t n = wcslen(name);
    *size = (DWORD)(offsetof(FILE_RENAME_INFO, FileName) + (n + 1) * sizeof(WCHAR));
    FILE_RENAME_INFO *ri = calloc(1, *size);
    cr_assert(ri);
    ri->ReplaceIfExists = replace;
    ri->FileNameLength = (DWORD)(n * sizeof(WCHAR));
    wmemcpy(ri->FileName, name, n + 1);
    return ri;
}

BOTH_PLACES(fileinfo, basic_info_set_and_get)
{
    HANDLE h = open_path(L"C:\\base\\a.txt", GENERIC_READ | GENERIC_WRITE);
    FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    b.LastWriteTime.QuadPart = 133000000000000000LL;
    b.FileAttributes = FILE_ATTRIBUTE_HIDDEN;
    expect_ok(SetFileInformationByHandle(h, FileBasicInfo, &b, sizeof b));
    FILE_BASIC_INFO got;
    expect_ok(GetFileInformationByHandleEx(h, FileBasicInfo, &got, sizeof got));
    cr_expect_eq(got.LastWriteTime.QuadPart, 133000000000000000LL, "[%s]", place_name());
    cr_expect(got.FileAttributes & FILE_ATTRIBUTE_HIDDEN, "[%s] attributes 0x%x", place_name(),
              (unsigned)got.FileAttributes);
    FILE_STANDARD_INFO si;
    expect_ok(GetFileInformationByHandleEx(h, FileStandardInfo, &si, sizeof si));
    cr_expect_eq(si.EndOfFile.QuadPart, 5);
    cr_expect_eq(si.NumberOfLinks, 1u);
    cr_expect(!si.Directory);
    expect_ok(CloseHandle(h));
}

BOTH_PLACES(fileinfo, disposition_deletes_at_close)
{
    HANDLE h = open_path(L"C:\\base\\b.txt", DELETE);
    FILE_DISPOSITION_INFO d = {TRUE};
    expect_ok(SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d));
    expect_ok(CloseHandle(h));
    cr_expect(!exists(L"C:\\base\\b.txt"), "[%s] b.txt still there", place_name());

    h = open_path(L"C:\\base\\c.dat", DELETE);
    expect_ok(SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d));
    d.DeleteFile = FALSE; /* taken back before the close */
    expect_ok(SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d));
    expect_ok(CloseHandle(h));
    cr_expect(exists(L"C:\\base\\c.dat"), "[%s] c.dat went", place_name());
}

BOTH_PLACES(fileinfo, disposition_needs_delete_access)
{
    HANDLE h = open_path(L"C:\\base\\b.txt", GENERIC_READ);
    FILE_DISPOSITION_INFO d = {TRUE};
    expect_error(SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d), ERROR_ACCESS_DENIED);
    expect_ok(CloseHandle(h));
    cr_expect(exists(L"C:\\base\\b.txt"));
}

BOTH_PLACES(fileinfo, rename_full_path_and_bare_name)
{
    HANDLE h = open_path(L"C:\\base\\a.txt", DELETE | GENERIC_READ);
    DWORD size;
    FILE_RENAME_INFO *ri = rename_info(L"C:\\base\\dir\\moved.txt", false, &size);
    expect_ok(SetFileInformationByHandle(h, FileRenameInfo, ri, size));
    free(ri);
    cr_expect(!exists(L"C:\\base\\a.txt"));
    cr_expect(exists(L"C:\\base\\dir\\moved.txt"));
    /* a bare name renames within the directory the handle's item is in now */
    ri = rename_info(L"again.txt", false, &size);
    expect_ok(SetFileInformationByHandle(h, FileRenameInfo, ri, size));
    free(ri);
    expect_ok(CloseHandle(h)); /* reading needs the DELETE access gone (share modes) */
    cr_expect(!exists(L"C:\\base\\dir\\moved.txt"));
    cr_expect_str_eq(get_file(L"C:\\base\\dir\\again.txt"), "hello");
}

BOTH_PLACES(fileinfo, rename_onto_existing_needs_replace)
{
    HANDLE h = open_path(L"C:\\base\\a.txt", DELETE);
    DWORD size;
    FILE_RENAME_INFO *ri = rename_info(L"C:\\base\\b.txt", false, &size);
    expect_error(SetFileInformationByHandle(h, FileRenameInfo, ri, size), ERROR_ALREADY_EXISTS);
    ri->ReplaceIfExists = TRUE;
    expect_ok(SetFileInformationByHandle(h, FileRenameInfo, ri, size));
    free(ri);
    expect_ok(CloseHandle(h));
    cr_expect_str_eq(get_file(L"C:\\base\\b.txt"), "hello");
}

BOTH_PLACES(fileinfo, bad_arguments)
{
    HANDLE h = open_path(L"C:\\base\\a.txt", GENERIC_READ | DELETE);
    FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    expect_error(SetFileInformationByHandle(h, FileBasicInfo, &b, sizeof b - 1), ERROR_BAD_LENGTH);
    expect_error(SetFileInformationByHandle(h, FileStreamInfo, &b, sizeof b), ERROR_INVALID_PARAMETER);
    expect_error(SetFileInformationByHandle(h, FileBasicInfo, NULL, sizeof b), ERROR_INVALID_PARAMETER);
    expect_error(GetFileInformationByHandleEx(h, FileNameInfo, &b, sizeof b), ERROR_INVALID_PARAMETER);
    expect_error(GetFileInformationByHandleEx(h, FileBasicInfo, &b, 4), ERROR_BAD_LENGTH);
    DWORD size;
    FILE_RENAME_INFO *ri = rename_info(L"x2", false, &size);
    ri->FileNameLength = 0;
    expect_error(SetFileInformationByHandle(h, FileRenameInfo, ri, size), ERROR_INVALID_PARAMETER);
    free(ri);
    expect_ok(CloseHandle(h));
    expect_error(SetFileInformationByHandle(INVALID_HANDLE_VALUE, FileBasicInfo, &b, sizeof b), ERROR_INVALID_HANDLE);
}
