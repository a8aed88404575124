/* SPDX-License-Identifier: MIT */
/*
 * Kernel objects and waits: events (manual and auto-reset), mutexes (recursion, ownership,
 * abandonment), semaphores (counts, limits), threads (exit codes, suspended start), named
 * objects, WaitForSingleObject/WaitForMultipleObjects with and without bWaitAll and timeouts,
 * and the handle errors.
 */
#include <windows.h>
#include <prjsim/client.h>

#include <criterion/criterion.h>

#include <process.h>
#include <time.h>
#include <unistd.h>

#define EXPECT_FAIL(expr, want_error)                                                     \
    do {                                                                                  \
        SetLastError(0);                                                                  \
        cr_expect(!(expr), "%s should fail", #expr);                                      \
        cr_expect_eq(GetLastError(), (DWORD)(want_error), "%s: error %u, want %u", #expr, \
                     (unsigned)GetLastError(), (unsigned)(want_error));                   \
    } while (0)

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- Handles ---- */

Test(sync_handles, closing_what_is_not_open)
{
    EXPECT_FAIL(CloseHandle(NULL), ERROR_INVALID_HANDLE);
    EXPECT_FAIL(CloseHandle(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);
    int local;
    EXPECT_FAIL(CloseHandle(&local), ERROR_INVALID_HANDLE);
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_assert_not_null(e);
    cr_expect(CloseHandle(e));
    EXPECT_FAIL(CloseHandle(e), ERROR_INVALID_HANDLE);
    EXPECT_FAIL(SetEvent(e), ERROR_INVALID_HANDLE);
    SetLastError(0);
    cr_expect_eq(WaitForSingleObject(e, 0), WAIT_FAILED);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
}

Test(sync_handles, wrong_kind_of_object)
{
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    HANDLE e = CreateEventW(NULL, FALSE, FALSE, NULL);
    EXPECT_FAIL(SetEvent(m), ERROR_INVALID_HANDLE);
    EXPECT_FAIL(ReleaseMutex(e), ERROR_INVALID_HANDLE);
    EXPECT_FAIL(ReleaseSemaphore(e, 1, NULL), ERROR_INVALID_HANDLE);
    DWORD code;
    EXPECT_FAIL(GetExitCodeThread(e, &code), ERROR_INVALID_HANDLE);
    CloseHandle(m);
    CloseHandle(e);
}

/* ---- Events ---- */

Test(sync_event, manual_reset_stays_set)
{
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_assert_not_null(e);
    cr_expect_eq(GetLastError(), 0u);
    cr_expect_eq(WaitForSingleObject(e, 0), (DWORD)WAIT_TIMEOUT);
    cr_expect(SetEvent(e));
    cr_expect_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "still set");
    cr_expect(ResetEvent(e));
    cr_expect_eq(WaitForSingleObject(e, 0), (DWORD)WAIT_TIMEOUT);
    CloseHandle(e);
}

Test(sync_event, auto_reset_releases_one_wait)
{
    HANDLE e = CreateEventW(NULL, FALSE, TRUE, NULL);
    cr_expect_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "initially set");
    cr_expect_eq(WaitForSingleObject(e, 0), (DWORD)WAIT_TIMEOUT, "the wait reset it");
    SetEvent(e);
    SetEvent(e);
    cr_expect_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(e, 0), (DWORD)WAIT_TIMEOUT, "setting twice is one signal");
    HANDLE x = CreateEventExW(NULL, NULL, CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET, 0);
    cr_expect_eq(WaitForSingleObject(x, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(x, 0), WAIT_OBJECT_0);
    CloseHandle(x);
    CloseHandle(e);
}

static DWORD WINAPI set_after(LPVOID arg)
{
    Sleep(50);
    SetEvent(arg);
    return 0;
}

Test(sync_event, wait_for_another_thread)
{
    HANDLE e = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, set_after, e, 0, NULL);
    cr_assert_not_null(t);
    double start = now_ms();
    cr_expect_eq(WaitForSingleObject(e, 5000), WAIT_OBJECT_0);
    cr_expect_geq(now_ms() - start, 30.0);
    cr_expect_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    CloseHandle(t);
    CloseHandle(e);
}

static HANDLE pulse_event;
static volatile LONG pulse_released;

static DWORD WINAPI wait_for_pulse(LPVOID arg)
{
    (void)arg;
    if (WaitForSingleObject(pulse_event, 5000) == WAIT_OBJECT_0)
        InterlockedIncrement(&pulse_released);
    return 0;
}

Test(sync_event, pulse_releases_current_waiters_only)
{
    pulse_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE t[2];
    for (int i = 0; i < 2; i++)
        t[i] = CreateThread(NULL, 0, wait_for_pulse, NULL, 0, NULL);
    Sleep(100); /* both are waiting */
    cr_expect(PulseEvent(pulse_event));
    cr_expect_eq(WaitForMultipleObjects(2, t, TRUE, 5000), WAIT_OBJECT_0);
    cr_expect_eq(pulse_released, 2, "a manual-reset pulse releases every waiter");
    cr_expect_eq(WaitForSingleObject(pulse_event, 0), (DWORD)WAIT_TIMEOUT, "and leaves it reset");
    CloseHandle(t[0]);
    CloseHandle(t[1]);
    CloseHandle(pulse_event);
}

/* ---- Mutexes ---- */

static DWORD WINAPI release_foreign(LPVOID arg)
{
    SetLastError(0);
    BOOL ok = ReleaseMutex(arg);
    return ok ? 1 : GetLastError();
}

static DWORD WINAPI try_take(LPVOID arg)
{
    return WaitForSingleObject(arg, 0);
}

Test(sync_mutex, recursion_and_ownership)
{
    HANDLE m = CreateMutexW(NULL, TRUE, NULL);
    cr_assert_not_null(m);
    cr_expect_eq(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "the owner takes it again");
    cr_expect_eq(WaitForSingleObject(m, 0), WAIT_OBJECT_0);

    DWORD code;
    HANDLE t = CreateThread(NULL, 0, release_foreign, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, (DWORD)ERROR_NOT_OWNER, "another thread cannot release it");
    CloseHandle(t);

    t = CreateThread(NULL, 0, try_take, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, (DWORD)WAIT_TIMEOUT, "owned three times, not free for others");
    CloseHandle(t);

    cr_expect(ReleaseMutex(m));
    cr_expect(ReleaseMutex(m));
    cr_expect(ReleaseMutex(m));
    EXPECT_FAIL(ReleaseMutex(m), ERROR_NOT_OWNER);

    t = CreateThread(NULL, 0, try_take, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, WAIT_OBJECT_0, "released three times, free");
    CloseHandle(t);
    CloseHandle(m);
}

static DWORD WINAPI take_and_end(LPVOID arg)
{
    return WaitForSingleObject(arg, 0);
}

static DWORD WINAPI take_and_exit_thread(LPVOID arg)
{
    WaitForSingleObject(arg, 0);
    ExitThread(77);
}

Test(sync_mutex, abandoned_when_the_owner_ends)
{
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, take_and_end, m, 0, NULL);
    cr_expect_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(m, 0), WAIT_ABANDONED, "the owner ended holding it");
    cr_expect(ReleaseMutex(m), "the abandoned mutex now belongs to us");
    cr_expect_eq(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "abandonment is reported once");
    ReleaseMutex(m);
    CloseHandle(t);

    t = CreateThread(NULL, 0, take_and_exit_thread, m, 0, NULL);
    WaitForSingleObject(t, 5000);
    DWORD code;
    cr_expect(GetExitCodeThread(t, &code));
    cr_expect_eq(code, 77u, "ExitThread's code");
    HANDLE both[2] = {CreateEventW(NULL, TRUE, FALSE, NULL), m};
    cr_expect_eq(WaitForMultipleObjects(2, both, FALSE, 0), WAIT_ABANDONED_0 + 1);
    ReleaseMutex(m);
    CloseHandle(both[0]);
    CloseHandle(t);
    CloseHandle(m);
}

Test(sync_mutex, named_objects)
{
    HANDLE a = CreateMutexW(NULL, FALSE, L"prjsim-test-mutex");
    cr_assert_not_null(a);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_SUCCESS);
    HANDLE b = CreateMutexW(NULL, TRUE, L"prjsim-test-mutex");
    cr_assert_not_null(b);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_ALREADY_EXISTS);
    cr_expect_neq(a, b, "a new handle to the same mutex");
    EXPECT_FAIL(ReleaseMutex(b), ERROR_NOT_OWNER); /* bInitialOwner is ignored for an existing one */
    cr_expect_eq(WaitForSingleObject(a, 0), WAIT_OBJECT_0);
    cr_expect(ReleaseMutex(b), "released through the other handle");
    HANDLE c = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, "prjsim-test-mutex");
    cr_expect_not_null(c);
    SetLastError(0);
    cr_expect_null(CreateEventW(NULL, TRUE, FALSE, L"prjsim-test-mutex"));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE, "the name belongs to a mutex");
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(c);
    SetLastError(0);
    cr_expect_null(OpenMutexW(SYNCHRONIZE, FALSE, L"prjsim-test-mutex"));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_FILE_NOT_FOUND, "gone with its last handle");
    cr_expect_null(OpenEventW(EVENT_ALL_ACCESS, FALSE, L"prjsim-none"));
}

/* ---- Semaphores ---- */

Test(sync_semaphore, counts_and_limits)
{
    HANDLE s = CreateSemaphoreW(NULL, 2, 3, NULL);
    cr_assert_not_null(s);
    cr_expect_eq(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(s, 0), (DWORD)WAIT_TIMEOUT, "count 0");
    LONG previous = -1;
    cr_expect(ReleaseSemaphore(s, 3, &previous));
    cr_expect_eq(previous, 0);
    previous = -1;
    EXPECT_FAIL(ReleaseSemaphore(s, 1, &previous), ERROR_TOO_MANY_POSTS);
    cr_expect_eq(previous, -1, "untouched on failure");
    EXPECT_FAIL(ReleaseSemaphore(s, 0, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_FAIL(ReleaseSemaphore(s, -1, NULL), ERROR_INVALID_PARAMETER);
    cr_expect_eq(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    cr_expect(ReleaseSemaphore(s, 1, &previous));
    cr_expect_eq(previous, 2);
    CloseHandle(s);

    EXPECT_FAIL(CreateSemaphoreW(NULL, 4, 3, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_FAIL(CreateSemaphoreW(NULL, -1, 3, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_FAIL(CreateSemaphoreW(NULL, 0, 0, NULL), ERROR_INVALID_PARAMETER);
    s = CreateSemaphoreA(NULL, 0, 1, "prjsim-test-semaphore");
    cr_expect_not_null(s);
    HANDLE o = OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, L"prjsim-test-semaphore");
    cr_expect(ReleaseSemaphore(o, 1, NULL));
    cr_expect_eq(WaitForSingleObject(s, 0), WAIT_OBJECT_0, "one object behind both handles");
    CloseHandle(o);
    CloseHandle(s);
}

/* ---- Waiting for several objects ---- */

Test(sync_wait, any_returns_the_lowest_signalled_index)
{
    HANDLE h[3];
    for (int i = 0; i < 3; i++)
        h[i] = CreateEventW(NULL, TRUE, FALSE, NULL);
    cr_expect_eq(WaitForMultipleObjects(3, h, FALSE, 0), (DWORD)WAIT_TIMEOUT);
    SetEvent(h[2]);
    cr_expect_eq(WaitForMultipleObjects(3, h, FALSE, 0), WAIT_OBJECT_0 + 2);
    SetEvent(h[1]);
    cr_expect_eq(WaitForMultipleObjects(3, h, FALSE, 0), WAIT_OBJECT_0 + 1);
    double start = now_ms();
    ResetEvent(h[1]);
    ResetEvent(h[2]);
    cr_expect_eq(WaitForMultipleObjects(3, h, FALSE, 100), (DWORD)WAIT_TIMEOUT);
    double waited = now_ms() - start;
    /* a timeout waits at least its time; how much longer depends on the machine's load */
    cr_expect(waited >= 90, "waited %.0f ms for a 100 ms timeout", waited);
    for (int i = 0; i < 3; i++)
        CloseHandle(h[i]);
}

Test(sync_wait, all_takes_everything_at_once)
{
    HANDLE h[3] = {CreateEventW(NULL, FALSE, TRUE, NULL), CreateSemaphoreW(NULL, 1, 5, NULL),
                   CreateEventW(NULL, TRUE, FALSE, NULL)};
    cr_expect_eq(WaitForMultipleObjects(3, h, TRUE, 50), (DWORD)WAIT_TIMEOUT);
    cr_expect_eq(WaitForSingleObject(h[0], 0), WAIT_OBJECT_0,
                 "a failed wait-all took nothing: the auto-reset event is still set");
    SetEvent(h[0]);
    SetEvent(h[2]);
    cr_expect_eq(WaitForMultipleObjects(3, h, TRUE, 0), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(h[0], 0), (DWORD)WAIT_TIMEOUT, "auto-reset event taken");
    cr_expect_eq(WaitForSingleObject(h[1], 0), (DWORD)WAIT_TIMEOUT, "semaphore count taken");
    cr_expect_eq(WaitForSingleObject(h[2], 0), WAIT_OBJECT_0, "manual-reset event stays set");
    for (int i = 0; i < 3; i++)
        CloseHandle(h[i]);
}

static HANDLE all_events[2];

static DWORD WINAPI set_both_slowly(LPVOID arg)
{
    (void)arg;
    Sleep(30);
    SetEvent(all_events[0]);
    Sleep(30);
    SetEvent(all_events[1]);
    return 0;
}

Test(sync_wait, all_waits_for_the_last_one)
{
    all_events[0] = CreateEventW(NULL, TRUE, FALSE, NULL);
    all_events[1] = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, set_both_slowly, NULL, 0, NULL);
    double start = now_ms();
    cr_expect_eq(WaitForMultipleObjects(2, all_events, TRUE, 5000), WAIT_OBJECT_0);
    cr_expect_geq(now_ms() - start, 50.0);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(all_events[0]);
    CloseHandle(all_events[1]);
}

Test(sync_wait, bad_arguments)
{
    HANDLE e = CreateEventW(NULL, TRUE, TRUE, NULL);
    HANDLE twice[2] = {e, e};
    SetLastError(0);
    cr_expect_eq(WaitForMultipleObjects(2, twice, TRUE, 0), WAIT_FAILED);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER, "the same object twice");
    cr_expect_eq(WaitForMultipleObjects(2, twice, FALSE, 0), WAIT_OBJECT_0, "fine when waiting for any");
    SetLastError(0);
    cr_expect_eq(WaitForMultipleObjects(0, twice, FALSE, 0), WAIT_FAILED);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER);
    HANDLE many[MAXIMUM_WAIT_OBJECTS + 1];
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        many[i] = e;
    cr_expect_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, many, FALSE, 0), WAIT_FAILED);
    cr_expect_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, many, FALSE, 0), WAIT_OBJECT_0);
    HANDLE bad[2] = {e, (HANDLE)(uintptr_t)0x1234};
    SetLastError(0);
    cr_expect_eq(WaitForMultipleObjects(2, bad, FALSE, 0), WAIT_FAILED);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
    CloseHandle(e);
}

Test(sync_wait, signal_object_and_wait)
{
    HANDLE a = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE b = CreateEventW(NULL, TRUE, TRUE, NULL);
    cr_expect_eq(SignalObjectAndWait(a, b, 0, FALSE), WAIT_OBJECT_0);
    cr_expect_eq(WaitForSingleObject(a, 0), WAIT_OBJECT_0, "a was signalled");
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    SetLastError(0);
    cr_expect_eq(SignalObjectAndWait(m, b, 0, FALSE), WAIT_FAILED);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_NOT_OWNER);
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(m);
}

/* ---- Threads ---- */

static DWORD WINAPI return_param(LPVOID arg)
{
    return (DWORD)(uintptr_t)arg;
}

static HANDLE gate;

static DWORD WINAPI wait_gate(LPVOID arg)
{
    (void)arg;
    WaitForSingleObject(gate, INFINITE);
    return 5;
}

Test(sync_thread, exit_codes)
{
    DWORD id = 0;
    HANDLE t = CreateThread(NULL, 0, return_param, (LPVOID)(uintptr_t)1234, 0, &id);
    cr_assert_not_null(t);
    cr_expect_neq(id, 0u);
    cr_expect_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    DWORD code = 0;
    cr_expect(GetExitCodeThread(t, &code));
    cr_expect_eq(code, 1234u, "the thread function's return value");
    cr_expect_eq(GetThreadId(t), id);
    cr_expect_eq(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "an ended thread stays signalled");
    cr_expect(CloseHandle(t));

    gate = CreateEventW(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 64 * 1024, wait_gate, NULL, 0, NULL);
    cr_expect(GetExitCodeThread(t, &code));
    cr_expect_eq(code, (DWORD)STILL_ACTIVE);
    cr_expect_eq(STILL_ACTIVE, 259u);
    cr_expect_eq(WaitForSingleObject(t, 20), (DWORD)WAIT_TIMEOUT);
    SetEvent(gate);
    cr_expect_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, 5u);
    CloseHandle(t);
    CloseHandle(gate);
}

static volatile LONG ran;

static DWORD WINAPI mark_ran(LPVOID arg)
{
    (void)arg;
    InterlockedExchange(&ran, 1);
    return GetCurrentThreadId();
}

Test(sync_thread, suspended_start_and_ids)
{
    DWORD id;
    HANDLE t = CreateThread(NULL, 0, mark_ran, NULL, CREATE_SUSPENDED, &id);
    cr_assert_not_null(t);
    cr_expect_eq(WaitForSingleObject(t, 50), (DWORD)WAIT_TIMEOUT);
    cr_expect_eq(ran, 0, "not started before ResumeThread");
    cr_expect_eq(ResumeThread(t), 1u);
    cr_expect_eq(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    cr_expect_eq(ran, 1);
    DWORD code;
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, id, "GetCurrentThreadId inside is the id CreateThread gave");
    cr_expect_neq(id, GetCurrentThreadId());
    cr_expect_eq(ResumeThread(t), 0u);
    CloseHandle(t);
    cr_expect_eq(GetCurrentProcessId(), (DWORD)getpid());
    cr_expect_eq(GetThreadId(GetCurrentThread()), GetCurrentThreadId());
    SetLastError(0);
    cr_expect_null(CreateThread(NULL, 0, NULL, NULL, 0, NULL));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER);
    cr_expect_eq(ResumeThread((HANDLE)(uintptr_t)0x1234), (DWORD)-1);
}

static unsigned __stdcall crt_thread(void *arg)
{
    return (unsigned)(uintptr_t)arg + 1;
}

Test(sync_thread, beginthreadex)
{
    unsigned id = 0;
    uintptr_t h = _beginthreadex(NULL, 0, crt_thread, (void *)(uintptr_t)41, 0, &id);
    cr_assert_neq(h, 0u);
    cr_expect_neq(id, 0u);
    cr_expect_eq(WaitForSingleObject((HANDLE)h, 5000), WAIT_OBJECT_0);
    DWORD code;
    GetExitCodeThread((HANDLE)h, &code);
    cr_expect_eq(code, 42u);
    CloseHandle((HANDLE)h);
}

/* Closing a handle another thread waits on does not disturb the wait. */
static HANDLE closing_event;

static DWORD WINAPI close_then_set(LPVOID arg)
{
    HANDLE second = arg;
    Sleep(30);
    CloseHandle(closing_event);
    SetEvent(second);
    return 0;
}

Test(sync_thread, closing_a_waited_handle)
{
    closing_event = CreateEventW(NULL, TRUE, FALSE, L"prjsim-closing");
    HANDLE second = OpenEventW(EVENT_ALL_ACCESS, FALSE, L"prjsim-closing");
    HANDLE t = CreateThread(NULL, 0, close_then_set, second, 0, NULL);
    cr_expect_eq(WaitForSingleObject(closing_event, 5000), WAIT_OBJECT_0);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(second);
}

/* A thread belongs to its creator's process: it inherits the identity its I/O reports. */
static DWORD WINAPI report_caller(LPVOID arg)
{
    (void)arg;
    prjsim_caller c = prjsim_client_get_caller();
    return c.is_provider && c.process_id == 4242 && wcscmp(c.image_file_name, L"C:\\prog.exe") == 0;
}

Test(sync_thread, inherits_the_callers_identity)
{
    prjsim_caller me = {4242, L"C:\\prog.exe", true};
    prjsim_client_set_caller(&me);
    HANDLE t = CreateThread(NULL, 0, report_caller, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, 1u, "the new thread's client operations are the program's own");
    CloseHandle(t);
    prjsim_client_set_caller(NULL);
}
