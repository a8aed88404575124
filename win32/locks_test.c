/* SPDX-License-Identifier: MIT */
/*
 * The user-mode locks and atomics: critical sections (recursion, try-enter, exclusion),
 * SRW locks (shared and exclusive), condition variables with both lock kinds and timeouts,
 * InitOnceExecuteOnce, and the values the Interlocked functions return.
 */
#include <windows.h>

#include <criterion/criterion.h>

#include <signal.h>

/* ---- Interlocked ---- */

Test(interlocked, values)
{
    volatile LONG v = 5;
    cr_expect_eq(InterlockedIncrement(&v), 6, "returns the new value");
    cr_expect_eq(InterlockedDecrement(&v), 5);
    cr_expect_eq(InterlockedExchange(&v, 9), 5, "returns the old value");
    cr_expect_eq(v, 9);
    cr_expect_eq(InterlockedCompareExchange(&v, 1, 7), 9, "no exchange when different");
    cr_expect_eq(v, 9);
    cr_expect_eq(InterlockedCompareExchange(&v, 1, 9), 9);
    cr_expect_eq(v, 1);
    cr_expect_eq(InterlockedAdd(&v, 10), 11, "Add returns the new value");
    cr_expect_eq(InterlockedExchangeAdd(&v, 10), 11, "ExchangeAdd the old one");
    cr_expect_eq(v, 21);
    cr_expect_eq(InterlockedOr(&v, 0x100), 21);
    cr_expect_eq(InterlockedAnd(&v, 0x101), 0x115);
    cr_expect_eq(InterlockedXor(&v, 1), 0x101);
    cr_expect_eq(v, 0x100);
    v = 0x7FFFFFFF;
    cr_expect_eq(InterlockedIncrement(&v), (LONG)0x80000000, "LONG is 32 bits: it wraps");
    cr_expect_eq(sizeof v, 4u);

    volatile LONG64 w = 0x100000000LL;
    cr_expect_eq(InterlockedIncrement64(&w), 0x100000001LL);
    cr_expect_eq(InterlockedCompareExchange64(&w, 7, 0x100000001LL), 0x100000001LL);
    cr_expect_eq(InterlockedExchangeAdd64(&w, 3), 7);
    cr_expect_eq(InterlockedAdd64(&w, 3), 13);
    cr_expect_eq(InterlockedExchange64(&w, -1), 13);
    cr_expect_eq(InterlockedDecrement64(&w), -2);

    int target = 0, other = 0;
    PVOID volatile p = &target;
    cr_expect_eq(InterlockedExchangePointer(&p, &other), (PVOID)&target);
    cr_expect_eq(InterlockedCompareExchangePointer(&p, NULL, &target), (PVOID)&other);
    cr_expect_eq(p, (PVOID)&other, "not exchanged: the comparand differed");
    cr_expect_eq(InterlockedCompareExchangePointer(&p, NULL, &other), (PVOID)&other);
    cr_expect_null(p);

    volatile LONG bits = 0;
    cr_expect_eq(InterlockedBitTestAndSet(&bits, 3), 0);
    cr_expect_eq(InterlockedBitTestAndSet(&bits, 3), 1);
    cr_expect_eq(bits, 8);
    cr_expect_eq(InterlockedBitTestAndReset(&bits, 3), 1);
    cr_expect_eq(bits, 0);
    MemoryBarrier();
}

static volatile LONG counter;

static DWORD WINAPI count_up(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 100000; i++)
        InterlockedIncrement(&counter);
    return 0;
}

Test(interlocked, atomic_under_contention)
{
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, count_up, NULL, 0, NULL);
    cr_expect_eq(WaitForMultipleObjects(4, t, TRUE, 30000), WAIT_OBJECT_0);
    cr_expect_eq(counter, 400000);
    for (int i = 0; i < 4; i++)
        CloseHandle(t[i]);
}

/* ---- Critical sections ---- */

static CRITICAL_SECTION cs;
static long long protected_total; /* guarded by cs */

static DWORD WINAPI add_under_cs(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        EnterCriticalSection(&cs);
        EnterCriticalSection(&cs); /* recursive */
        protected_total++;
        LeaveCriticalSection(&cs);
        LeaveCriticalSection(&cs);
    }
    return 0;
}

static DWORD WINAPI try_enter(LPVOID arg)
{
    (void)arg;
    BOOL got = TryEnterCriticalSection(&cs);
    if (got)
        LeaveCriticalSection(&cs);
    return (DWORD)got;
}

Test(critical_section, recursion_and_exclusion)
{
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    cr_expect(TryEnterCriticalSection(&cs), "the owner enters again");
    cr_expect_eq(cs.RecursionCount, 3);
    cr_expect_eq(cs.OwningThread, (HANDLE)(ULONG_PTR)GetCurrentThreadId());

    HANDLE t = CreateThread(NULL, 0, try_enter, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    DWORD code;
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, (DWORD)FALSE, "another thread cannot enter");
    CloseHandle(t);

    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    cr_expect_eq(cs.RecursionCount, 0);
    t = CreateThread(NULL, 0, try_enter, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, (DWORD)TRUE, "free once left as often as entered");
    CloseHandle(t);

    HANDLE ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = CreateThread(NULL, 0, add_under_cs, NULL, 0, NULL);
    WaitForMultipleObjects(4, ts, TRUE, INFINITE);
    cr_expect_eq(protected_total, 80000);
    for (int i = 0; i < 4; i++)
        CloseHandle(ts[i]);
    DeleteCriticalSection(&cs);
    cr_expect(InitializeCriticalSectionAndSpinCount(&cs, 4000));
    cr_expect_eq(SetCriticalSectionSpinCount(&cs, 10), 4000u);
    DeleteCriticalSection(&cs);
}

Test(critical_section, use_before_initialisation_aborts, .signal = SIGABRT)
{
    CRITICAL_SECTION never = {0};
    EnterCriticalSection(&never);
}

/* ---- SRW locks ---- */

static SRWLOCK srw = SRWLOCK_INIT;
static long long srw_total; /* guarded by srw */
static volatile LONG readers_inside, max_readers;

static DWORD WINAPI srw_writer(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        AcquireSRWLockExclusive(&srw);
        srw_total++;
        ReleaseSRWLockExclusive(&srw);
    }
    return 0;
}

static DWORD WINAPI srw_reader(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        AcquireSRWLockShared(&srw);
        LONG n = InterlockedIncrement(&readers_inside);
        LONG seen = InterlockedCompareExchange(&max_readers, 0, 0); /* an atomic read */
        while (n > seen) {
            LONG was = InterlockedCompareExchange(&max_readers, n, seen);
            if (was == seen)
                break;
            seen = was;
        }
        volatile long long observe = srw_total;
        (void)observe;
        Sleep(0);
        InterlockedDecrement(&readers_inside);
        ReleaseSRWLockShared(&srw);
    }
    return 0;
}

Test(srw_lock, shared_and_exclusive)
{
    AcquireSRWLockShared(&srw);
    cr_expect(TryAcquireSRWLockShared(&srw), "readers share");
    cr_expect(!TryAcquireSRWLockExclusive(&srw), "no writer while read");
    ReleaseSRWLockShared(&srw);
    ReleaseSRWLockShared(&srw);
    cr_expect(TryAcquireSRWLockExclusive(&srw));
    cr_expect(!TryAcquireSRWLockShared(&srw), "no reader while written");
    cr_expect(!TryAcquireSRWLockExclusive(&srw), "not recursive");
    ReleaseSRWLockExclusive(&srw);

    HANDLE t[6];
    for (int i = 0; i < 3; i++)
        t[i] = CreateThread(NULL, 0, srw_writer, NULL, 0, NULL);
    for (int i = 3; i < 6; i++)
        t[i] = CreateThread(NULL, 0, srw_reader, NULL, 0, NULL);
    cr_expect_eq(WaitForMultipleObjects(6, t, TRUE, 60000), WAIT_OBJECT_0);
    cr_expect_eq(srw_total, 60000);
    cr_expect_eq(readers_inside, 0);
    cr_expect(max_readers >= 1 && max_readers <= 3, "%d readers at once", (int)max_readers);
    for (int i = 0; i < 6; i++)
        CloseHandle(t[i]);
    SRWLOCK fresh;
    InitializeSRWLock(&fresh);
    AcquireSRWLockExclusive(&fresh);
    ReleaseSRWLockExclusive(&fresh);
}

/* ---- Condition variables ---- */

static CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
static CRITICAL_SECTION cv_cs;
static SRWLOCK cv_srw = SRWLOCK_INIT;
static int queue_items; /* guarded by the lock in use */

static DWORD WINAPI produce_cs(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        EnterCriticalSection(&cv_cs);
        queue_items++;
        LeaveCriticalSection(&cv_cs);
        WakeConditionVariable(&cv);
    }
    return 0;
}

static DWORD WINAPI produce_srw(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        AcquireSRWLockExclusive(&cv_srw);
        queue_items++;
        WakeAllConditionVariable(&cv);
        ReleaseSRWLockExclusive(&cv_srw);
    }
    return 0;
}

Test(condition_variable, with_a_critical_section)
{
    InitializeCriticalSection(&cv_cs);
    HANDLE t = CreateThread(NULL, 0, produce_cs, NULL, 0, NULL);
    int consumed = 0;
    EnterCriticalSection(&cv_cs);
    EnterCriticalSection(&cv_cs); /* entered twice: the sleep releases and restores both */
    while (consumed < 1000) {
        while (queue_items == 0)
            cr_assert(SleepConditionVariableCS(&cv, &cv_cs, 10000), "error %u", (unsigned)GetLastError());
        consumed += queue_items;
        queue_items = 0;
    }
    cr_expect_eq(cv_cs.RecursionCount, 2);
    LeaveCriticalSection(&cv_cs);
    LeaveCriticalSection(&cv_cs);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    cr_expect_eq(consumed, 1000);

    EnterCriticalSection(&cv_cs);
    SetLastError(0);
    cr_expect(!SleepConditionVariableCS(&cv, &cv_cs, 30));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_TIMEOUT);
    cr_expect_eq(cv_cs.OwningThread, (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "held again after a timeout");
    LeaveCriticalSection(&cv_cs);
    DeleteCriticalSection(&cv_cs);
}

Test(condition_variable, with_an_srw_lock)
{
    HANDLE t = CreateThread(NULL, 0, produce_srw, NULL, 0, NULL);
    int consumed = 0;
    AcquireSRWLockExclusive(&cv_srw);
    while (consumed < 1000) {
        while (queue_items == 0)
            cr_assert(SleepConditionVariableSRW(&cv, &cv_srw, 10000, 0));
        consumed += queue_items;
        queue_items = 0;
    }
    ReleaseSRWLockExclusive(&cv_srw);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    cr_expect_eq(consumed, 1000);

    AcquireSRWLockShared(&cv_srw);
    SetLastError(0);
    cr_expect(!SleepConditionVariableSRW(&cv, &cv_srw, 20, CONDITION_VARIABLE_LOCKMODE_SHARED));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_TIMEOUT);
    cr_expect(!TryAcquireSRWLockExclusive(&cv_srw), "held shared again");
    ReleaseSRWLockShared(&cv_srw);
}

/* ---- One-time initialisation ---- */

static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG init_calls;
static int context_target;

static BOOL CALLBACK init_fn(PINIT_ONCE init, PVOID parameter, PVOID *context)
{
    (void)init;
    InterlockedIncrement(&init_calls);
    Sleep(20);
    *context = parameter;
    return TRUE;
}

static DWORD WINAPI run_once(LPVOID arg)
{
    (void)arg;
    PVOID ctx = NULL;
    if (!InitOnceExecuteOnce(&once, init_fn, &context_target, &ctx))
        return 1;
    return ctx == &context_target ? 0 : 2;
}

static int fail_count;

static BOOL CALLBACK failing_fn(PINIT_ONCE init, PVOID parameter, PVOID *context)
{
    (void)init;
    (void)parameter;
    (void)context;
    return ++fail_count > 1;
}

Test(init_once, runs_once_for_all_threads)
{
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, run_once, NULL, 0, NULL);
    WaitForMultipleObjects(4, t, TRUE, INFINITE);
    for (int i = 0; i < 4; i++) {
        DWORD code;
        GetExitCodeThread(t[i], &code);
        cr_expect_eq(code, 0u, "thread %d saw the context", i);
        CloseHandle(t[i]);
    }
    cr_expect_eq(init_calls, 1);

    INIT_ONCE retry;
    InitOnceInitialize(&retry);
    cr_expect(!InitOnceExecuteOnce(&retry, failing_fn, NULL, NULL), "a failed init reports it");
    cr_expect(InitOnceExecuteOnce(&retry, failing_fn, NULL, NULL), "and is tried again");
    cr_expect(InitOnceExecuteOnce(&retry, failing_fn, NULL, NULL));
    cr_expect_eq(fail_count, 2);
}
