/* SPDX-License-Identifier: MIT */
/*
 * The Win32 file API: the documented error of each function for each failure cause, and the
 * success behaviour around it, run on the host and inside a virtualization root with the same
 * paths (file_test_common.h). Windows gives the same answers in both places; so must we.
 */
#include "file_test_common.h"

static HANDLE open_w(PCWSTR path, DWORD access, DWORD disposition, DWORD flags)
{
    return CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, disposition, flags,
                       NULL);
}

#define expect_open_error(path, access, disposition, flags, want)                            \
    do {                                                                                     \
        HANDLE h_ = open_w(path, access, disposition, flags);                                \
        if (h_ != INVALID_HANDLE_VALUE)                                                      \
            CloseHandle(h_);                                                                 \
        expect_error(h_ != INVALID_HANDLE_VALUE, want);                                      \
    } while (0)

/* ---- CreateFileW ---- */

/* RECALL_ON_DATA_ACCESS where the file is a placeholder whose data is not local (11.2). */
static DWORD not_local(void)
{
    return test_place == IN_ROOT ? FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS : 0;
}

BOTH_PLACES(create_file, missing_names)
{
    expect_open_error(L"C:\\base\\nope.txt", GENERIC_READ, OPEN_EXISTING, 0, ERROR_FILE_NOT_FOUND);
    expect_open_error(L"C:\\base\\nope\\x.txt", GENERIC_READ, OPEN_EXISTING, 0, ERROR_PATH_NOT_FOUND);
    expect_open_error(L"C:\\base\\nope\\x.txt", GENERIC_WRITE, CREATE_NEW, 0, ERROR_PATH_NOT_FOUND);
    expect_open_error(L"C:\\base\\a.txt\\x", GENERIC_READ, OPEN_EXISTING, 0, ERROR_PATH_NOT_FOUND);
    expect_open_error(L"C:\\base\\nope.txt", GENERIC_WRITE, TRUNCATE_EXISTING, 0, ERROR_FILE_NOT_FOUND);
}

BOTH_PLACES(create_file, bad_arguments)
{
    expect_open_error(L"C:\\base\\a.txt", GENERIC_READ, 0, 0, ERROR_INVALID_PARAMETER);
    expect_open_error(L"C:\\base\\a.txt", GENERIC_READ, 6, 0, ERROR_INVALID_PARAMETER);
    expect_open_error(L"C:\\base\\a?.txt", GENERIC_READ, OPEN_EXISTING, 0, ERROR_INVALID_NAME);
    expect_open_error(L"C:\\base\\a|b", GENERIC_WRITE, CREATE_NEW, 0, ERROR_INVALID_NAME);
    expect_open_error(L"", GENERIC_READ, OPEN_EXISTING, 0, ERROR_PATH_NOT_FOUND);
}

BOTH_PLACES(create_file, create_new)
{
    expect_open_error(L"C:\\base\\a.txt", GENERIC_WRITE, CREATE_NEW, 0, ERROR_FILE_EXISTS);
    expect_open_error(L"C:\\base\\dir", GENERIC_WRITE, CREATE_NEW, 0, ERROR_FILE_EXISTS);
    HANDLE h = open_w(L"C:\\base\\new.txt", GENERIC_WRITE, CREATE_NEW, FILE_ATTRIBUTE_NORMAL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    CloseHandle(h);
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\new.txt"), FILE_ATTRIBUTE_ARCHIVE);
}

BOTH_PLACES(create_file, create_always_last_error)
{
    SetLastError(1234);
    HANDLE h = open_w(L"C:\\base\\fresh.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_eq(GetLastError(), ERROR_SUCCESS, "[%s] created: last error 0", place_name());
    CloseHandle(h);
    h = open_w(L"C:\\base\\a.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_eq(GetLastError(), ERROR_ALREADY_EXISTS, "[%s] overwritten: %s", place_name(),
                 err_name(GetLastError()));
    LARGE_INTEGER size;
    cr_assert(GetFileSizeEx(h, &size));
    cr_assert_eq(size.QuadPart, 0, "CREATE_ALWAYS truncates");
    CloseHandle(h);
    /* Overwriting a read-only file or a directory is refused. */
    expect_open_error(L"C:\\base\\ro.txt", GENERIC_WRITE, CREATE_ALWAYS, 0, ERROR_ACCESS_DENIED);
    expect_open_error(L"C:\\base\\dir", GENERIC_WRITE, CREATE_ALWAYS, 0, ERROR_ACCESS_DENIED);
}

BOTH_PLACES(create_file, open_always_last_error)
{
    SetLastError(1234);
    HANDLE h = open_w(L"C:\\base\\b.txt", GENERIC_READ, OPEN_ALWAYS, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_eq(GetLastError(), ERROR_ALREADY_EXISTS, "[%s] %s", place_name(), err_name(GetLastError()));
    CloseHandle(h);
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "bee", "OPEN_ALWAYS keeps the content");
    h = open_w(L"C:\\base\\other.txt", GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    cr_assert_eq(GetLastError(), ERROR_SUCCESS);
    CloseHandle(h);
    cr_assert_neq(GetFileAttributesW(L"C:\\base\\other.txt"), INVALID_FILE_ATTRIBUTES);
}

BOTH_PLACES(create_file, truncate_existing)
{
    expect_open_error(L"C:\\base\\c.dat", GENERIC_READ, TRUNCATE_EXISTING, 0, ERROR_ACCESS_DENIED);
    HANDLE h = open_w(L"C:\\base\\c.dat", GENERIC_WRITE, TRUNCATE_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "%s", err_name(GetLastError()));
    CloseHandle(h);
    WIN32_FILE_ATTRIBUTE_DATA d;
    cr_assert(GetFileAttributesExW(L"C:\\base\\c.dat", GetFileExInfoStandard, &d));
    cr_assert_eq(d.nFileSizeLow, 0u);
}

BOTH_PLACES(create_file, read_only_files)
{
    expect_open_error(L"C:\\base\\ro.txt", GENERIC_WRITE, OPEN_EXISTING, 0, ERROR_ACCESS_DENIED);
    expect_open_error(L"C:\\base\\ro.txt", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE,
                      ERROR_ACCESS_DENIED);
    cr_assert_str_eq(get_file(L"C:\\base\\ro.txt"), "ro");
}

BOTH_PLACES(create_file, directories_need_backup_semantics)
{
    expect_open_error(L"C:\\base\\dir", GENERIC_READ, OPEN_EXISTING, 0, ERROR_ACCESS_DENIED);
    expect_open_error(L"C:\\base\\dir", GENERIC_READ, OPEN_ALWAYS, 0, ERROR_ACCESS_DENIED);
    HANDLE h = open_w(L"C:\\base\\dir", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "[%s] %s", place_name(), err_name(GetLastError()));
    BY_HANDLE_FILE_INFORMATION info;
    cr_assert(GetFileInformationByHandle(h, &info));
    cr_assert(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY);
    cr_assert_eq(GetFileType(h), (DWORD)FILE_TYPE_DISK);
    char buf[8];
    DWORD n;
    expect_error(ReadFile(h, buf, sizeof buf, &n, NULL), ERROR_INVALID_FUNCTION);
    CloseHandle(h);
    /* Backup semantics open files too. */
    h = open_w(L"C:\\base\\a.txt", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    CloseHandle(h);
}

BOTH_PLACES(create_file, delete_on_close)
{
    HANDLE h = open_w(L"C:\\base\\tmp.txt", GENERIC_WRITE, CREATE_NEW, FILE_FLAG_DELETE_ON_CLOSE);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    DWORD n;
    cr_assert(WriteFile(h, "abc", 3, &n, NULL));
    cr_assert_neq(GetFileAttributesW(L"C:\\base\\tmp.txt"), INVALID_FILE_ATTRIBUTES);
    cr_assert(CloseHandle(h));
    expect_error(GetFileAttributesW(L"C:\\base\\tmp.txt") != INVALID_FILE_ATTRIBUTES,
                 ERROR_FILE_NOT_FOUND);
    /* An existing (projected) file, opened delete-on-close. */
    h = open_w(L"C:\\base\\b.txt", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "[%s] %s", place_name(), err_name(GetLastError()));
    cr_assert(CloseHandle(h));
    expect_error(GetFileAttributesW(L"C:\\base\\b.txt") != INVALID_FILE_ATTRIBUTES,
                 ERROR_FILE_NOT_FOUND);
}

BOTH_PLACES(create_file, create_file2)
{
    CREATEFILE2_EXTENDED_PARAMETERS p;
    memset(&p, 0, sizeof p);
    p.dwSize = sizeof p;
    p.dwFileAttributes = FILE_ATTRIBUTE_HIDDEN;
    HANDLE h = CreateFile2(L"C:\\base\\two.txt", GENERIC_WRITE, 0, CREATE_NEW, &p);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    CloseHandle(h);
    cr_assert(GetFileAttributesW(L"C:\\base\\two.txt") & FILE_ATTRIBUTE_HIDDEN);
    h = CreateFile2(L"C:\\base\\two.txt", GENERIC_WRITE, 0, CREATE_NEW, NULL);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
    p.dwSize = 4;
    h = CreateFile2(L"C:\\base\\three.txt", GENERIC_WRITE, 0, CREATE_NEW, &p);
    expect_error(h != INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
}

/* ---- data and positions ---- */

BOTH_PLACES(io, read_write_seek)
{
    HANDLE h = open_w(L"C:\\base\\a.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    char buf[32] = "";
    DWORD n = 0;
    cr_assert(ReadFile(h, buf, 2, &n, NULL));
    cr_assert_eq(n, 2u);
    cr_assert(!memcmp(buf, "he", 2));
    cr_assert(ReadFile(h, buf, sizeof buf, &n, NULL));
    cr_assert_eq(n, 3u);
    cr_assert(!memcmp(buf, "llo", 3), "the position advances");
    cr_assert(ReadFile(h, buf, sizeof buf, &n, NULL), "reading at the end succeeds");
    cr_assert_eq(n, 0u);
    LARGE_INTEGER d = {.QuadPart = 0}, at;
    cr_assert(SetFilePointerEx(h, d, &at, FILE_END));
    cr_assert_eq(at.QuadPart, 5);
    cr_assert(WriteFile(h, ", world", 7, &n, NULL));
    cr_assert_eq(n, 7u);
    d.QuadPart = -5;
    cr_assert(SetFilePointerEx(h, d, &at, FILE_CURRENT));
    cr_assert_eq(at.QuadPart, 7);
    cr_assert(ReadFile(h, buf, 5, &n, NULL));
    cr_assert(!memcmp(buf, "world", 5));
    d.QuadPart = -1;
    expect_error(SetFilePointerEx(h, d, &at, FILE_BEGIN), ERROR_NEGATIVE_SEEK);
    d.QuadPart = 0;
    expect_error(SetFilePointerEx(h, d, &at, 7), ERROR_INVALID_PARAMETER);
    cr_assert_eq(SetFilePointer(h, 1, NULL, FILE_BEGIN), 1u);
    LONG high = 0;
    cr_assert_eq(SetFilePointer(h, 0, &high, FILE_CURRENT), 1u);
    cr_assert_eq(high, 0);
    cr_assert_eq(SetFilePointer(h, -10, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER);
    cr_assert_eq(GetLastError(), (DWORD)ERROR_NEGATIVE_SEEK);
    /* Beyond the end, then SetEndOfFile extends; back to 4 and it truncates. */
    cr_assert_eq(SetFilePointer(h, 20, NULL, FILE_BEGIN), 20u);
    cr_assert(SetEndOfFile(h));
    DWORD hi = 1;
    cr_assert_eq(GetFileSize(h, &hi), 20u);
    cr_assert_eq(hi, 0u);
    cr_assert_eq(SetFilePointer(h, 4, NULL, FILE_BEGIN), 4u);
    cr_assert(SetEndOfFile(h));
    LARGE_INTEGER size;
    cr_assert(GetFileSizeEx(h, &size));
    cr_assert_eq(size.QuadPart, 4);
    cr_assert(FlushFileBuffers(h));
    CloseHandle(h);
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "hell");
}

BOTH_PLACES(io, overlapped_offsets)
{
    HANDLE h = open_w(L"C:\\base\\c.dat", GENERIC_READ, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 4;
    char buf[8];
    DWORD n = 0;
    cr_assert(ReadFile(h, buf, 4, &n, &ov));
    cr_assert_eq(n, 4u);
    cr_assert(!memcmp(buf, "5678", 4));
    cr_assert_eq(ov.InternalHigh, 4u);
    CloseHandle(h);
}

BOTH_PLACES(io, access_rights)
{
    HANDLE h = open_w(L"C:\\base\\b.txt", GENERIC_WRITE, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    char buf[8];
    DWORD n;
    expect_error(ReadFile(h, buf, sizeof buf, &n, NULL), ERROR_ACCESS_DENIED);
    CloseHandle(h);
    h = open_w(L"C:\\base\\b.txt", GENERIC_READ, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    expect_error(WriteFile(h, "zz", 2, &n, NULL), ERROR_ACCESS_DENIED);
    expect_error(SetEndOfFile(h), ERROR_ACCESS_DENIED);
    expect_error(FlushFileBuffers(h), ERROR_ACCESS_DENIED);
    FILETIME ft = {1, 1};
    expect_error(SetFileTime(h, NULL, NULL, &ft), ERROR_ACCESS_DENIED);
    CloseHandle(h);
    /* No access at all still allows the size and the times: CreateFileW always asks NtCreateFile
     * for FILE_READ_ATTRIBUTES (and SYNCHRONIZE) besides what the caller wants. Setting them
     * still needs FILE_WRITE_ATTRIBUTES. */
    h = open_w(L"C:\\base\\b.txt", 0, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    LARGE_INTEGER size;
    cr_assert(GetFileSizeEx(h, &size));
    cr_assert_eq(size.QuadPart, 3);
    FILETIME got_time;
    expect_ok(GetFileTime(h, &got_time, NULL, NULL));
    BY_HANDLE_FILE_INFORMATION info;
    expect_ok(GetFileInformationByHandle(h, &info));
    expect_error(SetFileTime(h, NULL, NULL, &ft), ERROR_ACCESS_DENIED);
    CloseHandle(h);
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "bee");
}

BOTH_PLACES(io, append_only_handle)
{
    HANDLE h = open_w(L"C:\\base\\b.txt", FILE_APPEND_DATA, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    DWORD n;
    cr_assert(WriteFile(h, "!", 1, &n, NULL));
    cr_assert(WriteFile(h, "?", 1, &n, NULL));
    CloseHandle(h);
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "bee!?");
}

BOTH_PLACES(io, times_and_information)
{
    HANDLE h = open_w(L"C:\\base\\c.dat", GENERIC_READ | FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    SYSTEMTIME s = {2020, 2, 0, 29, 12, 34, 56, 789};
    FILETIME want, got_w, got_a;
    cr_assert(SystemTimeToFileTime(&s, &want));
    cr_assert(SetFileTime(h, NULL, &want, &want));
    cr_assert(GetFileTime(h, NULL, &got_a, &got_w));
    cr_assert_eq(CompareFileTime(&got_w, &want), 0, "[%s] last write time", place_name());
    cr_assert_eq(CompareFileTime(&got_a, &want), 0, "[%s] last access time", place_name());
    BY_HANDLE_FILE_INFORMATION info;
    cr_assert(GetFileInformationByHandle(h, &info));
    cr_assert_eq(info.nFileSizeLow, 8u);
    cr_assert_eq(info.nFileSizeHigh, 0u);
    cr_assert_eq(info.nNumberOfLinks, 1u);
    /* A placeholder whose data is not local says so, also after a metadata change (11.2). */
    cr_assert_eq(info.dwFileAttributes, (DWORD)(FILE_ATTRIBUTE_ARCHIVE | not_local()));
    cr_assert_eq(CompareFileTime(&info.ftLastWriteTime, &want), 0);
    cr_assert_eq(GetFileType(h), (DWORD)FILE_TYPE_DISK);
    CloseHandle(h);
    WIN32_FILE_ATTRIBUTE_DATA d;
    cr_assert(GetFileAttributesExW(L"C:\\base\\c.dat", GetFileExInfoStandard, &d));
    cr_assert_eq(CompareFileTime(&d.ftLastWriteTime, &want), 0);
}

Test(io, invalid_handles)
{
    char buf[4];
    DWORD n;
    LARGE_INTEGER li = {.QuadPart = 0};
    BY_HANDLE_FILE_INFORMATION info;
    FILETIME ft;
    HANDLE bad[] = {INVALID_HANDLE_VALUE, NULL, (HANDLE)&n};
    for (size_t i = 0; i < 3; i++) {
        expect_error(ReadFile(bad[i], buf, 4, &n, NULL), ERROR_INVALID_HANDLE);
        expect_error(WriteFile(bad[i], buf, 4, &n, NULL), ERROR_INVALID_HANDLE);
        expect_error(SetFilePointerEx(bad[i], li, NULL, FILE_BEGIN), ERROR_INVALID_HANDLE);
        expect_error(SetFilePointer(bad[i], 0, NULL, FILE_BEGIN) != INVALID_SET_FILE_POINTER,
                     ERROR_INVALID_HANDLE);
        expect_error(SetEndOfFile(bad[i]), ERROR_INVALID_HANDLE);
        expect_error(GetFileSizeEx(bad[i], &li), ERROR_INVALID_HANDLE);
        expect_error(GetFileSize(bad[i], NULL) != INVALID_FILE_SIZE, ERROR_INVALID_HANDLE);
        expect_error(GetFileTime(bad[i], &ft, NULL, NULL), ERROR_INVALID_HANDLE);
        expect_error(SetFileTime(bad[i], &ft, NULL, NULL), ERROR_INVALID_HANDLE);
        expect_error(GetFileInformationByHandle(bad[i], &info), ERROR_INVALID_HANDLE);
        expect_error(FlushFileBuffers(bad[i]), ERROR_INVALID_HANDLE);
        expect_error(GetFileType(bad[i]) != FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE);
        expect_error(CloseHandle(bad[i]), ERROR_INVALID_HANDLE);
    }
}

/* ---- items by name ---- */

BOTH_PLACES(names, get_file_attributes)
{
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\a.txt"), (DWORD)(FILE_ATTRIBUTE_ARCHIVE | not_local()));
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\ro.txt"),
                 (DWORD)(FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE | not_local()));
    cr_assert(GetFileAttributesW(L"C:\\base\\dir") & FILE_ATTRIBUTE_DIRECTORY);
    cr_assert(GetFileAttributesW(L"C:\\base") & FILE_ATTRIBUTE_DIRECTORY);
    expect_error(GetFileAttributesW(L"C:\\base\\nope") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    expect_error(GetFileAttributesW(L"C:\\base\\nope\\x") != INVALID_FILE_ATTRIBUTES,
                 ERROR_PATH_NOT_FOUND);
    WIN32_FILE_ATTRIBUTE_DATA d;
    cr_assert(GetFileAttributesExW(L"C:\\base\\dir\\inner.txt", GetFileExInfoStandard, &d));
    cr_assert_eq(d.nFileSizeLow, 5u);
    cr_assert_eq(d.dwFileAttributes, (DWORD)(FILE_ATTRIBUTE_ARCHIVE | not_local()));
    expect_error(GetFileAttributesExW(L"C:\\base\\nope", GetFileExInfoStandard, &d), ERROR_FILE_NOT_FOUND);
    expect_error(GetFileAttributesExW(L"C:\\base\\a.txt", GetFileExMaxInfoLevel, &d),
                 ERROR_INVALID_PARAMETER);
    cr_assert(PathFileExistsW(L"C:\\base\\dir\\inner.txt"));
    cr_assert(!PathFileExistsW(L"C:\\base\\dir\\nope.txt"));
}

BOTH_PLACES(names, set_file_attributes)
{
    cr_assert(SetFileAttributesW(L"C:\\base\\a.txt", FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_READONLY));
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\a.txt"),
                 (DWORD)(FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_READONLY | not_local()));
    expect_error(DeleteFileW(L"C:\\base\\a.txt"), ERROR_ACCESS_DENIED);
    expect_open_error(L"C:\\base\\a.txt", GENERIC_WRITE, OPEN_EXISTING, 0, ERROR_ACCESS_DENIED);
    cr_assert(SetFileAttributesW(L"C:\\base\\a.txt", FILE_ATTRIBUTE_NORMAL));
    /* NORMAL stands only for no other bit. */
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\a.txt"), not_local() ? not_local() : (DWORD)FILE_ATTRIBUTE_NORMAL);
    cr_assert(DeleteFileW(L"C:\\base\\a.txt"));
    /* The directory bit is not settable and is kept. */
    cr_assert(SetFileAttributesW(L"C:\\base\\empty", FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_DIRECTORY));
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\empty"),
                 (DWORD)(FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_DIRECTORY));
    expect_error(SetFileAttributesW(L"C:\\base\\nope", FILE_ATTRIBUTE_HIDDEN), ERROR_FILE_NOT_FOUND);
    expect_error(SetFileAttributesW(L"C:\\base\\nope\\x", FILE_ATTRIBUTE_HIDDEN), ERROR_PATH_NOT_FOUND);
}

BOTH_PLACES(names, create_directory)
{
    cr_assert(CreateDirectoryW(L"C:\\base\\made", NULL));
    cr_assert(GetFileAttributesW(L"C:\\base\\made") & FILE_ATTRIBUTE_DIRECTORY);
    cr_assert(CreateDirectoryW(L"C:\\base\\made\\deeper\\", NULL), "a trailing separator is fine");
    expect_error(CreateDirectoryW(L"C:\\base\\made", NULL), ERROR_ALREADY_EXISTS);
    expect_error(CreateDirectoryW(L"C:\\base\\dir", NULL), ERROR_ALREADY_EXISTS);
    expect_error(CreateDirectoryW(L"C:\\base\\a.txt", NULL), ERROR_ALREADY_EXISTS);
    expect_error(CreateDirectoryW(L"C:\\base\\nope\\x", NULL), ERROR_PATH_NOT_FOUND);
}

BOTH_PLACES(names, remove_directory)
{
    expect_error(RemoveDirectoryW(L"C:\\base\\dir"), ERROR_DIR_NOT_EMPTY);
    expect_error(RemoveDirectoryW(L"C:\\base\\a.txt"), ERROR_DIRECTORY);
    expect_error(RemoveDirectoryW(L"C:\\base\\nope"), ERROR_FILE_NOT_FOUND);
    expect_error(RemoveDirectoryW(L"C:\\base\\nope\\x"), ERROR_PATH_NOT_FOUND);
    cr_assert(RemoveDirectoryW(L"C:\\base\\empty"));
    expect_error(GetFileAttributesW(L"C:\\base\\empty") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    cr_assert(DeleteFileW(L"C:\\base\\dir\\inner.txt"));
    cr_assert(RemoveDirectoryW(L"C:\\base\\dir"), "empty once its file is gone");
}

BOTH_PLACES(names, delete_file)
{
    expect_error(DeleteFileW(L"C:\\base\\dir"), ERROR_ACCESS_DENIED);
    expect_error(DeleteFileW(L"C:\\base\\ro.txt"), ERROR_ACCESS_DENIED);
    expect_error(DeleteFileW(L"C:\\base\\nope"), ERROR_FILE_NOT_FOUND);
    expect_error(DeleteFileW(L"C:\\base\\nope\\x"), ERROR_PATH_NOT_FOUND);
    cr_assert(DeleteFileW(L"C:\\base\\b.txt"));
    expect_error(GetFileAttributesW(L"C:\\base\\b.txt") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    expect_error(DeleteFileW(L"C:\\base\\b.txt"), ERROR_FILE_NOT_FOUND);
}

BOTH_PLACES(names, move_file_ex)
{
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\b.txt", 0), ERROR_ALREADY_EXISTS);
    expect_error(MoveFileW(L"C:\\base\\a.txt", L"C:\\base\\b.txt"), ERROR_ALREADY_EXISTS);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\dir", MOVEFILE_REPLACE_EXISTING),
                 ERROR_ACCESS_DENIED);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\ro.txt", MOVEFILE_REPLACE_EXISTING),
                 ERROR_ACCESS_DENIED);
    expect_error(MoveFileExW(L"C:\\base\\nope", L"C:\\base\\z", 0), ERROR_FILE_NOT_FOUND);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\nope\\z", 0), ERROR_PATH_NOT_FOUND);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", NULL, 0), ERROR_INVALID_PARAMETER);
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "bee", "failed moves change nothing");
    expect_ok(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\b.txt", MOVEFILE_REPLACE_EXISTING));
    cr_assert_str_eq(get_file(L"C:\\base\\b.txt"), "hello");
    expect_error(GetFileAttributesW(L"C:\\base\\a.txt") != INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    expect_ok(MoveFileW(L"C:\\base\\b.txt", L"C:\\base\\dir\\moved.txt"));
    cr_assert_str_eq(get_file(L"C:\\base\\dir\\moved.txt"), "hello");
    cr_assert_str_eq(get_file(L"C:\\base\\dir\\inner.txt"), "inner");
    if (test_place == IN_ROOT) {
        /* ProjFS renames no directory with projected content (section 11.1); nothing changes. */
        expect_error(MoveFileExW(L"C:\\base\\dir", L"C:\\base\\dir2", 0), ERROR_NOT_SUPPORTED);
        cr_assert_str_eq(get_file(L"C:\\base\\dir\\inner.txt"), "inner");
        /* A directory created locally, with only local content, still renames. */
        cr_assert(CreateDirectoryW(L"C:\\base\\local", NULL));
        put_file(L"C:\\base\\local\\x.txt", "x");
        expect_ok(MoveFileExW(L"C:\\base\\local", L"C:\\base\\local2", 0));
        cr_assert_str_eq(get_file(L"C:\\base\\local2\\x.txt"), "x");
    } else {
        expect_ok(MoveFileExW(L"C:\\base\\dir", L"C:\\base\\dir2", 0));
        cr_assert_str_eq(get_file(L"C:\\base\\dir2\\inner.txt"), "inner");
    }
}

BOTH_PLACES(names, copy_file)
{
    expect_ok(CopyFileW(L"C:\\base\\a.txt", L"C:\\base\\copy.txt", TRUE));
    cr_assert_str_eq(get_file(L"C:\\base\\copy.txt"), "hello");
    expect_error(CopyFileW(L"C:\\base\\b.txt", L"C:\\base\\copy.txt", TRUE), ERROR_FILE_EXISTS);
    expect_ok(CopyFileW(L"C:\\base\\b.txt", L"C:\\base\\copy.txt", FALSE));
    cr_assert_str_eq(get_file(L"C:\\base\\copy.txt"), "bee");
    expect_error(CopyFileW(L"C:\\base\\nope", L"C:\\base\\copy2.txt", FALSE), ERROR_FILE_NOT_FOUND);
    expect_error(CopyFileW(L"C:\\base\\dir", L"C:\\base\\copy2.txt", FALSE), ERROR_ACCESS_DENIED);
    expect_error(CopyFileW(L"C:\\base\\a.txt", L"C:\\base\\ro.txt", FALSE), ERROR_ACCESS_DENIED);
    expect_error(CopyFileW(L"C:\\base\\a.txt", L"C:\\base\\.\\a.txt", FALSE), ERROR_SHARING_VIOLATION);
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "hello", "a copy onto itself loses nothing");
    expect_ok(CopyFileW(L"C:\\base\\ro.txt", L"C:\\base\\ro2.txt", FALSE));
    cr_assert(GetFileAttributesW(L"C:\\base\\ro2.txt") & FILE_ATTRIBUTE_READONLY,
              "attributes are copied");
}

BOTH_PLACES(names, hard_links)
{
    BOOL ok = CreateHardLinkW(L"C:\\base\\link.txt", L"C:\\base\\a.txt", NULL);
    expect_ok(ok);
    cr_assert_str_eq(get_file(L"C:\\base\\link.txt"), "hello");
    HANDLE h = open_w(L"C:\\base\\link.txt", GENERIC_READ, OPEN_EXISTING, 0);
    BY_HANDLE_FILE_INFORMATION info;
    cr_assert(GetFileInformationByHandle(h, &info));
    cr_assert_eq(info.nNumberOfLinks, 2u);
    CloseHandle(h);
    expect_error(CreateHardLinkW(L"C:\\base\\link.txt", L"C:\\base\\b.txt", NULL), ERROR_ALREADY_EXISTS);
    expect_error(CreateHardLinkW(L"C:\\base\\l2.txt", L"C:\\base\\nope", NULL), ERROR_FILE_NOT_FOUND);
    expect_error(CreateHardLinkW(L"C:\\base\\l2.txt", L"C:\\base\\dir", NULL), ERROR_ACCESS_DENIED);
    expect_error(CreateHardLinkW(L"D:\\l2.txt", L"C:\\base\\a.txt", NULL), ERROR_NOT_SAME_DEVICE);
}

BOTH_PLACES(names, symbolic_links)
{
    expect_ok(CreateSymbolicLinkW(L"C:\\base\\rel.txt", L"a.txt", 0));
    cr_assert_str_eq(get_file(L"C:\\base\\rel.txt"), "hello", "a relative target is from the link's directory");
    expect_ok(CreateSymbolicLinkW(L"C:\\base\\abs.txt", L"C:\\base\\b.txt",
                                  SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE));
    cr_assert_str_eq(get_file(L"C:\\base\\abs.txt"), "bee");
    expect_ok(CreateSymbolicLinkW(L"C:\\base\\dl", L"dir", SYMBOLIC_LINK_FLAG_DIRECTORY));
    put_file(L"C:\\base\\dl\\in.txt", "in");
    cr_assert_str_eq(get_file(L"C:\\base\\dir\\in.txt"), "in", "a directory link leads into its target");
    expect_ok(CreateSymbolicLinkW(L"C:\\base\\dangling", L"nope", 0));
    expect_error(CreateFileW(L"C:\\base\\dangling", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) !=
                     INVALID_HANDLE_VALUE,
                 ERROR_FILE_NOT_FOUND);
    expect_error(CreateSymbolicLinkW(L"C:\\base\\a.txt", L"b.txt", 0), ERROR_ALREADY_EXISTS);
    expect_error(CreateSymbolicLinkW(L"C:\\base\\rel.txt", L"b.txt", 0), ERROR_ALREADY_EXISTS);
    expect_error(CreateSymbolicLinkW(L"C:\\base\\nodir\\l.txt", L"a.txt", 0), ERROR_PATH_NOT_FOUND);
    expect_error(CreateSymbolicLinkW(L"C:\\base\\l3.txt", L"a.txt", 0x4), ERROR_INVALID_PARAMETER);
    expect_error(CreateSymbolicLinkW(L"C:\\base\\l3.txt", L"", 0), ERROR_INVALID_PARAMETER);
    cr_assert_eq(GetFileAttributesW(L"C:\\base\\l3.txt"), INVALID_FILE_ATTRIBUTES, "a refused link leaves nothing");
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "hello", "the existing name is untouched");
}

/* ---- the A forms, UTF-8 names ---- */

BOTH_PLACES(narrow, utf8_names)
{
    const char *name = "C:\\base\\h\xc3\xa9llo \xe2\x82\xac.txt"; /* "héllo €.txt" */
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    cr_assert_neq(h, INVALID_HANDLE_VALUE, "%s", err_name(GetLastError()));
    DWORD n;
    cr_assert(WriteFile(h, "utf8", 4, &n, NULL));
    CloseHandle(h);
    cr_assert_str_eq(get_file(L"C:\\base\\h\u00e9llo \u20ac.txt"), "utf8", "the wide name is the same file");
    cr_assert_eq(GetFileAttributesA(name), (DWORD)FILE_ATTRIBUTE_ARCHIVE);
    WIN32_FILE_ATTRIBUTE_DATA d;
    cr_assert(GetFileAttributesExA(name, GetFileExInfoStandard, &d));
    cr_assert_eq(d.nFileSizeLow, 4u);
    WIN32_FIND_DATAA fd;
    HANDLE f = FindFirstFileA("C:\\base\\h*", &fd);
    cr_assert_neq(f, INVALID_HANDLE_VALUE);
    cr_assert_str_eq(fd.cFileName, "h\xc3\xa9llo \xe2\x82\xac.txt");
    expect_error(FindNextFileA(f, &fd), ERROR_NO_MORE_FILES);
    cr_assert(FindClose(f));
    cr_assert(SetFileAttributesA(name, FILE_ATTRIBUTE_HIDDEN));
    cr_assert(SetFileAttributesA(name, FILE_ATTRIBUTE_NORMAL));
    const char *moved = "C:\\base\\\xc3\xa9t\xc3\xa9.txt";
    cr_assert(MoveFileExA(name, moved, 0));
    cr_assert(CopyFileA(moved, "C:\\base\\copie.txt", TRUE));
    cr_assert(MoveFileA("C:\\base\\copie.txt", "C:\\base\\copie2.txt"));
    cr_assert(DeleteFileA(moved));
    expect_error(DeleteFileA(moved), ERROR_FILE_NOT_FOUND);
    const char *dir = "C:\\base\\r\xc3\xa9pertoire";
    cr_assert(CreateDirectoryA(dir, NULL));
    expect_error(CreateDirectoryA(dir, NULL), ERROR_ALREADY_EXISTS);
    cr_assert(RemoveDirectoryA(dir));
    expect_error(RemoveDirectoryA(dir), ERROR_FILE_NOT_FOUND);
    cr_assert(PathFileExistsA("C:\\base\\copie2.txt"));
    /* The A forms fail as the W forms do. */
    HANDLE none = CreateFileA("C:\\base\\n\xc3\xa9" "ant", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    expect_error(none != INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_error(GetFileAttributesA("C:\\base\\n\xc3\xa9" "ant") != INVALID_FILE_ATTRIBUTES,
                 ERROR_FILE_NOT_FOUND);
    expect_error(GetFileAttributesExA("C:\\base\\n\xc3\xa9" "ant\\x", GetFileExInfoStandard, &d),
                 ERROR_PATH_NOT_FOUND);
    expect_error(SetFileAttributesA("C:\\base\\n\xc3\xa9" "ant", FILE_ATTRIBUTE_HIDDEN), ERROR_FILE_NOT_FOUND);
    expect_error(MoveFileExA("C:\\base\\copie2.txt", "C:\\base\\a.txt", 0), ERROR_ALREADY_EXISTS);
    expect_error(MoveFileA("C:\\base\\n\xc3\xa9" "ant", "C:\\base\\z"), ERROR_FILE_NOT_FOUND);
    expect_error(CopyFileA("C:\\base\\copie2.txt", "C:\\base\\a.txt", TRUE), ERROR_FILE_EXISTS);
    expect_error(CreateDirectoryA("C:\\base\\n\xc3\xa9" "ant\\x", NULL), ERROR_PATH_NOT_FOUND);
    if (test_place == ON_HOST) {
        cr_assert(CreateHardLinkA("C:\\base\\lien.txt", "C:\\base\\copie2.txt", NULL));
        cr_assert_str_eq(get_file(L"C:\\base\\lien.txt"), "utf8");
        expect_error(CreateHardLinkA("C:\\base\\lien.txt", "C:\\base\\a.txt", NULL), ERROR_ALREADY_EXISTS);
    }
}

BOTH_PLACES(io, no_buffering_needs_aligned_reads)
{
    HANDLE h = open_w(L"C:\\base\\c.dat", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_NO_BUFFERING);
    cr_assert_neq(h, INVALID_HANDLE_VALUE);
    static char buf[8192];
    DWORD n = 0;
    expect_error(ReadFile(h, buf, 100, &n, NULL), ERROR_INVALID_PARAMETER);
    cr_assert(ReadFile(h, buf, 4096, &n, NULL), "[%s] %s", place_name(), err_name(GetLastError()));
    cr_assert_eq(n, 8u);
    cr_assert(!memcmp(buf, "12345678", 8));
    CloseHandle(h);
}

/* The standard handles go through the file API too (console.c owns them). */
Test(io, console_handles)
{
    HANDLE out = GetStdHandle(STD_ERROR_HANDLE);
    cr_assert_eq(GetFileType(out), (DWORD)FILE_TYPE_CHAR);
    DWORD n = 0;
    cr_assert(WriteFile(out, "", 0, &n, NULL));
    cr_assert_eq(n, 0u);
    cr_assert(FlushFileBuffers(out));
    char buf[4];
    expect_error(ReadFile(out, buf, sizeof buf, &n, NULL), ERROR_ACCESS_DENIED);
    expect_error(WriteFile(GetStdHandle(STD_INPUT_HANDLE), "x", 1, &n, NULL), ERROR_ACCESS_DENIED);
    cr_assert_eq(GetFileType(GetStdHandle(STD_INPUT_HANDLE)), (DWORD)FILE_TYPE_CHAR);
}

/* Share modes, in a root (the simulator) and on the host (this process's handles), alike. */
BOTH_PLACES(io, share_modes)
{
    HANDLE h1 = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h1, INVALID_HANDLE_VALUE, "[%s]", place_name());
    HANDLE h2 = CreateFileW(L"C:\\base\\a.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                            OPEN_EXISTING, 0, NULL);
    cr_assert_eq(h2, INVALID_HANDLE_VALUE, "[%s] a writer beside a reader that does not share write", place_name());
    cr_assert_eq(GetLastError(), (DWORD)ERROR_SHARING_VIOLATION, "[%s]", place_name());
    expect_error(CreateFileW(L"C:\\base\\a.txt", GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL) !=
                     INVALID_HANDLE_VALUE,
                 ERROR_SHARING_VIOLATION);
    cr_assert_str_eq(get_file(L"C:\\base\\a.txt"), "hello", "[%s] a refused overwrite truncates nothing", place_name());
    expect_error(DeleteFileW(L"C:\\base\\a.txt"), ERROR_SHARING_VIOLATION);
    expect_error(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\z.txt", 0), ERROR_SHARING_VIOLATION);
    HANDLE h3 = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h3, INVALID_HANDLE_VALUE, "[%s] a reader beside a reader that shares read", place_name());
    cr_assert(GetFileAttributesW(L"C:\\base\\a.txt") != INVALID_FILE_ATTRIBUTES, "attributes never conflict");
    CloseHandle(h3);
    CloseHandle(h1);
    HANDLE h4 = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                            OPEN_EXISTING, 0, NULL);
    cr_assert_neq(h4, INVALID_HANDLE_VALUE);
    expect_ok(MoveFileExW(L"C:\\base\\a.txt", L"C:\\base\\z.txt", 0));
    CloseHandle(h4);
}
