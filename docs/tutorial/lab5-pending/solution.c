/* SPDX-License-Identifier: MIT */
/*
 * Lab 5, reference solution: pended commands and cancellation.
 *
 * Lab 4's provider, answering GetDirectoryEnumeration and GetFileData later, from a worker
 * thread, as a provider that fetches from a network does: the callback copies what it needs
 * (callbackData dies when it returns), queues the work and returns ERROR_IO_PENDING; the worker
 * fills the entries or writes the data, then calls PrjCompleteCommand. The files of docs come from
 * a slow archive: the worker waits 30 seconds before it sends one, unless the read is cancelled;
 * CancelCommand ends that wait, or marks queued work, and the worker drops the command.
 *
 * Build and grade: prjsim-cc -o lab5.so solution.c && sh ../grade.sh . lab5.so
 */
/* ntstatus.h for STATUS_CANNOT_DELETE: windows.h must not define the status codes it has too */
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <projectedfslib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* ---- The tree, in the order the store happens to keep it (not sorted) ---- */

typedef struct LAB_ITEM {
    PCWSTR Parent; /* relative path of the directory holding it ("" = the root) */
    PCWSTR Name;
    BOOLEAN IsDirectory;
    const char *Content; /* NULL: Size bytes of 'a' to 'z' over and over */
    INT64 Size;
} LAB_ITEM;

static const LAB_ITEM Items[] = {
    { L"", L"docs", TRUE, NULL, 0 },
    { L"", L"Cherry.md", FALSE, "# Cherries\r\n", 12 },
    { L"", L"big.txt", FALSE, NULL, 150000 },
    { L"", L"banana.txt", FALSE, "Bananas are berries.\r\n", 22 },
    { L"", L"Apple.txt", FALSE, "An apple a day.\r\n", 17 },
    { L"docs", L"Guide.txt", FALSE, "Read the labs in order.\r\n", 25 },
};
#define ITEM_COUNT (sizeof(Items) / sizeof(Items[0]))

/* ---- Enumeration sessions ---- */

#define MAX_SESSIONS 64
#define MAX_CHILDREN ITEM_COUNT

typedef struct LAB_SESSION {
    BOOL InUse;
    GUID Id;
    const LAB_ITEM *Children[MAX_CHILDREN]; /* sorted */
    size_t Count;
    size_t Next;  /* the next child to add: where the last call stopped */
    BOOL Started; /* the search expression has been captured */
    WCHAR Filter[MAX_PATH + 1];
} LAB_SESSION;

static LAB_SESSION Sessions[MAX_SESSIONS];

static LAB_SESSION *FindSession(const GUID *id)
{
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        if (Sessions[i].InUse && IsEqualGUID(&Sessions[i].Id, id)) {
            return &Sessions[i];
        }
    }
    return NULL;
}

static BOOL IsDirectory(PCWSTR path)
{
    if (path[0] == L'\0') {
        return TRUE;
    }
    for (size_t i = 0; i < ITEM_COUNT; i++) {
        if (Items[i].IsDirectory && Items[i].Parent[0] == L'\0' && PrjFileNameCompare(path, Items[i].Name) == 0) {
            return TRUE;
        }
    }
    return FALSE;
}

/* ProjFS merges our entries with what is on disk: they must come in PrjFileNameCompare order. */
static int CompareItems(const void *a, const void *b)
{
    return PrjFileNameCompare((*(const LAB_ITEM *const *)a)->Name, (*(const LAB_ITEM *const *)b)->Name);
}

static BOOL MatchesFilter(PCWSTR name, PCWSTR filter)
{
    if (PrjDoesNameContainWildCards(filter)) {
        return PrjFileNameMatch(name, filter);
    }
    return PrjFileNameCompare(name, filter) == 0;
}

static HRESULT CALLBACK StartEnum(const PRJ_CALLBACK_DATA *callbackData, const GUID *enumerationId)
{
    if (!IsDirectory(callbackData->FilePathName)) {
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        if (!Sessions[i].InUse) {
            LAB_SESSION *s = &Sessions[i];
            memset(s, 0, sizeof(*s));
            s->InUse = TRUE;
            s->Id = *enumerationId;
            for (size_t k = 0; k < ITEM_COUNT; k++) {
                if (PrjFileNameCompare(Items[k].Parent, callbackData->FilePathName) == 0) {
                    s->Children[s->Count++] = &Items[k];
                }
            }
            qsort(s->Children, s->Count, sizeof(s->Children[0]), CompareItems);
            return S_OK;
        }
    }
    return E_OUTOFMEMORY;
}

static HRESULT CALLBACK EndEnum(const PRJ_CALLBACK_DATA *callbackData, const GUID *enumerationId)
{
    (void)callbackData;
    LAB_SESSION *s = FindSession(enumerationId);
    if (s != NULL) {
        s->InUse = FALSE;
    }
    return S_OK;
}

/* Adds the session's next entries (on the worker thread). */
static HRESULT FillEntries(LAB_SESSION *s, UINT32 flags, PCWSTR searchExpression,
                           PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    /* The first call, and a restart, start over and capture the search expression. */
    if (!s->Started || (flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN)) {
        s->Next = 0;
        s->Started = TRUE;
        wcsncpy(s->Filter, searchExpression != NULL ? searchExpression : L"*", MAX_PATH);
        s->Filter[MAX_PATH] = L'\0';
    }
    int added = 0;
    for (; s->Next < s->Count; s->Next++) {
        const LAB_ITEM *item = s->Children[s->Next];
        if (!MatchesFilter(item->Name, s->Filter)) {
            continue;
        }
        PRJ_FILE_BASIC_INFO info;
        memset(&info, 0, sizeof(info));
        info.IsDirectory = item->IsDirectory;
        info.FileSize = item->Size;
        HRESULT hr = PrjFillDirEntryBuffer(item->Name, &info, dirEntryBufferHandle);
        if (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)) {
            /* Full: this entry comes first next time. An error only if nothing fitted. */
            return added > 0 ? S_OK : hr;
        }
        if (FAILED(hr)) {
            return hr;
        }
        added++;
    }
    return S_OK; /* with nothing added: the end of the listing */
}

/* The item at a path relative to the root ("docs\\guide.txt"), whatever its case; NULL if none. */
static const LAB_ITEM *FindItem(PCWSTR path)
{
    WCHAR parent[MAX_PATH + 1];
    PCWSTR slash = wcsrchr(path, L'\\');
    size_t n = slash != NULL ? (size_t)(slash - path) : 0;
    if (n > MAX_PATH) {
        return NULL;
    }
    wmemcpy(parent, path, n);
    parent[n] = L'\0';
    PCWSTR name = slash != NULL ? slash + 1 : path;
    for (size_t i = 0; i < ITEM_COUNT; i++) {
        if (PrjFileNameCompare(Items[i].Parent, parent) == 0 && PrjFileNameCompare(Items[i].Name, name) == 0) {
            return &Items[i];
        }
    }
    return NULL;
}

static HRESULT CALLBACK GetPlaceholderInfo(const PRJ_CALLBACK_DATA *callbackData)
{
    const LAB_ITEM *item = FindItem(callbackData->FilePathName);
    if (item == NULL) {
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    PRJ_PLACEHOLDER_INFO placeholder;
    memset(&placeholder, 0, sizeof(placeholder));
    placeholder.FileBasicInfo.IsDirectory = item->IsDirectory;
    placeholder.FileBasicInfo.FileSize = item->Size;
    /* Our spelling of the path, which may differ in case from the one the caller used. */
    WCHAR path[2 * MAX_PATH + 2];
    if (item->Parent[0] != L'\0') {
        swprintf(path, sizeof(path) / sizeof(path[0]), L"%ls\\%ls", item->Parent, item->Name);
    } else {
        swprintf(path, sizeof(path) / sizeof(path[0]), L"%ls", item->Name);
    }
    return PrjWritePlaceholderInfo(callbackData->NamespaceVirtualizationContext, path, &placeholder,
                                   sizeof(placeholder));
}

/* Byte @p offset of an item's content. */
static char ContentAt(const LAB_ITEM *item, UINT64 offset)
{
    return item->Content != NULL ? item->Content[offset] : (char)('a' + offset % 26);
}

#define CHUNK (64 * 1024)

/* Writes [byteOffset, byteOffset + length) of the item (on the worker thread). */
static HRESULT WriteData(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, const GUID *dataStreamId,
                         const LAB_ITEM *item, UINT64 byteOffset, UINT32 length)
{
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    HRESULT hr = PrjGetVirtualizationInstanceInfo(context, &info);
    if (FAILED(hr)) {
        return hr;
    }
    /* Chunks start at multiples of WriteAlignment (an unbuffered reader needs that) and are a
     * multiple of it long, except the last, which ends at the end of the file. */
    UINT32 align = info.WriteAlignment != 0 ? info.WriteAlignment : 1;
    UINT32 chunk = CHUNK < align ? align : CHUNK - CHUNK % align;
    UINT64 end = byteOffset + length;
    if (end > (UINT64)item->Size) {
        end = (UINT64)item->Size;
    }
    void *buffer = PrjAllocateAlignedBuffer(context, chunk);
    if (buffer == NULL) {
        return E_OUTOFMEMORY;
    }
    for (UINT64 at = byteOffset - byteOffset % align; at < end && SUCCEEDED(hr); at += chunk) {
        UINT32 n = end - at < chunk ? (UINT32)(end - at) : chunk;
        for (UINT32 i = 0; i < n; i++) {
            ((char *)buffer)[i] = ContentAt(item, at + i);
        }
        hr = PrjWriteFileData(context, dataStreamId, buffer, at, n);
    }
    PrjFreeAlignedBuffer(buffer);
    return hr;
}

/* Whether a path relative to the root is docs or lies under it. */
static BOOL InDocs(PCWSTR path)
{
    WCHAR first[MAX_PATH + 1];
    size_t n = wcscspn(path, L"\\");
    if (n > MAX_PATH) {
        return FALSE;
    }
    wmemcpy(first, path, n);
    first[n] = L'\0';
    return PrjFileNameCompare(first, L"docs") == 0;
}

/* ---- Answering later: the work queue and its worker ---- */

typedef struct LAB_WORK {
    struct LAB_WORK *Next;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT Context;
    INT32 CommandId;
    BOOL IsEnumeration;
    volatile LONG Cancelled;
    HANDLE CancelEvent; /* set by CancelCommand, and when the provider stops */
    WCHAR Path[MAX_PATH + 1];
    /* GetFileData */
    GUID DataStreamId;
    const LAB_ITEM *Item;
    UINT64 Offset;
    UINT32 Length;
    /* GetDirectoryEnumeration */
    LAB_SESSION *Session;
    UINT32 Flags;
    WCHAR Search[MAX_PATH + 1];
    PRJ_DIR_ENTRY_BUFFER_HANDLE Buffer;
} LAB_WORK;

static CRITICAL_SECTION QueueLock;
static CONDITION_VARIABLE QueueChanged = CONDITION_VARIABLE_INIT;
static LAB_WORK *QueueHead, *QueueTail;
static LAB_WORK *Current; /* what the worker is doing */
static BOOL Stopping;

#define ARCHIVE_DELAY_MS 30000

static void Enqueue(LAB_WORK *work)
{
    EnterCriticalSection(&QueueLock);
    if (QueueTail != NULL) {
        QueueTail->Next = work;
    } else {
        QueueHead = work;
    }
    QueueTail = work;
    LeaveCriticalSection(&QueueLock);
    WakeAllConditionVariable(&QueueChanged);
}

static DWORD WINAPI Worker(LPVOID parameter)
{
    (void)parameter;
    for (;;) {
        EnterCriticalSection(&QueueLock);
        while (QueueHead == NULL && !Stopping) {
            SleepConditionVariableCS(&QueueChanged, &QueueLock, INFINITE);
        }
        LAB_WORK *work = QueueHead;
        if (work == NULL) {
            LeaveCriticalSection(&QueueLock);
            return 0;
        }
        QueueHead = work->Next;
        if (QueueHead == NULL) {
            QueueTail = NULL;
        }
        Current = work;
        LeaveCriticalSection(&QueueLock);

        /* the slow archive: wait for it, unless the caller gives up first */
        if (!work->IsEnumeration && InDocs(work->Path) &&
            WaitForSingleObject(work->CancelEvent, ARCHIVE_DELAY_MS) == WAIT_OBJECT_0) {
            InterlockedExchange(&work->Cancelled, 1);
        }
        if (!InterlockedCompareExchange(&work->Cancelled, 0, 0)) {
            HRESULT hr;
            PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS extended;
            memset(&extended, 0, sizeof(extended));
            if (work->IsEnumeration) {
                hr = FillEntries(work->Session, work->Flags, work->Search, work->Buffer);
                /* an enumeration names its buffer when it completes */
                extended.CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
                extended.Enumeration.DirEntryBufferHandle = work->Buffer;
            } else {
                hr = WriteData(work->Context, &work->DataStreamId, work->Item, work->Offset, work->Length);
            }
            PrjCompleteCommand(work->Context, work->CommandId, hr, work->IsEnumeration ? &extended : NULL);
        }
        EnterCriticalSection(&QueueLock);
        Current = NULL;
        LeaveCriticalSection(&QueueLock);
        CloseHandle(work->CancelEvent);
        free(work);
    }
}

static LAB_WORK *NewWork(const PRJ_CALLBACK_DATA *callbackData)
{
    LAB_WORK *work = calloc(1, sizeof(*work));
    if (work == NULL) {
        return NULL;
    }
    work->CancelEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (work->CancelEvent == NULL) {
        free(work);
        return NULL;
    }
    work->Context = callbackData->NamespaceVirtualizationContext;
    work->CommandId = callbackData->CommandId;
    wcsncpy(work->Path, callbackData->FilePathName, MAX_PATH);
    return work;
}

static HRESULT CALLBACK GetEnum(const PRJ_CALLBACK_DATA *callbackData, const GUID *enumerationId,
                                PCWSTR searchExpression, PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    LAB_SESSION *s = FindSession(enumerationId);
    LAB_WORK *work = s != NULL ? NewWork(callbackData) : NULL;
    if (work == NULL) {
        return s == NULL ? E_INVALIDARG : E_OUTOFMEMORY;
    }
    /* copies: callbackData and searchExpression die when this returns; the buffer lives until
     * the completion */
    work->IsEnumeration = TRUE;
    work->Session = s;
    work->Flags = callbackData->Flags;
    wcsncpy(work->Search, searchExpression != NULL ? searchExpression : L"*", MAX_PATH);
    work->Buffer = dirEntryBufferHandle;
    Enqueue(work);
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *callbackData, UINT64 byteOffset, UINT32 length)
{
    const LAB_ITEM *item = FindItem(callbackData->FilePathName);
    if (item == NULL || item->IsDirectory) {
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    LAB_WORK *work = NewWork(callbackData);
    if (work == NULL) {
        return E_OUTOFMEMORY;
    }
    work->DataStreamId = callbackData->DataStreamId;
    work->Item = item;
    work->Offset = byteOffset;
    work->Length = length;
    Enqueue(work);
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static void Cancel(LAB_WORK *work)
{
    InterlockedExchange(&work->Cancelled, 1);
    SetEvent(work->CancelEvent);
}

/* The caller gave up: the worker drops the command, queued or waiting on the archive
 * (completing a cancelled command would be harmless too). */
static void CALLBACK CancelCommand(const PRJ_CALLBACK_DATA *callbackData)
{
    EnterCriticalSection(&QueueLock);
    for (LAB_WORK *work = QueueHead; work != NULL; work = work->Next) {
        if (work->CommandId == callbackData->CommandId) {
            Cancel(work);
        }
    }
    if (Current != NULL && Current->CommandId == callbackData->CommandId) {
        Cancel(Current);
    }
    LeaveCriticalSection(&QueueLock);
}

/* ---- Notifications ---- */

static HRESULT CALLBACK Notify(const PRJ_CALLBACK_DATA *callbackData, BOOLEAN isDirectory,
                               PRJ_NOTIFICATION notification, PCWSTR destinationFileName,
                               PRJ_NOTIFICATION_PARAMETERS *operationParameters)
{
    (void)isDirectory;
    (void)destinationFileName;
    (void)operationParameters;
    switch (notification) {
    case PRJ_NOTIFICATION_PRE_DELETE:
        /* the status the file system needs to see for a refused delete */
        return InDocs(callbackData->FilePathName) ? HRESULT_FROM_NT(STATUS_CANNOT_DELETE) : S_OK;
    case PRJ_NOTIFICATION_PRE_RENAME:
        return InDocs(callbackData->FilePathName) ? HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) : S_OK;
    case PRJ_NOTIFICATION_NEW_FILE_CREATED:
        wprintf(L"new: %ls\n", callbackData->FilePathName);
        return S_OK;
    default:
        return S_OK;
    }
}

/* ---- Program ---- */

int wmain(int argc, wchar_t **argv)
{
    PCWSTR root = argc > 1 ? argv[1] : L"C:\\LabRoot";
    GUID instanceId;
    HRESULT hr = CoCreateGuid(&instanceId);
    if (SUCCEEDED(hr)) {
        hr = PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &instanceId);
        if (hr == HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED)) {
            hr = S_OK; /* marked by an earlier run */
        }
    }
    if (FAILED(hr)) {
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
    callbacks.NotificationCallback = Notify;
    callbacks.CancelCommandCallback = CancelCommand;
    /* One mapping for the whole root, asking only for what the provider uses. Without any,
     * ProjFS would send FILE_OPENED, NEW_FILE_CREATED and FILE_OVERWRITTEN. */
    PRJ_NOTIFICATION_MAPPING mapping;
    mapping.NotificationRoot = L"";
    mapping.NotificationBitMask = PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_NEW_FILE_CREATED;
    PRJ_STARTVIRTUALIZING_OPTIONS options;
    memset(&options, 0, sizeof(options));
    options.NotificationMappings = &mapping;
    options.NotificationMappingsCount = 1;
    InitializeCriticalSection(&QueueLock); /* callbacks queue work from now on */
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    hr = PrjStartVirtualizing(root, &callbacks, NULL, &options, &context);
    if (FAILED(hr)) {
        wprintf(L"PrjStartVirtualizing(%ls) failed: 0x%08x\n", root, (unsigned)hr);
        return 1;
    }
    HANDLE worker = CreateThread(NULL, 0, Worker, NULL, 0, NULL);
    if (worker == NULL) {
        wprintf(L"CreateThread failed: %lu\n", (unsigned long)GetLastError());
        PrjStopVirtualizing(context);
        return 1;
    }
    wprintf(L"Projecting into %ls. Press Enter to stop.\n", root);
    fflush(stdout);
    getchar();
    PrjStopVirtualizing(context);
    EnterCriticalSection(&QueueLock);
    Stopping = TRUE;
    if (Current != NULL) {
        Cancel(Current); /* no more waiting on the archive */
    }
    LeaveCriticalSection(&QueueLock);
    WakeAllConditionVariable(&QueueChanged);
    WaitForSingleObject(worker, INFINITE);
    CloseHandle(worker);
    DeleteCriticalSection(&QueueLock);
    return 0;
}
