/* SPDX-License-Identifier: MIT */
/*
 * The loader of ProjectedFSLib.dll where ProjFS is absent (Wine, or Windows without the
 * Client-ProjFS feature): the exact message, and every forwarder failing with
 * HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND) instead of crashing. On a machine with ProjFS the
 * loader must succeed instead; the test checks whichever the machine is.
 */
#include "check.h"

#include <projfs_dll.h>

#include <string.h>

int main(void)
{
    bool present = GetFileAttributesW(L"C:\\Windows\\System32\\ProjectedFSLib.dll") != INVALID_FILE_ATTRIBUTES;
    char why[256] = "unchanged";
    /* The codes ProjFS returns, whether mingw's winerror.h or windows/CMakeLists.txt's fallback
     * defines them: the SDK's values (INVALID_OPERATION is 385; 373-384 are other errors). */
    CHECK(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE == 369, "UNAVAILABLE");
    CHECK(ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT == 370, "METADATA_CORRUPT");
    CHECK(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY == 371, "BUSY");
    CHECK(ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN == 372, "PROVIDER_UNKNOWN");
    CHECK(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION == 385, "INVALID_OPERATION is %d",
          (int)ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION);
    CHECK(ERROR_REPARSE_POINT_ENCOUNTERED == 4395, "REPARSE_POINT_ENCOUNTERED");
    bool loaded = prjsim_projfs_load(why, sizeof why);
    CHECK(loaded == present, "loaded %d, DLL present %d (%s)", loaded, present, why);
    if (present)
        return CHECK_RESULT();

    CHECK(!strcmp(why, PRJSIM_PROJFS_UNAVAILABLE_MESSAGE), "got \"%s\"", why);
    CHECK(!strcmp(PRJSIM_PROJFS_UNAVAILABLE_MESSAGE,
                  "ProjFS is not available on this machine (ProjectedFSLib.dll not found): run "
                  "`Enable-WindowsOptionalFeature -Online -FeatureName Client-ProjFS` as administrator"),
          "the issue's wording");
    /* A second call answers the same (loaded once per process). */
    CHECK(!prjsim_projfs_load(NULL, 0), "second load");

    const HRESULT missing = HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND);
    GUID id = {0};
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    PRJ_CALLBACKS callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    PRJ_FILE_STATE state;
    CHECK(PrjMarkDirectoryAsPlaceholder(L"C:\\x", NULL, NULL, &id) == missing, "mark");
    CHECK(PrjStartVirtualizing(L"C:\\x", &callbacks, NULL, NULL, &ctx) == missing, "start");
    CHECK(PrjGetOnDiskFileState(L"C:\\x", &state) == missing, "state");
    CHECK(PrjWriteFileData(ctx, &id, NULL, 0, 0) == missing, "write data");
    CHECK(PrjFillDirEntryBuffer2(NULL, L"x", NULL, NULL) == missing, "fill2");
    CHECK(PrjAllocateAlignedBuffer(ctx, 16) == NULL, "aligned buffer");
    PrjStopVirtualizing(ctx);  /* no-op, no crash */
    PrjFreeAlignedBuffer(NULL);
    return CHECK_RESULT();
}
