/* SPDX-License-Identifier: MIT */
/*
 * What a case observes of the provider (observe.c, PRJCONF_RUN_OBSERVED): the commands in
 * flight and how many callbacks of @p kind it was given, from the recording layer with --checker
 * on a backend without the simulator, else the simulator's. Linux only (the simulator's types).
 */
#ifndef PRJCONF_OBSERVE_H
#define PRJCONF_OBSERVE_H

#include "internal.h"

#include <prjsim.h>

size_t prjconf_in_flight(prjconf_ctx *c, INT32 *ids, size_t max);
size_t prjconf_callbacks_seen(prjconf_ctx *c, prjsim_callback_kind kind);

#endif
