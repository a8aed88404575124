/* SPDX-License-Identifier: MIT */
/*
 * The recording layer as seen by a program that does not link it (prjsim run, prjconf): found
 * at run time with dlsym, as the fault wrapper finds the start hook, so nothing is linked or
 * installed differently; the user loads it (LD_PRELOAD=libprjsim_recording.so). Used with
 * --checker: diagnostics the checker decides, and on a backend without the simulator's insides
 * the callbacks, pends and instances, come from its log (docs/layering.md).
 */
#ifndef PRJSIM_OBSERVER_H
#define PRJSIM_OBSERVER_H

#include "recording.h"

#include <prjsim/trace.h>
#include <stdbool.h>

/* True when the recording layer is loaded. */
bool prjsim__observer_available(void);
/* A recorder made the process's (instances started from now on are recorded), or NULL. */
void *prjsim__observer_begin(void);
/* Detaches and frees the recorder; every instance it wrapped must have stopped. NULL: nothing. */
void prjsim__observer_end(void *rec);
/* The checker decides diagnostic @p name (from the provider's calls alone). */
bool prjsim__observer_decides(const char *name);
/* The checker's diagnostics so far, counted per prjsim_diag. */
void prjsim__observer_counts(void *rec, size_t now[PRJSIM_DIAG_COUNT_]);
/* recording.h's observations (observe.c) of @p rec; 0 / E_INVALIDARG for NULL. */
HRESULT prjsim__observer_callback(void *rec, size_t index, prjsim_recording_callback_info *out);
size_t prjsim__observer_in_flight(void *rec, INT32 *ids, size_t max);
size_t prjsim__observer_running(void *rec);

#endif
