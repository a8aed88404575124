/* SPDX-License-Identifier: MIT */
/*
 * Waitable kernel objects (events, mutexes, semaphores, threads) and the one lock and condition
 * variable every wait uses. Internal to libprjsim: sync.c owns the objects and the waits,
 * threads.c creates and ends threads.
 *
 * The state of every waitable object is guarded by one process-wide mutex, and every change
 * that may satisfy a wait broadcasts one process-wide condition variable. That makes
 * WaitForMultipleObjects with bWaitAll exact (all objects are checked and taken under the same
 * lock) at the price of waking every waiter on every change, which is cheap at the scale of a
 * provider program.
 */
#ifndef PRJSIM_WIN32_SYNC_H
#define PRJSIM_WIN32_SYNC_H

#include "handles.h"

#include <stdbool.h>

/* The state behind one or more handles; reference-counted, freed with the last reference. */
typedef struct prjsim__waitable {
    prjsim__win_type type;
    unsigned refs;  /* handles, waits in progress, the running thread */
    WCHAR *name;    /* named objects; NULL otherwise */
    struct prjsim__waitable *next_named;
    /* events */
    bool manual_reset, signaled;
    /* mutexes: owner is a thread id, 0 when free */
    DWORD owner;
    ULONG recursion;
    bool abandoned;
    struct prjsim__waitable *prev_mutex, *next_mutex;
    /* semaphores */
    LONG count, maximum;
    /* events: PulseEvent releases the waiters that started before it (see sync.c) */
    unsigned pulse_generation;
    bool pulse_taken;
    /* threads */
    LPTHREAD_START_ROUTINE start;
    LPVOID parameter;
    DWORD thread_id;
    bool started, done;
    DWORD exit_code;
    LONG suspend_count;
    int priority;
    UINT64 client_thread; /* prjsim_client_thread() of the running thread (CancelSynchronousIo) */
} prjsim__waitable;

/* A handle to a waitable object: the registered header and the shared state. */
typedef struct prjsim__waitable_handle {
    prjsim__win_object hdr;
    prjsim__waitable *w;
} prjsim__waitable_handle;

/* The lock over every waitable's state, and the condition every waiter sleeps on. */
void prjsim__wait_lock(void);
void prjsim__wait_unlock(void);
/* Wakes every waiter; call with the lock held after a change. */
void prjsim__wait_broadcast(void);
/* Sleeps until a broadcast or @p deadline (NULL: none); lock held. False on timeout. */
bool prjsim__wait_sleep(const struct timespec *deadline);

/* A new, unnamed object of @p type with one reference; NULL when memory runs out. */
prjsim__waitable *prjsim__waitable_new(prjsim__win_type type);
/* Drops a reference; lock held. Frees the object (and unlists it) with the last one. */
void prjsim__waitable_release(prjsim__waitable *w);
/* A new handle to @p w, taking one reference; NULL (reference dropped) on failure. */
HANDLE prjsim__waitable_handle_new(prjsim__waitable *w);
/*
 * The object behind @p h if it is a waitable of @p type (0: any waitable), with a new reference;
 * lock held. NULL with ERROR_INVALID_HANDLE otherwise.
 */
prjsim__waitable *prjsim__waitable_get(HANDLE h, prjsim__win_type type);

/*
 * Marks the mutexes owned by thread @p tid abandoned and wakes their waiters. Called as a
 * thread ends; lock held.
 */
void prjsim__abandon_mutexes(DWORD tid);

/* The Linux thread id of the calling thread. */
DWORD prjsim__thread_id(void);

#endif /* PRJSIM_WIN32_SYNC_H */
