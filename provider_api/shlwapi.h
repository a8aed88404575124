/* SPDX-License-Identifier: MIT */
/*
 * shlwapi.h: the one shell light-weight utility providers use, PathFileExists.
 * (Windows also spells this header Shlwapi.h; Linux include names are case-sensitive.)
 */
#ifndef PRJSIM_SHLWAPI_H
#define PRJSIM_SHLWAPI_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

/** TRUE if the file or directory exists (GetFileAttributesW succeeds); sets the last error if not. */
BOOL WINAPI PathFileExistsW(LPCWSTR pszPath);
BOOL WINAPI PathFileExistsA(LPCSTR pszPath);

#ifdef UNICODE
#define PathFileExists PathFileExistsW
#else
#define PathFileExists PathFileExistsA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_SHLWAPI_H */
