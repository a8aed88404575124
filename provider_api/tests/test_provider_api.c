/* SPDX-License-Identifier: MIT */
/*
 * test_provider_api.c: the provider headers as a C11 provider sees them.
 *
 * Compiled with -Wall -Wextra -pedantic (and -Werror in the default build),
 * so compiling this file is itself the first test: the headers must be clean
 * C. The static assertions in the headers run here too. The Criterion tests
 * then check values at run time, including through non-constant operands
 * where a macro might behave differently.
 *
 * Nothing here calls a prjsim library function: only the headers are tested.
 */
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <projectedfslib.h>

#include <criterion/criterion.h>
#include <inttypes.h>

#include "include_checks.h"

/* ---- Compile-time checks ------------------------------------------------ */

PRJSIM_STATIC_ASSERT(sizeof(LONG) == 4, "LONG is 32-bit");
PRJSIM_STATIC_ASSERT(sizeof(ULONG) == 4 && sizeof(DWORD) == 4, "ULONG and DWORD are 32-bit");
PRJSIM_STATIC_ASSERT(sizeof(HRESULT) == 4 && sizeof(NTSTATUS) == 4, "status types are 32-bit");
PRJSIM_STATIC_ASSERT(sizeof(WCHAR) == sizeof(wchar_t), "WCHAR is wchar_t");
PRJSIM_STATIC_ASSERT(sizeof(BOOLEAN) == 1 && sizeof(BOOL) == 4, "BOOLEAN and BOOL sizes");
PRJSIM_STATIC_ASSERT(sizeof(INT64) == 8 && sizeof(UINT64) == 8 && sizeof(LONGLONG) == 8,
                     "64-bit types");
PRJSIM_STATIC_ASSERT(sizeof(UINT8) == 1 && sizeof(USHORT) == 2 && sizeof(INT32) == 4, "small types");
PRJSIM_STATIC_ASSERT(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) == (HRESULT)0x80070002L,
                     "HRESULT_FROM_WIN32 is a constant expression with the Windows formula");
PRJSIM_STATIC_ASSERT(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) < 0, "failure HRESULTs are negative");
PRJSIM_STATIC_ASSERT(FAILED(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)), "FAILED sees it");
PRJSIM_STATIC_ASSERT(HRESULT_FROM_NT(STATUS_CANNOT_DELETE) == (HRESULT)0xD0000121L,
                     "HRESULT_FROM_NT sets the N bit");
PRJSIM_STATIC_ASSERT(sizeof(PRJ_CALLBACKS) == 8 * sizeof(void *), "eight callback pointers");

/* ---- A provider's callbacks, declared the way Windows providers do ------- */

static PRJ_START_DIRECTORY_ENUMERATION_CB MyStartEnum;
static PRJ_GET_DIRECTORY_ENUMERATION_CB MyGetEnum;
static PRJ_END_DIRECTORY_ENUMERATION_CB MyEndEnum;
static PRJ_GET_PLACEHOLDER_INFO_CB MyGetPlaceholderInfo;
static PRJ_GET_FILE_DATA_CB MyGetFileData;
static PRJ_QUERY_FILE_NAME_CB MyQueryFileName;
static PRJ_NOTIFICATION_CB MyNotification;
static PRJ_CANCEL_COMMAND_CB MyCancelCommand;

/* Which callback ran last, so the table's wiring can be checked. */
static int last_callback;

static HRESULT CALLBACK MyStartEnum(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ const GUID *enumerationId)
{
    UNREFERENCED_PARAMETER(enumerationId);
    last_callback = 1;
    return callbackData->FilePathName[0] == L'\0' ? S_OK : HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK MyGetEnum(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                  _In_ const GUID *enumerationId,
                                  _In_opt_ PCWSTR searchExpression,
                                  _In_ PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    UNREFERENCED_PARAMETER(enumerationId);
    UNREFERENCED_PARAMETER(dirEntryBufferHandle);
    last_callback = 2;
    if (callbackData->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN)
        return S_FALSE;
    return wcslen(searchExpression) == 1 ? S_OK : E_INVALIDARG;
}

static HRESULT CALLBACK MyEndEnum(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ const GUID *enumerationId)
{
    UNREFERENCED_PARAMETER(callbackData);
    UNREFERENCED_PARAMETER(enumerationId);
    last_callback = 3;
    return S_OK;
}

static HRESULT CALLBACK MyGetPlaceholderInfo(_In_ const PRJ_CALLBACK_DATA *callbackData)
{
    UNREFERENCED_PARAMETER(callbackData);
    last_callback = 4;
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static HRESULT CALLBACK MyGetFileData(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                      _In_ UINT64 byteOffset,
                                      _In_ UINT32 length)
{
    UNREFERENCED_PARAMETER(callbackData);
    last_callback = 5;
    return (byteOffset == 0 && length == 42) ? S_OK : E_FAIL;
}

static HRESULT CALLBACK MyQueryFileName(_In_ const PRJ_CALLBACK_DATA *callbackData)
{
    UNREFERENCED_PARAMETER(callbackData);
    last_callback = 6;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK MyNotification(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                       _In_ BOOLEAN isDirectory,
                                       _In_ PRJ_NOTIFICATION notification,
                                       _In_opt_ PCWSTR destinationFileName,
                                       _Inout_ PRJ_NOTIFICATION_PARAMETERS *operationParameters)
{
    UNREFERENCED_PARAMETER(callbackData);
    UNREFERENCED_PARAMETER(isDirectory);
    UNREFERENCED_PARAMETER(destinationFileName);
    last_callback = 7;
    if (notification == PRJ_NOTIFICATION_PRE_DELETE)
        return HRESULT_FROM_NT(STATUS_CANNOT_DELETE);
    if (notification == PRJ_NOTIFICATION_FILE_OPENED)
        operationParameters->PostCreate.NotificationMask = PRJ_NOTIFY_USE_EXISTING_MASK;
    return S_OK;
}

static VOID CALLBACK MyCancelCommand(_In_ const PRJ_CALLBACK_DATA *callbackData)
{
    last_callback = 8 + callbackData->CommandId;
}

static PRJ_CALLBACKS make_callbacks(void)
{
    PRJ_CALLBACKS cb;
    memset(&cb, 0, sizeof cb);
    /* Some providers cast, as the Windows samples do; both must compile. */
    cb.StartDirectoryEnumerationCallback = (PRJ_START_DIRECTORY_ENUMERATION_CB *)MyStartEnum;
    cb.EndDirectoryEnumerationCallback = MyEndEnum;
    cb.GetDirectoryEnumerationCallback = MyGetEnum;
    cb.GetPlaceholderInfoCallback = MyGetPlaceholderInfo;
    cb.GetFileDataCallback = MyGetFileData;
    cb.QueryFileNameCallback = MyQueryFileName;
    cb.NotificationCallback = MyNotification;
    cb.CancelCommandCallback = MyCancelCommand;
    return cb;
}

static PRJ_CALLBACK_DATA make_callback_data(PCWSTR path)
{
    PRJ_CALLBACK_DATA data;
    memset(&data, 0, sizeof data);
    data.Size = sizeof data;
    data.FilePathName = path;
    return data;
}

Test(provider_api_c, callback_table_calls_each_callback)
{
    PRJ_CALLBACKS cb = make_callbacks();
    PRJ_CALLBACK_DATA data = make_callback_data(L"");
    PRJ_NOTIFICATION_PARAMETERS params;
    GUID id = GUID_NULL;

    cr_expect_eq(cb.StartDirectoryEnumerationCallback(&data, &id), S_OK);
    cr_expect_eq(last_callback, 1);
    cr_expect_eq(cb.GetDirectoryEnumerationCallback(&data, &id, L"*", NULL), S_OK);
    cr_expect_eq(last_callback, 2);
    data.Flags = PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN;
    cr_expect_eq(cb.GetDirectoryEnumerationCallback(&data, &id, L"*", NULL), S_FALSE);
    cr_expect_eq(cb.EndDirectoryEnumerationCallback(&data, &id), S_OK);
    cr_expect_eq(last_callback, 3);
    cr_expect_eq(cb.GetPlaceholderInfoCallback(&data), (HRESULT)0x800703E5L);
    cr_expect_eq(last_callback, 4);
    cr_expect_eq(cb.GetFileDataCallback(&data, 0, 42), S_OK);
    cr_expect_eq(last_callback, 5);
    cr_expect_eq(cb.QueryFileNameCallback(&data), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    cr_expect_eq(last_callback, 6);

    memset(&params, 0, sizeof params);
    cr_expect_eq(cb.NotificationCallback(&data, FALSE, PRJ_NOTIFICATION_PRE_DELETE, NULL, &params),
                 (HRESULT)0xD0000121L);
    cr_expect_eq(cb.NotificationCallback(&data, TRUE, PRJ_NOTIFICATION_FILE_OPENED, NULL, &params), S_OK);
    cr_expect_eq((uint32_t)params.PostCreate.NotificationMask, 0xFFFFFFFFu);
    cr_expect_eq((uint32_t)params.FileRenamed.NotificationMask, 0xFFFFFFFFu,
                 "the union's members share storage");
    cr_expect_eq(last_callback, 7);

    data.CommandId = 5;
    cb.CancelCommandCallback(&data);
    cr_expect_eq(last_callback, 13);

    data.FilePathName = L"dir\\file.txt";
    cr_expect_eq(cb.StartDirectoryEnumerationCallback(&data, &id), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
}

/* ---- HRESULTs ------------------------------------------------------------ */

Test(provider_api_c, hresult_from_win32_is_negative_32_bit)
{
    HRESULT hr = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);

    cr_expect_eq((uint32_t)hr, 0x80070002u, "got 0x%08" PRIX32, (uint32_t)hr);
    cr_expect_lt(hr, 0, "an HRESULT with the failure bit must be negative");
    cr_expect(FAILED(hr));
    cr_expect_not(SUCCEEDED(hr));
    cr_expect(SUCCEEDED(S_OK) && SUCCEEDED(S_FALSE) && !FAILED(S_FALSE));
}

Test(provider_api_c, hresult_from_win32_formula_on_runtime_values)
{
    /* volatile: the macro must also be right when nothing is folded. */
    volatile DWORD codes[] = {ERROR_SUCCESS, ERROR_FILE_NOT_FOUND, ERROR_IO_PENDING,
                              ERROR_REPARSE_POINT_ENCOUNTERED, 0x12345678u, 0x80070005u};
    static const uint32_t expected[] = {0x00000000u, 0x80070002u, 0x800703E5u,
                                        0x8007112Bu, 0x80075678u, 0x80070005u};
    size_t i;

    for (i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        DWORD code = codes[i];
        HRESULT hr = HRESULT_FROM_WIN32(code);
        cr_expect_eq((uint32_t)hr, expected[i], "HRESULT_FROM_WIN32(0x%08" PRIX32 "): expected 0x%08" PRIX32
                     ", got 0x%08" PRIX32, (uint32_t)code, expected[i], (uint32_t)hr);
    }
    cr_expect_eq(HRESULT_FROM_WIN32(ERROR_SUCCESS), S_OK);
    cr_expect_eq(HRESULT_FROM_WIN32(E_INVALIDARG), E_INVALIDARG, "an HRESULT passes through");
}

Test(provider_api_c, hresult_parts_and_nt)
{
    HRESULT hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    volatile NTSTATUS status = STATUS_CANNOT_DELETE;
    HRESULT nt = HRESULT_FROM_NT(status);

    cr_expect_eq(HRESULT_CODE(hr), ERROR_ACCESS_DENIED);
    cr_expect_eq(HRESULT_FACILITY(hr), FACILITY_WIN32);
    cr_expect_eq(HRESULT_SEVERITY(hr), SEVERITY_ERROR);
    cr_expect_eq(HRESULT_SEVERITY(S_FALSE), SEVERITY_SUCCESS);
    cr_expect_eq(hr, E_ACCESSDENIED);
    cr_expect_eq(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIN32, ERROR_ACCESS_DENIED), hr);
    cr_expect(IS_ERROR(hr) && !IS_ERROR(S_OK));

    cr_expect_eq((uint32_t)nt, 0xD0000121u, "got 0x%08" PRIX32, (uint32_t)nt);
    cr_expect(FAILED(nt));
    cr_expect_eq(FACILITY_NT_BIT, 0x10000000);
    cr_expect_eq((uint32_t)HRESULT_FROM_NT(STATUS_DEVICE_NOT_READY), 0xD00000A3u);
}

/* A row of a value table: the name as written, its value, the Windows value. */
struct value_row {
    char name[96];
    int64_t value;
    int64_t expected;
};

/* The value as the macro gives it, and the expected bit pattern as a signed 32-bit value. */
#define ROW32(name, expected) {#name, (int64_t)(name), (int64_t)(int32_t)(uint32_t)(expected)}
#define ROWU(name, expected) {#name, (int64_t)(name), (int64_t)(expected)}

static void check_rows(const struct value_row *rows, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        cr_expect_eq(rows[i].value, rows[i].expected, "%s: expected 0x%08" PRIX32 ", got 0x%08" PRIX32,
                     rows[i].name, (uint32_t)rows[i].expected, (uint32_t)rows[i].value);
    }
}

Test(provider_api_c, generic_hresults)
{
    static const struct value_row rows[] = {
        ROW32(S_OK, 0x00000000),          ROW32(S_FALSE, 0x00000001),
        ROW32(E_NOTIMPL, 0x80004001),     ROW32(E_NOINTERFACE, 0x80004002),
        ROW32(E_POINTER, 0x80004003),     ROW32(E_ABORT, 0x80004004),
        ROW32(E_FAIL, 0x80004005),        ROW32(E_UNEXPECTED, 0x8000FFFF),
        ROW32(E_ACCESSDENIED, 0x80070005), ROW32(E_HANDLE, 0x80070006),
        ROW32(E_OUTOFMEMORY, 0x8007000E), ROW32(E_INVALIDARG, 0x80070057),
    };
    size_t i;

    check_rows(rows, sizeof rows / sizeof rows[0]);
    for (i = 2; i < sizeof rows / sizeof rows[0]; i++)
        cr_expect_lt(rows[i].value, 0, "%s must be negative", rows[i].name);
    cr_expect_eq(E_OUTOFMEMORY, HRESULT_FROM_WIN32(ERROR_OUTOFMEMORY));
    cr_expect_eq(E_INVALIDARG, HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER));
    cr_expect_eq(E_HANDLE, HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE));
}

/* The HRESULTs of reference §2.4, through the macro a provider would use. */
Test(provider_api_c, projfs_hresults)
{
    static const struct value_row rows[] = {
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), 0x80070002),
        ROW32(HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND), 0x80070003),
        ROW32(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), 0x80070005),
        ROW32(HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION), 0x80070020),
        ROW32(HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), 0x80070032),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_EXISTS), 0x80070050),
        ROW32(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), 0x8007007A),
        ROW32(HRESULT_FROM_WIN32(ERROR_DIR_NOT_EMPTY), 0x80070091),
        ROW32(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), 0x800700B7),
        ROW32(HRESULT_FROM_WIN32(ERROR_DIRECTORY), 0x8007010B),
        ROW32(HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION), 0x80070147),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE), 0x80070171),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT), 0x80070172),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY), 0x80070173),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN), 0x80070174),
        ROW32(HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION), 0x80070181),
        ROW32(HRESULT_FROM_WIN32(ERROR_IO_PENDING), 0x800703E5),
        ROW32(HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED), 0x800704DF),
        ROW32(HRESULT_FROM_WIN32(ERROR_INTERNAL_ERROR), 0x8007054F),
        ROW32(HRESULT_FROM_WIN32(ERROR_NOT_A_REPARSE_POINT), 0x80071126),
        ROW32(HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH), 0x8007112A),
        ROW32(HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED), 0x8007112B),
        ROW32(HRESULT_FROM_NT(STATUS_CANNOT_DELETE), 0xD0000121),
        ROW32(HRESULT_FROM_NT(STATUS_DEVICE_NOT_READY), 0xD00000A3),
    };
    check_rows(rows, sizeof rows / sizeof rows[0]);
}

Test(provider_api_c, win32_error_codes)
{
    static const struct value_row rows[] = {
        ROWU(ERROR_SUCCESS, 0),
        ROWU(NO_ERROR, 0),
        ROWU(ERROR_INVALID_FUNCTION, 1),
        ROWU(ERROR_FILE_NOT_FOUND, 2),
        ROWU(ERROR_PATH_NOT_FOUND, 3),
        ROWU(ERROR_TOO_MANY_OPEN_FILES, 4),
        ROWU(ERROR_ACCESS_DENIED, 5),
        ROWU(ERROR_INVALID_HANDLE, 6),
        ROWU(ERROR_NOT_ENOUGH_MEMORY, 8),
        ROWU(ERROR_INVALID_DATA, 13),
        ROWU(ERROR_OUTOFMEMORY, 14),
        ROWU(ERROR_NO_MORE_FILES, 18),
        ROWU(ERROR_NOT_READY, 21),
        ROWU(ERROR_GEN_FAILURE, 31),
        ROWU(ERROR_SHARING_VIOLATION, 32),
        ROWU(ERROR_LOCK_VIOLATION, 33),
        ROWU(ERROR_HANDLE_EOF, 38),
        ROWU(ERROR_NOT_SUPPORTED, 50),
        ROWU(ERROR_FILE_EXISTS, 80),
        ROWU(ERROR_CANNOT_MAKE, 82),
        ROWU(ERROR_INVALID_PARAMETER, 87),
        ROWU(ERROR_DISK_FULL, 112),
        ROWU(ERROR_CALL_NOT_IMPLEMENTED, 120),
        ROWU(ERROR_INSUFFICIENT_BUFFER, 122),
        ROWU(ERROR_INVALID_NAME, 123),
        ROWU(ERROR_DIR_NOT_EMPTY, 145),
        ROWU(ERROR_BAD_PATHNAME, 161),
        ROWU(ERROR_ALREADY_EXISTS, 183),
        ROWU(ERROR_FILENAME_EXCED_RANGE, 206),
        ROWU(ERROR_MORE_DATA, 234),
        ROWU(WAIT_TIMEOUT, 258),
        ROWU(ERROR_NO_MORE_ITEMS, 259),
        ROWU(ERROR_DIRECTORY, 267),
        ROWU(ERROR_DELETE_PENDING, 303),
        ROWU(ERROR_MR_MID_NOT_FOUND, 317),
        ROWU(ERROR_OFFSET_ALIGNMENT_VIOLATION, 327),
        ROWU(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, 369),
        ROWU(ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT, 370),
        ROWU(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY, 371),
        ROWU(ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN, 372),
        ROWU(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION, 385),
        ROWU(ERROR_OPERATION_ABORTED, 995),
        ROWU(ERROR_IO_INCOMPLETE, 996),
        ROWU(ERROR_IO_PENDING, 997),
        ROWU(ERROR_NOACCESS, 998),
        ROWU(ERROR_NOT_FOUND, 1168),
        ROWU(ERROR_CANCELLED, 1223),
        ROWU(ERROR_ALREADY_INITIALIZED, 1247),
        ROWU(ERROR_INTERNAL_ERROR, 1359),
        ROWU(ERROR_TIMEOUT, 1460),
        ROWU(ERROR_BAD_CONFIGURATION, 1610),
        ROWU(ERROR_FILE_OFFLINE, 4350),
        ROWU(ERROR_NOT_A_REPARSE_POINT, 4390),
        ROWU(ERROR_REPARSE_TAG_MISMATCH, 4394),
        ROWU(ERROR_REPARSE_POINT_ENCOUNTERED, 4395),
    };
    check_rows(rows, sizeof rows / sizeof rows[0]);
}

Test(provider_api_c, ntstatus_codes)
{
    static const struct value_row rows[] = {
        ROW32(STATUS_SUCCESS, 0x00000000),
        ROW32(STATUS_PENDING, 0x00000103),
        ROW32(STATUS_BUFFER_OVERFLOW, 0x80000005),
        ROW32(STATUS_NO_MORE_FILES, 0x80000006),
        ROW32(STATUS_UNSUCCESSFUL, 0xC0000001),
        ROW32(STATUS_NOT_IMPLEMENTED, 0xC0000002),
        ROW32(STATUS_INVALID_HANDLE, 0xC0000008),
        ROW32(STATUS_INVALID_PARAMETER, 0xC000000D),
        ROW32(STATUS_NO_SUCH_FILE, 0xC000000F),
        ROW32(STATUS_INVALID_DEVICE_REQUEST, 0xC0000010),
        ROW32(STATUS_END_OF_FILE, 0xC0000011),
        ROW32(STATUS_NO_MEMORY, 0xC0000017),
        ROW32(STATUS_ACCESS_DENIED, 0xC0000022),
        ROW32(STATUS_BUFFER_TOO_SMALL, 0xC0000023),
        ROW32(STATUS_OBJECT_NAME_INVALID, 0xC0000033),
        ROW32(STATUS_OBJECT_NAME_NOT_FOUND, 0xC0000034),
        ROW32(STATUS_OBJECT_NAME_COLLISION, 0xC0000035),
        ROW32(STATUS_OBJECT_PATH_NOT_FOUND, 0xC000003A),
        ROW32(STATUS_OBJECT_PATH_SYNTAX_BAD, 0xC000003B),
        ROW32(STATUS_SHARING_VIOLATION, 0xC0000043),
        ROW32(STATUS_DELETE_PENDING, 0xC0000056),
        ROW32(STATUS_DEVICE_NOT_READY, 0xC00000A3),
        ROW32(STATUS_FILE_IS_A_DIRECTORY, 0xC00000BA),
        ROW32(STATUS_NOT_SUPPORTED, 0xC00000BB),
        ROW32(STATUS_INTERNAL_ERROR, 0xC00000E5),
        ROW32(STATUS_DIRECTORY_NOT_EMPTY, 0xC0000101),
        ROW32(STATUS_NOT_A_DIRECTORY, 0xC0000103),
        ROW32(STATUS_CANCELLED, 0xC0000120),
        ROW32(STATUS_CANNOT_DELETE, 0xC0000121),
        ROW32(STATUS_NOT_FOUND, 0xC0000225),
        ROW32(STATUS_NOT_A_REPARSE_POINT, 0xC0000275),
        ROW32(STATUS_IO_REPARSE_TAG_MISMATCH, 0xC0000277),
        ROW32(STATUS_FILE_NOT_AVAILABLE, 0xC0000467),
        ROW32(STATUS_INVALID_OFFSET_ALIGNMENT, 0xC0000474),
        ROW32(STATUS_REPARSE_POINT_ENCOUNTERED, 0xC000050B),
        ROW32(STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, 0xC000CE01),
        ROW32(STATUS_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT, 0xC000CE02),
        ROW32(STATUS_FILE_SYSTEM_VIRTUALIZATION_BUSY, 0xC000CE03),
        ROW32(STATUS_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN, 0xC000CE04),
        ROW32(STATUS_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION, 0xC000CE05),
    };
    check_rows(rows, sizeof rows / sizeof rows[0]);
    cr_expect_lt(STATUS_ACCESS_DENIED, 0, "error NTSTATUS values are negative");
}

/* ---- File attributes and Win32 file constants --------------------------- */

Test(provider_api_c, file_attributes_and_reparse_tags)
{
    static const struct value_row rows[] = {
        ROWU(FILE_ATTRIBUTE_READONLY, 0x1),
        ROWU(FILE_ATTRIBUTE_HIDDEN, 0x2),
        ROWU(FILE_ATTRIBUTE_SYSTEM, 0x4),
        ROWU(FILE_ATTRIBUTE_DIRECTORY, 0x10),
        ROWU(FILE_ATTRIBUTE_ARCHIVE, 0x20),
        ROWU(FILE_ATTRIBUTE_DEVICE, 0x40),
        ROWU(FILE_ATTRIBUTE_NORMAL, 0x80),
        ROWU(FILE_ATTRIBUTE_TEMPORARY, 0x100),
        ROWU(FILE_ATTRIBUTE_SPARSE_FILE, 0x200),
        ROWU(FILE_ATTRIBUTE_REPARSE_POINT, 0x400),
        ROWU(FILE_ATTRIBUTE_COMPRESSED, 0x800),
        ROWU(FILE_ATTRIBUTE_OFFLINE, 0x1000),
        ROWU(FILE_ATTRIBUTE_NOT_CONTENT_INDEXED, 0x2000),
        ROWU(FILE_ATTRIBUTE_ENCRYPTED, 0x4000),
        ROWU(FILE_ATTRIBUTE_INTEGRITY_STREAM, 0x8000),
        ROWU(FILE_ATTRIBUTE_VIRTUAL, 0x10000),
        ROWU(FILE_ATTRIBUTE_NO_SCRUB_DATA, 0x20000),
        ROWU(FILE_ATTRIBUTE_RECALL_ON_OPEN, 0x40000),
        ROWU(FILE_ATTRIBUTE_PINNED, 0x80000),
        ROWU(FILE_ATTRIBUTE_UNPINNED, 0x100000),
        ROWU(FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS, 0x400000),
        ROWU(INVALID_FILE_ATTRIBUTES, 0xFFFFFFFF),
        ROWU(IO_REPARSE_TAG_PROJFS, 0x9000001C),
        ROWU(IO_REPARSE_TAG_PROJFS_TOMBSTONE, 0xA0000022),
    };
    DWORD tag = 0x9000001Cu;

    check_rows(rows, sizeof rows / sizeof rows[0]);
    cr_expect(tag == IO_REPARSE_TAG_PROJFS, "a DWORD compares equal to the tag");
}

Test(provider_api_c, file_api_constants)
{
    static const struct value_row rows[] = {
        ROWU(GENERIC_READ, 0x80000000),
        ROWU(GENERIC_WRITE, 0x40000000),
        ROWU(GENERIC_EXECUTE, 0x20000000),
        ROWU(GENERIC_ALL, 0x10000000),
        ROWU(DELETE, 0x00010000),
        ROWU(READ_CONTROL, 0x00020000),
        ROWU(SYNCHRONIZE, 0x00100000),
        ROWU(FILE_READ_DATA, 1),
        ROWU(FILE_LIST_DIRECTORY, 1),
        ROWU(FILE_WRITE_DATA, 2),
        ROWU(FILE_APPEND_DATA, 4),
        ROWU(FILE_READ_EA, 8),
        ROWU(FILE_WRITE_EA, 0x10),
        ROWU(FILE_EXECUTE, 0x20),
        ROWU(FILE_READ_ATTRIBUTES, 0x80),
        ROWU(FILE_WRITE_ATTRIBUTES, 0x100),
        ROWU(FILE_ALL_ACCESS, 0x001F01FF),
        ROWU(FILE_GENERIC_READ, 0x00120089),
        ROWU(FILE_GENERIC_WRITE, 0x00120116),
        ROWU(FILE_GENERIC_EXECUTE, 0x001200A0),
        ROWU(FILE_SHARE_READ, 1),
        ROWU(FILE_SHARE_WRITE, 2),
        ROWU(FILE_SHARE_DELETE, 4),
        ROWU(CREATE_NEW, 1),
        ROWU(CREATE_ALWAYS, 2),
        ROWU(OPEN_EXISTING, 3),
        ROWU(OPEN_ALWAYS, 4),
        ROWU(TRUNCATE_EXISTING, 5),
        ROWU(FILE_FLAG_WRITE_THROUGH, 0x80000000),
        ROWU(FILE_FLAG_OVERLAPPED, 0x40000000),
        ROWU(FILE_FLAG_NO_BUFFERING, 0x20000000),
        ROWU(FILE_FLAG_RANDOM_ACCESS, 0x10000000),
        ROWU(FILE_FLAG_SEQUENTIAL_SCAN, 0x08000000),
        ROWU(FILE_FLAG_DELETE_ON_CLOSE, 0x04000000),
        ROWU(FILE_FLAG_BACKUP_SEMANTICS, 0x02000000),
        ROWU(FILE_FLAG_OPEN_REPARSE_POINT, 0x00200000),
    };
    DWORD access = GENERIC_READ | GENERIC_WRITE;

    check_rows(rows, sizeof rows / sizeof rows[0]);
    cr_expect_eq(access, 0xC0000000u, "rights combine into a DWORD");
}

/* ---- Base types ---------------------------------------------------------- */

Test(provider_api_c, base_types)
{
    LONG l = (LONG)0x80000000u;
    DWORD d = (DWORD)-1;
    PCWSTR name = L"Fichier\u00e9.txt";
    BOOLEAN yes = TRUE;
    HANDLE h = INVALID_HANDLE_VALUE;

    cr_expect_lt(l, 0, "LONG is a signed 32-bit type");
    cr_expect_eq(d, 0xFFFFFFFFu);
    cr_expect_eq(wcslen(name), 12, "wide strings are wchar_t strings");
    cr_expect_eq(sizeof yes, 1);
    cr_expect_eq((intptr_t)h, -1);
    cr_expect_eq(MAX_PATH, 260);
    cr_expect_eq((uint32_t)INFINITE, 0xFFFFFFFFu);
    cr_expect_eq(sizeof(FILETIME), 8);
}

Test(provider_api_c, large_integer_views_agree)
{
    LARGE_INTEGER li;
    ULARGE_INTEGER uli;

    li.QuadPart = 0x1122334455667788LL;
    cr_expect_eq(li.LowPart, 0x55667788u);
    cr_expect_eq(li.HighPart, 0x11223344);
    cr_expect_eq(li.u.LowPart, li.LowPart);
    cr_expect_eq(li.u.HighPart, li.HighPart);

    li.QuadPart = -2;
    cr_expect_eq(li.LowPart, 0xFFFFFFFEu);
    cr_expect_eq(li.HighPart, -1, "HighPart is signed");

    li.LowPart = 1;
    li.HighPart = 2;
    cr_expect_eq(li.QuadPart, 0x0000000200000001LL);
    li.u.HighPart = -1;
    cr_expect_lt(li.QuadPart, 0);

    uli.QuadPart = 0xFFFFFFFF00000001ULL;
    cr_expect_eq(uli.LowPart, 1u);
    cr_expect_eq(uli.HighPart, 0xFFFFFFFFu);
    cr_expect_eq(uli.u.HighPart, 0xFFFFFFFFu);
}

Test(provider_api_c, guid_compare_through_pointers)
{
    GUID a = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
    GUID b = a;
    REFGUID ra = &a;

    cr_expect(IsEqualGUID(&a, &b));
    cr_expect(IsEqualGUID(ra, &b));
    cr_expect(IsEqualIID(&a, &b));
    b.Data4[7] = 9;
    cr_expect_not(IsEqualGUID(&a, &b));
    cr_expect_not(IsEqualGUID(&a, &GUID_NULL));
    memset(&b, 0, sizeof b);
    cr_expect(IsEqualGUID(&b, &GUID_NULL));
    cr_expect_eq(sizeof(GUID), 16);
}

/* ---- ProjFS types ---------------------------------------------------------- */

Test(provider_api_c, enums_combine_as_ints_in_c)
{
    PRJ_UPDATE_TYPES update = (PRJ_UPDATE_TYPES)(PRJ_UPDATE_ALLOW_DIRTY_DATA | PRJ_UPDATE_ALLOW_TOMBSTONE);
    PRJ_NOTIFY_TYPES mask = PRJ_NOTIFY_USE_EXISTING_MASK;
    UINT32 raw = 0xFFFFFFFFu;
    PRJ_FILE_STATE state = (PRJ_FILE_STATE)(PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);

    cr_expect_eq(update, 6);
    cr_expect(raw == (UINT32)mask, "USE_EXISTING_MASK compares as UINT32");
    cr_expect_eq(state, 3);
    cr_expect_eq(PRJ_UPDATE_MAX_VAL, 0x40);
    cr_expect_eq(sizeof mask, 4);
}

Test(provider_api_c, structures_initialise_like_windows_code)
{
    PRJ_PLACEHOLDER_INFO info;
    PRJ_EXTENDED_INFO ext;
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS params;
    PRJ_NOTIFICATION_MAPPING mapping = {PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_FILE_RENAMED, L""};
    PRJ_STARTVIRTUALIZING_OPTIONS options = {PRJ_FLAG_USE_NEGATIVE_PATH_CACHE, 0, 0, &mapping, 1};
    PRJ_DIR_ENTRY_BUFFER_HANDLE handle = (PRJ_DIR_ENTRY_BUFFER_HANDLE)&params;
    PRJ_DIR_ENTRY_BUFFER_HANDLE stored_handle;
    PCWSTR target;
    INT64 size;
    UINT32 stored_mask;

    memset(&info, 0, sizeof info);
    info.FileBasicInfo.IsDirectory = FALSE;
    info.FileBasicInfo.FileSize = 42;
    info.FileBasicInfo.FileAttributes = FILE_ATTRIBUTE_READONLY;
    info.FileBasicInfo.LastWriteTime.QuadPart = 116444736000000000LL;
    info.VersionInfo.ContentID[PRJ_PLACEHOLDER_ID_LENGTH - 1] = 0xAB;
    cr_expect_eq(((const UINT8 *)&info)[80 + 128 + 127], 0xAB, "ContentID ends at byte 335");
    memcpy(&size, (const char *)&info + 8, sizeof size);
    cr_expect_eq(size, 42, "FileSize at byte 8");

    memset(&ext, 0, sizeof ext);
    ext.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
    ext.Symlink.TargetName = L"..\\target";
    memcpy(&target, (const char *)&ext + 8, sizeof target);
    cr_expect_eq(target, ext.Symlink.TargetName, "the nameless union sits at byte 8");

    memset(&params, 0, sizeof params);
    params.CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
    params.Enumeration.DirEntryBufferHandle = handle;
    memcpy(&stored_handle, (const char *)&params + 8, sizeof stored_handle);
    cr_expect_eq(stored_handle, handle);
    params.CommandType = PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION;
    params.Notification.NotificationMask = PRJ_NOTIFY_FILE_OPENED;
    memcpy(&stored_mask, (const char *)&params + 8, sizeof stored_mask);
    cr_expect_eq(stored_mask, 2u);

    cr_expect_eq(options.NotificationMappings[0].NotificationBitMask, 0x90);
    cr_expect_eq(options.NotificationMappings[0].NotificationRoot[0], L'\0');
}

Test(provider_api_c, layout_matches_x64_sdk)
{
    cr_expect_eq(sizeof(PRJ_EXTENDED_INFO), 16);
    cr_expect_eq(sizeof(PRJ_NOTIFICATION_MAPPING), 16);
    cr_expect_eq(sizeof(PRJ_STARTVIRTUALIZING_OPTIONS), 32);
    cr_expect_eq(sizeof(PRJ_VIRTUALIZATION_INSTANCE_INFO), 20);
    cr_expect_eq(sizeof(PRJ_PLACEHOLDER_VERSION_INFO), 256);
    cr_expect_eq(sizeof(PRJ_FILE_BASIC_INFO), 56);
    cr_expect_eq(sizeof(PRJ_PLACEHOLDER_INFO), 344);
    cr_expect_eq(offsetof(PRJ_PLACEHOLDER_INFO, VariableData), 336);
    cr_expect_eq(sizeof(PRJ_CALLBACK_DATA), 96);
    cr_expect_eq(offsetof(PRJ_CALLBACK_DATA, FileId), 20);
    cr_expect_eq(offsetof(PRJ_CALLBACK_DATA, DataStreamId), 36);
    cr_expect_eq(offsetof(PRJ_CALLBACK_DATA, InstanceContext), 88);
    cr_expect_eq(sizeof(PRJ_NOTIFICATION_PARAMETERS), 4);
    cr_expect_eq(sizeof(PRJ_CALLBACKS), 64);
    cr_expect_eq(offsetof(PRJ_CALLBACKS, CancelCommandCallback), 56);
    cr_expect_eq(sizeof(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS), 16);
}

/* ---- Other include orders ---------------------------------------------- */

Test(provider_api_c, projectedfslib_alone_agrees)
{
    cr_expect_eq(include_alone_sizeof_callbacks(), sizeof(PRJ_CALLBACKS));
    cr_expect_eq(include_alone_sizeof_placeholder_info(), sizeof(PRJ_PLACEHOLDER_INFO));
    cr_expect_eq(include_alone_hresult_file_not_found(), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
}

Test(provider_api_c, ntstatus_first_agrees)
{
    cr_expect_eq(include_ntstatus_first_hresult_cannot_delete(), (HRESULT)0xD0000121L);
    cr_expect_eq(include_ntstatus_first_status_object_name_not_found(), STATUS_OBJECT_NAME_NOT_FOUND);
}

/* windows.h must have brought in the C library headers MSVC's does. */
Test(provider_api_c, windows_h_brings_the_crt)
{
    wchar_t buffer[16];
    char *copy = malloc(4);

    cr_assert_not_null(copy);
    memcpy(copy, "abc", 4);
    cr_expect_eq(strlen(copy), 3);
    free(copy);
    swprintf(buffer, sizeof buffer / sizeof buffer[0], L"%ls", L"xyz");
    cr_expect_eq(wcscmp(buffer, L"xyz"), 0);
    errno = 0;
    cr_expect_eq(errno, 0);
    cr_expect_not_null(stdout);
}

int include_extras_check(void);

Test(provider_api_c, extra_headers_answer_as_msvc)
{
    cr_expect(include_extras_check(), "intrin.h, winreg.h or winternl.h gave a wrong answer");
}
