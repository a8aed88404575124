/* SPDX-License-Identifier: MIT */
/*
 * The few POSIX locks the reference provider (fixtures/memtree) uses, on Windows slim
 * reader/writer locks, for MSVC, which has no pthreads. mingw-w64 has its own pthread.h
 * (winpthreads); CMake puts this folder on memtree's include path only for MSVC.
 *
 * SRWLOCK (synchapi.h, Vista+): AcquireSRWLockShared/Exclusive and the matching Release calls; a
 * lock must be released in the mode it was acquired, so the rwlock notes whether its holder is
 * the writer (only ever changed by the writer, under the exclusive lock). SRW locks are not
 * recursive, which memtree never needs (no path takes the read lock twice).
 */
#ifndef PRJSIM_MSVC_PTHREAD_H
#define PRJSIM_MSVC_PTHREAD_H

#include <windows.h>

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

/* Threads (prjconf's placeholder.concurrent-opens): CreateThread; the routine's result is
 * dropped (pthread_join gives NULL), which is all prjconf uses. */
typedef HANDLE pthread_t;
typedef int pthread_attr_t;
typedef struct prjsim_msvc_thread_start {
    void *(*fn)(void *);
    void *arg;
} prjsim_msvc_thread_start;

static __inline DWORD WINAPI prjsim_msvc_thread_main(LPVOID p)
{
    prjsim_msvc_thread_start s = *(prjsim_msvc_thread_start *)p;
    HeapFree(GetProcessHeap(), 0, p);
    s.fn(s.arg);
    return 0;
}

static __inline int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
    (void)a;
    prjsim_msvc_thread_start *s = (prjsim_msvc_thread_start *)HeapAlloc(GetProcessHeap(), 0, sizeof *s);
    if (!s)
        return 12; /* ENOMEM */
    s->fn = fn;
    s->arg = arg;
    *t = CreateThread(NULL, 0, prjsim_msvc_thread_main, s, 0, NULL);
    if (!*t) {
        HeapFree(GetProcessHeap(), 0, s);
        return 11; /* EAGAIN */
    }
    return 0;
}

static __inline int pthread_join(pthread_t t, void **result)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    if (result)
        *result = NULL;
    return 0;
}

#endif
