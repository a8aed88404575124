/* SPDX-License-Identifier: MIT */
/*
 * Lab 3, reference solution: serve data in chunks with aligned buffers.
 *
 * Lab 2's provider (enumerations, placeholders), plus GetFileData: the requested range is
 * written in chunks of at most 64 KiB from a buffer of PrjAllocateAlignedBuffer, each chunk
 * starting at a multiple of the instance's WriteAlignment, the last one ending at the end of the
 * file.
 *
 * Build and grade: prjsim-cc -o lab3.so solution.c && sh ../grade.sh . lab3.so
 */
#include <windows.h>
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

static HRESULT CALLBACK GetEnum(const PRJ_CALLBACK_DATA *callbackData, const GUID *enumerationId,
                                PCWSTR searchExpression, PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    LAB_SESSION *s = FindSession(enumerationId);
    if (s == NULL) {
        return E_INVALIDARG;
    }
    /* The first call, and a restart, start over and capture the search expression. */
    if (!s->Started || (callbackData->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN)) {
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

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *callbackData, UINT64 byteOffset, UINT32 length)
{
    const LAB_ITEM *item = FindItem(callbackData->FilePathName);
    if (item == NULL || item->IsDirectory) {
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    HRESULT hr = PrjGetVirtualizationInstanceInfo(callbackData->NamespaceVirtualizationContext, &info);
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
    void *buffer = PrjAllocateAlignedBuffer(callbackData->NamespaceVirtualizationContext, chunk);
    if (buffer == NULL) {
        return E_OUTOFMEMORY;
    }
    for (UINT64 at = byteOffset - byteOffset % align; at < end && SUCCEEDED(hr); at += chunk) {
        UINT32 n = end - at < chunk ? (UINT32)(end - at) : chunk;
        for (UINT32 i = 0; i < n; i++) {
            ((char *)buffer)[i] = ContentAt(item, at + i);
        }
        hr = PrjWriteFileData(callbackData->NamespaceVirtualizationContext, &callbackData->DataStreamId, buffer, at, n);
    }
    PrjFreeAlignedBuffer(buffer);
    return hr;
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
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    hr = PrjStartVirtualizing(root, &callbacks, NULL, NULL, &context);
    if (FAILED(hr)) {
        wprintf(L"PrjStartVirtualizing(%ls) failed: 0x%08x\n", root, (unsigned)hr);
        return 1;
    }
    wprintf(L"Projecting into %ls. Press Enter to stop.\n", root);
    fflush(stdout);
    getchar();
    PrjStopVirtualizing(context);
    return 0;
}
