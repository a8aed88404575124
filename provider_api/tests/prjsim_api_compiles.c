/* SPDX-License-Identifier: MIT */
/* prjsim's own API compiles as strict C11 with -pedantic. */
#include <prjsim.h>

_Static_assert(PRJSIM_CB_COUNT_ == 8, "eight callback kinds");
_Static_assert(sizeof(((prjsim_sim_options)PRJSIM_SIM_OPTIONS_INIT).version) == 4, "versioned options");
