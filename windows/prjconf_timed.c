/* SPDX-License-Identifier: MIT */
/*
 * prjconf_timed.h. _beginthreadex rather than CreateThread: the case uses the C runtime, whose
 * per-thread data _beginthreadex sets up (learn.microsoft.com, "_beginthread, _beginthreadex").
 * WaitForSingleObject on the thread's handle returns WAIT_OBJECT_0 once it has ended and
 * WAIT_TIMEOUT when the interval elapses first (synchapi.h, WaitForSingleObject).
 */
#include "prjconf_timed.h"

#include <process.h>
#include <stdlib.h>

typedef struct call {
    void (*fn)(void *);
    void *arg;
} call;

static unsigned __stdcall thread_main(void *p)
{
    call c = *(call *)p;
    free(p);
    c.fn(c.arg);
    return 0;
}

bool prjconf_win_run_timed(void (*fn)(void *), void *arg, DWORD timeout_ms)
{
    call *c = malloc(sizeof *c);
    uintptr_t thread = 0;
    if (c) {
        c->fn = fn;
        c->arg = arg;
        thread = _beginthreadex(NULL, 0, thread_main, c, 0, NULL);
    }
    if (!thread) {
        free(c);
        fn(arg);
        return true;
    }
    bool ended = WaitForSingleObject((HANDLE)thread, timeout_ms) == WAIT_OBJECT_0;
    CloseHandle((HANDLE)thread); /* the thread goes on if it has not ended; only the handle is closed */
    return ended;
}
