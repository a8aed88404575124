/* SPDX-License-Identifier: MIT */
/*
 * prjconf's recording of the provider under test (the recording layer, conformance/recording):
 * the bundled provider is recorded in this process; a --provider program is told to record
 * itself with PRJSIM_RECORD (it must link prjsim_projfs_dll, whose forwarders record, instead of
 * ProjectedFSLib.lib) and its file is read back. The checker's named diagnostics become one more
 * case, "checker": any diagnostic fails the run, as on Linux.
 */
#ifndef PRJSIM_PRJCONF_RECORDING_H
#define PRJSIM_PRJCONF_RECORDING_H

#include "projfs_dll.h"
#include "recording.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct prjconf_recording {
    prjsim_recording *rec; /* the bundled provider's calls, recorded in this process */
    WCHAR file[MAX_PATH];  /* a provider program's PRJSIM_RECORD file; "" for the bundled one */
    bool recorded;         /* the log holds at least one call */
    char *report;          /* the checker's lines, `name: message` (malloc'd) */
} prjconf_recording;

/* Before the provider starts. @p program: the provider is a program started later (it inherits
 * PRJSIM_RECORD from this process's environment). @return false with @p err on failure. */
bool prjconf_recording_begin(prjconf_recording *r, bool program, char *err, size_t errlen);

/* After the root is finished (the provider stopped): the log and the checker's report. */
void prjconf_recording_end(prjconf_recording *r);

/*
 * The "checker" case, printed to @p out like the other cases (PASS/FAIL/SKIP lines, then each
 * diagnostic indented). @p why receives the failure or skip message for the JUnit report. The
 * report's lines [@p cases_from, @p cases_to) were reported with the cases (prjconf_cases.h):
 * left out here. @return 1 passed, 0 failed (diagnostics), -1 skipped (nothing was recorded).
 */
int prjconf_recording_report(const prjconf_recording *r, FILE *out, char *why, size_t why_size, size_t cases_from,
                             size_t cases_to);

/* Frees what begin and end kept, and removes the temporary file. */
void prjconf_recording_free(prjconf_recording *r);

#endif
