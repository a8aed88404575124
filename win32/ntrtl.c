/* SPDX-License-Identifier: MIT */
/*
 * winternl.h's string initialisers and RtlNtStatusToDosError.
 */
#include <windows.h>
#include <winternl.h>
#include <prjsim/status.h>

#include <stdlib.h>
#include <string.h>

/* Byte lengths as USHORT, capped as Windows caps them (its limit is MAXUSHORT - 1 bytes). */
static USHORT bytes(size_t n)
{
    return n > 0xFFFC ? 0xFFFC : (USHORT)n;
}

VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    size_t n = SourceString ? wcslen(SourceString) * sizeof(WCHAR) : 0;
    DestinationString->Length = bytes(n);
    DestinationString->MaximumLength = SourceString ? bytes(n + sizeof(WCHAR)) : 0;
    DestinationString->Buffer = (PWSTR)SourceString;
}

VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSTR SourceString)
{
    size_t n = SourceString ? strlen(SourceString) : 0;
    DestinationString->Length = bytes(n);
    DestinationString->MaximumLength = SourceString ? bytes(n + 1) : 0;
    DestinationString->Buffer = (PCHAR)SourceString;
}

VOID NTAPI RtlInitString(PSTRING DestinationString, PCSTR SourceString)
{
    RtlInitAnsiString(DestinationString, SourceString);
}

VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    free(UnicodeString->Buffer);
    UnicodeString->Buffer = NULL;
    UnicodeString->Length = UnicodeString->MaximumLength = 0;
}

ULONG NTAPI RtlNtStatusToDosError(NTSTATUS Status)
{
    return prjsim_status_to_win32(Status);
}
