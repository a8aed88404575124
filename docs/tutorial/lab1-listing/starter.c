/* SPDX-License-Identifier: MIT */
/*
 * Lab 1, starter: project a listing. README.md beside this file says what to do.
 *
 * A provider program that projects a small fixed tree into the root given on the command line
 * (default C:\LabRoot). The enumeration sessions are kept for you (StartEnum, EndEnum); GetEnum
 * adds nothing yet, so the root looks empty. Look for TODO.
 *
 * Build and grade: prjsim-cc -o lab1.so starter.c && sh ../grade.sh . lab1.so
 */
#include <windows.h>
#include <projectedfslib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            /* TODO (check "sorted"): ProjFS wants the entries in a particular order. */
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
    (void)callbackData;
    (void)searchExpression;
    (void)dirEntryBufferHandle;
    /*
     * TODO: add s->Children[s->Next...] with PrjFillDirEntryBuffer (a PRJ_FILE_BASIC_INFO with
     * IsDirectory and FileSize), and return S_OK. Then, one check at a time (README.md):
     * - "small-buffer": PrjFillDirEntryBuffer returns HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)
     *   when the caller's buffer is full;
     * - "filter": searchExpression says which names the caller wants;
     * - "restart": callbackData->Flags may hold PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN.
     */
    return S_OK; /* with nothing added: the end of the listing */
}

/* Lab 2 writes placeholders; until then every name is "not found" when opened. */
static HRESULT CALLBACK GetPlaceholderInfo(const PRJ_CALLBACK_DATA *callbackData)
{
    (void)callbackData;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *callbackData, UINT64 byteOffset, UINT32 length)
{
    (void)callbackData;
    (void)byteOffset;
    (void)length;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
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
