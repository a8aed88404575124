/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/registry.h
 * @brief The in-process registry behind RegOpenKeyEx and friends (prjsim_win/winreg.h), and
 * seeding it from a `.reg` file.
 *
 * The registry is one per process, shared by every thread and every simulation, and starts
 * with the five predefined keys, empty. `prjsim exec --registry FILE`, `prjconf --registry
 * FILE` and the `PRJSIM_REGISTRY` environment variable of both load FILE before the program
 * starts (prjconf once, so every case starts from that content). Nothing is written back.
 *
 * The file is what `reg export` and regedit write: the header "Windows Registry Editor
 * Version 5.00" (or "REGEDIT4"), then `[HKEY_...\key]` sections (`[-HKEY_...\key]` deletes a
 * key and its subtree) with `"name"=` or `@=` lines: `"string"`, `dword:0000001f`,
 * `hex:01,02` (REG_BINARY), `hex(N):..` (type N: 2 REG_EXPAND_SZ and 7 REG_MULTI_SZ as UTF-16LE
 * bytes, b REG_QWORD, ...), or `-` to delete the value. Long hex lists continue on the next
 * line after a trailing `\`; `;` starts a comment line. The file may be UTF-16LE with a BOM
 * (as `reg export` writes it), UTF-8 with or without a BOM, or ASCII; line ends LF or CRLF.
 * The root names are the full ones (HKEY_LOCAL_MACHINE) or their short forms (HKLM).
 */
#ifndef PRJSIM_REGISTRY_H
#define PRJSIM_REGISTRY_H

#include <windows.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Applies the `.reg` file at @p path to the registry. The whole file is checked first: a
 * malformed file changes nothing.
 * @param error receives "FILE:LINE: message" for a malformed file, "FILE: reason" when it
 *  cannot be read (may be NULL).
 * @return S_OK; E_INVALIDARG for a malformed file; HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) or
 *  HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) when it cannot be opened, E_FAIL when reading fails.
 */
HRESULT prjsim_registry_load_file(const char *path, char *error, size_t error_size);

/**
 * Applies `.reg` text (@p size bytes, any of the encodings above); @p name is the file name
 * used in error messages.
 */
HRESULT prjsim_registry_load_text(const char *name, const void *data, size_t size,
                                  char *error, size_t error_size);

/** Empties the registry (the predefined keys stay); open handles then see ERROR_KEY_DELETED. */
void prjsim_registry_clear(void);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_REGISTRY_H */
