/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim.h
 * @brief prjsim's own API: simulations, client operations, the trace, status names, the host for
 * provider programs, drive letters and the Win32 layer's controls.
 * The ProjFS SDK surface itself is <projectedfslib.h>.
 */
#ifndef PRJSIM_H
#define PRJSIM_H

#include <prjsim/sim.h>
#include <prjsim/client.h>
#include <prjsim/trace.h>
#include <prjsim/diagnostics.h>
#include <prjsim/status.h>
#include <prjsim/host.h>
#include <prjsim/drives.h>
#include <prjsim/state.h>
#include <prjsim/win.h>

#endif
