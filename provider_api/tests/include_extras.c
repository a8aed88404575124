/* SPDX-License-Identifier: MIT */
/*
 * include_extras.c: the SDK and CRT headers beyond <windows.h> that providers include compile
 * with -pedantic, in C and (through include_extras.cpp) strict C++17, and their inline
 * helpers give MSVC's answers.
 */
#include <windows.h>
#include <winreg.h>
#include <psapi.h>
#include <intrin.h>
#include <winternl.h>
#include <ntifs.h>
#include <io.h>
#include <direct.h>
#include <share.h>
#include <crtdbg.h>
#include <malloc.h>

#ifdef __cplusplus
extern "C" {
#endif
int include_extras_check(void);
#ifdef __cplusplus
}
#endif

int include_extras_check(void)
{
    unsigned long index = 0;
    DWORD dindex = 0;
    unsigned long long high = 0;
    int ok = _BitScanForward(&index, 8) == 1 && index == 3;
    ok = ok && _BitScanReverse64(&dindex, 1ull << 33) == 1 && dindex == 33;
    ok = ok && _umul128(1ull << 63, 4, &high) == 0 && high == 2;
    ok = ok && __lzcnt(1) == 31 && _byteswap_ushort(0x1234) == 0x3412;
    ok = ok && HKEY_LOCAL_MACHINE != HKEY_CURRENT_USER && KEY_READ == 0x20019 && KEY_WRITE == 0x20006 &&
         KEY_ALL_ACCESS == 0xF003F && RRF_RT_ANY == 0xFFFF;
    ok = ok && sizeof(UNICODE_STRING) == 16 && NT_SUCCESS(0) && !NT_SUCCESS((NTSTATUS)0xC0000001u);
    ok = ok && FileIdBothDirectoryInformation == 37 && FileNamesInformation == 12 &&
         offsetof(FILE_DIRECTORY_INFORMATION, FileName) == 0x40 && PRJSIM_DIRECTORY_LENGTH_FOR(4096) == 8192;
    return ok;
}
