/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/synchapi.h: synchronisation: the waitable kernel objects (events, mutexes,
 * semaphores; threads are in processthreadsapi.h), the waits, critical sections, slim
 * reader/writer locks, condition variables, one-time initialisation, and Sleep.
 *
 * Kernel objects are HANDLEs closed with CloseHandle. A named object (lpName not NULL) is
 * shared by every Create/Open call with the same name in the process (names are
 * case-sensitive, one namespace for all kinds, as on Windows): creating an existing one
 * returns a new handle to it with the last error ERROR_ALREADY_EXISTS, or fails with
 * ERROR_INVALID_HANDLE when it is of another kind. A successful Create sets the last error to
 * 0 otherwise. Security attributes are ignored. Objects live while a handle or a wait holds
 * them; closing a handle that another thread waits on does not disturb that wait.
 *
 * Time: timeouts, like Sleep, run on prjsim's scaled clock (prjsim/win.h,
 * prjsim_win_set_time_scale; PRJSIM_TIME_SCALE=0.01 makes a 10-second timeout last 100 ms).
 * The scale is 1 unless set.
 *
 * Differences from Windows (DEVIATIONS.md, "Threads and synchronisation"): waits are never
 * alertable (no APCs exist), and a mutex is abandoned when its owner thread ends, which
 * prjsim sees for every thread that ends by returning or by ExitThread/pthread_exit.
 */
#ifndef PRJSIM_WIN_SYNCHAPI_H
#define PRJSIM_WIN_SYNCHAPI_H

#include "basetypes.h"
#include "minwinbase.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Wait results ------------------------------------------------------------------------- */

#define WAIT_OBJECT_0 ((DWORD)0x00000000L)
#define WAIT_ABANDONED ((DWORD)0x00000080L)
#define WAIT_ABANDONED_0 ((DWORD)0x00000080L)
#define WAIT_IO_COMPLETION ((DWORD)0x000000C0L)
#define WAIT_FAILED ((DWORD)0xFFFFFFFF)
/* WAIT_TIMEOUT (258) is in winerror_codes.h, as in the SDK. */
#define MAXIMUM_WAIT_OBJECTS 64

/* Access rights of the Open* functions (accepted, not enforced). */
#define EVENT_MODIFY_STATE 0x0002
#define EVENT_ALL_ACCESS 0x1F0003
#define MUTEX_MODIFY_STATE 0x0001
#define MUTEX_ALL_ACCESS 0x1F0001
#define SEMAPHORE_MODIFY_STATE 0x0002
#define SEMAPHORE_ALL_ACCESS 0x1F0003

/* CreateEventExW / CreateMutexExW flags. */
#define CREATE_EVENT_MANUAL_RESET 0x00000001
#define CREATE_EVENT_INITIAL_SET 0x00000002
#define CREATE_MUTEX_INITIAL_OWNER 0x00000001

/* ---- Waits -------------------------------------------------------------------------------- */

/**
 * Waits until the object is signalled or @p dwMilliseconds pass (INFINITE: no limit; 0: test
 * and return). An event is signalled while set (an auto-reset one is reset by the wait that
 * sees it), a semaphore while its count is above 0 (the wait takes one), a mutex while no
 * other thread owns it (the wait takes ownership, recursively), a thread once it has ended.
 * @return WAIT_OBJECT_0, WAIT_ABANDONED (a mutex whose owner ended without releasing it; the
 *         caller now owns it), WAIT_TIMEOUT, or WAIT_FAILED with ERROR_INVALID_HANDLE.
 */
DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable);
/**
 * Waits for one (bWaitAll FALSE) or all of @p nCount objects. Waiting for all takes them
 * together, only once every one is signalled at the same moment.
 * @return WAIT_OBJECT_0 + i (the lowest signalled index; 0 when all), WAIT_ABANDONED_0 + i,
 *         WAIT_TIMEOUT, or WAIT_FAILED with ERROR_INVALID_PARAMETER (nCount 0 or above
 *         MAXIMUM_WAIT_OBJECTS, NULL array, the same object twice when waiting for all) or
 *         ERROR_INVALID_HANDLE.
 */
DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                    DWORD dwMilliseconds);
DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                      DWORD dwMilliseconds, BOOL bAlertable);
/** Signals @p hObjectToSignal (event, mutex or semaphore), then waits for @p hObjectToWaitOn. */
DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
                                 DWORD dwMilliseconds, BOOL bAlertable);

/* ---- Events ------------------------------------------------------------------------------- */

/**
 * A manual-reset event stays set until ResetEvent; an auto-reset one wakes a single waiter and
 * resets itself. @return the handle, or NULL with the last error set.
 */
HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCWSTR lpName);
HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCSTR lpName);
HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE WINAPI CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess);
/** A new handle to the named event; NULL with ERROR_FILE_NOT_FOUND if there is none. */
HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
/** FALSE with ERROR_INVALID_HANDLE for anything but an event. */
BOOL WINAPI SetEvent(HANDLE hEvent);
BOOL WINAPI ResetEvent(HANDLE hEvent);
/** Sets the event, releases the waiters it can release at this moment, and resets it. */
BOOL WINAPI PulseEvent(HANDLE hEvent);

/* ---- Mutexes ------------------------------------------------------------------------------ */

/** A mutex, owned by the calling thread when @p bInitialOwner is TRUE (and it is new). */
HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCWSTR lpName);
HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCSTR lpName);
HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE WINAPI CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName,
                             DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
/**
 * Releases one level of ownership. FALSE with ERROR_NOT_OWNER when the calling thread does not
 * own the mutex, ERROR_INVALID_HANDLE for anything but a mutex.
 */
BOOL WINAPI ReleaseMutex(HANDLE hMutex);

/* ---- Semaphores --------------------------------------------------------------------------- */

/** ERROR_INVALID_PARAMETER unless 0 <= lInitialCount <= lMaximumCount and lMaximumCount > 0. */
HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCWSTR lpName);
HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCSTR lpName);
HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
                                 LONG lInitialCount, LONG lMaximumCount, LPCWSTR lpName,
                                 DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE WINAPI CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
                                 LONG lInitialCount, LONG lMaximumCount, LPCSTR lpName,
                                 DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
/**
 * Adds @p lReleaseCount (> 0, else ERROR_INVALID_PARAMETER) to the count, storing the previous
 * count in *lpPreviousCount (may be NULL). FALSE with ERROR_TOO_MANY_POSTS, count unchanged,
 * when the maximum would be exceeded.
 */
BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount);

/* ---- Critical sections -------------------------------------------------------------------- */

typedef struct _RTL_CRITICAL_SECTION_DEBUG *PRTL_CRITICAL_SECTION_DEBUG;

/*
 * The SDK's layout. prjsim keeps its lock behind LockSemaphore (allocated by
 * InitializeCriticalSection, freed by DeleteCriticalSection) and maintains OwningThread (the
 * owner's thread id) and RecursionCount as Windows does, for code that inspects them.
 */
typedef struct _RTL_CRITICAL_SECTION {
    PRTL_CRITICAL_SECTION_DEBUG DebugInfo;
    LONG LockCount;
    LONG RecursionCount;
    HANDLE OwningThread;
    HANDLE LockSemaphore;
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;
typedef RTL_CRITICAL_SECTION CRITICAL_SECTION, *PCRITICAL_SECTION, *LPCRITICAL_SECTION;

#define CRITICAL_SECTION_NO_DEBUG_INFO 0x01000000

/** Prepares a critical section; it must be initialised before any other use. */
void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
                                                  DWORD dwSpinCount);
BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount,
                                        DWORD Flags);
DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount);
/**
 * Enters, recursively for the owner. Using a critical section that was never initialised (or
 * already deleted) aborts the process with a message, where Windows' behaviour is undefined.
 */
void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
/** TRUE if entered (or already owned), FALSE if another thread owns it. */
BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

/* ---- Slim reader/writer locks ------------------------------------------------------------- */

/* One pointer-sized word, usable zero-initialised, needing no clean-up, as on Windows. */
typedef struct _RTL_SRWLOCK {
    PVOID Ptr;
} RTL_SRWLOCK, SRWLOCK, *PSRWLOCK;
#define RTL_SRWLOCK_INIT {0}
#define SRWLOCK_INIT RTL_SRWLOCK_INIT

void WINAPI InitializeSRWLock(PSRWLOCK SRWLock);
void WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock);
void WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock);
void WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock);
void WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock);
/** Non-blocking; TRUE if acquired. (BOOLEAN, as in the SDK.) */
BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock);
BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock);

/* ---- Condition variables ------------------------------------------------------------------ */

typedef struct _RTL_CONDITION_VARIABLE {
    PVOID Ptr;
} RTL_CONDITION_VARIABLE, CONDITION_VARIABLE, *PCONDITION_VARIABLE;
#define RTL_CONDITION_VARIABLE_INIT {0}
#define CONDITION_VARIABLE_INIT RTL_CONDITION_VARIABLE_INIT
#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1

void WINAPI InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable);
/**
 * Releases the lock, waits for a wake or the timeout, and takes the lock again (also on
 * timeout). Wake-ups may be spurious, as on Windows. FALSE with ERROR_TIMEOUT on timeout.
 * A critical section entered recursively is released and re-entered to the same depth.
 */
BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
                                     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds);
/** @p Flags: 0 for a lock held exclusively, CONDITION_VARIABLE_LOCKMODE_SHARED for shared. */
BOOL WINAPI SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
                                      DWORD dwMilliseconds, ULONG Flags);
void WINAPI WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable);
void WINAPI WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable);

/* ---- One-time initialisation -------------------------------------------------------------- */

typedef union _RTL_RUN_ONCE {
    PVOID Ptr;
} RTL_RUN_ONCE, INIT_ONCE, *PINIT_ONCE, *LPINIT_ONCE;
#define RTL_RUN_ONCE_INIT {0}
#define INIT_ONCE_STATIC_INIT RTL_RUN_ONCE_INIT
/* The low bits of the context are the lock's own; a context must leave them 0. */
#define INIT_ONCE_CTX_RESERVED_BITS 2

typedef BOOL(WINAPI *PINIT_ONCE_FN)(PINIT_ONCE InitOnce, PVOID Parameter, PVOID *Context);

void WINAPI InitOnceInitialize(PINIT_ONCE InitOnce);
/**
 * Runs @p InitFn once for all threads; the others wait for it. If InitFn returns FALSE the
 * initialisation is not done, this returns FALSE, and a later call tries again. *Context
 * (when Context is not NULL) receives the context InitFn stored.
 */
BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
                                LPVOID *Context);

/* ---- Sleep -------------------------------------------------------------------------------- */

/**
 * Suspends the calling thread for @p dwMilliseconds on the scaled clock (see above). 0 yields;
 * INFINITE never returns.
 */
void WINAPI Sleep(DWORD dwMilliseconds);
/** Sleep; returns 0 (nothing can alert the thread). */
DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);

#ifdef UNICODE
#define CreateEvent CreateEventW
#define CreateEventEx CreateEventExW
#define OpenEvent OpenEventW
#define CreateMutex CreateMutexW
#define CreateMutexEx CreateMutexExW
#define OpenMutex OpenMutexW
#define CreateSemaphore CreateSemaphoreW
#define CreateSemaphoreEx CreateSemaphoreExW
#define OpenSemaphore OpenSemaphoreW
#else
#define CreateEvent CreateEventA
#define CreateEventEx CreateEventExA
#define OpenEvent OpenEventA
#define CreateMutex CreateMutexA
#define CreateMutexEx CreateMutexExA
#define OpenMutex OpenMutexA
#define CreateSemaphore CreateSemaphoreA
#define CreateSemaphoreEx CreateSemaphoreExA
#define OpenSemaphore OpenSemaphoreA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_SYNCHAPI_H */
