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

Test(time_scale, sleep_is_scaled, .init = no_env_scale)
{
    cr_expect_eq(prjsim_win_time_scale(), 1.0, "1 unless set");
    cr_assert(prjsim_win_set_time_scale(0.01));
    ULONGLONG ticks = GetTickCount64();
    double start = now_ms();
    Sleep(2000);
    double took = now_ms() - start;
    ULONGLONG advanced = GetTickCount64() - ticks;
    cr_expect(took < 500, "Sleep(2000) at 0.01 took %.0f ms", took);
    cr_expect(took >= 15, "Sleep(2000) at 0.01 took only %.0f ms", took);
    cr_expect(advanced >= 2000 && advanced < 50000, "the tick count moved %llu ms",
              (unsigned long long)advanced);
}

Test(time_scale, from_the_environment)
{
    setenv("PRJSIM_TIME_SCALE", "0.02", 1);
    cr_expect_eq(prjsim_win_time_scale(), 0.02);
    double start = now_ms();
    Sleep(1000);
    double took = now_ms() - start;
    cr_expect(took >= 15 && took < 400, "Sleep(1000) at 0.02 took %.0f ms", took);
}

Test(time_scale, timeouts_are_scaled)
{
    prjsim_win_set_time_scale(0.01);
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    double start = now_ms();
    cr_expect_eq(WaitForSingleObject(e, 10000), (DWORD)WAIT_TIMEOUT);
    double took = now_ms() - start;
    cr_expect(took >= 80 && took < 2000, "a 10 s timeout at 0.01 took %.0f ms", took);
    CloseHandle(e);
}

Test(time_scale, zero_does_not_wait)
{
    cr_assert(prjsim_win_set_time_scale(0));
    LARGE_INTEGER f, a, b;
    cr_expect(QueryPerformanceFrequency(&f));
    cr_expect_eq(f.QuadPart, 10000000);
    QueryPerformanceCounter(&a);
    double start = now_ms();
    Sleep(60000);
    QueryPerformanceCounter(&b);
    cr_expect(now_ms() - start < 100, "no real wait at scale 0");
    cr_expect_geq(b.QuadPart - a.QuadPart, 600000000LL, "but the clock moved a minute");
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_expect_eq(WaitForSingleObject(e, 60000), (DWORD)WAIT_TIMEOUT);
    cr_expect(now_ms() - start < 500);
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
    ULONGLONG t0 = GetTickCount64();
    LARGE_INTEGER c0, c1;
    QueryPerformanceCounter(&c0);
    Sleep(30);
    ULONGLONG t1 = GetTickCount64();
    QueryPerformanceCounter(&c1);
    cr_expect(t1 - t0 >= 25 && t1 - t0 < 2000, "ticks moved %llu", (unsigned long long)(t1 - t0));
    cr_expect_geq(c1.QuadPart - c0.QuadPart, 250000);
    DWORD since = GetTickCount() - (DWORD)t1; /* wraps like Windows' 32-bit count */
    cr_expect_lt(since, 1000u);
    SetLastError(0);
    cr_expect(!QueryPerformanceCounter(NULL));

    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    ULONGLONG ticks = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    ULONGLONG unix_ticks = (ULONGLONG)time(NULL) * 10000000ULL + 116444736000000000ULL;
    cr_expect(ticks + 20000000ULL > unix_ticks && ticks < unix_ticks + 20000000ULL,
              "FILETIME within 2 s of time()");
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
