/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/sysinfoapi.h and profileapi.h: clocks and facts about the machine.
 *
 * GetTickCount(64) and QueryPerformanceCounter run on prjsim's scaled clock (prjsim/win.h):
 * at a time scale of 0.01 they advance 100 ms per real millisecond, so a provider that polls
 * them while sleeping sees the time it expects. The performance counter ticks at 10 MHz, as
 * on current Windows. The wall-clock functions (GetSystemTime...) are real time.
 */
#ifndef PRJSIM_WIN_SYSINFOAPI_H
#define PRJSIM_WIN_SYSINFOAPI_H

#include "basetypes.h"
#include "minwinbase.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Milliseconds since an arbitrary start (the host's boot), wrapping after 49.7 days. */
DWORD WINAPI GetTickCount(void);
ULONGLONG WINAPI GetTickCount64(void);
/** Always TRUE: 10,000,000 counts per second. */
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);
/** TRUE; the counter in units of the frequency above. */
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);

/** The current UTC time as FILETIME ticks (100 ns since 1601). */
void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
/** The current time, UTC and local. */
void WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime);
void WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime);

#define PROCESSOR_ARCHITECTURE_INTEL 0
#define PROCESSOR_ARCHITECTURE_ARM 5
#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_ARCHITECTURE_ARM64 12
#define PROCESSOR_ARCHITECTURE_UNKNOWN 0xffff

typedef struct _SYSTEM_INFO {
    PRJSIM_WIN_EXTENSION union {
        DWORD dwOemId;
        PRJSIM_WIN_EXTENSION struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        } DUMMYSTRUCTNAME;
    } DUMMYUNIONNAME;
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

/**
 * The processor count (the CPUs this process may run on), page size, architecture; the
 * allocation granularity is 64 KiB as on Windows.
 */
void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);
void WINAPI GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_SYSINFOAPI_H */
