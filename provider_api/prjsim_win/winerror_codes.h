/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/winerror_codes.h: Win32 error codes, HRESULTs and their macros.
 *
 * Spellings follow the Windows SDK (ERROR_* as `2L`, HRESULTs as
 * `((HRESULT)0x80070057L)`) so that a provider which defines one of these
 * itself, identically, gets no redefinition warning. On Linux the `L` makes a
 * 64-bit long, but every HRESULT goes through an explicit cast to the 32-bit
 * HRESULT type, so E_INVALIDARG is negative here just as it is on Windows.
 */
#ifndef PRJSIM_WIN_WINERROR_CODES_H
#define PRJSIM_WIN_WINERROR_CODES_H

#include "basetypes.h"

/* ---- HRESULT anatomy ---------------------------------------------------- */

#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR 1

#define FACILITY_NULL 0
#define FACILITY_RPC 1
#define FACILITY_DISPATCH 2
#define FACILITY_STORAGE 3
#define FACILITY_ITF 4
#define FACILITY_WIN32 7
#define FACILITY_WINDOWS 8

/* Set in an HRESULT that carries an NTSTATUS (see HRESULT_FROM_NT). */
#define FACILITY_NT_BIT 0x10000000

#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#define IS_ERROR(status) ((((uint32_t)(status)) >> 31) == SEVERITY_ERROR)

#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)

#define MAKE_HRESULT(sev, fac, code)                                          \
    ((HRESULT)(((uint32_t)(sev) << 31) | ((uint32_t)(fac) << 16) |        \
               ((uint32_t)(code))))

/*
 * Win32 error code -> HRESULT: values <= 0 pass through unchanged (so
 * ERROR_SUCCESS stays S_OK, and an argument that is already an HRESULT is
 * left alone); anything else keeps its low 16 bits under facility 7 with the
 * failure bit set. A constant expression, so usable in case labels.
 */
#define HRESULT_FROM_WIN32(x)                                                 \
    ((HRESULT)(x) <= 0 ? ((HRESULT)(x))                                       \
                       : ((HRESULT)(((uint32_t)(x) & 0x0000FFFFu) |           \
                                    ((uint32_t)FACILITY_WIN32 << 16) |        \
                                    0x80000000u)))

/* NTSTATUS -> HRESULT: the status with the customer (N) bit set. */
#define HRESULT_FROM_NT(x) ((HRESULT)((x) | FACILITY_NT_BIT))

/* ---- Generic HRESULTs --------------------------------------------------- */

#define S_OK ((HRESULT)0L)
#define S_FALSE ((HRESULT)1L)
#define NOERROR 0

#define E_NOTIMPL ((HRESULT)0x80004001L)
#define E_NOINTERFACE ((HRESULT)0x80004002L)
#define E_POINTER ((HRESULT)0x80004003L)
#define E_ABORT ((HRESULT)0x80004004L)
#define E_FAIL ((HRESULT)0x80004005L)
#define E_UNEXPECTED ((HRESULT)0x8000FFFFL)
#define E_ACCESSDENIED ((HRESULT)0x80070005L)
#define E_HANDLE ((HRESULT)0x80070006L)
#define E_OUTOFMEMORY ((HRESULT)0x8007000EL)
#define E_INVALIDARG ((HRESULT)0x80070057L)

/* ---- Win32 error codes -------------------------------------------------- */

#define ERROR_SUCCESS 0L
#define NO_ERROR 0L
#define ERROR_INVALID_FUNCTION 1L
#define ERROR_FILE_NOT_FOUND 2L
#define ERROR_PATH_NOT_FOUND 3L
#define ERROR_TOO_MANY_OPEN_FILES 4L
#define ERROR_ACCESS_DENIED 5L
#define ERROR_INVALID_HANDLE 6L
#define ERROR_NOT_ENOUGH_MEMORY 8L
#define ERROR_INVALID_DATA 13L
#define ERROR_OUTOFMEMORY 14L
#define ERROR_NO_MORE_FILES 18L
#define ERROR_NOT_READY 21L
#define ERROR_WRITE_FAULT 29L
#define ERROR_GEN_FAILURE 31L
#define ERROR_SHARING_VIOLATION 32L
#define ERROR_LOCK_VIOLATION 33L
#define ERROR_HANDLE_EOF 38L
#define ERROR_NOT_SUPPORTED 50L
#define ERROR_FILE_EXISTS 80L
#define ERROR_CANNOT_MAKE 82L
#define ERROR_INVALID_PARAMETER 87L
#define ERROR_DISK_FULL 112L
#define ERROR_NO_SYSTEM_RESOURCES 1450L
#define ERROR_CALL_NOT_IMPLEMENTED 120L
#define ERROR_INSUFFICIENT_BUFFER 122L
#define ERROR_INVALID_NAME 123L
#define ERROR_DIR_NOT_EMPTY 145L
#define ERROR_BAD_PATHNAME 161L
#define ERROR_BUSY 170L
#define ERROR_ALREADY_EXISTS 183L
#define ERROR_FILENAME_EXCED_RANGE 206L
#define ERROR_MORE_DATA 234L
#define WAIT_TIMEOUT 258L
#define ERROR_NO_MORE_ITEMS 259L
#define ERROR_DIRECTORY 267L
#define ERROR_NOT_OWNER 288L
#define ERROR_TOO_MANY_POSTS 298L
#define ERROR_DELETE_PENDING 303L
#define ERROR_MR_MID_NOT_FOUND 317L
#define ERROR_OFFSET_ALIGNMENT_VIOLATION 327L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE 369L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT 370L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY 371L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN 372L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION 385L
#define ERROR_OPERATION_ABORTED 995L
#define ERROR_IO_INCOMPLETE 996L
#define ERROR_IO_PENDING 997L
#define ERROR_NOACCESS 998L
#define ERROR_INVALID_FLAGS 1004L
#define ERROR_BADDB 1009L
#define ERROR_BADKEY 1010L
#define ERROR_CANTOPEN 1011L
#define ERROR_CANTREAD 1012L
#define ERROR_CANTWRITE 1013L
#define ERROR_REGISTRY_CORRUPT 1015L
#define ERROR_KEY_DELETED 1018L
#define ERROR_CHILD_MUST_BE_VOLATILE 1021L
#define ERROR_NO_UNICODE_TRANSLATION 1113L
#define ERROR_NOT_FOUND 1168L
#define ERROR_CANCELLED 1223L
#define ERROR_ALREADY_INITIALIZED 1247L
#define ERROR_REVISION_MISMATCH 1306L
#define ERROR_INTERNAL_ERROR 1359L
#define ERROR_FILE_CORRUPT 1392L
#define ERROR_TIMEOUT 1460L
#define ERROR_BAD_CONFIGURATION 1610L
#define ERROR_DATATYPE_MISMATCH 1629L
#define ERROR_UNSUPPORTED_TYPE 1630L
#define ERROR_FILE_OFFLINE 4350L
#define ERROR_NOT_A_REPARSE_POINT 4390L
#define ERROR_REPARSE_TAG_MISMATCH 4394L
#define ERROR_REPARSE_POINT_ENCOUNTERED 4395L

#endif /* PRJSIM_WIN_WINERROR_CODES_H */
