/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/memory_macros.h: ZeroMemory, CopyMemory and the other memory macros of
 * <winbase.h>/<winnt.h>, on the C library's memset, memcpy, memmove and memcmp.
 */
#ifndef PRJSIM_WIN_MEMORY_MACROS_H
#define PRJSIM_WIN_MEMORY_MACROS_H

#include <string.h>

#include "basetypes.h"

#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length) memmove((Destination), (Source), (Length))
#define RtlCopyMemory(Destination, Source, Length) memcpy((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill) memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length) memset((Destination), 0, (Length))

#define EqualMemory RtlEqualMemory
#define MoveMemory RtlMoveMemory
#define CopyMemory RtlCopyMemory
#define FillMemory RtlFillMemory
#define ZeroMemory RtlZeroMemory

/* Zeroes memory in a way the compiler may not remove (for secrets about to be freed). */
#ifdef __cplusplus
inline PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
#else
static inline PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
#endif
{
    volatile unsigned char *p = PRJSIM_WIN_CAST(volatile unsigned char *, ptr);
    while (cnt--)
        *p++ = 0;
    return ptr;
}
#define SecureZeroMemory RtlSecureZeroMemory

#endif /* PRJSIM_WIN_MEMORY_MACROS_H */
