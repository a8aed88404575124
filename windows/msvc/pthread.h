/* SPDX-License-Identifier: MIT */
/*
 * The few POSIX locks the reference provider (fixtures/memtree) uses, on Windows slim
 * reader/writer locks, for MSVC, which has no pthreads (also the threads and condition variables
 * of prjconf's cases and the client agent, below). mingw-w64 has its own pthread.h
 * (winpthreads); CMake puts this folder on memtree's and the recording layer's include path
 * only for MSVC.
 *
 * SRWLOCK (synchapi.h, Vista+): AcquireSRWLockShared/Exclusive and the matching Release calls; a
 * lock must be released in the mode it was acquired, so the rwlock notes whether its holder is
 * the writer (only ever changed by the writer, under the exclusive lock). SRW locks are not
 * recursive, which memtree never needs (no path takes the read lock twice).
 *
 * Microsoft documents (learn.microsoft.com, "synchapi.h, InitializeSRWLock"): a lock is
 * initialised dynamically with InitializeSRWLock or statically with SRWLOCK_INIT (hence
 * PTHREAD_MUTEX_INITIALIZER below); an unlocked SRW lock with no waiting threads can be forgotten
 * without being destroyed (hence the destroy functions do nothing); it must not be moved or
 * copied while in use.
 */
#ifndef PRJSIM_MSVC_PTHREAD_H
#define PRJSIM_MSVC_PTHREAD_H

#include <windows.h>
#include <process.h> /* _beginthreadex */

typedef struct pthread_rwlock_t {
    SRWLOCK srw;
    BOOL writer;
} pthread_rwlock_t;
typedef int pthread_rwlockattr_t;
typedef SRWLOCK pthread_mutex_t;
typedef int pthread_mutexattr_t;

static __inline int pthread_rwlockattr_init(pthread_rwlockattr_t *a) { *a = 0; return 0; }
static __inline int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a) { (void)a; return 0; }

static __inline int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a)
{
    (void)a;
    InitializeSRWLock(&l->srw);
    l->writer = FALSE;
    return 0;
}
static __inline int pthread_rwlock_destroy(pthread_rwlock_t *l) { (void)l; return 0; }
static __inline int pthread_rwlock_rdlock(pthread_rwlock_t *l) { AcquireSRWLockShared(&l->srw); return 0; }
static __inline int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
    AcquireSRWLockExclusive(&l->srw);
    l->writer = TRUE;
    return 0;
}
static __inline int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
    if (l->writer) {
        l->writer = FALSE;
        ReleaseSRWLockExclusive(&l->srw);
    } else {
        ReleaseSRWLockShared(&l->srw);
    }
    return 0;
}

static __inline int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a)
{
    (void)a;
    InitializeSRWLock(m);
    return 0;
}
static __inline int pthread_mutex_destroy(pthread_mutex_t *m) { (void)m; return 0; }
static __inline int pthread_mutex_lock(pthread_mutex_t *m) { AcquireSRWLockExclusive(m); return 0; }
static __inline int pthread_mutex_unlock(pthread_mutex_t *m) { ReleaseSRWLockExclusive(m); return 0; }

/* The recording layer (conformance/recording) also takes statically initialised mutexes and
 * numbers the threads that call it; prjconf's placeholder.concurrent-opens starts threads. A
 * thread id (GetCurrentThreadId) identifies the thread until it ends, as a pthread_t does; a
 * thread this header started also carries its handle, for pthread_join. */
#define PTHREAD_MUTEX_INITIALIZER SRWLOCK_INIT
typedef struct pthread_t {
    DWORD id;
    HANDLE handle; /* pthread_create's, until pthread_join; NULL from pthread_self */
} pthread_t;
/* Only the detach state is kept: a detached thread's handle is closed at once. */
typedef int pthread_attr_t;
#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
static __inline int pthread_attr_init(pthread_attr_t *a) { *a = PTHREAD_CREATE_JOINABLE; return 0; }
static __inline int pthread_attr_destroy(pthread_attr_t *a) { (void)a; return 0; }
static __inline int pthread_attr_setdetachstate(pthread_attr_t *a, int state) { *a = state; return 0; }

static __inline pthread_t pthread_self(void)
{
    pthread_t t;
    t.id = GetCurrentThreadId();
    t.handle = NULL;
    return t;
}
static __inline int pthread_equal(pthread_t a, pthread_t b) { return a.id == b.id; }

typedef struct prjsim_msvc_thread_start {
    void *(*fn)(void *);
    void *arg;
} prjsim_msvc_thread_start;

/* Started with _beginthreadex, not CreateThread: the threads call the C runtime, and
 * CreateThread's page recommends _beginthreadex for those. */
static __inline unsigned __stdcall prjsim_msvc_thread_main(void *p)
{
    prjsim_msvc_thread_start s = *(prjsim_msvc_thread_start *)p;
    HeapFree(GetProcessHeap(), 0, p);
    s.fn(s.arg);
    return 0;
}

/* The routine's result is dropped (pthread_join gives NULL), which is all prjconf and the client
 * agent use. */
static __inline int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
    t->handle = NULL;
    t->id = 0;
    prjsim_msvc_thread_start *s = (prjsim_msvc_thread_start *)HeapAlloc(GetProcessHeap(), 0, sizeof *s);
    if (!s)
        return 12; /* ENOMEM */
    s->fn = fn;
    s->arg = arg;
    unsigned id = 0;
    t->handle = (HANDLE)_beginthreadex(NULL, 0, prjsim_msvc_thread_main, s, 0, &id);
    t->id = id;
    if (!t->handle) {
        HeapFree(GetProcessHeap(), 0, s);
        return 11; /* EAGAIN */
    }
    if (a && *a == PTHREAD_CREATE_DETACHED) {
        CloseHandle(t->handle); /* the thread runs on; nobody joins it */
        t->handle = NULL;
    }
    return 0;
}

static __inline int pthread_join(pthread_t t, void **result)
{
    WaitForSingleObject(t.handle, INFINITE);
    CloseHandle(t.handle);
    if (result)
        *result = NULL;
    return 0;
}

/*
 * Condition variables (the client agent's): CONDITION_VARIABLE with the mutex's SRW lock held
 * exclusively. SleepConditionVariableSRW releases the lock while it sleeps and takes it again
 * before it returns; it may wake spuriously, as pthread_cond_wait may (learn.microsoft.com,
 * "SleepConditionVariableSRW function"; "Using Condition Variables"). Like SRW locks, a
 * condition variable needs no destruction.
 */
typedef CONDITION_VARIABLE pthread_cond_t;
typedef int pthread_condattr_t;
static __inline int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
    (void)a;
    InitializeConditionVariable(c);
    return 0;
}
static __inline int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
static __inline int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    return SleepConditionVariableSRW(c, m, INFINITE, 0) ? 0 : 22; /* EINVAL */
}
/*
 * A wait until an absolute CLOCK_REALTIME time (the scenario interpreter's, which wakes every
 * 20 ms to look for a blocked operation): SleepConditionVariableSRW with the milliseconds left;
 * it fails with ERROR_TIMEOUT when the time passed (learn.microsoft.com, "SleepConditionVariableSRW
 * function"). clock_gettime(CLOCK_REALTIME), which mingw-w64's winpthreads also gives with
 * <pthread.h>, is GetSystemTimeAsFileTime: 100 ns ticks since 1601, 11644473600 s before 1970
 * (learn.microsoft.com, "GetSystemTimeAsFileTime function", "FILETIME structure").
 */
#include <errno.h>
#include <time.h>
#ifndef CLOCK_REALTIME
#define CLOCK_REALTIME 0
static __inline int clock_gettime(int clock, struct timespec *ts)
{
    FILETIME ft;
    (void)clock;
    GetSystemTimeAsFileTime(&ft);
    unsigned long long t = ((unsigned long long)ft.dwHighDateTime << 32 | ft.dwLowDateTime) - 116444736000000000ULL;
    ts->tv_sec = (time_t)(t / 10000000);
    ts->tv_nsec = (long)(t % 10000000) * 100;
    return 0;
}
/* nanosleep (the interpreter's 1 ms waits for a pend to settle): the UCRT has none; Sleep with
 * the milliseconds rounded up, so it never returns early. */
static __inline int nanosleep(const struct timespec *req, struct timespec *rem)
{
    (void)rem;
    unsigned long long ms = (unsigned long long)req->tv_sec * 1000u + ((unsigned long)req->tv_nsec + 999999u) / 1000000u;
    Sleep(ms >= INFINITE ? INFINITE - 1 : (DWORD)ms);
    return 0;
}
#endif
static __inline int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *at)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long ns = ((long long)at->tv_sec - (long long)now.tv_sec) * 1000000000LL + (at->tv_nsec - now.tv_nsec);
    long long ms = ns <= 0 ? 0 : (ns + 999999) / 1000000; /* rounded up: ETIMEDOUT never before *at */
    if (SleepConditionVariableSRW(c, m, ms >= (long long)INFINITE ? INFINITE - 1 : (DWORD)ms, 0))
        return 0;
    return GetLastError() == ERROR_TIMEOUT ? ETIMEDOUT : EINVAL;
}
static __inline int pthread_cond_broadcast(pthread_cond_t *c) { WakeAllConditionVariable(c); return 0; }
static __inline int pthread_cond_signal(pthread_cond_t *c) { WakeConditionVariable(c); return 0; }

#endif
