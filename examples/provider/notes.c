/* SPDX-License-Identifier: MIT */
/*
 * notes: an example ProjFS provider, in a project of its own that uses an installed prjsim.
 *
 * It projects a flat folder of read-only notes into the root given on the command line
 * (default C:\NotesRoot) until its input ends or Enter is pressed. Written as for Windows:
 * <windows.h>, <projectedfslib.h> and the C library only.
 */
#include <windows.h>
#include <projectedfslib.h>
#include <stdio.h>
#include <string.h>

typedef struct NOTE {
    PCWSTR Name;
    const char *Text;
} NOTE;

/* Sorted as PrjFileNameCompare sorts: ProjFS expects enumerations in that order. */
static const NOTE Notes[] = {
    { L"monday.txt", "Water the plants.\n" },
    { L"README.md", "# Notes\nOne file per day.\n" },
    { L"tuesday.txt", "Call the plumber.\n" },
};
#define NOTE_COUNT (sizeof(Notes) / sizeof(Notes[0]))

static const NOTE *FindNote(PCWSTR path)
{
    for (size_t i = 0; i < NOTE_COUNT; i++)
        if (PrjFileNameCompare(path, Notes[i].Name) == 0)
            return &Notes[i];
    return NULL;
}

/* Enumeration sessions: the index of the next note, per enumeration GUID. */
typedef struct SESSION {
    BOOL InUse;
    GUID Id;
    size_t Next;
    WCHAR Filter[MAX_PATH];
} SESSION;
static SESSION Sessions[32];
static SRWLOCK SessionLock = SRWLOCK_INIT;

static SESSION *FindSession(const GUID *id)
{
    for (size_t i = 0; i < 32; i++)
        if (Sessions[i].InUse && IsEqualGUID(&Sessions[i].Id, id))
            return &Sessions[i];
    return NULL;
}

static HRESULT CALLBACK StartEnum(const PRJ_CALLBACK_DATA *data, const GUID *id)
{
    if (data->FilePathName[0] != L'\0')
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    HRESULT hr = E_OUTOFMEMORY;
    AcquireSRWLockExclusive(&SessionLock);
    for (size_t i = 0; i < 32; i++) {
        if (!Sessions[i].InUse) {
            memset(&Sessions[i], 0, sizeof(Sessions[i]));
            Sessions[i].InUse = TRUE;
            Sessions[i].Id = *id;
            hr = S_OK;
            break;
        }
    }
    ReleaseSRWLockExclusive(&SessionLock);
    return hr;
}

static HRESULT CALLBACK EndEnum(const PRJ_CALLBACK_DATA *data, const GUID *id)
{
    (void)data;
    AcquireSRWLockExclusive(&SessionLock);
    SESSION *s = FindSession(id);
    if (s)
        s->InUse = FALSE;
    ReleaseSRWLockExclusive(&SessionLock);
    return S_OK;
}

static HRESULT CALLBACK GetEnum(const PRJ_CALLBACK_DATA *data, const GUID *id, PCWSTR search,
                                PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    AcquireSRWLockExclusive(&SessionLock);
    SESSION *s = FindSession(id);
    HRESULT hr = s ? S_OK : E_INVALIDARG;
    if (s && (s->Filter[0] == L'\0' || (data->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN))) {
        s->Next = 0;
        wcsncpy(s->Filter, search && search[0] ? search : L"*", MAX_PATH - 1);
    }
    int added = 0;
    while (s && s->Next < NOTE_COUNT) {
        const NOTE *n = &Notes[s->Next];
        if (!PrjFileNameMatch(n->Name, s->Filter)) {
            s->Next++;
            continue;
        }
        PRJ_FILE_BASIC_INFO info;
        memset(&info, 0, sizeof(info));
        info.FileSize = (INT64)strlen(n->Text);
        info.FileAttributes = FILE_ATTRIBUTE_READONLY;
        HRESULT fill = PrjFillDirEntryBuffer(n->Name, &info, buffer);
        if (FAILED(fill)) {
            /* A full buffer is an error only when nothing fitted. */
            hr = added ? S_OK : fill;
            break;
        }
        added++;
        s->Next++;
        if (data->Flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY)
            break;
    }
    ReleaseSRWLockExclusive(&SessionLock);
    return hr;
}

static HRESULT CALLBACK GetPlaceholderInfo(const PRJ_CALLBACK_DATA *data)
{
    const NOTE *n = FindNote(data->FilePathName);
    if (!n)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof(info));
    info.FileBasicInfo.FileSize = (INT64)strlen(n->Text);
    info.FileBasicInfo.FileAttributes = FILE_ATTRIBUTE_READONLY;
    return PrjWritePlaceholderInfo(data->NamespaceVirtualizationContext, n->Name, &info,
                                   sizeof(info));
}

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *data, UINT64 offset, UINT32 length)
{
    const NOTE *n = FindNote(data->FilePathName);
    if (!n)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    void *buf = PrjAllocateAlignedBuffer(data->NamespaceVirtualizationContext, length);
    if (!buf)
        return E_OUTOFMEMORY;
    memcpy(buf, n->Text + offset, length);
    HRESULT hr = PrjWriteFileData(data->NamespaceVirtualizationContext, &data->DataStreamId, buf,
                                  offset, length);
    PrjFreeAlignedBuffer(buf);
    return hr;
}

int wmain(int argc, wchar_t **argv)
{
    PCWSTR root = argc > 1 ? argv[1] : L"C:\\NotesRoot";
    GUID instance;
    HRESULT hr = CoCreateGuid(&instance);
    if (SUCCEEDED(hr))
        hr = PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &instance);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED)) {
        wprintf(L"cannot mark %ls: 0x%08x\n", root, (unsigned)hr);
        return 1;
    }
    PRJ_CALLBACKS callbacks;
    memset(&callbacks, 0, sizeof(callbacks));
    callbacks.StartDirectoryEnumerationCallback = StartEnum;
    callbacks.EndDirectoryEnumerationCallback = EndEnum;
    callbacks.GetDirectoryEnumerationCallback = GetEnum;
    callbacks.GetPlaceholderInfoCallback = GetPlaceholderInfo;
    callbacks.GetFileDataCallback = GetFileData;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    hr = PrjStartVirtualizing(root, &callbacks, NULL, NULL, &context);
    if (FAILED(hr)) {
        wprintf(L"cannot start virtualizing %ls: 0x%08x\n", root, (unsigned)hr);
        return 1;
    }
    wprintf(L"Projecting %u notes into %ls. Press Enter to stop.\n", (unsigned)NOTE_COUNT, root);
    fflush(stdout);
    getchar();
    PrjStopVirtualizing(context);
    return 0;
}
