/* SPDX-License-Identifier: MIT */
/*
 * The waitable kernel objects (events, mutexes, semaphores; threads are created in threads.c),
 * named objects, and WaitForSingleObject/WaitForMultipleObjects.
 *
 * One mutex guards every object's state and one condition variable (on CLOCK_MONOTONIC) wakes
 * every waiter after each change; see sync.h for why.
 */
#include "sync.h"

#include "timing.h"
#include "utf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- The lock, the condition, thread ids ---- */

static pthread_mutex_t wait_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wait_cond;
static pthread_once_t wait_once = PTHREAD_ONCE_INIT;
static pthread_key_t owner_key; /* set in threads that have owned a mutex */

static prjsim__waitable *named;   /* the named objects, any kind */
static prjsim__waitable *mutexes; /* every live mutex, for abandonment */

static void owner_exit(void *value);

static void init_once(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wait_cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_key_create(&owner_key, owner_exit);
}

void prjsim__wait_lock(void)
{
    pthread_once(&wait_once, init_once);
    pthread_mutex_lock(&wait_mutex);
}

void prjsim__wait_unlock(void)
{
    pthread_mutex_unlock(&wait_mutex);
}

void prjsim__wait_broadcast(void)
{
    pthread_cond_broadcast(&wait_cond);
}

bool prjsim__wait_sleep(const struct timespec *deadline)
{
    if (!deadline) {
        pthread_cond_wait(&wait_cond, &wait_mutex);
        return true;
    }
    return pthread_cond_timedwait(&wait_cond, &wait_mutex, deadline) == 0;
}

DWORD prjsim__thread_id(void)
{
    static _Thread_local DWORD id;
    if (!id)
        id = (DWORD)gettid();
    return id;
}

DWORD WINAPI GetCurrentThreadId(void)
{
    return prjsim__thread_id();
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return (DWORD)getpid();
}

/* ---- Objects and their handles ---- */

static BOOL close_handle(prjsim__win_object *obj)
{
    prjsim__waitable_handle *h = (prjsim__waitable_handle *)obj;
    prjsim__wait_lock();
    prjsim__waitable_release(h->w);
    prjsim__wait_unlock();
    return TRUE;
}

static const prjsim__win_ops waitable_ops = {close_handle, NULL};

prjsim__waitable *prjsim__waitable_new(prjsim__win_type type)
{
    prjsim__waitable *w = calloc(1, sizeof *w);
    if (w) {
        w->type = type;
        w->refs = 1;
    }
    return w;
}

static void unlink_from(prjsim__waitable **list, prjsim__waitable *w, bool mutex_list)
{
    if (mutex_list) {
        if (w->prev_mutex)
            w->prev_mutex->next_mutex = w->next_mutex;
        else if (*list == w)
            *list = w->next_mutex;
        if (w->next_mutex)
            w->next_mutex->prev_mutex = w->prev_mutex;
        return;
    }
    for (prjsim__waitable **p = list; *p; p = &(*p)->next_named)
        if (*p == w) {
            *p = w->next_named;
            return;
        }
}

void prjsim__waitable_release(prjsim__waitable *w)
{
    if (--w->refs)
        return;
    if (w->name)
        unlink_from(&named, w, false);
    if (w->type == PRJSIM_WIN_MUTEX)
        unlink_from(&mutexes, w, true);
    free(w->name);
    free(w);
}

HANDLE prjsim__waitable_handle_new(prjsim__waitable *w)
{
    prjsim__waitable_handle *h = calloc(1, sizeof *h);
    HANDLE handle = INVALID_HANDLE_VALUE;
    if (h) {
        h->hdr.type = w->type;
        h->hdr.ops = &waitable_ops;
        h->w = w;
        handle = prjsim__win_register(&h->hdr);
    }
    if (handle == INVALID_HANDLE_VALUE) {
        free(h);
        prjsim__wait_lock();
        prjsim__waitable_release(w);
        prjsim__wait_unlock();
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return handle;
}

static bool is_waitable_type(prjsim__win_type t)
{
    return t == PRJSIM_WIN_THREAD || t == PRJSIM_WIN_EVENT || t == PRJSIM_WIN_MUTEX ||
           t == PRJSIM_WIN_SEMAPHORE;
}

prjsim__waitable *prjsim__waitable_get(HANDLE h, prjsim__win_type type)
{
    prjsim__win_object *obj = prjsim__win_lookup(h, 0);
    if (!obj)
        return NULL;
    if (!is_waitable_type(obj->type) || (type && obj->type != type)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    prjsim__waitable *w = ((prjsim__waitable_handle *)obj)->w;
    w->refs++;
    return w;
}

/* Looks up a waitable of @p type by handle without keeping a reference; lock held. */
static prjsim__waitable *peek(HANDLE h, prjsim__win_type type)
{
    prjsim__waitable *w = prjsim__waitable_get(h, type);
    if (w)
        w->refs--; /* the handle keeps it alive while the lock is held */
    return w;
}

/* ---- Mutex ownership and abandonment ---- */

static void note_owner(void)
{
    if (!pthread_getspecific(owner_key))
        pthread_setspecific(owner_key, (void *)1);
}

void prjsim__abandon_mutexes(DWORD tid)
{
    bool any = false;
    for (prjsim__waitable *m = mutexes; m; m = m->next_mutex)
        if (m->owner == tid) {
            m->owner = 0;
            m->recursion = 0;
            m->abandoned = true;
            any = true;
        }
    if (any)
        prjsim__wait_broadcast();
}

/* A thread that owned a mutex at some point ends (any thread, CreateThread's or not). */
static void owner_exit(void *value)
{
    (void)value;
    prjsim__wait_lock();
    prjsim__abandon_mutexes(prjsim__thread_id());
    prjsim__wait_unlock();
}

/* ---- Creating and opening ---- */

typedef struct create_args {
    prjsim__win_type type;
    bool manual_reset, initial_state; /* events */
    bool initial_owner;               /* mutexes */
    LONG initial_count, maximum;      /* semaphores */
} create_args;

static WCHAR *name_from_utf8(LPCSTR name)
{
    return name ? prjsim__wide_from_utf8(name, strlen(name), NULL) : NULL;
}

static prjsim__waitable *find_named(LPCWSTR name)
{
    for (prjsim__waitable *w = named; w; w = w->next_named)
        if (!wcscmp(w->name, name))
            return w;
    return NULL;
}

static HANDLE create(const create_args *a, LPCWSTR name)
{
    prjsim__wait_lock();
    if (name) {
        prjsim__waitable *existing = find_named(name);
        if (existing) {
            if (existing->type != a->type) {
                prjsim__wait_unlock();
                SetLastError(ERROR_INVALID_HANDLE);
                return NULL;
            }
            existing->refs++;
            prjsim__wait_unlock();
            HANDLE h = prjsim__waitable_handle_new(existing);
            if (h)
                SetLastError(ERROR_ALREADY_EXISTS);
            return h;
        }
    }
    prjsim__waitable *w = prjsim__waitable_new(a->type);
    WCHAR *copy = name ? wcsdup(name) : NULL;
    if (!w || (name && !copy)) {
        prjsim__wait_unlock();
        free(w);
        free(copy);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    switch (a->type) {
    case PRJSIM_WIN_EVENT:
        w->manual_reset = a->manual_reset;
        w->signaled = a->initial_state;
        break;
    case PRJSIM_WIN_MUTEX:
        if (a->initial_owner) {
            w->owner = prjsim__thread_id();
            w->recursion = 1;
            note_owner();
        }
        w->next_mutex = mutexes;
        if (mutexes)
            mutexes->prev_mutex = w;
        mutexes = w;
        break;
    case PRJSIM_WIN_SEMAPHORE:
        w->count = a->initial_count;
        w->maximum = a->maximum;
        break;
    default:
        break;
    }
    if (copy) {
        w->name = copy;
        w->next_named = named;
        named = w;
    }
    prjsim__wait_unlock();
    HANDLE h = prjsim__waitable_handle_new(w);
    if (h)
        SetLastError(ERROR_SUCCESS);
    return h;
}

static HANDLE create_a(const create_args *a, LPCSTR name)
{
    WCHAR *wide = name_from_utf8(name);
    if (name && !wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HANDLE h = create(a, wide);
    DWORD err = GetLastError();
    free(wide);
    SetLastError(err);
    return h;
}

static HANDLE open_named(prjsim__win_type type, LPCWSTR name)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    prjsim__wait_lock();
    prjsim__waitable *w = find_named(name);
    if (!w || w->type != type) {
        prjsim__wait_unlock();
        SetLastError(w ? ERROR_INVALID_HANDLE : ERROR_FILE_NOT_FOUND);
        return NULL;
    }
    w->refs++;
    prjsim__wait_unlock();
    return prjsim__waitable_handle_new(w);
}

static HANDLE open_named_a(prjsim__win_type type, LPCSTR name)
{
    WCHAR *wide = name_from_utf8(name);
    if (name && !wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HANDLE h = open_named(type, wide);
    DWORD err = GetLastError();
    free(wide);
    SetLastError(err);
    return h;
}

/* ---- Events ---- */

static create_args event_args(BOOL manual, BOOL initial)
{
    create_args a = {PRJSIM_WIN_EVENT, manual != FALSE, initial != FALSE, false, 0, 0};
    return a;
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCWSTR lpName)
{
    (void)lpEventAttributes;
    create_args a = event_args(bManualReset, bInitialState);
    return create(&a, lpName);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCSTR lpName)
{
    (void)lpEventAttributes;
    create_args a = event_args(bManualReset, bInitialState);
    return create_a(&a, lpName);
}

HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpEventAttributes;
    (void)dwDesiredAccess;
    create_args a = event_args((dwFlags & CREATE_EVENT_MANUAL_RESET) != 0,
                               (dwFlags & CREATE_EVENT_INITIAL_SET) != 0);
    return create(&a, lpName);
}

HANDLE WINAPI CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpEventAttributes;
    (void)dwDesiredAccess;
    create_args a = event_args((dwFlags & CREATE_EVENT_MANUAL_RESET) != 0,
                               (dwFlags & CREATE_EVENT_INITIAL_SET) != 0);
    return create_a(&a, lpName);
}

HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named(PRJSIM_WIN_EVENT, lpName);
}

HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named_a(PRJSIM_WIN_EVENT, lpName);
}

static void set_event(prjsim__waitable *w)
{
    w->signaled = true;
    prjsim__wait_broadcast();
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
    prjsim__wait_lock();
    prjsim__waitable *w = peek(hEvent, PRJSIM_WIN_EVENT);
    if (w)
        set_event(w);
    prjsim__wait_unlock();
    return w != NULL;
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
    prjsim__wait_lock();
    prjsim__waitable *w = peek(hEvent, PRJSIM_WIN_EVENT);
    if (w)
        w->signaled = false;
    prjsim__wait_unlock();
    return w != NULL;
}

/*
 * PulseEvent: a new pulse generation. A wait that began before it counts the event as
 * signalled (every such wait for a manual-reset event, the first to look for an auto-reset
 * one); waits that begin after it do not. The event itself ends up reset.
 */
BOOL WINAPI PulseEvent(HANDLE hEvent)
{
    prjsim__wait_lock();
    prjsim__waitable *w = peek(hEvent, PRJSIM_WIN_EVENT);
    if (w) {
        w->signaled = false;
        w->pulse_generation++;
        w->pulse_taken = false;
        prjsim__wait_broadcast();
    }
    prjsim__wait_unlock();
    return w != NULL;
}

/* ---- Mutexes ---- */

static create_args mutex_args(BOOL owner)
{
    create_args a = {PRJSIM_WIN_MUTEX, false, false, owner != FALSE, 0, 0};
    return a;
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCWSTR lpName)
{
    (void)lpMutexAttributes;
    create_args a = mutex_args(bInitialOwner);
    return create(&a, lpName);
}

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCSTR lpName)
{
    (void)lpMutexAttributes;
    create_args a = mutex_args(bInitialOwner);
    return create_a(&a, lpName);
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpMutexAttributes;
    (void)dwDesiredAccess;
    create_args a = mutex_args((dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0);
    return create(&a, lpName);
}

HANDLE WINAPI CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpMutexAttributes;
    (void)dwDesiredAccess;
    create_args a = mutex_args((dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0);
    return create_a(&a, lpName);
}

HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named(PRJSIM_WIN_MUTEX, lpName);
}

HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named_a(PRJSIM_WIN_MUTEX, lpName);
}

/* Releases one level of ownership; lock held. FALSE with ERROR_NOT_OWNER. */
static BOOL release_mutex(prjsim__waitable *w)
{
    if (w->owner != prjsim__thread_id() || w->recursion == 0) {
        SetLastError(ERROR_NOT_OWNER);
        return FALSE;
    }
    if (--w->recursion == 0) {
        w->owner = 0;
        prjsim__wait_broadcast();
    }
    return TRUE;
}

BOOL WINAPI ReleaseMutex(HANDLE hMutex)
{
    prjsim__wait_lock();
    prjsim__waitable *w = peek(hMutex, PRJSIM_WIN_MUTEX);
    BOOL ok = w ? release_mutex(w) : FALSE;
    prjsim__wait_unlock();
    return ok;
}

/* ---- Semaphores ---- */

static HANDLE create_semaphore(LONG initial, LONG maximum, LPCWSTR wname, LPCSTR name)
{
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    create_args a = {PRJSIM_WIN_SEMAPHORE, false, false, false, initial, maximum};
    return name ? create_a(&a, name) : create(&a, wname);
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCWSTR lpName)
{
    (void)lpSemaphoreAttributes;
    return create_semaphore(lInitialCount, lMaximumCount, lpName, NULL);
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCSTR lpName)
{
    (void)lpSemaphoreAttributes;
    return create_semaphore(lInitialCount, lMaximumCount, NULL, lpName);
}

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
                                 LONG lInitialCount, LONG lMaximumCount, LPCWSTR lpName,
                                 DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpSemaphoreAttributes;
    (void)dwFlags;
    (void)dwDesiredAccess;
    return create_semaphore(lInitialCount, lMaximumCount, lpName, NULL);
}

HANDLE WINAPI CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
                                 LONG lInitialCount, LONG lMaximumCount, LPCSTR lpName,
                                 DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)lpSemaphoreAttributes;
    (void)dwFlags;
    (void)dwDesiredAccess;
    return create_semaphore(lInitialCount, lMaximumCount, NULL, lpName);
}

HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named(PRJSIM_WIN_SEMAPHORE, lpName);
}

HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    return open_named_a(PRJSIM_WIN_SEMAPHORE, lpName);
}

/* Adds to the count; lock held. */
static BOOL release_semaphore(prjsim__waitable *w, LONG count, LPLONG previous)
{
    if (count <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count > w->maximum - w->count) {
        SetLastError(ERROR_TOO_MANY_POSTS);
        return FALSE;
    }
    if (previous)
        *previous = w->count;
    w->count += count;
    prjsim__wait_broadcast();
    return TRUE;
}

BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)
{
    prjsim__wait_lock();
    prjsim__waitable *w = peek(hSemaphore, PRJSIM_WIN_SEMAPHORE);
    BOOL ok = w ? release_semaphore(w, lReleaseCount, lpPreviousCount) : FALSE;
    prjsim__wait_unlock();
    return ok;
}

/* ---- Waits ---- */

/* Whether a wait that began at pulse generation @p generation may take @p w now. */
static bool is_signaled(const prjsim__waitable *w, DWORD tid, unsigned generation)
{
    switch (w->type) {
    case PRJSIM_WIN_EVENT:
        return w->signaled ||
               (w->pulse_generation != generation && (w->manual_reset || !w->pulse_taken));
    case PRJSIM_WIN_MUTEX:
        return w->owner == 0 || w->owner == tid;
    case PRJSIM_WIN_SEMAPHORE:
        return w->count > 0;
    case PRJSIM_WIN_THREAD:
        return w->done;
    default:
        return false;
    }
}

/* Takes a signalled object; true if it was an abandoned mutex. */
static bool take(prjsim__waitable *w, DWORD tid)
{
    switch (w->type) {
    case PRJSIM_WIN_EVENT:
        if (!w->manual_reset) {
            if (w->signaled)
                w->signaled = false;
            else
                w->pulse_taken = true;
        }
        return false;
    case PRJSIM_WIN_MUTEX: {
        bool abandoned = w->abandoned;
        w->abandoned = false;
        if (w->owner == tid) {
            w->recursion++;
        } else {
            w->owner = tid;
            w->recursion = 1;
            note_owner();
        }
        return abandoned;
    }
    case PRJSIM_WIN_SEMAPHORE:
        w->count--;
        return false;
    default:
        return false;
    }
}

/* The wait itself, on resolved objects; lock held. */
static DWORD wait_locked(DWORD n, prjsim__waitable **ws, bool all, DWORD ms)
{
    struct timespec deadline;
    bool limited = prjsim__win_deadline(ms, &deadline);
    DWORD tid = prjsim__thread_id();
    unsigned generations[MAXIMUM_WAIT_OBJECTS];
    for (DWORD i = 0; i < n; i++)
        generations[i] = ws[i]->pulse_generation;
    for (;;) {
        if (all) {
            DWORD i = 0;
            while (i < n && is_signaled(ws[i], tid, generations[i]))
                i++;
            if (i == n) {
                DWORD abandoned = MAXIMUM_WAIT_OBJECTS;
                for (i = 0; i < n; i++)
                    if (take(ws[i], tid) && abandoned == MAXIMUM_WAIT_OBJECTS)
                        abandoned = i;
                return abandoned == MAXIMUM_WAIT_OBJECTS ? WAIT_OBJECT_0 : WAIT_ABANDONED_0 + abandoned;
            }
        } else {
            for (DWORD i = 0; i < n; i++)
                if (is_signaled(ws[i], tid, generations[i]))
                    return (take(ws[i], tid) ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + i;
        }
        if (ms == 0 || (limited && prjsim__win_deadline_passed(&deadline)))
            return WAIT_TIMEOUT;
        prjsim__wait_sleep(limited ? &deadline : NULL);
    }
}

/* Resolves @p n handles with a reference each; lock held. False (nothing held) on failure. */
static bool resolve(DWORD n, const HANDLE *handles, prjsim__waitable **ws)
{
    for (DWORD i = 0; i < n; i++) {
        ws[i] = prjsim__waitable_get(handles[i], 0);
        if (!ws[i]) {
            while (i--)
                prjsim__waitable_release(ws[i]);
            return false;
        }
    }
    return true;
}

static void release_all(DWORD n, prjsim__waitable **ws)
{
    for (DWORD i = 0; i < n; i++)
        prjsim__waitable_release(ws[i]);
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                    DWORD dwMilliseconds)
{
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || !lpHandles) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    prjsim__waitable *ws[MAXIMUM_WAIT_OBJECTS];
    prjsim__wait_lock();
    if (!resolve(nCount, lpHandles, ws)) {
        prjsim__wait_unlock();
        return WAIT_FAILED;
    }
    if (bWaitAll)
        for (DWORD i = 0; i < nCount; i++)
            for (DWORD j = i + 1; j < nCount; j++)
                if (ws[i] == ws[j]) {
                    release_all(nCount, ws);
                    prjsim__wait_unlock();
                    SetLastError(ERROR_INVALID_PARAMETER);
                    return WAIT_FAILED;
                }
    DWORD result = wait_locked(nCount, ws, bWaitAll != FALSE, dwMilliseconds);
    release_all(nCount, ws);
    prjsim__wait_unlock();
    return result;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                      DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    return WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
    return WaitForMultipleObjects(1, &hHandle, FALSE, dwMilliseconds);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    return WaitForMultipleObjects(1, &hHandle, FALSE, dwMilliseconds);
}

DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
                                 DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    prjsim__wait_lock();
    prjsim__waitable *target = prjsim__waitable_get(hObjectToWaitOn, 0);
    prjsim__waitable *signal = target ? peek(hObjectToSignal, 0) : NULL;
    BOOL ok = FALSE;
    if (signal) {
        switch (signal->type) {
        case PRJSIM_WIN_EVENT:
            set_event(signal);
            ok = TRUE;
            break;
        case PRJSIM_WIN_MUTEX:
            ok = release_mutex(signal);
            break;
        case PRJSIM_WIN_SEMAPHORE:
            ok = release_semaphore(signal, 1, NULL);
            break;
        default:
            SetLastError(ERROR_INVALID_HANDLE);
            break;
        }
    }
    DWORD result = ok ? wait_locked(1, &target, false, dwMilliseconds) : WAIT_FAILED;
    if (target)
        prjsim__waitable_release(target);
    prjsim__wait_unlock();
    return result;
}
