/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/status.h
 * @brief Names of NTSTATUS and HRESULT values, and the NTSTATUS to Win32 error mapping.
 */
#ifndef PRJSIM_STATUS_H
#define PRJSIM_STATUS_H

#include <windows.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "STATUS_OBJECT_NAME_NOT_FOUND", or NULL when the value has no name in the table. */
const char *prjsim_status_name(NTSTATUS status);
/** "S_OK", "E_INVALIDARG", "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)", ..., or NULL. */
const char *prjsim_hresult_name(HRESULT hr);
/**
 * Formats a status or HRESULT as "NAME (0x...)" into @p buf. @p is_status selects the table.
 * Returns buf.
 */
const char *prjsim_format_code(char *buf, size_t size, INT32 code, bool is_status);
/** The Win32 error a caller sees for @p status (RtlNtStatusToDosError). */
DWORD prjsim_status_to_win32(NTSTATUS status);
/** The name of a Win32 error ("ERROR_FILE_NOT_FOUND"), or NULL. */
const char *prjsim_win32_error_name(DWORD error);
/** Formats a Win32 error as "ERROR_FILE_NOT_FOUND (2)" (or "Win32 error N") into @p buf. Returns buf. */
const char *prjsim_format_win32(char *buf, size_t size, DWORD error);
/**
 * Looks a name up in every table: "STATUS_NO_MORE_FILES", "ERROR_FILE_NOT_FOUND", "S_OK",
 * "E_INVALIDARG". Returns false when unknown. @p kind receives 'S' (NTSTATUS), 'W' (Win32
 * error) or 'H' (HRESULT).
 */
bool prjsim_code_from_name(const char *name, INT32 *value, char *kind);

#ifdef __cplusplus
}
#endif

#endif
