/* SPDX-License-Identifier: MIT */
/*
 * process.h: the CRT's thread functions, _beginthreadex and _endthreadex, on CreateThread and
 * ExitThread. The returned value is a thread HANDLE (close it with CloseHandle).
 */
#ifndef PRJSIM_PROCESS_H
#define PRJSIM_PROCESS_H

#include <windows.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned(__stdcall *_beginthreadex_proc_type)(void *);

/**
 * Starts @p start_address(@p arglist) on a new thread (CREATE_SUSPENDED in @p initflag is
 * honoured). Returns the handle as uintptr_t, or 0 with errno set (EINVAL for a NULL
 * function, EAGAIN otherwise).
 */
uintptr_t __cdecl _beginthreadex(void *security, unsigned stack_size,
                                 _beginthreadex_proc_type start_address, void *arglist,
                                 unsigned initflag, unsigned *thrdaddr);
/** Ends the calling thread with @p retval, like ExitThread. */
void __cdecl _endthreadex(unsigned retval);
/** The process id. */
int __cdecl _getpid(void);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_PROCESS_H */
