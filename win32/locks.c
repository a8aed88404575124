/* SPDX-License-Identifier: MIT */
/*
 * The user-mode locks: critical sections, slim reader/writer locks, condition variables and
 * one-time initialisation.
 *
 * A critical section keeps a recursive pthread mutex behind its LockSemaphore field. SRW
 * locks, condition variables and INIT_ONCE are one pointer-sized word that must work
 * zero-initialised and need no clean-up, so their state lives in that word (changed with
 * atomic operations) and threads that must block park on a small table of mutex/condition
 * pairs chosen by the word's address. The rule that keeps wake-ups from being lost: a waiter
 * checks the word with its bucket's mutex held and sleeps on the bucket's condition; a waker
 * changes the word first and then takes the bucket's mutex to broadcast.
 */
#include <windows.h>

#include "sync.h"
#include "timing.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- Parking ---- */

#define BUCKETS 64

static struct bucket {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
} buckets[BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void buckets_init(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    for (int i = 0; i < BUCKETS; i++) {
        pthread_mutex_init(&buckets[i].mutex, NULL);
        pthread_cond_init(&buckets[i].cond, &attr);
    }
    pthread_condattr_destroy(&attr);
}

static struct bucket *bucket_of(const void *address)
{
    pthread_once(&buckets_once, buckets_init);
    uintptr_t a = (uintptr_t)address;
    return &buckets[((a >> 3) ^ (a >> 9)) % BUCKETS];
}

static void wake(const void *address)
{
    struct bucket *b = bucket_of(address);
    pthread_mutex_lock(&b->mutex);
    pthread_cond_broadcast(&b->cond);
    pthread_mutex_unlock(&b->mutex);
}

/* The word of a lock, read and changed atomically as an integer. */
static uintptr_t load(PVOID *word)
{
    return (uintptr_t)__atomic_load_n(word, __ATOMIC_ACQUIRE);
}

static bool cas(PVOID *word, uintptr_t *expected, uintptr_t desired)
{
    PVOID e = (PVOID)*expected;
    bool ok = __atomic_compare_exchange_n(word, &e, (PVOID)desired, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_ACQUIRE);
    *expected = (uintptr_t)e;
    return ok;
}

/* ---- Critical sections ---- */

static void cs_init(LPCRITICAL_SECTION cs, DWORD spin)
{
    pthread_mutex_t *m = malloc(sizeof *m);
    if (!m) {
        fputs("prjsim: InitializeCriticalSection: out of memory\n", stderr);
        abort();
    }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
    cs->DebugInfo = NULL;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    cs->LockSemaphore = m;
    cs->SpinCount = spin;
}

static pthread_mutex_t *cs_mutex(LPCRITICAL_SECTION cs, const char *function)
{
    if (!cs || !cs->LockSemaphore) {
        fprintf(stderr, "prjsim: %s on a critical section that is not initialised\n", function);
        abort();
    }
    return cs->LockSemaphore;
}

void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    cs_init(lpCriticalSection, 0);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
                                                  DWORD dwSpinCount)
{
    cs_init(lpCriticalSection, dwSpinCount);
    return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount,
                                        DWORD Flags)
{
    (void)Flags;
    cs_init(lpCriticalSection, dwSpinCount);
    return TRUE;
}

DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount)
{
    DWORD previous = (DWORD)lpCriticalSection->SpinCount;
    lpCriticalSection->SpinCount = dwSpinCount;
    return previous;
}

/* The owner's bookkeeping, written only while the mutex is held. */
static void cs_entered(LPCRITICAL_SECTION cs)
{
    if (cs->RecursionCount++ == 0)
        cs->OwningThread = (HANDLE)(ULONG_PTR)prjsim__thread_id();
}

void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutex_lock(cs_mutex(lpCriticalSection, "EnterCriticalSection"));
    cs_entered(lpCriticalSection);
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    if (pthread_mutex_trylock(cs_mutex(lpCriticalSection, "TryEnterCriticalSection")))
        return FALSE;
    cs_entered(lpCriticalSection);
    return TRUE;
}

void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutex_t *m = cs_mutex(lpCriticalSection, "LeaveCriticalSection");
    if (lpCriticalSection->RecursionCount <= 0 ||
        lpCriticalSection->OwningThread != (HANDLE)(ULONG_PTR)prjsim__thread_id())
        return; /* not the owner: Windows corrupts the section; we leave it alone */
    if (--lpCriticalSection->RecursionCount == 0)
        lpCriticalSection->OwningThread = NULL;
    pthread_mutex_unlock(m);
}

void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    if (!lpCriticalSection || !lpCriticalSection->LockSemaphore)
        return;
    pthread_mutex_t *m = lpCriticalSection->LockSemaphore;
    pthread_mutex_destroy(m);
    free(m);
    lpCriticalSection->LockSemaphore = NULL;
    lpCriticalSection->RecursionCount = 0;
    lpCriticalSection->OwningThread = NULL;
}

/* ---- Slim reader/writer locks ---- */

/* The word: bit 0 a writer holds it, bit 1 someone is parked, the rest the reader count. */
#define SRW_WRITER ((uintptr_t)1)
#define SRW_PARKED ((uintptr_t)2)
#define SRW_READER ((uintptr_t)4)
#define SRW_READERS (~(uintptr_t)3)

/* Parks until none of @p busy is set in the word (or something changed). */
static void srw_park(PSRWLOCK lock, uintptr_t busy)
{
    struct bucket *b = bucket_of(lock);
    pthread_mutex_lock(&b->mutex);
    uintptr_t s = load(&lock->Ptr);
    while (s & busy) {
        if (s & SRW_PARKED || cas(&lock->Ptr, &s, s | SRW_PARKED)) {
            pthread_cond_wait(&b->cond, &b->mutex);
            break;
        }
    }
    pthread_mutex_unlock(&b->mutex);
}

void WINAPI InitializeSRWLock(PSRWLOCK SRWLock)
{
    __atomic_store_n(&SRWLock->Ptr, NULL, __ATOMIC_RELEASE);
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    uintptr_t s = load(&SRWLock->Ptr);
    while (!(s & (SRW_WRITER | SRW_READERS)))
        if (cas(&SRWLock->Ptr, &s, s | SRW_WRITER))
            return TRUE;
    return FALSE;
}

BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock)
{
    uintptr_t s = load(&SRWLock->Ptr);
    while (!(s & SRW_WRITER))
        if (cas(&SRWLock->Ptr, &s, s + SRW_READER))
            return TRUE;
    return FALSE;
}

void WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    while (!TryAcquireSRWLockExclusive(SRWLock))
        srw_park(SRWLock, SRW_WRITER | SRW_READERS);
}

void WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock)
{
    while (!TryAcquireSRWLockShared(SRWLock))
        srw_park(SRWLock, SRW_WRITER);
}

void WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock)
{
    uintptr_t s = load(&SRWLock->Ptr);
    while (!cas(&SRWLock->Ptr, &s, s & ~(SRW_WRITER | SRW_PARKED)))
        ;
    if (s & SRW_PARKED)
        wake(SRWLock);
}

void WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock)
{
    uintptr_t s = load(&SRWLock->Ptr), next;
    do {
        next = s - SRW_READER;
        if (!(next & SRW_READERS))
            next &= ~SRW_PARKED; /* the last reader wakes the parked writers */
    } while (!cas(&SRWLock->Ptr, &s, next));
    if ((s & SRW_PARKED) && !(next & SRW_PARKED))
        wake(SRWLock);
}

/* ---- Condition variables ---- */

/* The word counts wake-ups; a sleeper waits for it to change. */

void WINAPI InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    __atomic_store_n(&ConditionVariable->Ptr, NULL, __ATOMIC_RELEASE);
}

static void cv_wake(PCONDITION_VARIABLE cv)
{
    struct bucket *b = bucket_of(cv);
    pthread_mutex_lock(&b->mutex);
    uintptr_t s = load(&cv->Ptr);
    while (!cas(&cv->Ptr, &s, s + 1))
        ;
    pthread_cond_broadcast(&b->cond);
    pthread_mutex_unlock(&b->mutex);
}

/* Wakes every sleeper: Windows allows spurious wake-ups, so one wake may wake them all. */
void WINAPI WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    cv_wake(ConditionVariable);
}

void WINAPI WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    cv_wake(ConditionVariable);
}

/*
 * Sleeps until the word moves past @p seen (read while the caller still held its lock) or the
 * deadline. True if woken.
 */
static bool cv_sleep(PCONDITION_VARIABLE cv, uintptr_t seen, DWORD ms)
{
    struct timespec deadline;
    bool limited = prjsim__win_deadline(ms, &deadline);
    struct bucket *b = bucket_of(cv);
    bool woken = true;
    pthread_mutex_lock(&b->mutex);
    while (load(&cv->Ptr) == seen) {
        if (ms == 0 || (limited && pthread_cond_timedwait(&b->cond, &b->mutex, &deadline))) {
            woken = load(&cv->Ptr) != seen;
            break;
        }
        if (!limited)
            pthread_cond_wait(&b->cond, &b->mutex);
    }
    pthread_mutex_unlock(&b->mutex);
    if (!woken)
        SetLastError(ERROR_TIMEOUT);
    return woken;
}

BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
                                     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds)
{
    uintptr_t seen = load(&ConditionVariable->Ptr);
    LONG depth = CriticalSection->RecursionCount;
    for (LONG i = 0; i < depth; i++)
        LeaveCriticalSection(CriticalSection);
    bool woken = cv_sleep(ConditionVariable, seen, dwMilliseconds);
    for (LONG i = 0; i < depth; i++)
        EnterCriticalSection(CriticalSection);
    if (!woken)
        SetLastError(ERROR_TIMEOUT);
    return woken;
}

BOOL WINAPI SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
                                      DWORD dwMilliseconds, ULONG Flags)
{
    bool shared = Flags & CONDITION_VARIABLE_LOCKMODE_SHARED;
    uintptr_t seen = load(&ConditionVariable->Ptr);
    if (shared)
        ReleaseSRWLockShared(SRWLock);
    else
        ReleaseSRWLockExclusive(SRWLock);
    bool woken = cv_sleep(ConditionVariable, seen, dwMilliseconds);
    if (shared)
        AcquireSRWLockShared(SRWLock);
    else
        AcquireSRWLockExclusive(SRWLock);
    if (!woken)
        SetLastError(ERROR_TIMEOUT);
    return woken;
}

/* ---- One-time initialisation ---- */

/* The word: 0 not done, 1 running, context | 2 done. */
#define ONCE_RUNNING ((uintptr_t)1)
#define ONCE_DONE ((uintptr_t)2)

void WINAPI InitOnceInitialize(PINIT_ONCE InitOnce)
{
    __atomic_store_n(&InitOnce->Ptr, NULL, __ATOMIC_RELEASE);
}

BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
                                LPVOID *Context)
{
    for (;;) {
        uintptr_t s = load(&InitOnce->Ptr);
        if (s & ONCE_DONE) {
            if (Context)
                *Context = (LPVOID)(s & ~(uintptr_t)3);
            return TRUE;
        }
        if (s == 0 && cas(&InitOnce->Ptr, &s, ONCE_RUNNING)) {
            PVOID context = NULL;
            BOOL ok = InitFn(InitOnce, Parameter, &context);
            uintptr_t done = ok ? (((uintptr_t)context & ~(uintptr_t)3) | ONCE_DONE) : 0;
            __atomic_store_n(&InitOnce->Ptr, (PVOID)done, __ATOMIC_RELEASE);
            wake(InitOnce);
            if (!ok)
                return FALSE;
            if (Context)
                *Context = (LPVOID)(done & ~(uintptr_t)3);
            return TRUE;
        }
        struct bucket *b = bucket_of(InitOnce);
        pthread_mutex_lock(&b->mutex);
        while (load(&InitOnce->Ptr) == ONCE_RUNNING)
            pthread_cond_wait(&b->cond, &b->mutex);
        pthread_mutex_unlock(&b->mutex);
    }
}
