/* SPDX-License-Identifier: MIT */
/*
 * Names of NTSTATUS, Win32 and HRESULT codes, and the NTSTATUS -> Win32 mapping a caller
 * sees (RtlNtStatusToDosError). One table per code space.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* X(name, value) of Win32 errors. */
#define WIN32_ERRORS(X) \
    X(ERROR_SUCCESS, 0) X(ERROR_INVALID_FUNCTION, 1) X(ERROR_FILE_NOT_FOUND, 2) \
    X(ERROR_PATH_NOT_FOUND, 3) X(ERROR_ACCESS_DENIED, 5) X(ERROR_INVALID_HANDLE, 6) \
    X(ERROR_NOT_ENOUGH_MEMORY, 8) X(ERROR_INVALID_DATA, 13) X(ERROR_OUTOFMEMORY, 14) \
    X(ERROR_NOT_SAME_DEVICE, 17) X(ERROR_NO_MORE_FILES, 18) X(ERROR_NOT_READY, 21) X(ERROR_GEN_FAILURE, 31) \
    X(ERROR_SHARING_VIOLATION, 32) X(ERROR_HANDLE_EOF, 38) X(ERROR_NOT_SUPPORTED, 50) \
    X(ERROR_FILE_EXISTS, 80) X(ERROR_CANNOT_MAKE, 82) X(ERROR_INVALID_PARAMETER, 87) \
    X(ERROR_DISK_FULL, 112) \
    X(ERROR_CALL_NOT_IMPLEMENTED, 120) X(ERROR_INSUFFICIENT_BUFFER, 122) \
    X(ERROR_INVALID_NAME, 123) X(ERROR_DIR_NOT_EMPTY, 145) X(ERROR_BAD_PATHNAME, 161) \
    X(ERROR_ALREADY_EXISTS, 183) X(ERROR_MORE_DATA, 234) X(ERROR_NO_MORE_ITEMS, 259) \
    X(ERROR_DIRECTORY, 267) X(ERROR_DELETE_PENDING, 303) X(ERROR_MR_MID_NOT_FOUND, 317) \
    X(ERROR_OFFSET_ALIGNMENT_VIOLATION, 327) \
    X(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, 369) \
    X(ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT, 370) \
    X(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY, 371) \
    X(ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN, 372) \
    X(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION, 385) \
    X(ERROR_OPERATION_ABORTED, 995) X(ERROR_IO_PENDING, 997) X(ERROR_NOT_FOUND, 1168) \
    X(ERROR_ALREADY_INITIALIZED, 1247) X(ERROR_INTERNAL_ERROR, 1359) \
    X(ERROR_BAD_CONFIGURATION, 1610) X(ERROR_FILE_OFFLINE, 4350) \
    X(ERROR_NOT_A_REPARSE_POINT, 4390) X(ERROR_REPARSE_TAG_MISMATCH, 4394) \
    X(ERROR_REPARSE_POINT_ENCOUNTERED, 4395) \
    X(ERROR_NO_SYSTEM_RESOURCES, 1450)

/* X(name, value, win32) of NTSTATUS values and the Win32 error a caller sees. */
#define NT_STATUSES(X) \
    X(STATUS_SUCCESS, 0x00000000, 0) X(STATUS_PENDING, 0x00000103, 997) \
    X(STATUS_BUFFER_OVERFLOW, 0x80000005, 234) X(STATUS_NO_MORE_FILES, 0x80000006, 18) \
    X(STATUS_UNSUCCESSFUL, 0xC0000001, 31) X(STATUS_NOT_IMPLEMENTED, 0xC0000002, 1) \
    X(STATUS_INVALID_HANDLE, 0xC0000008, 6) X(STATUS_INVALID_PARAMETER, 0xC000000D, 87) \
    X(STATUS_NO_SUCH_FILE, 0xC000000F, 2) X(STATUS_INVALID_DEVICE_REQUEST, 0xC0000010, 1) \
    X(STATUS_END_OF_FILE, 0xC0000011, 38) X(STATUS_NO_MEMORY, 0xC0000017, 8) \
    X(STATUS_ACCESS_DENIED, 0xC0000022, 5) X(STATUS_BUFFER_TOO_SMALL, 0xC0000023, 122) \
    X(STATUS_OBJECT_NAME_INVALID, 0xC0000033, 123) \
    X(STATUS_OBJECT_NAME_NOT_FOUND, 0xC0000034, 2) \
    X(STATUS_OBJECT_NAME_COLLISION, 0xC0000035, 183) \
    X(STATUS_OBJECT_PATH_NOT_FOUND, 0xC000003A, 3) \
    X(STATUS_OBJECT_PATH_SYNTAX_BAD, 0xC000003B, 161) \
    X(STATUS_SHARING_VIOLATION, 0xC0000043, 32) X(STATUS_DELETE_PENDING, 0xC0000056, 5) \
    X(STATUS_DISK_FULL, 0xC000007F, 112) X(STATUS_INSUFFICIENT_RESOURCES, 0xC000009A, 1450) \
    X(STATUS_DEVICE_NOT_READY, 0xC00000A3, 21) X(STATUS_FILE_IS_A_DIRECTORY, 0xC00000BA, 5) \
    X(STATUS_NOT_SUPPORTED, 0xC00000BB, 50) X(STATUS_NOT_SAME_DEVICE, 0xC00000D4, 17) X(STATUS_INTERNAL_ERROR, 0xC00000E5, 1359) \
    X(STATUS_DIRECTORY_NOT_EMPTY, 0xC0000101, 145) \
    X(STATUS_NOT_A_DIRECTORY, 0xC0000103, 267) X(STATUS_CANCELLED, 0xC0000120, 995) \
    X(STATUS_CANNOT_DELETE, 0xC0000121, 5) X(STATUS_NOT_FOUND, 0xC0000225, 1168) \
    X(STATUS_NOT_A_REPARSE_POINT, 0xC0000275, 4390) \
    X(STATUS_IO_REPARSE_TAG_MISMATCH, 0xC0000277, 4394) \
    X(STATUS_FILE_NOT_AVAILABLE, 0xC0000467, 1) \
    X(STATUS_INVALID_OFFSET_ALIGNMENT, 0xC0000474, 327) \
    X(STATUS_REPARSE_POINT_ENCOUNTERED, 0xC000050B, 4395) \
    X(STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, 0xC000CE01, 369) \
    X(STATUS_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT, 0xC000CE02, 370) \
    X(STATUS_FILE_SYSTEM_VIRTUALIZATION_BUSY, 0xC000CE03, 371) \
    X(STATUS_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN, 0xC000CE04, 372) \
    X(STATUS_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION, 0xC000CE05, 385)

/* X(name, value) of HRESULTs with names of their own (checked before the generated ones). */
#define HRESULTS(X) \
    X(S_OK, 0x00000000) X(S_FALSE, 0x00000001) X(E_NOTIMPL, 0x80004001) \
    X(E_POINTER, 0x80004003) X(E_ABORT, 0x80004004) X(E_FAIL, 0x80004005) \
    X(E_UNEXPECTED, 0x8000FFFF) X(E_HANDLE, 0x80070006) X(E_OUTOFMEMORY, 0x8007000E) \
    X(E_INVALIDARG, 0x80070057)

typedef struct {
    const char *name;
    uint32_t value;
    uint32_t win32;
} row;

static const row win32_rows[] = {
#define W_ROW_(n, v) {#n, v, v},
    WIN32_ERRORS(W_ROW_)
#undef W_ROW_
};
static const row status_rows[] = {
#define S_ROW_(n, v, w) {#n, v, w},
    NT_STATUSES(S_ROW_)
#undef S_ROW_
};
static const row hresult_rows[] = {
#define H_ROW_(n, v) {#n, v, 0},
    HRESULTS(H_ROW_)
#undef H_ROW_
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Names of HRESULT_FROM_WIN32(ERROR_x) and HRESULT_FROM_NT(STATUS_x), built once. */
static char *win32_hr_names[COUNT(win32_rows)];
static char *nt_hr_names[COUNT(status_rows)];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void build_names(void)
{
    for (size_t i = 0; i < COUNT(win32_rows); i++) {
        size_t n = strlen(win32_rows[i].name) + 24;
        win32_hr_names[i] = prjsim__xmalloc(n);
        snprintf(win32_hr_names[i], n, "HRESULT_FROM_WIN32(%s)", win32_rows[i].name);
    }
    for (size_t i = 0; i < COUNT(status_rows); i++) {
        size_t n = strlen(status_rows[i].name) + 24;
        nt_hr_names[i] = prjsim__xmalloc(n);
        snprintf(nt_hr_names[i], n, "HRESULT_FROM_NT(%s)", status_rows[i].name);
    }
}

const char *prjsim_status_name(NTSTATUS status)
{
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (status_rows[i].value == (uint32_t)status)
            return status_rows[i].name;
    return NULL;
}

const char *prjsim_win32_error_name(DWORD error)
{
    for (size_t i = 0; i < COUNT(win32_rows); i++)
        if (win32_rows[i].value == error)
            return win32_rows[i].name;
    return NULL;
}

const char *prjsim_hresult_name(HRESULT hr)
{
    uint32_t v = (uint32_t)hr;
    for (size_t i = 0; i < COUNT(hresult_rows); i++)
        if (hresult_rows[i].value == v)
            return hresult_rows[i].name;
    pthread_once(&names_once, build_names);
    if ((v & 0xFFFF0000u) == 0x80070000u) {
        for (size_t i = 0; i < COUNT(win32_rows); i++)
            if (win32_rows[i].value == (v & 0xFFFF))
                return win32_hr_names[i];
    }
    if (v & 0x10000000u) {
        for (size_t i = 0; i < COUNT(status_rows); i++)
            if (status_rows[i].value == (v & ~0x10000000u))
                return nt_hr_names[i];
    }
    return NULL;
}

const char *prjsim_format_code(char *buf, size_t size, INT32 code, bool is_status)
{
    const char *name = is_status ? prjsim_status_name(code) : prjsim_hresult_name(code);
    if (name)
        snprintf(buf, size, "%s (0x%08X)", name, (unsigned)code);
    else
        snprintf(buf, size, "0x%08X", (unsigned)code);
    return buf;
}

DWORD prjsim_status_to_win32(NTSTATUS status)
{
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (status_rows[i].value == (uint32_t)status)
            return status_rows[i].win32;
    /* Windows maps an NTSTATUS it does not know to ERROR_MR_MID_NOT_FOUND. */
    return 317;
}

bool prjsim_code_from_name(const char *name, INT32 *value, char *kind)
{
    if (!name)
        return false;
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (strcmp(status_rows[i].name, name) == 0) {
            *value = (INT32)status_rows[i].value;
            if (kind)
                *kind = 'S';
            return true;
        }
    for (size_t i = 0; i < COUNT(win32_rows); i++)
        if (strcmp(win32_rows[i].name, name) == 0) {
            *value = (INT32)win32_rows[i].value;
            if (kind)
                *kind = 'W';
            return true;
        }
    for (size_t i = 0; i < COUNT(hresult_rows); i++)
        if (strcmp(hresult_rows[i].name, name) == 0) {
            *value = (INT32)hresult_rows[i].value;
            if (kind)
                *kind = 'H';
            return true;
        }
    pthread_once(&names_once, build_names);
    for (size_t i = 0; i < COUNT(win32_rows); i++)
        if (strcmp(win32_hr_names[i], name) == 0) {
            *value = HRESULT_FROM_WIN32(win32_rows[i].value);
            if (kind)
                *kind = 'H';
            return true;
        }
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (strcmp(nt_hr_names[i], name) == 0) {
            *value = (INT32)(status_rows[i].value | 0x10000000u);
            if (kind)
                *kind = 'H';
            return true;
        }
    return false;
}

NTSTATUS prjsim__status_from_win32(DWORD error)
{
    /* The first status of the table that maps to the error is its canonical reverse. */
    static const uint32_t preferred[][2] = {{2, 0xC0000034}, {5, 0xC0000022}, {1, 0xC0000010}};
    for (size_t i = 0; i < COUNT(preferred); i++)
        if (preferred[i][0] == error)
            return (NTSTATUS)preferred[i][1];
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (status_rows[i].win32 == error)
            return (NTSTATUS)status_rows[i].value;
    return STATUS_INTERNAL_ERROR;
}
