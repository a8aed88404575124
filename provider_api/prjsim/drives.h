/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/drives.h
 * @brief Drive letters of the Win32 layer: where `X:\...` lives on the host, and the routing
 * between the host file system and the simulator.
 *
 * A Windows path `X:\dir\name` maps to the host path `<drives>/X/dir/name`, where `<drives>`
 * is the drives directory: the `PRJSIM_DRIVES` environment variable if set (created if
 * missing, never removed), else a fresh temporary directory made on first use under `$TMPDIR`
 * (or `/tmp`) and removed when the process that made it exits. The drive letter is upper-cased;
 * the rest of the path keeps its case and, outside virtualization roots, is case-sensitive
 * (the host file system decides; Windows would be case-insensitive). Every drive letter exists.
 *
 * The Win32 file API (prjsim_win/fileapi.h) sends a path inside a virtualization root
 * (prjsim_sim_is_inside_root on the current simulation) to the simulator's client operations
 * and every other path to the host. A provider typically creates its root with
 * CreateDirectoryW first (on the host) and then marks it; the Win32 layer's missing-path hook
 * then copies that host directory, with its content, onto the simulated volume, and from then
 * on all I/O under the root goes to the simulator.
 */
#ifndef PRJSIM_DRIVES_H
#define PRJSIM_DRIVES_H

#include <windows.h>
#include <prjsim/sim.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The drives directory, an absolute host path, chosen on first use as described above. The
 * string stays valid until the next prjsim_drives_set_root.
 */
const char *prjsim_drives_root(void);

/**
 * Uses @p dir as the drives directory from now on (created with its parents if missing; made
 * absolute). NULL goes back to the default (`PRJSIM_DRIVES`, else a temporary directory).
 * Handles already open keep their host files. The current directory is not changed.
 * @return S_OK, E_INVALIDARG for an empty path, HRESULT_FROM_WIN32(error) when the directory
 *  cannot be created.
 */
HRESULT prjsim_drives_set_root(const char *dir);

/**
 * The host path of a Windows path (resolved like GetFullPathNameW, so relative paths use the
 * current directory), whether or not it exists and whether or not it lies inside a
 * virtualization root (whose content lives in the simulator, not at this host path).
 * @return S_OK; E_INVALIDARG when @p win_path is not a drive path (UNC, empty, invalid
 *  characters); HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) when @p out is too small.
 */
HRESULT prjsim_drives_to_host(PCWSTR win_path, char *out, size_t size);

/**
 * Keeps the on-disk state of virtualization roots in @p dir between processes (prjsim/state.h):
 * from now on, the first Win32 call on a path inside a root saved there (or a
 * PrjMarkDirectoryAsPlaceholder / PrjStartVirtualizing of it) loads that root onto the current
 * simulation's volume first, and with @p save, prjsim_drives_save_state writes every root back.
 * A saved root that cannot be read fails those calls with ERROR_FILE_CORRUPT (the reason is
 * printed once on stderr). NULL turns it off (the default: nothing is kept).
 * @return S_OK, E_INVALIDARG for "", or HRESULT_FROM_WIN32(error) when @p dir cannot be made.
 */
HRESULT prjsim_drives_set_state(const char *dir, bool save);

/**
 * Saves every root of the current simulation into the folder given to prjsim_drives_set_state
 * with save set. @p try_only: from a signal handler, do not wait long for a busy simulation.
 * @return S_FALSE when saving is off; otherwise as prjsim_state_save.
 */
HRESULT prjsim_drives_save_state(bool try_only, char *error, size_t error_size);

/**
 * Sends every path the Win32 file API resolves, inside a virtualization root or not, to the
 * volume of @p sim while @p sim is the current simulation; NULL (the default) goes back to
 * sending only paths inside roots there. For a harness whose whole world is the simulated
 * volume, such as the scenario runner's win32 backend: a path outside the root then names the
 * same item through the Win32 calls as through the simulator's client operations, as on Windows,
 * where both are one NTFS volume. Nothing reaches the host files meanwhile (DEVIATIONS W15).
 */
void prjsim_drives_simulate_volume(prjsim_sim *sim);

/**
 * Installs the Win32 layer's missing-path hook on the current simulation. The Win32 file
 * functions do this themselves on first use, and again whenever the current simulation changes;
 * a host calls this before running a provider that may mark a root without calling any Win32
 * file function first. The drives directory is not made until a host path is needed.
 */
void prjsim_win_files_init(void);

#ifdef __cplusplus
}
#endif

#endif
