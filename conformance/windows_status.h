/* SPDX-License-Identifier: MIT */
/*
 * <windows.h> and every NTSTATUS code of <ntstatus.h>, without defining a code twice.
 *
 * The SDK's winnt.h defines a few STATUS_* codes itself (STATUS_WAIT_0, STATUS_PENDING...)
 * unless WIN32_NO_STATUS is defined while it is read, and <ntstatus.h> defines them again with
 * another type: MSVC warns C4005 (macro redefinition), an error under /WX. The SDK's way, used
 * here: <windows.h> with WIN32_NO_STATUS, then <ntstatus.h> without it. It works only if this
 * header comes before anything that includes <windows.h> (projectedfslib.h does), hence the
 * check. On Linux prjsim's <windows.h> defines no STATUS_* code, so the order does not matter.
 */
#ifndef PRJSIM_CONFORMANCE_WINDOWS_STATUS_H
#define PRJSIM_CONFORMANCE_WINDOWS_STATUS_H

#if defined(STATUS_WAIT_0) && !defined(_NTSTATUS_)
#error "include windows_status.h before <windows.h> (or projectedfslib.h): <ntstatus.h> after a <windows.h> read without WIN32_NO_STATUS redefines its STATUS_* codes (MSVC C4005)"
#endif

#ifndef WIN32_NO_STATUS
#define WIN32_NO_STATUS
#endif
#include <windows.h>
#undef WIN32_NO_STATUS /* <ntstatus.h> defines nothing while it is defined */
#include <ntstatus.h>

#endif
