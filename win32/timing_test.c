/* SPDX-License-Identifier: MIT */
/*
 * Time: Sleep and the wait timeouts under the time scale (the C API and PRJSIM_TIME_SCALE),
 * the tick counts and performance counter moving with the scaled clock, and the wall clock.
 */
#include <windows.h>
#include <prjsim/win.h>

#include <criterion/criterion.h>

#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The tests that expect the default must not inherit a scale from the caller's environment. */
static void no_env_scale(void)
{
    unsetenv("PRJSIM_TIME_SCALE");
}

/*
 * No upper bound on real time here (a busy machine may take any time): the waits are long
 * enough unscaled (an hour and more) that only a scaled wait ends within the test's timeout.
 */
Test(time_scale, sleep_is_scaled, .init = no_env_scale, .timeout = 120)
{
    cr_expect_eq(prjsim_win_time_scale(), 1.0, "1 unless set");
    cr_assert(prjsim_win_set_time_scale(0.00001));
    ULONGLONG ticks = GetTickCount64();
    double start = now_ms();
    Sleep(2000000); /* 33 minutes, 20 ms scaled */
    double took = now_ms() - start;
    ULONGLONG advanced = GetTickCount64() - ticks;
    cr_expect(took >= 15, "Sleep(2000000) at 0.00001 took only %.0f ms", took);
    cr_expect(advanced >= 2000000, "the tick count moved %llu ms",
              (unsigned long long)advanced);
}

Test(time_scale, from_the_environment, .timeout = 120)
{
    setenv("PRJSIM_TIME_SCALE", "0.00001", 1);
    cr_expect_eq(prjsim_win_time_scale(), 0.00001);
    double start = now_ms();
    Sleep(2000000);
    double took = now_ms() - start;
    cr_expect(took >= 15, "Sleep(2000000) at 0.00001 took only %.0f ms", took);
}

Test(time_scale, timeouts_are_scaled, .timeout = 120)
{
    prjsim_win_set_time_scale(0.00001);
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    double start = now_ms();
    cr_expect_eq(WaitForSingleObject(e, 10000000), (DWORD)WAIT_TIMEOUT);
    double took = now_ms() - start;
    cr_expect(took >= 80, "a 10000 s timeout at 0.00001 took only %.0f ms", took);
    CloseHandle(e);
}

Test(time_scale, zero_does_not_wait, .timeout = 120)
{
    cr_assert(prjsim_win_set_time_scale(0));
    LARGE_INTEGER f, a, b;
    cr_expect(QueryPerformanceFrequency(&f));
    cr_expect_eq(f.QuadPart, 10000000);
    QueryPerformanceCounter(&a);
    Sleep(3600000); /* an hour: only returns within the test's timeout if it does not wait */
    QueryPerformanceCounter(&b);
    cr_expect_geq(b.QuadPart - a.QuadPart, 36000000000LL, "but the clock moved an hour");
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_expect_eq(WaitForSingleObject(e, 3600000), (DWORD)WAIT_TIMEOUT);
    CloseHandle(e);
}

Test(time_scale, bad_values_are_refused, .init = no_env_scale)
{
    cr_expect(!prjsim_win_set_time_scale(-1));
    cr_expect(!prjsim_win_set_time_scale(1.0 / 0.0));
    cr_expect(!prjsim_win_set_time_scale(0.0 / 0.0));
    cr_expect_eq(prjsim_win_time_scale(), 1.0);
}

Test(clocks, ticks_counter_and_wall_clock, .init = no_env_scale)
{
    /* Each clock is compared with the host's over the same interval, never with a time limit. */
    double r0 = now_ms();
    ULONGLONG t0 = GetTickCount64();
    LARGE_INTEGER c0, c1;
    QueryPerformanceCounter(&c0);
    Sleep(30);
    ULONGLONG t1 = GetTickCount64();
    QueryPerformanceCounter(&c1);
    double real = now_ms() - r0;
    cr_expect(t1 - t0 >= 25 && (double)(t1 - t0) <= real + 1, "ticks moved %llu in %.0f ms",
              (unsigned long long)(t1 - t0), real);
    cr_expect_geq(c1.QuadPart - c0.QuadPart, 250000);
    cr_expect((double)(c1.QuadPart - c0.QuadPart) <= (real + 1) * 10000, "the counter runs at 10 MHz");
    DWORD since = GetTickCount() - (DWORD)t1; /* wraps like Windows' 32-bit count */
    ULONGLONG t2 = GetTickCount64();
    cr_expect_leq(since, (DWORD)(t2 - t1), "GetTickCount is the low half of GetTickCount64");
    SetLastError(0);
    cr_expect(!QueryPerformanceCounter(NULL));

    FILETIME ft;
    /* Read with clock_gettime, not time(): glibc's time() reads a coarse clock that can lag the
     * precise one by a tick, which put a FILETIME taken just after a second boundary "after" it. */
    struct timespec r;
    clock_gettime(CLOCK_REALTIME, &r);
    ULONGLONG before = (ULONGLONG)r.tv_sec * 10000000ULL + (ULONGLONG)r.tv_nsec / 100 + 116444736000000000ULL;
    GetSystemTimeAsFileTime(&ft);
    clock_gettime(CLOCK_REALTIME, &r);
    ULONGLONG after = (ULONGLONG)r.tv_sec * 10000000ULL + (ULONGLONG)r.tv_nsec / 100 + 116444736000000000ULL;
    ULONGLONG ticks = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    cr_expect(ticks >= before && ticks <= after, "FILETIME between two readings of the real-time clock");
    SYSTEMTIME st;
    GetSystemTime(&st);
    cr_expect_geq(st.wYear, 2024);
    cr_expect(st.wMonth >= 1 && st.wMonth <= 12);
    GetLocalTime(&st);
    cr_expect(st.wDay >= 1 && st.wDay <= 31);

    SYSTEM_INFO si;
    GetSystemInfo(&si);
    cr_expect_geq(si.dwNumberOfProcessors, 1u);
    cr_expect_geq(si.dwPageSize, 4096u);
    cr_expect_eq(si.dwAllocationGranularity, 65536u);
}
