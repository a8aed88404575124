/* SPDX-License-Identifier: MIT */
/*
 * Time: the scaled clock behind Sleep, the wait timeouts, GetTickCount and
 * QueryPerformanceCounter (prjsim/win.h), and the wall clock.
 *
 * The scaled clock is continuous: when the scale changes, it is rebased at the current instant
 * so it never jumps. At scale s it runs at 1/s of real speed; at scale 0 it runs at real speed
 * and each Sleep(ms) adds ms to it instead of waiting.
 */
#include "timing.h"

#include <prjsim/win.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t clock_lock = PTHREAD_MUTEX_INITIALIZER;
static bool clock_ready;
static double scale = 1.0;
static uint64_t real_base; /* real monotonic ns at the last rebase */
static uint64_t virt_base; /* scaled ns at the last rebase */
static uint64_t skipped;   /* ns added by sleeps at scale 0 since the last rebase */

static uint64_t real_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The scaled time at real time @p now; clock_lock held. */
static uint64_t scaled_at(uint64_t now)
{
    uint64_t elapsed = now - real_base;
    if (scale > 0)
        return virt_base + (uint64_t)((double)elapsed / scale);
    return virt_base + elapsed + skipped;
}

/* Reads PRJSIM_TIME_SCALE once; clock_lock held. */
static void ready(void)
{
    if (clock_ready)
        return;
    clock_ready = true;
    real_base = real_ns();
    virt_base = real_base; /* so that the tick count looks like the host's uptime */
    const char *env = getenv("PRJSIM_TIME_SCALE");
    if (env && *env) {
        char *end;
        double s = strtod(env, &end);
        if (!*end && s >= 0 && isfinite(s))
            scale = s;
    }
}

bool prjsim_win_set_time_scale(double s)
{
    if (!(s >= 0) || !isfinite(s))
        return false;
    pthread_mutex_lock(&clock_lock);
    ready();
    uint64_t now = real_ns();
    virt_base = scaled_at(now);
    real_base = now;
    skipped = 0;
    scale = s;
    pthread_mutex_unlock(&clock_lock);
    return true;
}

double prjsim_win_time_scale(void)
{
    pthread_mutex_lock(&clock_lock);
    ready();
    double s = scale;
    pthread_mutex_unlock(&clock_lock);
    return s;
}

uint64_t prjsim__win_clock_ns(void)
{
    pthread_mutex_lock(&clock_lock);
    ready();
    uint64_t t = scaled_at(real_ns());
    pthread_mutex_unlock(&clock_lock);
    return t;
}

/* Real nanoseconds for @p ms scaled milliseconds (0 at scale 0). */
static uint64_t real_duration_ns(DWORD ms)
{
    double s = prjsim_win_time_scale();
    double ns = (double)ms * 1e6 * s;
    return ns >= 1.8e19 ? UINT64_MAX : (uint64_t)ns;
}

bool prjsim__win_deadline(DWORD ms, struct timespec *deadline)
{
    if (ms == INFINITE)
        return false;
    uint64_t at = real_ns() + real_duration_ns(ms);
    deadline->tv_sec = (time_t)(at / 1000000000u);
    deadline->tv_nsec = (long)(at % 1000000000u);
    return true;
}

bool prjsim__win_deadline_passed(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

/* ---- Sleep ---- */

void WINAPI Sleep(DWORD dwMilliseconds)
{
    if (dwMilliseconds == INFINITE) {
        for (;;)
            pause();
    }
    if (dwMilliseconds == 0) {
        sched_yield();
        return;
    }
    pthread_mutex_lock(&clock_lock);
    ready();
    bool instant = scale == 0;
    if (instant)
        skipped += (uint64_t)dwMilliseconds * 1000000u;
    pthread_mutex_unlock(&clock_lock);
    if (instant) {
        sched_yield();
        return;
    }
    struct timespec deadline;
    prjsim__win_deadline(dwMilliseconds, &deadline);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
        ;
}

DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    Sleep(dwMilliseconds);
    return 0;
}

/* ---- Tick counts and the performance counter ---- */

DWORD WINAPI GetTickCount(void)
{
    return (DWORD)(prjsim__win_clock_ns() / 1000000u);
}

ULONGLONG WINAPI GetTickCount64(void)
{
    return prjsim__win_clock_ns() / 1000000u;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
    if (!lpFrequency) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    lpFrequency->QuadPart = 10000000;
    return TRUE;
}

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
    if (!lpPerformanceCount) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    lpPerformanceCount->QuadPart = (LONGLONG)(prjsim__win_clock_ns() / 100u);
    return TRUE;
}

/* ---- The wall clock ---- */

#define EPOCH_DIFFERENCE 116444736000000000LL /* 1601-01-01 to 1970-01-01 in 100 ns ticks */

static void now_realtime(struct timespec *ts)
{
    clock_gettime(CLOCK_REALTIME, ts);
}

void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
    struct timespec ts;
    now_realtime(&ts);
    uint64_t ticks = (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u +
                     (uint64_t)EPOCH_DIFFERENCE;
    lpSystemTimeAsFileTime->dwLowDateTime = (DWORD)ticks;
    lpSystemTimeAsFileTime->dwHighDateTime = (DWORD)(ticks >> 32);
}

void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
    GetSystemTimeAsFileTime(lpSystemTimeAsFileTime);
}

static void to_systemtime(const struct tm *tm, long nsec, LPSYSTEMTIME st)
{
    st->wYear = (WORD)(tm->tm_year + 1900);
    st->wMonth = (WORD)(tm->tm_mon + 1);
    st->wDayOfWeek = (WORD)tm->tm_wday;
    st->wDay = (WORD)tm->tm_mday;
    st->wHour = (WORD)tm->tm_hour;
    st->wMinute = (WORD)tm->tm_min;
    st->wSecond = (WORD)(tm->tm_sec > 59 ? 59 : tm->tm_sec);
    st->wMilliseconds = (WORD)(nsec / 1000000);
}

void WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime)
{
    struct timespec ts;
    struct tm tm;
    now_realtime(&ts);
    gmtime_r(&ts.tv_sec, &tm);
    to_systemtime(&tm, ts.tv_nsec, lpSystemTime);
}

void WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime)
{
    struct timespec ts;
    struct tm tm;
    now_realtime(&ts);
    localtime_r(&ts.tv_sec, &tm);
    to_systemtime(&tm, ts.tv_nsec, lpSystemTime);
}

/* ---- The machine ---- */

void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
    memset(lpSystemInfo, 0, sizeof *lpSystemInfo);
#if defined(__x86_64__)
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    lpSystemInfo->dwProcessorType = 8664; /* PROCESSOR_AMD_X8664 */
#elif defined(__aarch64__)
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_ARM64;
#else
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_UNKNOWN;
#endif
    long page = sysconf(_SC_PAGESIZE);
    lpSystemInfo->dwPageSize = page > 0 ? (DWORD)page : 4096;
    lpSystemInfo->lpMinimumApplicationAddress = (LPVOID)(uintptr_t)0x10000;
    lpSystemInfo->lpMaximumApplicationAddress = (LPVOID)(uintptr_t)0x7FFFFFFEFFFFull;
    cpu_set_t set;
    long cpus = 0;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        cpus = CPU_COUNT(&set);
    if (cpus <= 0)
        cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus <= 0)
        cpus = 1;
    if (cpus > 64)
        cpus = 64; /* the width of dwActiveProcessorMask, as in one Windows processor group */
    lpSystemInfo->dwNumberOfProcessors = (DWORD)cpus;
    lpSystemInfo->dwActiveProcessorMask = cpus == 64 ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << cpus) - 1;
    lpSystemInfo->dwAllocationGranularity = 65536;
    lpSystemInfo->wProcessorLevel = 6;
}

void WINAPI GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
    GetSystemInfo(lpSystemInfo);
}
