/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/processthreadsapi.h: threads and the process's identity.
 *
 * A thread from CreateThread is a host (POSIX) thread. Its handle is waitable (signalled once
 * the thread has ended) and stays valid after the thread ends until CloseHandle. Thread ids
 * are the Linux thread ids (gettid); the process id is getpid().
 *
 * The pseudo handles GetCurrentProcess() ((HANDLE)-1) and GetCurrentThread() ((HANDLE)-2)
 * are accepted by GetThreadId/GetExitCodeThread/SetThreadPriority for the calling thread; they
 * cannot be waited on or closed (Windows lets you; nothing useful comes of either).
 */
#ifndef PRJSIM_WIN_PROCESSTHREADSAPI_H
#define PRJSIM_WIN_PROCESSTHREADSAPI_H

#include "basetypes.h"
#include "minwinbase.h"
#include "msvc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GetExitCodeThread's answer for a thread still running (STATUS_PENDING, 259). */
#ifndef STILL_ACTIVE
#define STILL_ACTIVE ((DWORD)0x00000103L)
#endif

/* CreateThread's dwCreationFlags. */
#define CREATE_SUSPENDED 0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000

/* Thread priorities: accepted and remembered, never applied. */
#define THREAD_PRIORITY_LOWEST (-2)
#define THREAD_PRIORITY_BELOW_NORMAL (-1)
#define THREAD_PRIORITY_NORMAL 0
#define THREAD_PRIORITY_HIGHEST 2
#define THREAD_PRIORITY_ABOVE_NORMAL 1
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_IDLE (-15)
#define THREAD_PRIORITY_ERROR_RETURN (0x7fffffff)

typedef DWORD(WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

/**
 * Starts @p lpStartAddress(@p lpParameter) on a new thread; its return value becomes the exit
 * code. With CREATE_SUSPENDED it waits for ResumeThread before calling the function.
 * @param dwStackSize the stack size (0: the default), rounded up to what the host needs.
 * @param lpThreadId receives the thread id (may be NULL).
 * @return the thread handle, or NULL with ERROR_INVALID_PARAMETER (NULL function) or
 *         ERROR_NOT_ENOUGH_MEMORY.
 */
HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                           LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                           DWORD dwCreationFlags, LPDWORD lpThreadId);
/** Ends the calling thread with exit code @p dwExitCode (C++ destructors run as unwinding). */
DECLSPEC_NORETURN void WINAPI ExitThread(DWORD dwExitCode);
/**
 * The thread's exit code, or STILL_ACTIVE while it runs. FALSE with ERROR_INVALID_HANDLE for
 * anything but a thread handle.
 */
BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
/**
 * Decrements the suspend count of a thread created suspended, starting it at 0. Returns the
 * previous count, or (DWORD)-1 with ERROR_INVALID_HANDLE.
 */
DWORD WINAPI ResumeThread(HANDLE hThread);
/** The thread's id; 0 with ERROR_INVALID_HANDLE. */
DWORD WINAPI GetThreadId(HANDLE Thread);
DWORD WINAPI GetCurrentThreadId(void);
DWORD WINAPI GetCurrentProcessId(void);
HANDLE WINAPI GetCurrentThread(void);
HANDLE WINAPI GetCurrentProcess(void);
/** Lets another thread run; TRUE (a yield happened or may have). */
BOOL WINAPI SwitchToThread(void);
BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority);
/**
 * Ends the program with exit code @p uExitCode. Called on the entry thread of a program that
 * the host runs (prjsim/host.h), it ends only that program, which returns @p uExitCode to the
 * host; anywhere else it flushes the C streams and ends the process (exit).
 */
DECLSPEC_NORETURN void WINAPI ExitProcess(UINT uExitCode);
int WINAPI GetThreadPriority(HANDLE hThread);

/* Thread access rights (DuplicateHandle of the calling thread). */
#ifndef THREAD_TERMINATE
#define THREAD_TERMINATE 0x0001
#endif
#define DUPLICATE_CLOSE_SOURCE 0x00000001
#define DUPLICATE_SAME_ACCESS 0x00000002

/**
 * A real handle to the calling thread: only @p hSourceHandle = GetCurrentThread() with
 * GetCurrentProcess() as both processes is supported (the documented way to get one); anything
 * else is ERROR_NOT_SUPPORTED (DEVIATIONS W19). A handle of a thread not made by CreateThread is
 * good for CancelSynchronousIo, GetThreadId and CloseHandle, but is not signalled when the
 * thread ends.
 */
BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                            LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);

/**
 * (ioapiset.h on Windows.) Cancels the synchronous I/O the thread @p hThread is waiting in: inside
 * a root, the client operation waiting on a command the provider has not completed (a pended
 * callback) is cancelled; the provider's CancelCommandCallback is called and the operation fails
 * with ERROR_OPERATION_ABORTED. Does not wait for it. FALSE with ERROR_NOT_FOUND when the thread
 * waits on nothing; TRUE when the provider has no CancelCommandCallback (the operation then
 * goes on; DEVIATIONS W19).
 */
BOOL WINAPI CancelSynchronousIo(HANDLE hThread);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_PROCESSTHREADSAPI_H */
