/* SPDX-License-Identifier: MIT */
/*
 * The smallest provider: projects an empty directory at argv[1] (which must exist) until a line
 * arrives on stdin or stdin ends, then stops and returns 0. Returns 1 if it cannot start.
 * With a second argument "leave" it returns 0 at once, leaving its instance running.
 */
#include <windows.h>
#include <projectedfslib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static HRESULT CALLBACK StartEnum(const PRJ_CALLBACK_DATA *data, const GUID *id)
{
    (void)data;
    (void)id;
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
    (void)data;
    (void)id;
    (void)expr;
    (void)buffer;
    return S_OK;
}

static HRESULT CALLBACK GetPlaceholderInfo(const PRJ_CALLBACK_DATA *data)
{
    (void)data;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK GetFileData(const PRJ_CALLBACK_DATA *data, UINT64 offset, UINT32 length)
{
    (void)data;
    (void)offset;
    (void)length;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

int wmain(int argc, wchar_t **argv)
{
    if (argc < 2)
        return 2;
    GUID id;
    memset(&id, 0, sizeof id);
    id.Data1 = 1;
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(argv[1], NULL, NULL, &id);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED))
        return 1;
    PRJ_CALLBACKS cb;
    memset(&cb, 0, sizeof cb);
    cb.StartDirectoryEnumerationCallback = StartEnum;
    cb.EndDirectoryEnumerationCallback = EndEnum;
    cb.GetDirectoryEnumerationCallback = GetEnum;
    cb.GetPlaceholderInfoCallback = GetPlaceholderInfo;
    cb.GetFileDataCallback = GetFileData;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    if (FAILED(PrjStartVirtualizing(argv[1], &cb, NULL, NULL, &ctx)))
        return 1;
    printf("started\n");
    fflush(stdout);
    if (argc > 2 && wcscmp(argv[2], L"leave") == 0)
        return 0;
    getchar();
    PrjStopVirtualizing(ctx);
    return 0;
}
