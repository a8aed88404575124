/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/state.h
 * @brief Saved volumes: the on-disk state of virtualization roots kept between processes.
 *
 * On Windows a root's mark, its placeholders, hydrated and full files and tombstones are NTFS
 * objects: they outlive the provider process (reference section 11.6). The simulator keeps its
 * volume in memory, so it saves each root into a *state folder* and loads it back the next time
 * a program touches that root. The files are `DIR/.prjsim-state/<key>.volume`, one per root, in
 * the versioned format of sim/STATE-FORMAT.md, each written to a temporary file and renamed
 * over the old one. A damaged file, or one of a newer format, is reported with its name and
 * line and never silently replaced.
 *
 * `prjsim exec --drives DIR` (or PRJSIM_DRIVES) uses DIR as the state folder, loading and
 * saving (prjsim_drives_set_state); `prjconf --state DIR` loads only; the scenario statement
 * `state DIR` loads every saved root before the scenario starts.
 */
#ifndef PRJSIM_STATE_H
#define PRJSIM_STATE_H

#include <prjsim/sim.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The newest format version this library reads and the one it writes. */
#define PRJSIM_STATE_FORMAT_VERSION 1

/**
 * Saves every virtualization root on @p sim's volume into @p dir (created if missing), and
 * removes the saved file of a root that was loaded from @p dir into @p sim and is no longer a
 * root. Running instances are not stopped; what is on the volume now is written.
 * @param try_only take the simulation's lock only if it is free (from a crash handler); when
 *  it is not, nothing is written and the result is HRESULT_FROM_WIN32(ERROR_BUSY).
 * @param error receives a one-line message on failure (may be NULL).
 * @return S_OK, or the failure with @p error filled in.
 */
HRESULT prjsim_state_save(prjsim_sim *sim, const char *dir, bool try_only, char *error,
                          size_t error_size);

/**
 * Loads the saved roots of @p dir that contain @p full_path (every saved root when NULL) onto
 * @p sim's volume, unless they were loaded into @p sim before or a directory already exists at
 * the root's path. Loading is all or nothing per root.
 * @return S_OK (also when nothing was saved); HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT) for a
 *  damaged file and HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH) for a newer format, with
 *  "FILE:LINE: message" in @p error; the same error again on every later call for that root.
 */
HRESULT prjsim_state_load(prjsim_sim *sim, const char *dir, PCWSTR full_path, char *error,
                          size_t error_size);

/**
 * Reads every saved root of @p dir without loading it: S_OK when all are valid (or there are
 * none), else the first problem as prjsim_state_load reports it. A tool calls this at start to
 * refuse a damaged state folder up front.
 */
HRESULT prjsim_state_check(const char *dir, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
