/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/winreg.h: the registry (winreg.h), backed by an in-process registry that a user
 * seeds from a `.reg` file (prjsim/registry.h; `prjsim exec --registry FILE`, `PRJSIM_REGISTRY`).
 *
 * Windows' rules kept: key names are case-insensitive and keep the case they were created
 * with; the functions return the Win32 error (ERROR_FILE_NOT_FOUND for a missing key or
 * value, ERROR_MORE_DATA with the size needed in *lpcbData, ERROR_NO_MORE_ITEMS past the last
 * index, ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED without the right access, ERROR_KEY_DELETED
 * on a handle to a deleted key) and do not change the last error. Subkeys enumerate in the
 * order of their upper-cased names (as a hive stores them), values in the order they were
 * created. Differences (conformance/DEVIATIONS.md, "Registry"): string data is in WCHAR, so
 * 4 bytes a character; the predefined keys are five separate trees, empty unless seeded; no
 * security, no WOW64 views, no notifications, nothing written back to disk.
 */
#ifndef PRJSIM_WIN_WINREG_H
#define PRJSIM_WIN_WINREG_H

#include "basetypes.h"
#include "fileapi_constants.h"
#include "minwinbase.h"

#ifdef __cplusplus
extern "C" {
#endif

DECLARE_HANDLE(HKEY);
typedef HKEY *PHKEY;
typedef ACCESS_MASK REGSAM;
typedef LONG LSTATUS;

/* The predefined keys: the same values as Windows', sign-extended as a 64-bit HKEY. */
#define HKEY_CLASSES_ROOT ((HKEY)(ULONG_PTR)((LONG)0x80000000))
#define HKEY_CURRENT_USER ((HKEY)(ULONG_PTR)((LONG)0x80000001))
#define HKEY_LOCAL_MACHINE ((HKEY)(ULONG_PTR)((LONG)0x80000002))
#define HKEY_USERS ((HKEY)(ULONG_PTR)((LONG)0x80000003))
#define HKEY_PERFORMANCE_DATA ((HKEY)(ULONG_PTR)((LONG)0x80000004))
#define HKEY_CURRENT_CONFIG ((HKEY)(ULONG_PTR)((LONG)0x80000005))

/* Value types. */
#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_DWORD_LITTLE_ENDIAN 4
#define REG_DWORD_BIG_ENDIAN 5
#define REG_LINK 6
#define REG_MULTI_SZ 7
#define REG_RESOURCE_LIST 8
#define REG_FULL_RESOURCE_DESCRIPTOR 9
#define REG_RESOURCE_REQUIREMENTS_LIST 10
#define REG_QWORD 11
#define REG_QWORD_LITTLE_ENDIAN 11

/* Access rights (the standard rights come from fileapi_constants.h). */
#define KEY_QUERY_VALUE 0x0001
#define KEY_SET_VALUE 0x0002
#define KEY_CREATE_SUB_KEY 0x0004
#define KEY_ENUMERATE_SUB_KEYS 0x0008
#define KEY_NOTIFY 0x0010
#define KEY_CREATE_LINK 0x0020
#define KEY_WOW64_32KEY 0x0200
#define KEY_WOW64_64KEY 0x0100
#define KEY_WOW64_RES 0x0300
#define KEY_READ \
    ((STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY) & ~SYNCHRONIZE)
#define KEY_WRITE ((STANDARD_RIGHTS_WRITE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY) & ~SYNCHRONIZE)
#define KEY_EXECUTE ((KEY_READ) & ~SYNCHRONIZE)
#define KEY_ALL_ACCESS                                                                     \
    ((STANDARD_RIGHTS_ALL | KEY_QUERY_VALUE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY |         \
      KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY | KEY_CREATE_LINK) &                             \
     ~SYNCHRONIZE)

/* RegCreateKeyEx options and dispositions. */
#define REG_OPTION_RESERVED 0x00000000L
#define REG_OPTION_NON_VOLATILE 0x00000000L
#define REG_OPTION_VOLATILE 0x00000001L
#define REG_OPTION_CREATE_LINK 0x00000002L
#define REG_OPTION_BACKUP_RESTORE 0x00000004L
#define REG_OPTION_OPEN_LINK 0x00000008L
#define REG_OPTION_DONT_VIRTUALIZE 0x00000010L
#define REG_CREATED_NEW_KEY 0x00000001L
#define REG_OPENED_EXISTING_KEY 0x00000002L

/* RegGetValue flags. */
#define RRF_RT_REG_NONE 0x00000001
#define RRF_RT_REG_SZ 0x00000002
#define RRF_RT_REG_EXPAND_SZ 0x00000004
#define RRF_RT_REG_BINARY 0x00000008
#define RRF_RT_REG_DWORD 0x00000010
#define RRF_RT_REG_MULTI_SZ 0x00000020
#define RRF_RT_REG_QWORD 0x00000040
#define RRF_RT_DWORD (RRF_RT_REG_BINARY | RRF_RT_REG_DWORD)
#define RRF_RT_QWORD (RRF_RT_REG_BINARY | RRF_RT_REG_QWORD)
#define RRF_RT_ANY 0x0000ffff
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#define RRF_SUBKEY_WOW6432KEY 0x00020000
#define RRF_WOW64_MASK 0x00030000
#define RRF_NOEXPAND 0x10000000
#define RRF_ZEROONFAILURE 0x20000000

/**
 * Opens @p lpSubKey under @p hKey. NULL or "" opens a new handle to @p hKey itself (a
 * predefined key is returned as it is). ERROR_FILE_NOT_FOUND when a component is missing,
 * ERROR_INVALID_HANDLE for a bad @p hKey, ERROR_INVALID_PARAMETER for a NULL @p phkResult.
 */
LSTATUS WINAPI RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                             PHKEY phkResult);
LSTATUS WINAPI RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                             PHKEY phkResult);
/** RegOpenKeyEx with KEY_ALL_ACCESS; NULL or "" returns @p hKey itself. */
LSTATUS WINAPI RegOpenKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult);
LSTATUS WINAPI RegOpenKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult);

/**
 * Opens or creates @p lpSubKey (and any missing key on the way); *lpdwDisposition says which
 * (REG_CREATED_NEW_KEY, REG_OPENED_EXISTING_KEY). @p hKey needs KEY_CREATE_SUB_KEY to create.
 * "" gives a new handle to @p hKey's key (a predefined key too); NULL is ERROR_INVALID_PARAMETER.
 * @p lpClass is stored and returned by RegQueryInfoKey; @p dwOptions and
 * @p lpSecurityAttributes change nothing (nothing outlives the process anyway).
 */
LSTATUS WINAPI RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass,
                               DWORD dwOptions, REGSAM samDesired,
                               const SECURITY_ATTRIBUTES *lpSecurityAttributes, PHKEY phkResult,
                               LPDWORD lpdwDisposition);
LSTATUS WINAPI RegCreateKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD Reserved, LPSTR lpClass,
                               DWORD dwOptions, REGSAM samDesired,
                               const SECURITY_ATTRIBUTES *lpSecurityAttributes, PHKEY phkResult,
                               LPDWORD lpdwDisposition);
/** RegCreateKeyEx with KEY_ALL_ACCESS; NULL or "" returns @p hKey itself. */
LSTATUS WINAPI RegCreateKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult);
LSTATUS WINAPI RegCreateKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult);

/** Closes a handle; a predefined key succeeds and stays usable. */
LSTATUS WINAPI RegCloseKey(HKEY hKey);

/**
 * Reads a value (NULL or "" is the key's default value). With @p lpData NULL and
 * @p lpcbData set, stores the size; too small a buffer gives ERROR_MORE_DATA with the size
 * needed in *lpcbData. Data is returned as stored (a REG_SZ is not NUL-terminated for you).
 */
LSTATUS WINAPI RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved,
                                LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData);
LSTATUS WINAPI RegQueryValueExA(HKEY hKey, LPCSTR lpValueName, LPDWORD lpReserved,
                                LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData);

/**
 * Reads a value of @p lpSubKey (NULL: @p hkey itself) with type checks: @p dwFlags must name
 * the accepted types (RRF_RT_*), else ERROR_INVALID_PARAMETER; another type gives
 * ERROR_UNSUPPORTED_TYPE. Strings come back NUL-terminated; REG_EXPAND_SZ is expanded (and
 * reported as REG_SZ) unless RRF_NOEXPAND; RRF_RT_REG_EXPAND_SZ needs RRF_NOEXPAND.
 * RRF_ZEROONFAILURE clears the buffer on failure.
 */
LSTATUS WINAPI RegGetValueW(HKEY hkey, LPCWSTR lpSubKey, LPCWSTR lpValue, DWORD dwFlags,
                            LPDWORD pdwType, PVOID pvData, LPDWORD pcbData);
LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR lpSubKey, LPCSTR lpValue, DWORD dwFlags,
                            LPDWORD pdwType, PVOID pvData, LPDWORD pcbData);

/** Creates or replaces a value; the key needs KEY_SET_VALUE. */
LSTATUS WINAPI RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType,
                              const BYTE *lpData, DWORD cbData);
LSTATUS WINAPI RegSetValueExA(HKEY hKey, LPCSTR lpValueName, DWORD Reserved, DWORD dwType,
                              const BYTE *lpData, DWORD cbData);

/**
 * Counts and maximum sizes of a key: subkey and value name lengths in characters without the
 * NUL, data in bytes. The security descriptor size is 0; the time is the key's last write.
 */
LSTATUS WINAPI RegQueryInfoKeyW(HKEY hKey, LPWSTR lpClass, LPDWORD lpcchClass,
                                LPDWORD lpReserved, LPDWORD lpcSubKeys,
                                LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
                                LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                PFILETIME lpftLastWriteTime);
LSTATUS WINAPI RegQueryInfoKeyA(HKEY hKey, LPSTR lpClass, LPDWORD lpcchClass,
                                LPDWORD lpReserved, LPDWORD lpcSubKeys,
                                LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
                                LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                PFILETIME lpftLastWriteTime);

/**
 * The @p dwIndex-th subkey. *lpcchName is the buffer size in characters with the NUL, and
 * becomes the name's length without it. A name that does not fit gives ERROR_MORE_DATA and
 * copies nothing; past the last subkey ERROR_NO_MORE_ITEMS.
 */
LSTATUS WINAPI RegEnumKeyExW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, LPDWORD lpcchName,
                             LPDWORD lpReserved, LPWSTR lpClass, LPDWORD lpcchClass,
                             PFILETIME lpftLastWriteTime);
LSTATUS WINAPI RegEnumKeyExA(HKEY hKey, DWORD dwIndex, LPSTR lpName, LPDWORD lpcchName,
                             LPDWORD lpReserved, LPSTR lpClass, LPDWORD lpcchClass,
                             PFILETIME lpftLastWriteTime);

/**
 * The @p dwIndex-th value: name as RegEnumKeyEx, type and data as RegQueryValueEx
 * (ERROR_MORE_DATA with the size needed in *lpcbData); past the last ERROR_NO_MORE_ITEMS.
 */
LSTATUS WINAPI RegEnumValueW(HKEY hKey, DWORD dwIndex, LPWSTR lpValueName,
                             LPDWORD lpcchValueName, LPDWORD lpReserved, LPDWORD lpType,
                             LPBYTE lpData, LPDWORD lpcbData);
LSTATUS WINAPI RegEnumValueA(HKEY hKey, DWORD dwIndex, LPSTR lpValueName,
                             LPDWORD lpcchValueName, LPDWORD lpReserved, LPDWORD lpType,
                             LPBYTE lpData, LPDWORD lpcbData);

/**
 * Deletes a key that has no subkeys (ERROR_ACCESS_DENIED when it has some). Open handles to
 * it then fail with ERROR_KEY_DELETED.
 */
LSTATUS WINAPI RegDeleteKeyW(HKEY hKey, LPCWSTR lpSubKey);
LSTATUS WINAPI RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey);
/** Deletes a value; the key needs KEY_SET_VALUE. */
LSTATUS WINAPI RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName);
LSTATUS WINAPI RegDeleteValueA(HKEY hKey, LPCSTR lpValueName);

#ifdef UNICODE
#define RegOpenKeyEx RegOpenKeyExW
#define RegOpenKey RegOpenKeyW
#define RegCreateKeyEx RegCreateKeyExW
#define RegCreateKey RegCreateKeyW
#define RegQueryValueEx RegQueryValueExW
#define RegGetValue RegGetValueW
#define RegSetValueEx RegSetValueExW
#define RegQueryInfoKey RegQueryInfoKeyW
#define RegEnumKeyEx RegEnumKeyExW
#define RegEnumValue RegEnumValueW
#define RegDeleteKey RegDeleteKeyW
#define RegDeleteValue RegDeleteValueW
#else
#define RegOpenKeyEx RegOpenKeyExA
#define RegOpenKey RegOpenKeyA
#define RegCreateKeyEx RegCreateKeyExA
#define RegCreateKey RegCreateKeyA
#define RegQueryValueEx RegQueryValueExA
#define RegGetValue RegGetValueA
#define RegSetValueEx RegSetValueExA
#define RegQueryInfoKey RegQueryInfoKeyA
#define RegEnumKeyEx RegEnumKeyExA
#define RegEnumValue RegEnumValueA
#define RegDeleteKey RegDeleteKeyA
#define RegDeleteValue RegDeleteValueA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_WINREG_H */
