/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend's platform on Windows: kernel32 and ntdll themselves, over NTFS and real
 * ProjFS. Every path is on the one volume, the caller is this process (no client agent yet), and
 * NtQueryDirectoryFile comes from ntdll, found at run time: the SDK declares it in the WDK's
 * ntifs.h only, and GetProcAddress needs no import library with either compiler.
 */
#include "win32_platform.h"

#include "ntdll.h"

#include <windows.h>
#include <stdlib.h>
#include <wchar.h>

const char *const prjsim__win32_outside_reason = NULL;

bool prjsim__win32_outside(const WCHAR *path)
{
    (void)path;
    return false;
}

void prjsim__win32_attach(prjsim_sim *sim) { (void)sim; }

/* What FindFirstFileW and the Win32 layer of Linux use. */
uint32_t prjsim__win32_default_buffer(void) { return 4096; }

/* Operations "as another process" need the client agent (not built): the backend has no
 * PRJSIM_BACKEND_CAP_CALLER, so no case asks for another caller. */
void prjsim__win32_set_caller(const prjsim_caller *caller) { (void)caller; }

/* NtQueryDirectoryFile's arguments, as documented:
 * https://learn.microsoft.com/windows-hardware/drivers/ddi/ntifs/nf-ntifs-ntquerydirectoryfile */
typedef struct {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    } u;
    ULONG_PTR Information;
} io_status;

typedef struct {
    USHORT Length;        /* bytes, without a terminator */
    USHORT MaximumLength;
    PWSTR Buffer;
} unicode_string;

typedef NTSTATUS(NTAPI *nt_query_directory_file)(HANDLE FileHandle, HANDLE Event, PVOID ApcRoutine,
                                                 PVOID ApcContext, io_status *IoStatusBlock, PVOID FileInformation,
                                                 ULONG Length, int FileInformationClass, BOOLEAN ReturnSingleEntry,
                                                 unicode_string *FileName, BOOLEAN RestartScan);

enum { FILE_ID_BOTH_DIRECTORY_INFORMATION = 37 }; /* FILE_INFORMATION_CLASS */

/* FILE_ID_BOTH_DIR_INFORMATION's documented layout (the struct is in the WDK's ntifs.h only):
 * https://learn.microsoft.com/windows-hardware/drivers/ddi/ntifs/ns-ntifs-_file_id_both_dir_information */
const prjsim__win32_layout prjsim__win32_record_layout = {
    0x00, /* NextEntryOffset */
    0x08, /* CreationTime */
    0x10, /* LastAccessTime */
    0x18, /* LastWriteTime */
    0x20, /* ChangeTime */
    0x28, /* EndOfFile */
    0x38, /* FileAttributes */
    0x3C, /* FileNameLength */
    0x68, /* FileName */
};

static nt_query_directory_file query_fn(void)
{
    static prjsim_win__ntdll_fn fn = {INIT_ONCE_STATIC_INIT, "NtQueryDirectoryFile", NULL};
    return (nt_query_directory_file)(void (*)(void))prjsim_win__ntdll(&fn);
}

NTSTATUS prjsim__win32_query_directory(HANDLE h, uint32_t windows_bytes, bool single_entry, const WCHAR *pattern,
                                       bool restart, unsigned char **buf, size_t *information)
{
    /* FILE_ID_BOTH_DIR_INFORMATION holds LARGE_INTEGERs: an 8-byte aligned buffer (malloc's). */
    *buf = malloc(windows_bytes ? windows_bytes : 1);
    if (!*buf)
        abort();
    unicode_string us;
    if (pattern) {
        size_t n = wcslen(pattern) * sizeof(WCHAR);
        us.Length = (USHORT)n;
        us.MaximumLength = (USHORT)n;
        us.Buffer = (PWSTR)pattern;
    }
    io_status io;
    io.Information = 0;
    NTSTATUS st = query_fn()(h, NULL, NULL, NULL, &io, *buf, windows_bytes, FILE_ID_BOTH_DIRECTORY_INFORMATION,
                             single_entry, pattern ? &us : NULL, restart);
    *information = io.Information;
    return st;
}
