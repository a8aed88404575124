/* SPDX-License-Identifier: MIT */
/*
 * The headers Windows providers include beyond <windows.h>, used as they use them: intrin.h's
 * bit scans and rotations, winternl.h's strings and status mapping, psapi.h's memory counters,
 * the secure CRT (gets_s from stdin, getenv_s, _wgetenv, localtime_s), towupper from wctype,
 * pid_t-style types reached through <windows.h>, malloc.h's _alloca/_aligned_malloc and
 * crtdbg.h's assertions. Prints one line per check: "name ok".
 */
#include <windows.h>
#include <intrin.h>
#include <winternl.h>
#include <psapi.h>
#include <io.h>
#include <ntstatus.h>
#include <direct.h>
#include <share.h>
#include <crtdbg.h>
#include <malloc.h>

#define CHECK(name, cond) wprintf(L"%hs %hs\n", name, (cond) ? "ok" : "FAILED")

int wmain(void)
{
    unsigned long index = 99;
    DWORD dindex = 99;
    CHECK("bsf", _BitScanForward(&index, 0x50) == 1 && index == 4);
    CHECK("bsr", _BitScanReverse(&dindex, 0x50) == 1 && dindex == 6);
    CHECK("bsf-zero", _BitScanForward(&index, 0) == 0);
    CHECK("bsr64", _BitScanReverse64(&index, 1ull << 40) == 1 && index == 40);
    CHECK("popcnt", __popcnt(0xF0F0u) == 8 && __popcnt64(~0ull) == 64);
    CHECK("rotl", _rotl(0x80000001u, 1) == 3u && _rotr64(1ull, 1) == (1ull << 63));
    CHECK("bswap", _byteswap_ulong(0x11223344u) == 0x44332211u);

    UNICODE_STRING us;
    RtlInitUnicodeString(&us, L"abc");
    CHECK("unicode-string", us.Length == 3 * sizeof(WCHAR) && us.MaximumLength == 4 * sizeof(WCHAR));
    CHECK("nt-success", NT_SUCCESS(STATUS_SUCCESS) && !NT_SUCCESS(STATUS_ACCESS_DENIED));
    CHECK("status-to-dos", RtlNtStatusToDosError(STATUS_OBJECT_NAME_NOT_FOUND) == ERROR_FILE_NOT_FOUND);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL, NULL);
    CHECK("object-attributes", oa.Length == sizeof oa && oa.ObjectName == &us);

    PROCESS_MEMORY_COUNTERS pmc;
    CHECK("memory-info", GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc) &&
                             pmc.WorkingSetSize > 0 && pmc.cb == sizeof pmc);

    char line[8];
    CHECK("gets_s", gets_s(line, sizeof line) && !strcmp(line, "first"));
    CHECK("gets_s-too-long", gets_s(line, sizeof line) == NULL && line[0] == 0);
    size_t need = 0;
    char value[64];
    CHECK("getenv_s", getenv_s(&need, value, sizeof value, "PRJSIM_TEST_VAR") == 0 &&
                          !strcmp(value, "v\xc3\xa9") && need == 4);
    const wchar_t *w = _wgetenv(L"PRJSIM_TEST_VAR");
    CHECK("_wgetenv", w && !wcscmp(w, L"v\u00e9"));
    time_t t = 0;
    struct tm tm;
    CHECK("gmtime_s", gmtime_s(&tm, &t) == 0 && tm.tm_year == 70);
    CHECK("towupper", towupper(L'\u00e9') == L'\u00c9' || towupper(L'a') == L'A');
    pid_t pid = (pid_t)GetCurrentProcessId();
    ssize_t s = -1;
    CHECK("types", pid > 0 && s < 0);
    char drive[4], dir[64], fname[32], ext[16], joined[128];
    CHECK("splitpath", _splitpath_s("C:\\dir\\sub/file.tar.gz", drive, 4, dir, 64, fname, 32, ext, 16) == 0 &&
                           !strcmp(drive, "C:") && !strcmp(dir, "\\dir\\sub/") &&
                           !strcmp(fname, "file.tar") && !strcmp(ext, ".gz"));
    CHECK("makepath", _makepath_s(joined, sizeof joined, "D", "\\x", "y", "txt") == 0 &&
                          !strcmp(joined, "D:\\x\\y.txt") &&
                          _makepath_s(joined, 4, "D", "\\x", "y", "txt") == ERANGE && joined[0] == 0);
    wchar_t wfname[8], wext[8];
    CHECK("wsplitpath", _wsplitpath_s(L"a.b", NULL, 0, NULL, 0, wfname, 8, wext, 8) == 0 &&
                            !wcscmp(wfname, L"a") && !wcscmp(wext, L".b"));
    char when[26];
    struct tm fixed = {0};
    fixed.tm_year = 80, fixed.tm_mon = 0, fixed.tm_mday = 2, fixed.tm_wday = 3, fixed.tm_hour = 2;
    CHECK("asctime_s", asctime_s(when, sizeof when, &fixed) == 0 &&
                           !strcmp(when, "Wed Jan 02 02:00:00 1980\n") &&
                           asctime_s(when, 25, &fixed) == ERANGE);
    char num[16];
    CHECK("_ultoa_s", _ultoa_s(0xFFFFFFFFu, num, sizeof num, 16) == 0 && !strcmp(num, "ffffffff"));
    char *stack = _alloca(16);
    void *aligned = _aligned_malloc(100, 64);
    CHECK("malloc.h", stack && aligned && ((uintptr_t)aligned % 64) == 0);
    _aligned_free(aligned);
    _ASSERTE(stack != NULL);
    CHECK("crtdbg", _CrtSetDbgFlag(_CRTDBG_REPORT_FLAG) == 0);
    return 0;
}
