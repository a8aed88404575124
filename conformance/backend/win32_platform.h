/* SPDX-License-Identifier: MIT */
/*
 * What the win32 backend (win32_backend.c) needs from the platform it runs on, one file per
 * platform chosen by CMake: win32_platform_linux.c (prjsim's Win32 layer over the simulator) and
 * windows/seam/win32_platform.c (kernel32 and ntdll over real NTFS and ProjFS).
 */
#ifndef PRJSIM_WIN32_PLATFORM_H
#define PRJSIM_WIN32_PLATFORM_H

#include "backend.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The prjsim_backend_caps the platform gives the backend: PRJSIM__WIN32_CAPS, defined by the
 * build for win32_backend.c (a constant of its backend table). Linux: PRJSIM_BACKEND_CAP_CALLER
 * (the simulator's caller identity stands in for the client agent); Windows: 0 until the client
 * agent exists.
 */

/* Why a path the platform cannot reach as the run's volume is unsupported (NULL: none is). */
extern const char *const prjsim__win32_outside_reason;
/* Whether @p path is such a path. */
bool prjsim__win32_outside(const WCHAR *path);

/* The run's whole world begins (@p sim) or ends (NULL): see prjsim_backend.attach. */
void prjsim__win32_attach(prjsim_sim *sim);

/* The Windows buffer of a directory query that chooses none. */
uint32_t prjsim__win32_default_buffer(void);

/* Operations of the calling thread run as @p caller (NULL: the default). */
void prjsim__win32_set_caller(const prjsim_caller *caller);

/* Byte offsets of the fields of a FILE_ID_BOTH_DIR_INFORMATION record the backend reads. */
typedef struct prjsim__win32_layout {
    size_t next;        /* ULONG NextEntryOffset */
    size_t creation;    /* LARGE_INTEGER CreationTime */
    size_t last_access; /* LARGE_INTEGER LastAccessTime */
    size_t last_write;  /* LARGE_INTEGER LastWriteTime */
    size_t change;      /* LARGE_INTEGER ChangeTime */
    size_t end_of_file; /* LARGE_INTEGER EndOfFile */
    size_t attributes;  /* ULONG FileAttributes */
    size_t name_length; /* ULONG FileNameLength, in bytes */
    size_t name;        /* WCHAR FileName[] */
} prjsim__win32_layout;

/* The platform's record layout: Windows' documented one; on Linux WCHAR is 4 bytes (W14). */
extern const prjsim__win32_layout prjsim__win32_record_layout;

/*
 * One NtQueryDirectoryFile(FileIdBothDirectoryInformation) on @p h into @p buf, which stands
 * for a Windows buffer of @p windows_bytes (the platform chooses the real length); @p pattern
 * NULL for none. *information receives IoStatus.Information. Returns the NTSTATUS.
 */
NTSTATUS prjsim__win32_query_directory(HANDLE h, uint32_t windows_bytes, bool single_entry, const WCHAR *pattern,
                                       bool restart, unsigned char **buf, size_t *information);

#endif
