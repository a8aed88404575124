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

/*
 * PRJSIM_STATIC_ASSERT(cond, msg): one spelling for C11 _Static_assert and
 * C++11 static_assert, usable at file scope. Older dialects fall back to a
 * negative-size array typedef so that the check still happens.
 */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define PRJSIM_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PRJSIM_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#else
#define PRJSIM_WIN__CAT2(a, b) a##b
#define PRJSIM_WIN__CAT(a, b) PRJSIM_WIN__CAT2(a, b)
#define PRJSIM_STATIC_ASSERT(cond, msg) \
    typedef char PRJSIM_WIN__CAT(prjsim_static_assert_line_, __LINE__)[(cond) ? 1 : -1]
#endif

/*
 * PRJSIM_WIN_CAST(type, value): a cast that C++ compilers do not report under
 * -Wold-style-cast, for use inside this layer's own headers.
 */
#ifdef __cplusplus
#define PRJSIM_WIN_CAST(type, value) (static_cast<type>(value))
#else
#define PRJSIM_WIN_CAST(type, value) ((type)(value))
#endif

/*
 * PRJSIM_WIN_EXTENSION marks a nameless struct or union member. C11 has
 * them; ISO C++ has nameless unions but not nameless structs, and not types
 * declared inside a nameless union, which the Windows headers use everywhere.
 * GCC and Clang accept both and stay quiet under -pedantic when told that
 * the extension is intended.
 */
#if defined(__GNUC__)
#define PRJSIM_WIN_EXTENSION __extension__
#else
#define PRJSIM_WIN_EXTENSION
#endif

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
