/* SPDX-License-Identifier: MIT */
/*
 * psapi.h: the process status API. GetProcessMemoryInfo reports the calling process (the
 * pseudo handle GetCurrentProcess() or its process id's handle is all it accepts) from Linux's
 * /proc/self; fields Linux does not keep (page fault counts, paged and non-paged pool) are 0.
 * PSAPI_VERSION 2 naming: the K32 names are the same functions.
 */
#ifndef PRJSIM_PSAPI_H
#define PRJSIM_PSAPI_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _PROCESS_MEMORY_COUNTERS {
    DWORD cb;
    DWORD PageFaultCount;
    SIZE_T PeakWorkingSetSize;
    SIZE_T WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage;
    SIZE_T QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage;
    SIZE_T QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage;
    SIZE_T PeakPagefileUsage;
} PROCESS_MEMORY_COUNTERS, *PPROCESS_MEMORY_COUNTERS;

typedef struct _PROCESS_MEMORY_COUNTERS_EX {
    DWORD cb;
    DWORD PageFaultCount;
    SIZE_T PeakWorkingSetSize;
    SIZE_T WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage;
    SIZE_T QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage;
    SIZE_T QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage;
    SIZE_T PeakPagefileUsage;
    SIZE_T PrivateUsage;
} PROCESS_MEMORY_COUNTERS_EX, *PPROCESS_MEMORY_COUNTERS_EX;

/**
 * Memory use of the calling process: working set from VmRSS/VmHWM, page file use (and
 * PrivateUsage with a PROCESS_MEMORY_COUNTERS_EX) from VmSize/VmPeak.
 * @param cb sizeof(PROCESS_MEMORY_COUNTERS) or sizeof(PROCESS_MEMORY_COUNTERS_EX); smaller gives
 *  ERROR_INSUFFICIENT_BUFFER. Another process's handle gives ERROR_INVALID_HANDLE.
 */
BOOL WINAPI GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters,
                                 DWORD cb);
#define K32GetProcessMemoryInfo GetProcessMemoryInfo

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_PSAPI_H */
