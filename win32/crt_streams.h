/* SPDX-License-Identifier: MIT */
/*
 * Internal: what the CRT's path calls (crtpath.c) share with its stream openers (crtfile.c).
 */
#ifndef PRJSIM_WIN32_CRT_STREAMS_H
#define PRJSIM_WIN32_CRT_STREAMS_H

#include <windows.h>
#include <stdbool.h>
#include <stdio.h>

/* The errno MSVC's CRT sets for a Win32 error (its _dosmaperr table; EINVAL otherwise). */
int prjsim__crt_errno_of(DWORD error);
/* Opens a Windows path as a C stream over a Win32 handle; NULL with *err an errno value. */
FILE *prjsim__crt_open_stream(const wchar_t *filename, const wchar_t *mode, int *err);
/* A C stream over an open Win32 handle, which the stream then owns; NULL when out of memory. */
FILE *prjsim__crt_stream_of_handle(HANDLE file, bool append, const char *posix_mode);

#endif
