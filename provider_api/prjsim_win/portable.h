/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/portable.h: the helper macros prjsim's projectedfslib.h needs beside any
 * <windows.h>: prjsim's own on Linux (compiler.h includes this) or the platform's on a
 * Windows build with mingw-w64, which has no projectedfslib.h of its own (docs/windows.md).
 * Only PRJSIM_* names are defined here, so it never clashes with a real Windows header.
 */
#ifndef PRJSIM_WIN_PORTABLE_H
#define PRJSIM_WIN_PORTABLE_H

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

#endif /* PRJSIM_WIN_PORTABLE_H */
