/* SPDX-License-Identifier: MIT */
/*
 * ntstatus.h: prjsim's Linux stand-in for the Windows SDK's <ntstatus.h>.
 *
 * NTSTATUS codes (STATUS_*). Not included by <windows.h>, as on Windows.
 * It may be included before or after <windows.h>, with or without
 * WIN32_NO_STATUS defined. The definitions live in prjsim_win/ntstatus_codes.h.
 */
#ifndef _NTSTATUS_
#define _NTSTATUS_

#include "prjsim_win/ntstatus_codes.h"

#endif /* _NTSTATUS_ */
