/* SPDX-License-Identifier: MIT */
/*
 * selftest: a provider that tests itself, as provider authors write them: it projects a small
 * tree into C:\SelfTestRoot, then does file I/O under its own root with the Win32 API (from
 * its main thread and from a CreateThread thread) and prints a PASS or FAIL line per check.
 * Returns the number of failures. With the argument "--break" one expectation is wrong on
 * purpose, so the test of the tester sees a FAIL line and a non-zero exit code.
 *
 * On Windows the provider's own I/O triggers placeholder and data callbacks but no
 * notifications; the checks count both.
 */
#include <windows.h>
#include <projectedfslib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define ROOT L"C:\\SelfTestRoot"

static const char Content[] = "self-test content\n";
static volatile LONG Notifications;
static volatile LONG DataCallbacks;
static int Failures;

static void Check(BOOL ok, const char *what)
{
    printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
    if (!ok) {
        Failures++;
    }
}

/* ---- The provider: one directory "dir" holding "file.txt" ---- */

static BOOL Listed[64];

static HRESULT CALLBACK StartEnum(const PRJ_CALLBACK_DATA *data, const GUID *id)
{
    (void)data;
    Listed[id->Data1 % 64] = FALSE;
    return S_OK;
}

static HRESULT CALLBACK EndEnum(const PRJ_CALLBACK_DATA *data, const GUID *id)
{
    (void)data;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK GetEnum(const PRJ_CALLBACK_DATA *data, const GUID *id, PCWSTR expr,
                                PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    BOOL *listed = &Listed[id->Data1 % 64];
    if (data->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) {
        *listed = FALSE;
    }
    if (*listed) {
        return S_OK;
    }
    PRJ_FILE_BASIC_INFO info;
    ZeroMemory(&info, sizeof(info));
    PCWSTR name;
    if (data->FilePathName[0] == L'\0') {
        name = L"dir";
        info.IsDirectory = TRUE;
    } else {
        name = L"file.txt";
        info.FileSize = sizeof(Content) - 1;
    }
    if (PrjFileNameMatch(name, expr)) {
        HRESULT hr = PrjFillDirEntryBuffer(name, &info, buffer);
        if (FAILED(hr)) {
            return hr;
        }
    }
    *listed = TRUE;
    return S_OK;
}

static HRESULT CALLBACK GetPlaceholderInfo(const PRJ_CALLBACK_DATA *data)
{
    PRJ_PLACEHOLDER_INFO info;
    ZeroMemory(&info, sizeof(info));
    PCWSTR path;
    if (PrjFileNameCompare(data->FilePathName, L"dir") == 0) {
        path = L"dir";
        info.FileBasicInfo.IsDirectory = TRUE;
    } else if (PrjFileNameCompare(data->FilePathName, L"dir\\file.txt") == 0) {
        path = L"dir\\file.txt";
        info.FileBasicInfo.FileSize = sizeof(Content) - 1;
    } else {
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    return PrjWritePlaceholderInfo(data->NamespaceVirtualizationContext, path, &info, sizeof(info));
}

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *data, UINT64 offset, UINT32 length)
{
    (void)offset;
    (void)length;
    InterlockedIncrement(&DataCallbacks);
    void *buffer = PrjAllocateAlignedBuffer(data->NamespaceVirtualizationContext, sizeof(Content) - 1);
    if (buffer == NULL) {
        return E_OUTOFMEMORY;
    }
    CopyMemory(buffer, Content, sizeof(Content) - 1);
    HRESULT hr = PrjWriteFileData(data->NamespaceVirtualizationContext, &data->DataStreamId, buffer,
                                  0, sizeof(Content) - 1);
    PrjFreeAlignedBuffer(buffer);
    return hr;
}

static HRESULT CALLBACK Notify(const PRJ_CALLBACK_DATA *data, BOOLEAN isDirectory,
                               PRJ_NOTIFICATION notification, PCWSTR destinationFileName,
                               PRJ_NOTIFICATION_PARAMETERS *parameters)
{
    (void)data;
    (void)isDirectory;
    (void)notification;
    (void)destinationFileName;
    (void)parameters;
    InterlockedIncrement(&Notifications);
    return S_OK;
}

/* ---- The checks, as another program would do them ---- */

static BOOL ReadWhole(PCWSTR path, char *buffer, DWORD size, DWORD *read)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    BOOL ok = ReadFile(file, buffer, size, read, NULL);
    CloseHandle(file);
    return ok;
}

static DWORD WINAPI WriterThread(LPVOID parameter)
{
    (void)parameter;
    HANDLE file = CreateFileW(ROOT L"\\dir\\from-thread.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        return GetLastError();
    }
    DWORD written = 0;
    BOOL ok = WriteFile(file, "x", 1, &written, NULL);
    CloseHandle(file);
    return ok && written == 1 ? 0 : 1;
}

int wmain(int argc, wchar_t **argv)
{
    BOOL breakOnPurpose = argc > 1 && wcscmp(argv[1], L"--break") == 0;

    if (!CreateDirectoryW(ROOT, NULL) && GetLastError() != ERROR_ALREADY_EXISTS) {
        printf("FAIL: CreateDirectoryW: error %u\n", (unsigned)GetLastError());
        return 1;
    }
    GUID instanceId;
    CoCreateGuid(&instanceId);
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(ROOT, NULL, NULL, &instanceId);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED)) {
        printf("FAIL: PrjMarkDirectoryAsPlaceholder: 0x%08x\n", (unsigned)hr);
        return 1;
    }

    PRJ_CALLBACKS callbacks;
    ZeroMemory(&callbacks, sizeof(callbacks));
    callbacks.StartDirectoryEnumerationCallback = StartEnum;
    callbacks.EndDirectoryEnumerationCallback = EndEnum;
    callbacks.GetDirectoryEnumerationCallback = GetEnum;
    callbacks.GetPlaceholderInfoCallback = GetPlaceholderInfo;
    callbacks.GetFileDataCallback = GetFileData;
    callbacks.NotificationCallback = Notify;

    PRJ_NOTIFICATION_MAPPING mapping;
    mapping.NotificationRoot = L"";
    mapping.NotificationBitMask = PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OPENED |
                                  PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION |
                                  PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED;
    PRJ_STARTVIRTUALIZING_OPTIONS options;
    ZeroMemory(&options, sizeof(options));
    options.NotificationMappings = &mapping;
    options.NotificationMappingsCount = 1;

    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    hr = PrjStartVirtualizing(ROOT, &callbacks, NULL, &options, &context);
    if (FAILED(hr)) {
        printf("FAIL: PrjStartVirtualizing: 0x%08x\n", (unsigned)hr);
        return 1;
    }

    WIN32_FIND_DATAW find;
    HANDLE search = FindFirstFileW(ROOT L"\\*", &find);
    BOOL sawDir = FALSE;
    if (search != INVALID_HANDLE_VALUE) {
        do {
            sawDir = sawDir || wcscmp(find.cFileName, L"dir") == 0;
        } while (FindNextFileW(search, &find));
        FindClose(search);
    }
    Check(sawDir, "the root lists dir");

    char buffer[64] = {0};
    DWORD read = 0;
    BOOL ok = ReadWhole(ROOT L"\\dir\\file.txt", buffer, sizeof(buffer) - 1, &read);
    PCSTR expected = breakOnPurpose ? "something else\n" : Content;
    Check(ok && read == strlen(expected) && memcmp(buffer, expected, read) == 0,
          "dir\\file.txt has the projected content");
    Check(DataCallbacks == 1, "reading it asked the provider for its data once");

    ok = ReadWhole(ROOT L"\\DIR\\FILE.TXT", buffer, sizeof(buffer) - 1, &read);
    Check(ok && DataCallbacks == 1, "a second read, in another case, comes from the disk");
    Check(Notifications == 0, "our main thread's I/O raised no notifications");

    HANDLE thread = CreateThread(NULL, 0, WriterThread, NULL, 0, NULL);
    DWORD threadResult = 1;
    if (thread != NULL) {
        WaitForSingleObject(thread, INFINITE);
        GetExitCodeThread(thread, &threadResult);
        CloseHandle(thread);
    }
    Check(threadResult == 0, "a thread of ours creates a file under the root");
    Check(GetFileAttributesW(ROOT L"\\dir\\from-thread.txt") != INVALID_FILE_ATTRIBUTES,
          "the new file is there");
    Check(Notifications == 0, "our other thread's I/O raised no notifications either");

    PrjStopVirtualizing(context);
    printf("%d failure(s)\n", Failures);
    return Failures;
}
