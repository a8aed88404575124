/* SPDX-License-Identifier: MIT */
/*
 * include_ntstatus_first.c: <ntstatus.h> before <windows.h>, with
 * WIN32_NO_STATUS left defined throughout, then the identical redefinitions
 * that providers write for codes their SDK lacked. Under -Werror any
 * redefinition with a different spelling fails the build.
 */
#define WIN32_NO_STATUS
#include <ntstatus.h>
#include <windows.h>
#include <projectedfslib.h>

#define STATUS_CANNOT_DELETE ((NTSTATUS)0xC0000121L)
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034L)
#define STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE ((NTSTATUS)0xC000CE01L)
#define ERROR_FILE_NOT_FOUND 2L
#define ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION 385L
#define E_INVALIDARG ((HRESULT)0x80070057L)
#define S_OK ((HRESULT)0L)
#define IO_REPARSE_TAG_PROJFS (0x9000001CL)

#include "include_checks.h"

int32_t include_ntstatus_first_hresult_cannot_delete(void)
{
    return HRESULT_FROM_NT(STATUS_CANNOT_DELETE);
}

int32_t include_ntstatus_first_status_object_name_not_found(void)
{
    return STATUS_OBJECT_NAME_NOT_FOUND;
}
