/* SPDX-License-Identifier: MIT */
/*
 * A function ntdll exports but the SDK declares only in the WDK (NtQueryDirectoryFile,
 * RtlNtStatusToDosError), found once at run time: GetProcAddress needs no import library with
 * either compiler, and ntdll is mapped into every process (no load, no reference to drop).
 */
#ifndef PRJSIM_WIN_NTDLL_H
#define PRJSIM_WIN_NTDLL_H

#include <windows.h>

typedef struct prjsim_win__ntdll_fn {
    INIT_ONCE once; /* INIT_ONCE_STATIC_INIT */
    const char *name;
    FARPROC proc;
} prjsim_win__ntdll_fn;

/* The export @p f names; the process ends if ntdll lacks it (every Windows NT has these). */
FARPROC prjsim_win__ntdll(prjsim_win__ntdll_fn *f);

#endif
