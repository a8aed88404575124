/* SPDX-License-Identifier: MIT */
/* The JUnit report's hostname and timestamp on Windows (prjconf_report_host). */
#include <windows.h>

#include <prjconf.h>

void prjconf_report_host(char *host, size_t host_size, char *stamp, size_t stamp_size, time_t started)
{
    DWORD n = (DWORD)host_size;
    if (!GetComputerNameA(host, &n))
        snprintf(host, host_size, "localhost");
    stamp[0] = 0;
    struct tm tm;
    if (gmtime_s(&tm, &started) == 0) /* the CRT's: (result, time), as documented */
        strftime(stamp, stamp_size, "%Y-%m-%dT%H:%M:%S", &tm);
}
