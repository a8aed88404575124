/* SPDX-License-Identifier: MIT */
/*
 * What a case observes of the provider (PRJCONF_RUN_OBSERVED): the commands in flight and how
 * many callbacks named @p callback ("StartDirectoryEnumeration": the PRJ_CALLBACKS member
 * without "Callback", as recording.h names them) it was given. Linux (observe.c): from the
 * recording layer with --checker on a backend without the simulator, else the simulator's.
 * Windows (windows/prjconf_observe.c): from the recorder of the bundled provider.
 */
#ifndef PRJCONF_OBSERVE_H
#define PRJCONF_OBSERVE_H

#include "internal.h"

size_t prjconf_in_flight(prjconf_ctx *c, INT32 *ids, size_t max);
size_t prjconf_callbacks_seen(prjconf_ctx *c, const char *callback);

#endif
