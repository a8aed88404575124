/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/minwindef.h: the small macros of the SDK's <minwindef.h> and <winnt.h> that
 * providers use for arithmetic on words and arrays.
 *
 * min() and max() are defined for C only (and not under NOMINMAX, as on Windows). In C++ they
 * would break <algorithm> and every std::min/std::max included after <windows.h>, since
 * libstdc++, unlike MSVC's library, does not guard against them; C++ providers use std::min.
 */
#ifndef PRJSIM_WIN_MINWINDEF_H
#define PRJSIM_WIN_MINWINDEF_H

#include "basetypes.h"
#include "msvc.h"

#if !defined(__cplusplus) && !defined(NOMINMAX)
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#define MAKEWORD(a, b) ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))
#define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))

/* The number of elements of an array (winnt.h's names for _countof). */
#ifndef RTL_NUMBER_OF
#define RTL_NUMBER_OF(array) _countof(array)
#endif
#ifndef ARRAYSIZE
#define ARRAYSIZE(array) _countof(array)
#endif
#ifndef _ARRAYSIZE
#define _ARRAYSIZE(array) _countof(array)
#endif

#endif /* PRJSIM_WIN_MINWINDEF_H */
