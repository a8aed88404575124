/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/compiler.h: compiler glue for the Windows types layer.
 *
 * Part of prjsim's Linux stand-in for <windows.h>. Windows calling conventions
 * mean nothing on Linux x86-64 and AArch64 (there is one C calling convention),
 * so every convention keyword expands to nothing; only the C++ linkage that
 * STDAPI and EXTERN_C carry survives. The PRJSIM_WIN_* helpers are ours, not
 * Windows', and exist so that the other headers of this layer compile without
 * warnings under -Wall -Wextra -pedantic in both C and C++.
 */
#ifndef PRJSIM_WIN_COMPILER_H
#define PRJSIM_WIN_COMPILER_H

/* PRJSIM_STATIC_ASSERT, PRJSIM_WIN_CAST, PRJSIM_WIN_EXTENSION (projectedfslib.h uses them too). */
#include "portable.h"

/* For header-defined constants a translation unit may not use. */
#if defined(__GNUC__)
#define PRJSIM_WIN_MAYBE_UNUSED __attribute__((unused))
#else
#define PRJSIM_WIN_MAYBE_UNUSED
#endif

/* Calling conventions: all the same convention on 64-bit Linux. */
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef STDAPICALLTYPE
#define STDAPICALLTYPE
#endif
#ifndef STDAPIVCALLTYPE
#define STDAPIVCALLTYPE
#endif
#ifndef STDMETHODCALLTYPE
#define STDMETHODCALLTYPE
#endif

/* Linkage. In C++ every Windows API has C linkage. */
#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif
#endif

#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE

#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif

/*
 * Nameless members. As on Windows, defining NONAMELESSUNION before the first
 * include gives them the names u, u2, ... and s, s2, ... instead.
 */
#ifndef DUMMYUNIONNAME
#ifdef NONAMELESSUNION
#define DUMMYUNIONNAME u
#define DUMMYUNIONNAME2 u2
#define DUMMYUNIONNAME3 u3
#define DUMMYUNIONNAME4 u4
#define DUMMYUNIONNAME5 u5
#define DUMMYSTRUCTNAME s
#define DUMMYSTRUCTNAME2 s2
#define DUMMYSTRUCTNAME3 s3
#define DUMMYSTRUCTNAME4 s4
#define DUMMYSTRUCTNAME5 s5
#else
#define DUMMYUNIONNAME
#define DUMMYUNIONNAME2
#define DUMMYUNIONNAME3
#define DUMMYUNIONNAME4
#define DUMMYUNIONNAME5
#define DUMMYSTRUCTNAME
#define DUMMYSTRUCTNAME2
#define DUMMYSTRUCTNAME3
#define DUMMYSTRUCTNAME4
#define DUMMYSTRUCTNAME5
#endif
#endif

/*
 * Windows expands these to the bare parameter, which GCC reports as a
 * statement with no effect; a cast to void silences the unused warning the
 * same way without producing a new one.
 */
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))

#endif /* PRJSIM_WIN_COMPILER_H */
