/* SPDX-License-Identifier: MIT */
/*
 * msvc/pthread.h, the SRW-lock stand-in MSVC builds of memtree use, cross-built with mingw-w64
 * so that it is compiled and run here too: read locks are shared, the write lock excludes, and
 * unlock releases in the mode the lock was taken.
 */
#include "check.h"

#include "../msvc/pthread.h"

static pthread_rwlock_t lock;

static DWORD WINAPI try_read(LPVOID arg)
{
    (void)arg;
    /* TryAcquire: whether a reader could enter now, without waiting. */
    BOOLEAN got = TryAcquireSRWLockShared(&lock.srw);
    if (got)
        ReleaseSRWLockShared(&lock.srw);
    return got;
}

static DWORD reader_could_enter(void)
{
    HANDLE th = CreateThread(NULL, 0, try_read, NULL, 0, NULL);
    WaitForSingleObject(th, INFINITE);
    DWORD got = 0;
    GetExitCodeThread(th, &got);
    CloseHandle(th);
    return got;
}

static void *count_up(void *arg)
{
    InterlockedIncrement((volatile LONG *)arg);
    return arg;
}

/* A detached thread hands a value over through a condition variable (the client agent's way). */
static pthread_mutex_t hand_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hand_changed;
static int handed;

static void *hand_over(void *arg)
{
    pthread_mutex_lock(&hand_lock);
    handed = *(int *)arg;
    pthread_cond_broadcast(&hand_changed);
    pthread_mutex_unlock(&hand_lock);
    return NULL;
}

static DWORD WINAPI own_id(LPVOID arg)
{
    *(pthread_t *)arg = pthread_self();
    return 0;
}

static pthread_t other_thread(void)
{
    pthread_t id = {0, NULL};
    HANDLE th = CreateThread(NULL, 0, own_id, &id, 0, NULL);
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);
    return id;
}

int main(void)
{
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    CHECK(pthread_rwlock_init(&lock, &attr) == 0, "init");
    pthread_rwlockattr_destroy(&attr);

    pthread_rwlock_rdlock(&lock);
    CHECK(reader_could_enter(), "a second reader enters beside a reader");
    pthread_rwlock_unlock(&lock);

    pthread_rwlock_wrlock(&lock);
    CHECK(!reader_could_enter(), "no reader while the writer holds it");
    pthread_rwlock_unlock(&lock);
    CHECK(!lock.writer, "writer mark cleared");
    CHECK(reader_could_enter(), "free again after the writer");
    CHECK(TryAcquireSRWLockExclusive(&lock.srw), "and exclusively");
    ReleaseSRWLockExclusive(&lock.srw);
    pthread_rwlock_destroy(&lock);

    pthread_mutex_t m;
    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);
    CHECK(!TryAcquireSRWLockExclusive(&m), "mutex held");
    pthread_mutex_unlock(&m);
    CHECK(TryAcquireSRWLockExclusive(&m), "mutex free");
    ReleaseSRWLockExclusive(&m);
    pthread_mutex_destroy(&m);

    /* threads: each started routine runs once with its argument; join waits for it */
    volatile LONG runs = 0;
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, count_up, (void *)&runs) == 0, "create %d", i);
    for (int i = 0; i < 4; i++) {
        void *result = &m;
        CHECK(pthread_join(t[i], &result) == 0 && result == NULL, "join %d", i);
    }
    CHECK(runs == 4, "%ld runs", (long)runs);

    /* A detached thread: no handle is kept; the condition variable wakes the waiter. */
    pthread_cond_init(&hand_changed, NULL);
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    int value = 42;
    pthread_t d;
    pthread_mutex_lock(&hand_lock);
    CHECK(pthread_create(&d, &detached, hand_over, &value) == 0, "create detached");
    CHECK(d.handle == NULL, "a detached thread's handle is closed");
    while (handed != 42)
        CHECK(pthread_cond_wait(&hand_changed, &hand_lock) == 0, "wait");
    pthread_mutex_unlock(&hand_lock);
    pthread_attr_destroy(&detached);
    /* A deadline already passed: the timed wait returns ETIMEDOUT with the lock held again. */
    struct timespec now, past;
    CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0 && now.tv_sec > 1500000000, "realtime %lld",
          (long long)now.tv_sec);
    past = now;
    past.tv_sec -= 1;
    pthread_mutex_lock(&hand_lock);
    CHECK(pthread_cond_timedwait(&hand_changed, &hand_lock, &past) == ETIMEDOUT, "timed wait past its deadline");
    CHECK(!TryAcquireSRWLockExclusive(&hand_lock), "the lock is held again after the timed wait");
    pthread_mutex_unlock(&hand_lock);
    pthread_cond_destroy(&hand_changed);
    CHECK(handed == 42, "handed %d", handed);

    /* The recording layer's static mutex and thread numbering. */
    static pthread_mutex_t fixed = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&fixed);
    CHECK(!TryAcquireSRWLockExclusive(&fixed), "static mutex held");
    pthread_mutex_unlock(&fixed);
    CHECK(pthread_equal(pthread_self(), pthread_self()), "same thread");
    CHECK(!pthread_equal(pthread_self(), other_thread()), "another thread differs");
    return CHECK_RESULT();
}
