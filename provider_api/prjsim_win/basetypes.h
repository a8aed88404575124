/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/basetypes.h: the Windows base types with their Windows sizes.
 *
 * Windows is LLP64: LONG, ULONG and DWORD are 32 bits there. Linux is LP64,
 * where `long` is 64 bits, so every Windows 32-bit type here is spelled with
 * <stdint.h> types and never with `long`. The one place this matters most is
 * HRESULT: a 64-bit HRESULT would make 0x80070002 positive and FAILED() false.
 *
 * WCHAR is wchar_t, as on Windows, so L"..." literals and the C library's
 * wide functions work unchanged; on Linux wchar_t holds UTF-32 code units
 * (never build with -fshort-wchar: glibc's wide functions assume 4 bytes).
 */
#ifndef PRJSIM_WIN_BASETYPES_H
#define PRJSIM_WIN_BASETYPES_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "compiler.h"

/* Integers. */
typedef char CHAR;
typedef char CCHAR; /* a counted char (ShortNameLength of the directory records) */
typedef unsigned char UCHAR;
typedef unsigned char BYTE;
typedef short SHORT;
typedef unsigned short USHORT;
typedef unsigned short WORD;
typedef int INT;
typedef unsigned int UINT;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t DWORDLONG;
typedef float FLOAT;

typedef int8_t INT8;
typedef uint8_t UINT8;
typedef int16_t INT16;
typedef uint16_t UINT16;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int64_t INT64;
typedef uint64_t UINT64;
typedef int32_t LONG32;
typedef uint32_t ULONG32;
typedef uint32_t DWORD32;
typedef int64_t LONG64;
typedef uint64_t ULONG64;
typedef uint64_t DWORD64;

/* Pointer-sized integers. */
typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef size_t SIZE_T;
typedef ptrdiff_t SSIZE_T;

/* Truth values: BOOL is a 4-byte int, BOOLEAN a single byte. */
typedef int BOOL;
typedef BYTE BOOLEAN;
#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

/* Characters and strings. */
typedef wchar_t WCHAR;
typedef CHAR *PCHAR, *LPCH, *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR *PWCHAR, *LPWCH, *PWSTR, *LPWSTR;
typedef const WCHAR *PCWCH, *LPCWCH, *PCWSTR, *LPCWSTR;

/* Pointers to the above. */
typedef void *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef BYTE *PBYTE, *LPBYTE;
typedef UCHAR *PUCHAR;
typedef BOOL *PBOOL, *LPBOOL;
typedef BOOLEAN *PBOOLEAN;
typedef INT *PINT, *LPINT;
typedef UINT *PUINT;
typedef SHORT *PSHORT;
typedef USHORT *PUSHORT;
typedef WORD *PWORD, *LPWORD;
typedef LONG *PLONG, *LPLONG;
typedef ULONG *PULONG;
typedef DWORD *PDWORD, *LPDWORD;
typedef LONGLONG *PLONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef INT32 *PINT32;
typedef UINT32 *PUINT32;
typedef INT64 *PINT64;
typedef UINT64 *PUINT64;
typedef SIZE_T *PSIZE_T;
typedef ULONG_PTR *PULONG_PTR;

/* Status codes: both are 32-bit signed, negative means failure. */
typedef int32_t HRESULT;
typedef LONG NTSTATUS;
typedef NTSTATUS *PNTSTATUS;

/* Handles. A HANDLE is an opaque pointer; typed handles are distinct types. */
typedef void *HANDLE;
typedef HANDLE *PHANDLE, *LPHANDLE;
#define DECLARE_HANDLE(name) \
    struct name##__ {        \
        int unused;          \
    };                       \
    typedef struct name##__ *name
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)

/* Limits and sentinels. */
#define MAX_PATH 260
#define INFINITE 0xFFFFFFFF

/*
 * 64-bit integers seen as two 32-bit halves: little-endian, so the low half
 * comes first. The halves are reachable both directly (x.LowPart) and through
 * .u (x.u.LowPart), as on Windows.
 */
typedef union _LARGE_INTEGER {
    PRJSIM_WIN_EXTENSION struct {
        DWORD LowPart;
        LONG HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    PRJSIM_WIN_EXTENSION struct {
        DWORD LowPart;
        DWORD HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

/*
 * A point in time in 100-nanosecond ticks since 1601-01-01 UTC, split into
 * halves: ticks = unix_seconds * 10^7 + 116444736000000000.
 */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

PRJSIM_STATIC_ASSERT(sizeof(BOOLEAN) == 1, "BOOLEAN is one byte");
PRJSIM_STATIC_ASSERT(sizeof(BOOL) == 4, "BOOL is four bytes");
PRJSIM_STATIC_ASSERT(sizeof(LONG) == 4 && sizeof(ULONG) == 4 && sizeof(DWORD) == 4,
                     "LONG, ULONG and DWORD are 32-bit as on Windows, not Linux long");
PRJSIM_STATIC_ASSERT(sizeof(HRESULT) == 4 && PRJSIM_WIN_CAST(HRESULT, 0x80000000u) < 0,
                     "HRESULT is signed 32-bit");
PRJSIM_STATIC_ASSERT(sizeof(NTSTATUS) == 4 && PRJSIM_WIN_CAST(NTSTATUS, 0x80000000u) < 0,
                     "NTSTATUS is signed 32-bit");
PRJSIM_STATIC_ASSERT(sizeof(WCHAR) == sizeof(wchar_t), "WCHAR is wchar_t");
PRJSIM_STATIC_ASSERT(sizeof(LARGE_INTEGER) == 8 && sizeof(ULARGE_INTEGER) == 8,
                     "LARGE_INTEGER is 8 bytes");
PRJSIM_STATIC_ASSERT(sizeof(FILETIME) == 8, "FILETIME is 8 bytes");

#endif /* PRJSIM_WIN_BASETYPES_H */
