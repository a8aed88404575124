/* SPDX-License-Identifier: MIT */
/* The JUnit report's hostname, timestamp and clock on POSIX systems (junit.h). */
#define _POSIX_C_SOURCE 200809L
#include "junit.h"

#include <unistd.h>

void prjsim__junit_host(char *host, size_t host_size, char *stamp, size_t stamp_size, time_t started)
{
    if (gethostname(host, host_size - 1) != 0)
        snprintf(host, host_size, "localhost");
    host[host_size - 1] = 0;
    stamp[0] = 0;
    struct tm tm;
    if (gmtime_r(&started, &tm))
        strftime(stamp, stamp_size, "%Y-%m-%dT%H:%M:%S", &tm);
}

double prjsim__junit_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
