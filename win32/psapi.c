/* SPDX-License-Identifier: MIT */
/*
 * psapi.h's GetProcessMemoryInfo, from /proc/self/status.
 */
#include <windows.h>
#include <psapi.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The value in kB of the /proc/self/status line @p key ("VmRSS:"), in bytes; 0 if absent. */
static SIZE_T status_bytes(const char *text, const char *key)
{
    const char *at = strstr(text, key);
    unsigned long long kb = 0;
    if (at && sscanf(at + strlen(key), " %llu", &kb) == 1)
        return (SIZE_T)(kb * 1024);
    return 0;
}

BOOL WINAPI GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters, DWORD cb)
{
    if (Process != GetCurrentProcess()) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!ppsmemCounters || cb < sizeof(PROCESS_MEMORY_COUNTERS)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    char text[4096];
    FILE *f = fopen("/proc/self/status", "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = 0;
    PROCESS_MEMORY_COUNTERS_EX c;
    memset(&c, 0, sizeof c);
    c.cb = cb >= sizeof(PROCESS_MEMORY_COUNTERS_EX) ? sizeof c : sizeof(PROCESS_MEMORY_COUNTERS);
    c.WorkingSetSize = status_bytes(text, "VmRSS:");
    c.PeakWorkingSetSize = status_bytes(text, "VmHWM:");
    c.PagefileUsage = status_bytes(text, "VmSize:");
    c.PeakPagefileUsage = status_bytes(text, "VmPeak:");
    c.PrivateUsage = c.PagefileUsage;
    memcpy(ppsmemCounters, &c, c.cb);
    return TRUE;
}
