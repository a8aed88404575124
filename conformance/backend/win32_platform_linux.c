/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend's platform on Linux: prjsim's Win32 layer, which turns the calls into the
 * simulator's client operations on the calling thread.
 */
#include "win32_platform.h"

#include <windows.h>
#include <prjsim.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <winternl.h>
#include <ntifs.h>

/*
 * Our Win32 layer sends a path outside every virtualization root to the host file system, not
 * to the simulator's volume where the scenario put it; on Windows both are the same NTFS volume.
 * Such a path makes the operation unsupported here.
 */
const char *const prjsim__win32_outside_reason = "win32 backend on Linux: outside the virtualization root our Win32 "
                                                 "layer reaches the host file system, not the simulated volume";

/* The simulation attached as the whole world: the Win32 layer sends every path to its volume. */
static _Atomic(prjsim_sim *) attached;

bool prjsim__win32_outside(const WCHAR *path)
{
    prjsim_sim *sim = prjsim_sim_current();
    return path && atomic_load(&attached) != sim && !prjsim_sim_is_inside_root(sim, path);
}

/* A run whose whole world is the simulated volume (the scenario runner without a provider
 * program): paths outside the root are on that volume too, as on one NTFS volume on Windows. */
void prjsim__win32_attach(prjsim_sim *sim)
{
    atomic_store(&attached, sim);
    prjsim_drives_simulate_volume(sim);
}

/* The simulation's default (4096, as Win32's). */
uint32_t prjsim__win32_default_buffer(void)
{
    const prjsim_sim_options *o = prjsim_sim_get_options(prjsim_sim_current());
    return o && o->default_query_buffer ? o->default_query_buffer : 4096;
}

/* On Linux the layer calls the simulator on the calling thread, so the simulator's caller
 * identity stands in for the client agent process of a Windows run (PRJSIM__WIN32_CAPS has
 * PRJSIM_BACKEND_CAP_CALLER). */
void prjsim__win32_set_caller(const prjsim_caller *caller) { prjsim_client_set_caller(caller); }

#define AT(field) offsetof(FILE_ID_BOTH_DIR_INFORMATION, field)
const prjsim__win32_layout prjsim__win32_record_layout = {
    AT(NextEntryOffset), AT(CreationTime), AT(LastAccessTime), AT(LastWriteTime), AT(ChangeTime),
    AT(EndOfFile),       AT(FileAttributes), AT(FileNameLength), AT(FileName),
};

NTSTATUS prjsim__win32_query_directory(HANDLE h, uint32_t windows_bytes, bool single_entry, const WCHAR *pattern,
                                       bool restart, unsigned char **buf, size_t *information)
{
    /* our layer's records take more room than Windows' for the same entries (DEVIATIONS W14) */
    ULONG len = PRJSIM_DIRECTORY_LENGTH_FOR(windows_bytes);
    *buf = malloc(len);
    if (!*buf)
        abort();
    UNICODE_STRING us;
    if (pattern)
        RtlInitUnicodeString(&us, pattern);
    IO_STATUS_BLOCK io;
    io.Information = 0;
    NTSTATUS st = NtQueryDirectoryFile(h, NULL, NULL, NULL, &io, *buf, len, FileIdBothDirectoryInformation,
                                       single_entry, pattern ? &us : NULL, restart);
    *information = io.Information;
    return st;
}
