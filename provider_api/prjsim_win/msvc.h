/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/msvc.h: the Microsoft C/C++ compiler's own keywords and CRT base types, spelled
 * for GCC and Clang.
 *
 * Windows code uses these without including anything special: `__int64`, `__forceinline`,
 * `__declspec(...)`, `errno_t`, `_countof`. Each maps onto the GNU equivalent, or onto nothing
 * where the keyword only matters to MSVC (DLL linkage, vtable layout hints).
 *
 * Differences from MSVC worth knowing:
 *   - `__int64` is `long` (64 bits on Linux), the type behind INT64/LONGLONG here, so that
 *     `__int64 *` and `LONGLONG *` stay the same pointer type. GCC's narrow printf checker
 *     therefore expects `%ld`, not `%lld`, for an `__int64` argument.
 *   - `__declspec` understands the common specifiers (dllimport, dllexport, noinline, noreturn,
 *     nothrow, novtable, selectany, thread, align(n), uuid(...), deprecated, restrict,
 *     noalias); any other one is a compile error that names it.
 */
#ifndef PRJSIM_WIN_MSVC_H
#define PRJSIM_WIN_MSVC_H

#include <stddef.h>

/* ---- Integer keywords --------------------------------------------------------------------- */

#ifndef __int8
#define __int8 char
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int32
#define __int32 int
#endif
#ifndef __int64
#define __int64 long
#endif

/* ---- Inlining, linkage and other declaration specifiers ---------------------------------- */

#ifndef __forceinline
#define __forceinline __inline__ __attribute__((__always_inline__))
#endif
#ifndef FORCEINLINE
#define FORCEINLINE __forceinline
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef __thiscall
#define __thiscall
#endif
#ifndef __vectorcall
#define __vectorcall
#endif
#ifndef __w64
#define __w64
#endif
#ifndef __ptr64
#define __ptr64
#endif
#ifndef __ptr32
#define __ptr32
#endif
#ifndef __unaligned
#define __unaligned
#endif

/*
 * __declspec(x) expands to PRJSIM_WIN__DECLSPEC_x, so each known specifier is one macro below.
 * Everything a provider program exports stays visible: the program is a shared object whose
 * symbols are all public, so dllexport and dllimport need nothing.
 */
#ifndef __declspec
#define __declspec(spec) PRJSIM_WIN__DECLSPEC_##spec
#endif
#define PRJSIM_WIN__DECLSPEC_dllimport
#define PRJSIM_WIN__DECLSPEC_dllexport __attribute__((__visibility__("default")))
#define PRJSIM_WIN__DECLSPEC_noinline __attribute__((__noinline__))
#define PRJSIM_WIN__DECLSPEC_noreturn __attribute__((__noreturn__))
#define PRJSIM_WIN__DECLSPEC_nothrow
#define PRJSIM_WIN__DECLSPEC_novtable
#define PRJSIM_WIN__DECLSPEC_selectany __attribute__((__weak__))
#define PRJSIM_WIN__DECLSPEC_thread __thread
#define PRJSIM_WIN__DECLSPEC_align(n) __attribute__((__aligned__(n)))
#define PRJSIM_WIN__DECLSPEC_uuid(s)
#define PRJSIM_WIN__DECLSPEC_deprecated
#define PRJSIM_WIN__DECLSPEC_restrict
#define PRJSIM_WIN__DECLSPEC_noalias
#define PRJSIM_WIN__DECLSPEC_allocator

#ifndef DECLSPEC_NOINLINE
#define DECLSPEC_NOINLINE __declspec(noinline)
#endif
#ifndef DECLSPEC_NORETURN
#define DECLSPEC_NORETURN __declspec(noreturn)
#endif
#ifndef DECLSPEC_SELECTANY
#define DECLSPEC_SELECTANY __declspec(selectany)
#endif
#ifndef DECLSPEC_NOVTABLE
#define DECLSPEC_NOVTABLE
#endif
#ifndef DECLSPEC_ALIGN
#define DECLSPEC_ALIGN(x) __declspec(align(x))
#endif
#ifndef DECLSPEC_IMPORT
#define DECLSPEC_IMPORT
#endif
#ifndef WINBASEAPI
#define WINBASEAPI
#endif
#ifndef WINUSERAPI
#define WINUSERAPI
#endif
#ifndef WINADVAPI
#define WINADVAPI
#endif
#ifndef NTSYSAPI
#define NTSYSAPI
#endif
#ifndef NTAPI
#define NTAPI
#endif

/* Intrinsics that are statements. */
#ifndef __debugbreak
#define __debugbreak() __builtin_trap()
#endif
#ifndef __noop
#define __noop(...) ((void)0)
#endif
#ifndef __assume
#define __assume(cond) ((void)0)
#endif
#ifndef __pragma
#define __pragma(x) _Pragma(#x)
#endif

/* ---- CRT base types of the secure functions ----------------------------------------------- */

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif

/* The `count` of the *_s functions that means "as much as fits, then truncate". */
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
/* What the *_s functions return after truncating under _TRUNCATE (MSVC's value). */
#ifndef STRUNCATE
#define STRUNCATE 80
#endif

/*
 * _countof(array): the number of elements. In C++ a template that refuses pointers, as MSVC's
 * does; in C the sizeof division.
 */
#ifndef _countof
#ifdef __cplusplus
extern "C++" {
template <typename T, size_t N> char (*prjsim_win_countof_helper(T (&)[N]))[N];
}
#define _countof(array) (sizeof(*prjsim_win_countof_helper(array)))
#else
#define _countof(array) (sizeof(array) / sizeof((array)[0]))
#endif
#endif

#endif /* PRJSIM_WIN_MSVC_H */
