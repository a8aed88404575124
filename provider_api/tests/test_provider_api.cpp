/* SPDX-License-Identifier: MIT */
/*
 * test_provider_api.cpp: the provider headers as a C++17 provider sees them.
 *
 * <projectedfslib.h> comes first, alone, to prove it needs nothing before
 * it. Compiled with -Wall -Wextra -pedantic (and -Werror in the default
 * build). Most checks are static_asserts: the flag operators, the exact
 * function signatures and their C linkage are properties of the declarations.
 * The Criterion tests check what has to run.
 *
 * Nothing here calls a prjsim library function: only the headers are tested.
 */
#include <projectedfslib.h>

#include <windows.h>
#include <ntstatus.h>

#include <criterion/criterion.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "include_checks.h"

/* ---- Base types ---------------------------------------------------------- */

static_assert(sizeof(LONG) == 4, "LONG is 32-bit");
static_assert(std::is_same<LONG, std::int32_t>::value, "LONG is int32_t");
static_assert(std::is_same<ULONG, std::uint32_t>::value && std::is_same<DWORD, std::uint32_t>::value,
              "ULONG and DWORD are uint32_t");
static_assert(std::is_same<HRESULT, std::int32_t>::value, "HRESULT is int32_t");
static_assert(std::is_same<NTSTATUS, LONG>::value, "NTSTATUS is LONG");
static_assert(std::is_same<WCHAR, wchar_t>::value && sizeof(WCHAR) == sizeof(wchar_t), "WCHAR is wchar_t");
static_assert(std::is_same<PCWSTR, const wchar_t *>::value, "PCWSTR");
static_assert(std::is_same<LPCWSTR, const wchar_t *>::value, "LPCWSTR");
static_assert(std::is_same<PWSTR, wchar_t *>::value && std::is_same<LPWSTR, wchar_t *>::value, "PWSTR");
static_assert(std::is_same<BOOLEAN, unsigned char>::value, "BOOLEAN is unsigned char");
static_assert(std::is_same<BOOL, int>::value, "BOOL is int");
static_assert(std::is_same<SIZE_T, std::size_t>::value, "SIZE_T is size_t");
static_assert(std::is_same<REFGUID, const GUID &>::value, "REFGUID is a reference in C++");

/* ---- HRESULTs are constant expressions with the Windows values ----------- */

static_assert(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) == static_cast<HRESULT>(0x80070002u), "");
static_assert(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) < 0, "failure HRESULTs are negative");
static_assert(FAILED(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)), "");
static_assert(SUCCEEDED(S_OK) && SUCCEEDED(S_FALSE), "");
static_assert(HRESULT_FROM_WIN32(ERROR_SUCCESS) == S_OK, "");
static_assert(HRESULT_FROM_NT(STATUS_CANNOT_DELETE) == static_cast<HRESULT>(0xD0000121u), "");
static_assert(E_INVALIDARG == HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), "");
static_assert(STATUS_OBJECT_NAME_NOT_FOUND == static_cast<NTSTATUS>(0xC0000034u), "");

/* ---- Flag operators: exactly the five enums the SDK lists ---------------- */

template <typename E> constexpr bool has_flag_operators()
{
    return std::is_same<decltype(std::declval<E>() | std::declval<E>()), E>::value &&
           std::is_same<decltype(std::declval<E>() & std::declval<E>()), E>::value &&
           std::is_same<decltype(std::declval<E>() ^ std::declval<E>()), E>::value &&
           std::is_same<decltype(~std::declval<E>()), E>::value &&
           std::is_same<decltype(std::declval<E &>() |= std::declval<E>()), E &>::value &&
           std::is_same<decltype(std::declval<E &>() &= std::declval<E>()), E &>::value &&
           std::is_same<decltype(std::declval<E &>() ^= std::declval<E>()), E &>::value;
}

static_assert(has_flag_operators<PRJ_NOTIFY_TYPES>(), "PRJ_NOTIFY_TYPES has flag operators");
static_assert(has_flag_operators<PRJ_STARTVIRTUALIZING_FLAGS>(), "PRJ_STARTVIRTUALIZING_FLAGS");
static_assert(has_flag_operators<PRJ_UPDATE_TYPES>(), "PRJ_UPDATE_TYPES");
static_assert(has_flag_operators<PRJ_UPDATE_FAILURE_CAUSES>(), "PRJ_UPDATE_FAILURE_CAUSES");
static_assert(has_flag_operators<PRJ_FILE_STATE>(), "PRJ_FILE_STATE");

/*
 * Without operators of its own, | on an unscoped enum is the built-in one and
 * yields int (and |= does not compile, so only | is probed).
 */
template <typename E> constexpr bool or_yields_enum()
{
    return std::is_same<decltype(std::declval<E>() | std::declval<E>()), E>::value;
}
static_assert(!or_yields_enum<PRJ_CALLBACK_DATA_FLAGS>(), "the SDK gives PRJ_CALLBACK_DATA_FLAGS none");
static_assert(!or_yields_enum<PRJ_NOTIFICATION>(), "PRJ_NOTIFICATION holds values, not flags");
static_assert(!or_yields_enum<PRJ_COMPLETE_COMMAND_TYPE>(), "");
static_assert(!or_yields_enum<PRJ_EXT_INFO_TYPE>(), "");
static_assert(!or_yields_enum<PRJ_PLACEHOLDER_ID>(), "");

static_assert((PRJ_UPDATE_ALLOW_DIRTY_DATA | PRJ_UPDATE_ALLOW_TOMBSTONE) == 6, "operators are constexpr");
static_assert(static_cast<std::uint32_t>(PRJ_NOTIFY_USE_EXISTING_MASK) == 0xFFFFFFFFu, "");

/* ---- Exact signatures and C linkage of the 19 functions ------------------ */

/*
 * Redeclaring each function with extern "C" and the SDK's parameter types
 * fails to compile if the header's declaration differs in either.
 */
extern "C" {
HRESULT PrjStartVirtualizing(PCWSTR, const PRJ_CALLBACKS *, const void *, const PRJ_STARTVIRTUALIZING_OPTIONS *,
                             PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *);
void PrjStopVirtualizing(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT);
HRESULT PrjClearNegativePathCache(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, UINT32 *);
HRESULT PrjGetVirtualizationInstanceInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PRJ_VIRTUALIZATION_INSTANCE_INFO *);
HRESULT PrjMarkDirectoryAsPlaceholder(PCWSTR, PCWSTR, const PRJ_PLACEHOLDER_VERSION_INFO *, const GUID *);
HRESULT PrjWritePlaceholderInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32);
HRESULT PrjWritePlaceholderInfo2(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32,
                                 const PRJ_EXTENDED_INFO *);
HRESULT PrjUpdateFileIfNeeded(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32,
                              PRJ_UPDATE_TYPES, PRJ_UPDATE_FAILURE_CAUSES *);
HRESULT PrjDeleteFile(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, PRJ_UPDATE_TYPES, PRJ_UPDATE_FAILURE_CAUSES *);
HRESULT PrjWriteFileData(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, const GUID *, void *, UINT64, UINT32);
HRESULT PrjGetOnDiskFileState(PCWSTR, PRJ_FILE_STATE *);
void *PrjAllocateAlignedBuffer(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, size_t);
void PrjFreeAlignedBuffer(void *);
HRESULT PrjCompleteCommand(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, INT32, HRESULT,
                           PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *);
HRESULT PrjFillDirEntryBuffer(PCWSTR, PRJ_FILE_BASIC_INFO *, PRJ_DIR_ENTRY_BUFFER_HANDLE);
HRESULT PrjFillDirEntryBuffer2(PRJ_DIR_ENTRY_BUFFER_HANDLE, PCWSTR, PRJ_FILE_BASIC_INFO *, PRJ_EXTENDED_INFO *);
BOOLEAN PrjFileNameMatch(PCWSTR, PCWSTR);
int PrjFileNameCompare(PCWSTR, PCWSTR);
BOOLEAN PrjDoesNameContainWildCards(LPCWSTR);
HRESULT CoCreateGuid(GUID *);
}

/* And the same through decltype, which also catches a changed return type. */
static_assert(std::is_same<decltype(&PrjStopVirtualizing), void (*)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)>::value,
              "PrjStopVirtualizing returns void");
static_assert(std::is_same<decltype(&PrjFreeAlignedBuffer), void (*)(void *)>::value, "");
static_assert(std::is_same<decltype(&PrjAllocateAlignedBuffer),
                           void *(*)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, size_t)>::value,
              "");
static_assert(std::is_same<decltype(&PrjFileNameCompare), int (*)(PCWSTR, PCWSTR)>::value, "");
static_assert(std::is_same<decltype(&PrjFileNameMatch), BOOLEAN (*)(PCWSTR, PCWSTR)>::value, "");

/* ---- Callback types are function types ----------------------------------- */

static_assert(std::is_function<PRJ_START_DIRECTORY_ENUMERATION_CB>::value, "");
static_assert(std::is_function<PRJ_GET_DIRECTORY_ENUMERATION_CB>::value, "");
static_assert(std::is_function<PRJ_END_DIRECTORY_ENUMERATION_CB>::value, "");
static_assert(std::is_function<PRJ_GET_PLACEHOLDER_INFO_CB>::value, "");
static_assert(std::is_function<PRJ_GET_FILE_DATA_CB>::value, "");
static_assert(std::is_function<PRJ_QUERY_FILE_NAME_CB>::value, "");
static_assert(std::is_function<PRJ_NOTIFICATION_CB>::value, "");
static_assert(std::is_function<PRJ_CANCEL_COMMAND_CB>::value, "");
static_assert(std::is_same<decltype(PRJ_CALLBACKS::GetFileDataCallback), PRJ_GET_FILE_DATA_CB *>::value, "");
static_assert(std::is_same<PRJ_GET_FILE_DATA_CB, HRESULT(const PRJ_CALLBACK_DATA *, UINT64, UINT32)>::value, "");
static_assert(std::is_same<PRJ_CANCEL_COMMAND_CB, void(const PRJ_CALLBACK_DATA *)>::value, "");
static_assert(std::is_same<PRJ_NOTIFICATION_CB, HRESULT(const PRJ_CALLBACK_DATA *, BOOLEAN, PRJ_NOTIFICATION, PCWSTR,
                                                         PRJ_NOTIFICATION_PARAMETERS *)>::value,
              "");

/* ---- A C++ provider's callbacks ----------------------------------------- */

namespace {

PRJ_START_DIRECTORY_ENUMERATION_CB MyStartEnum;
PRJ_GET_DIRECTORY_ENUMERATION_CB MyGetEnum;
PRJ_END_DIRECTORY_ENUMERATION_CB MyEndEnum;
PRJ_GET_PLACEHOLDER_INFO_CB MyGetPlaceholderInfo;
PRJ_GET_FILE_DATA_CB MyGetFileData;
PRJ_NOTIFICATION_CB MyNotification;

std::vector<std::wstring> seen;

HRESULT CALLBACK MyStartEnum(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ const GUID *enumerationId)
{
    UNREFERENCED_PARAMETER(enumerationId);
    seen.push_back(std::wstring(L"start:") + callbackData->FilePathName);
    return S_OK;
}

HRESULT CALLBACK MyGetEnum(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ const GUID *enumerationId,
                           _In_opt_ PCWSTR searchExpression, _In_ PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    UNREFERENCED_PARAMETER(callbackData);
    UNREFERENCED_PARAMETER(enumerationId);
    UNREFERENCED_PARAMETER(dirEntryBufferHandle);
    seen.push_back(std::wstring(L"get:") + searchExpression);
    return S_OK;
}

HRESULT CALLBACK MyEndEnum(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ const GUID *enumerationId)
{
    UNREFERENCED_PARAMETER(callbackData);
    UNREFERENCED_PARAMETER(enumerationId);
    seen.push_back(L"end");
    return S_OK;
}

HRESULT CALLBACK MyGetPlaceholderInfo(_In_ const PRJ_CALLBACK_DATA *callbackData)
{
    seen.push_back(std::wstring(L"placeholder:") + callbackData->FilePathName);
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

HRESULT CALLBACK MyGetFileData(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ UINT64 byteOffset,
                               _In_ UINT32 length)
{
    UNREFERENCED_PARAMETER(callbackData);
    seen.push_back(L"data:" + std::to_wstring(byteOffset) + L"+" + std::to_wstring(length));
    return S_OK;
}

HRESULT CALLBACK MyNotification(_In_ const PRJ_CALLBACK_DATA *callbackData, _In_ BOOLEAN isDirectory,
                                _In_ PRJ_NOTIFICATION notification, _In_opt_ PCWSTR destinationFileName,
                                _Inout_ PRJ_NOTIFICATION_PARAMETERS *operationParameters)
{
    UNREFERENCED_PARAMETER(callbackData);
    UNREFERENCED_PARAMETER(isDirectory);
    UNREFERENCED_PARAMETER(destinationFileName);
    switch (notification) {
    case PRJ_NOTIFICATION_FILE_OPENED:
        operationParameters->PostCreate.NotificationMask =
            PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED | PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED;
        return S_OK;
    case PRJ_NOTIFICATION_PRE_DELETE:
        return HRESULT_FROM_NT(STATUS_CANNOT_DELETE);
    default:
        return HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    }
}

/* Case labels need constant expressions: the macros must give them. */
const char *describe(HRESULT hr)
{
    switch (hr) {
    case S_OK:
        return "S_OK";
    case HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND):
        return "not found";
    case HRESULT_FROM_WIN32(ERROR_IO_PENDING):
        return "pending";
    case HRESULT_FROM_NT(STATUS_CANNOT_DELETE):
        return "cannot delete";
    case E_INVALIDARG:
        return "invalid argument";
    default:
        return "other";
    }
}

} // namespace

Test(provider_api_cpp, callbacks_assigned_the_windows_way)
{
    PRJ_CALLBACKS cb = {};
    cb.StartDirectoryEnumerationCallback = MyStartEnum;
    cb.EndDirectoryEnumerationCallback = MyEndEnum;
    cb.GetDirectoryEnumerationCallback = (PRJ_GET_DIRECTORY_ENUMERATION_CB *)MyGetEnum;
    cb.GetPlaceholderInfoCallback = MyGetPlaceholderInfo;
    cb.GetFileDataCallback = MyGetFileData;
    cb.NotificationCallback = MyNotification;

    PRJ_CALLBACK_DATA data = {};
    data.Size = sizeof data;
    data.FilePathName = L"dir\\sub";
    GUID id = {};
    PRJ_NOTIFICATION_PARAMETERS params = {};

    seen.clear();
    cr_expect_eq(cb.StartDirectoryEnumerationCallback(&data, &id), S_OK);
    cr_expect_eq(cb.GetDirectoryEnumerationCallback(&data, &id, L"*", nullptr), S_OK);
    cr_expect_eq(cb.EndDirectoryEnumerationCallback(&data, &id), S_OK);
    cr_expect_eq(cb.GetPlaceholderInfoCallback(&data), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    cr_expect_eq(cb.GetFileDataCallback(&data, 0, 4096), S_OK);
    cr_expect_eq(cb.NotificationCallback(&data, FALSE, PRJ_NOTIFICATION_FILE_OPENED, nullptr, &params), S_OK);
    cr_expect_eq(static_cast<std::uint32_t>(params.PostCreate.NotificationMask), 0xC00u);
    cr_expect_eq(cb.NotificationCallback(&data, FALSE, PRJ_NOTIFICATION_PRE_DELETE, nullptr, &params),
                 static_cast<HRESULT>(0xD0000121u));
    cr_expect_null(cb.QueryFileNameCallback);
    cr_expect_null(cb.CancelCommandCallback);

    const std::vector<std::wstring> expected = {L"start:dir\\sub", L"get:*", L"end", L"placeholder:dir\\sub",
                                                L"data:0+4096"};
    cr_expect(seen == expected, "callbacks ran in order with their arguments");
}

Test(provider_api_cpp, flag_operators_combine_and_assign)
{
    PRJ_UPDATE_TYPES update = PRJ_UPDATE_ALLOW_DIRTY_DATA | PRJ_UPDATE_ALLOW_TOMBSTONE;
    cr_expect_eq(update, 6);
    update |= PRJ_UPDATE_ALLOW_READ_ONLY;
    cr_expect_eq(update, 0x26);
    update &= ~PRJ_UPDATE_ALLOW_DIRTY_DATA;
    cr_expect_eq(update, 0x24);
    update ^= PRJ_UPDATE_ALLOW_TOMBSTONE;
    cr_expect_eq(update, PRJ_UPDATE_ALLOW_READ_ONLY);
    cr_expect_eq(update & PRJ_UPDATE_ALLOW_TOMBSTONE, PRJ_UPDATE_NONE);

    PRJ_NOTIFY_TYPES mask = PRJ_NOTIFY_NONE;
    mask |= PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME;
    cr_expect_eq(mask, 0x30);
    cr_expect_eq(static_cast<std::uint32_t>(~PRJ_NOTIFY_NONE), 0xFFFFFFFFu);
    cr_expect_eq(static_cast<std::uint32_t>(PRJ_NOTIFY_USE_EXISTING_MASK), 0xFFFFFFFFu);

    PRJ_FILE_STATE state = PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER;
    cr_expect((state & PRJ_FILE_STATE_HYDRATED_PLACEHOLDER) != 0);
    cr_expect_eq(state, 3);

    PRJ_STARTVIRTUALIZING_FLAGS flags = PRJ_FLAG_NONE | PRJ_FLAG_USE_NEGATIVE_PATH_CACHE;
    cr_expect_eq(flags, PRJ_FLAG_USE_NEGATIVE_PATH_CACHE);

    PRJ_UPDATE_FAILURE_CAUSES cause = PRJ_UPDATE_FAILURE_CAUSE_NONE;
    cause |= PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA;
    cause = cause ^ PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY;
    cr_expect_eq(cause, 0xA);
}

Test(provider_api_cpp, guid_compare_through_references)
{
    const GUID a = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
    GUID b = a;
    REFGUID ra = a;

    cr_expect(IsEqualGUID(a, b));
    cr_expect(IsEqualGUID(ra, b));
    cr_expect(InlineIsEqualGUID(a, b));
    cr_expect(a == b);
    cr_expect_not(a != b);
    b.Data1 ^= 1;
    cr_expect_not(IsEqualGUID(a, b));
    cr_expect(a != b);
    cr_expect(a != GUID_NULL);
    cr_expect(GUID{} == GUID_NULL);
}

Test(provider_api_cpp, hresult_values_at_run_time)
{
    volatile DWORD code = ERROR_FILE_NOT_FOUND;
    const HRESULT hr = HRESULT_FROM_WIN32(code);

    cr_expect_eq(static_cast<std::uint32_t>(hr), 0x80070002u);
    cr_expect_lt(hr, 0);
    cr_expect(FAILED(hr));
    cr_expect_str_eq(describe(hr), "not found");
    cr_expect_str_eq(describe(HRESULT_FROM_WIN32(ERROR_IO_PENDING)), "pending");
    cr_expect_str_eq(describe(static_cast<HRESULT>(0xD0000121u)), "cannot delete");
    cr_expect_str_eq(describe(static_cast<HRESULT>(0x80070057u)), "invalid argument");
    cr_expect_eq(static_cast<std::uint32_t>(HRESULT_FROM_NT(STATUS_CANNOT_DELETE)), 0xD0000121u);
}

Test(provider_api_cpp, large_integer_and_wide_strings)
{
    LARGE_INTEGER li = {};
    li.QuadPart = 0x1122334455667788LL;
    cr_expect_eq(li.LowPart, 0x55667788u);
    cr_expect_eq(li.HighPart, 0x11223344);
    cr_expect_eq(li.u.LowPart, li.LowPart);
    cr_expect_eq(li.u.HighPart, li.HighPart);
    li.HighPart = -1;
    cr_expect_lt(li.QuadPart, 0);

    PCWSTR root = L"";
    std::wstring path = std::wstring(L"C:\\ProjFSRoot") + L"\\" + L"file.txt";
    cr_expect_eq(wcslen(root), 0u);
    cr_expect_eq(path.size(), 22u);
    cr_expect_eq(wcslen(path.c_str()), path.size());
}

Test(provider_api_cpp, projectedfslib_alone_agrees)
{
    cr_expect_eq(include_alone_sizeof_callbacks(), sizeof(PRJ_CALLBACKS));
    cr_expect_eq(include_alone_sizeof_placeholder_info(), sizeof(PRJ_PLACEHOLDER_INFO));
    cr_expect_eq(include_alone_hresult_file_not_found(), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
}

extern "C" int include_extras_check(void);

Test(provider_api_cpp, extra_headers_answer_as_msvc)
{
    cr_expect(include_extras_check(), "intrin.h, winreg.h or winternl.h gave a wrong answer");
}
