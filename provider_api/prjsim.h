/**
 * @file prjsim.h
 * @brief prjsim's own API: simulations, client operations, the trace, status names.
 * The ProjFS SDK surface itself is <projectedfslib.h>.
 */
#ifndef PRJSIM_H
#define PRJSIM_H

#include <prjsim/sim.h>
#include <prjsim/client.h>
#include <prjsim/trace.h>
#include <prjsim/diagnostics.h>
#include <prjsim/status.h>

#endif
