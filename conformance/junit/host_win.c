/* SPDX-License-Identifier: MIT */
/* The JUnit report's hostname, timestamp and clock on Windows (junit.h). */
#include <windows.h>

#include "junit.h"

void prjsim__junit_host(char *host, size_t host_size, char *stamp, size_t stamp_size, time_t started)
{
    /* https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-getcomputernamea */
    DWORD n = (DWORD)host_size;
    if (!GetComputerNameA(host, &n))
        snprintf(host, host_size, "localhost");
    stamp[0] = 0;
    struct tm tm;
    if (gmtime_s(&tm, &started) == 0) /* the CRT's: (result, time), as documented */
        strftime(stamp, stamp_size, "%Y-%m-%dT%H:%M:%S", &tm);
}

double prjsim__junit_clock(void)
{
    /* https://learn.microsoft.com/windows/win32/api/profileapi/nf-profileapi-queryperformancecounter:
     * never fails on Windows XP and later; the frequency is fixed at boot. */
    LARGE_INTEGER count, frequency;
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&frequency);
    return (double)count.QuadPart / (double)frequency.QuadPart;
}
