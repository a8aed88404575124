/* SPDX-License-Identifier: MIT */
/* ntdll's exports found at run time (ntdll.h). */
#include "ntdll.h"

#include <stdlib.h>

static BOOL CALLBACK find(PINIT_ONCE once, PVOID parameter, PVOID *context)
{
    (void)once;
    (void)context;
    prjsim_win__ntdll_fn *f = (prjsim_win__ntdll_fn *)parameter;
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    f->proc = ntdll ? GetProcAddress(ntdll, f->name) : NULL;
    if (!f->proc)
        abort();
    return TRUE;
}

FARPROC prjsim_win__ntdll(prjsim_win__ntdll_fn *f)
{
    InitOnceExecuteOnce(&f->once, find, f, NULL);
    return f->proc;
}
