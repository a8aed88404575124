/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the registry (registry.c) and its `.reg` file reader (regfile.c).
 */
#ifndef PRJSIM_WIN32_REGISTRY_H
#define PRJSIM_WIN32_REGISTRY_H

#include <windows.h>
#include <stdbool.h>

/*
 * The predefined key named @p name ("HKEY_LOCAL_MACHINE" or "HKLM", case-insensitive, the
 * first @p len characters), or NULL.
 */
HKEY prjsim__registry_root_named(const WCHAR *name, size_t len);

/* Deletes @p path under @p root with everything below it; a missing key is not an error. */
void prjsim__registry_delete_tree(HKEY root, const WCHAR *path);

#endif /* PRJSIM_WIN32_REGISTRY_H */
