/* SPDX-License-Identifier: MIT */
/*
 * prjconf.exe's own cases (docs/windows.md): what a program sees through the root compared with
 * the bundled provider's tree (listing, content, on-disk states, a missing name, a new file).
 * Their I/O goes through the backend seam like the case table's: the client agent's process by
 * default, so it is a client's I/O to ProjFS and not the in-process provider's own.
 */
#ifndef PRJSIM_PRJCONF_OWN_CASES_H
#define PRJSIM_PRJCONF_OWN_CASES_H

#include "projfs_backend.h"

#include <backend.h>
#include <prjconf.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the cases share, in order: the files the listing case found. Zeroed before the first. */
typedef struct prjconf_own_state {
    struct prjconf_own_file *files; /* malloc'd; prjconf_own_state_free */
    size_t nfiles, items;
} prjconf_own_state;

extern const size_t prjconf_own_case_count;
const char *prjconf_own_case_name(size_t i);

/* Runs own case @p i on @p root with @p be's I/O into @p r (prjconf_result_free). */
void prjconf_own_run_case(prjsim_projfs_root *root, const prjsim_backend *be, prjconf_own_state *s, size_t i,
                          prjconf_result *r);

void prjconf_own_state_free(prjconf_own_state *s);

#ifdef __cplusplus
}
#endif

#endif
