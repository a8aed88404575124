/* SPDX-License-Identifier: MIT */
/* The JUnit report's hostname and timestamp on POSIX systems (prjconf_report_host). */
#include "prjconf.h"

#include <unistd.h>

void prjconf_report_host(char *host, size_t host_size, char *stamp, size_t stamp_size, time_t started)
{
    if (gethostname(host, host_size - 1) != 0)
        snprintf(host, host_size, "localhost");
    host[host_size - 1] = 0;
    stamp[0] = 0;
    struct tm tm;
    if (gmtime_r(&started, &tm))
        strftime(stamp, stamp_size, "%Y-%m-%dT%H:%M:%S", &tm);
}
