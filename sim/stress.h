/* SPDX-License-Identifier: MIT */
/* The stress check's modes (stress_main.c runs them). */
#ifndef PRJSIM_STRESS_H
#define PRJSIM_STRESS_H

/* The provider-side mode: one run per seed given (decimal); prints the outcomes; 0 if all pass. */
int stress_provider_main(int argc, char **argv);

#endif
