/* SPDX-License-Identifier: MIT */
/*
 * Threads: CreateThread on POSIX threads, their exit codes and handles, ExitThread,
 * ExitProcess, and the CRT's _beginthreadex.
 *
 * A thread's waitable state (sync.h) is shared by its handles and by the running thread, which
 * holds a reference until it ends. A new thread inherits its creator's identity for client
 * operations (prjsim/client.h), as threads of one process share it. As it ends (by returning or by ExitThread/pthread_exit) the
 * thread abandons the mutexes it still owns and then becomes signalled, in that order, so a
 * waiter that sees it ended also sees the mutexes abandoned.
 */
#include "sync.h"

#include <prjsim/client.h>
#include <prjsim/host.h>
#include <process.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>

/* The calling thread's state when CreateThread made it. */
static _Thread_local prjsim__waitable *current;

static void finish(void *arg)
{
    prjsim__waitable *w = arg;
    prjsim__wait_lock();
    prjsim__abandon_mutexes(w->thread_id);
    w->done = true;
    prjsim__wait_broadcast();
    prjsim__waitable_release(w);
    prjsim__wait_unlock();
    current = NULL;
}

/*
 * What a new thread needs besides its waitable state: the identity its client operations
 * report, inherited from the creating thread as every thread of a process shares it (the
 * host marks a program's entry thread as the provider's own I/O, and so are the threads the
 * program starts).
 */
typedef struct start {
    prjsim__waitable *w;
    prjsim_caller caller;
    WCHAR *image; /* a copy of caller.image_file_name, or NULL */
} start;

static void *trampoline(void *arg)
{
    start *st = arg;
    prjsim__waitable *w = st->w;
    st->caller.image_file_name = st->image;
    prjsim_client_set_caller(&st->caller); /* copies the image name */
    free(st->image);
    free(st);

    prjsim__wait_lock();
    w->thread_id = prjsim__thread_id();
    w->client_thread = prjsim_client_thread();
    w->started = true;
    prjsim__wait_broadcast();
    while (w->suspend_count > 0)
        prjsim__wait_sleep(NULL);
    LPTHREAD_START_ROUTINE routine = w->start;
    LPVOID parameter = w->parameter;
    prjsim__wait_unlock();

    current = w;
    pthread_cleanup_push(finish, w);
    DWORD code = routine(parameter);
    prjsim__wait_lock();
    w->exit_code = code;
    prjsim__wait_unlock();
    pthread_cleanup_pop(1);
    return NULL;
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                           LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                           DWORD dwCreationFlags, LPDWORD lpThreadId)
{
    (void)lpThreadAttributes;
    DWORD caller_error = GetLastError();
    if (!lpStartAddress) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    prjsim__waitable *w = prjsim__waitable_new(PRJSIM_WIN_THREAD);
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    w->start = lpStartAddress;
    w->parameter = lpParameter;
    w->exit_code = STILL_ACTIVE;
    w->suspend_count = (dwCreationFlags & CREATE_SUSPENDED) ? 1 : 0;
    w->refs = 2; /* the handle's and the thread's */

    HANDLE h = prjsim__waitable_handle_new(w); /* drops one reference on failure */
    if (!h) {
        free(w);
        return NULL;
    }

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (dwStackSize) {
        size_t min = (size_t)PTHREAD_STACK_MIN;
        size_t size = dwStackSize < min ? min : dwStackSize;
        long page = sysconf(_SC_PAGESIZE);
        if (page > 0)
            size = (size + (size_t)page - 1) / (size_t)page * (size_t)page;
        pthread_attr_setstacksize(&attr, size);
    }
    start *st = calloc(1, sizeof *st);
    int rc = ENOMEM;
    if (st) {
        st->w = w;
        st->caller = prjsim_client_get_caller();
        if (st->caller.image_file_name)
            st->image = wcsdup(st->caller.image_file_name);
        pthread_t thread;
        rc = pthread_create(&thread, &attr, trampoline, st);
        if (rc) {
            free(st->image);
            free(st);
        }
    }
    pthread_attr_destroy(&attr);
    if (rc) {
        prjsim__wait_lock();
        prjsim__waitable_release(w); /* the thread's reference */
        prjsim__wait_unlock();
        CloseHandle(h);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }

    /* Windows gives the id at once; ours is known when the thread has started. */
    prjsim__wait_lock();
    while (!w->started)
        prjsim__wait_sleep(NULL);
    if (lpThreadId)
        *lpThreadId = w->thread_id;
    prjsim__wait_unlock();
    SetLastError(caller_error); /* success leaves the caller's last error alone */
    return h;
}

void WINAPI ExitThread(DWORD dwExitCode)
{
    if (current) {
        prjsim__wait_lock();
        current->exit_code = dwExitCode;
        prjsim__wait_unlock();
    }
    pthread_exit(NULL);
}

void WINAPI ExitProcess(UINT uExitCode)
{
    /* On a hosted program's entry thread only the program ends; otherwise the process. */
    prjsim_host_exit_program((int)uExitCode);
    exit((int)uExitCode);
}

/* The thread behind a real handle or GetCurrentThread(); lock held, no reference kept. */
static prjsim__waitable *thread_of(HANDLE h, bool *is_self)
{
    *is_self = h == GetCurrentThread();
    if (*is_self)
        return current;
    prjsim__waitable *w = prjsim__waitable_get(h, PRJSIM_WIN_THREAD);
    if (w)
        w->refs--; /* the handle keeps it alive while the lock is held */
    return w;
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(hThread, &self);
    if (!w && !self) {
        prjsim__wait_unlock();
        return FALSE;
    }
    DWORD code = !w || !w->done ? STILL_ACTIVE : w->exit_code;
    prjsim__wait_unlock();
    if (!lpExitCode) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *lpExitCode = code;
    return TRUE;
}

DWORD WINAPI ResumeThread(HANDLE hThread)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(hThread, &self);
    if (!w) {
        prjsim__wait_unlock();
        return self ? 0 : (DWORD)-1;
    }
    DWORD previous = (DWORD)w->suspend_count;
    if (w->suspend_count > 0 && --w->suspend_count == 0)
        prjsim__wait_broadcast();
    prjsim__wait_unlock();
    return previous;
}

DWORD WINAPI GetThreadId(HANDLE Thread)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(Thread, &self);
    DWORD id = self ? prjsim__thread_id() : w ? w->thread_id : 0;
    prjsim__wait_unlock();
    return id;
}

BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                            LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
{
    (void)dwDesiredAccess, (void)bInheritHandle; /* one process, no access checks */
    if (!lpTargetHandle) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *lpTargetHandle = NULL;
    if (hSourceProcessHandle != GetCurrentProcess() || hTargetProcessHandle != GetCurrentProcess() ||
        hSourceHandle != GetCurrentThread() || (dwOptions & DUPLICATE_CLOSE_SOURCE)) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    prjsim__wait_lock();
    prjsim__waitable *w = current;
    if (w) {
        w->refs++; /* the new handle's */
    } else {
        /* a thread CreateThread did not make (the process's first thread, a pthread) */
        w = prjsim__waitable_new(PRJSIM_WIN_THREAD);
        if (w) {
            w->thread_id = prjsim__thread_id();
            w->client_thread = prjsim_client_thread();
            w->started = true;
            w->exit_code = STILL_ACTIVE;
        }
    }
    prjsim__wait_unlock();
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    HANDLE h = prjsim__waitable_handle_new(w); /* drops the reference on failure */
    if (!h)
        return FALSE;
    *lpTargetHandle = h;
    return TRUE;
}

BOOL WINAPI CancelSynchronousIo(HANDLE hThread)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(hThread, &self);
    UINT64 thread = w ? w->client_thread : 0;
    bool ended = w && w->done;
    prjsim__wait_unlock();
    if (!w && !self)
        return FALSE; /* ERROR_INVALID_HANDLE */
    /* the calling thread is in no synchronous I/O while it calls this */
    prjsim_sim *sim = prjsim_sim_current();
    NTSTATUS st = self || ended || !thread || !sim ? STATUS_NOT_FOUND : prjsim_client_cancel_thread(sim, thread);
    if (st == STATUS_NOT_FOUND) {
        SetLastError(ERROR_NOT_FOUND);
        return FALSE;
    }
    return TRUE; /* cancelled, or marked while the provider cannot be told (no CancelCommandCallback) */
}

HANDLE WINAPI GetCurrentThread(void)
{
    return (HANDLE)(LONG_PTR)-2;
}

HANDLE WINAPI GetCurrentProcess(void)
{
    return (HANDLE)(LONG_PTR)-1;
}

BOOL WINAPI SwitchToThread(void)
{
    sched_yield();
    return TRUE;
}

static _Thread_local int own_priority;

BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(hThread, &self);
    if (w)
        w->priority = nPriority;
    if (self)
        own_priority = nPriority;
    prjsim__wait_unlock();
    return w || self;
}

int WINAPI GetThreadPriority(HANDLE hThread)
{
    prjsim__wait_lock();
    bool self;
    prjsim__waitable *w = thread_of(hThread, &self);
    int priority = self ? own_priority : w ? w->priority : THREAD_PRIORITY_ERROR_RETURN;
    prjsim__wait_unlock();
    return priority;
}

/* ---- The CRT's names ---- */

uintptr_t __cdecl _beginthreadex(void *security, unsigned stack_size,
                                 _beginthreadex_proc_type start_address, void *arglist,
                                 unsigned initflag, unsigned *thrdaddr)
{
    if (!start_address) {
        errno = EINVAL;
        return 0;
    }
    /* unsigned (*)(void *) and DWORD (*)(LPVOID) are the same type here (DWORD is unsigned). */
    DWORD id = 0;
    HANDLE h = CreateThread(security, stack_size, start_address, arglist, initflag, &id);
    if (!h) {
        errno = EAGAIN;
        return 0;
    }
    if (thrdaddr)
        *thrdaddr = id;
    return (uintptr_t)h;
}

void __cdecl _endthreadex(unsigned retval)
{
    ExitThread(retval);
}

int __cdecl _getpid(void)
{
    return (int)getpid();
}
