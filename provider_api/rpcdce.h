/* SPDX-License-Identifier: MIT */
/* rpcdce.h: the UUID functions; see prjsim_win/rpcdce.h. */
#ifndef PRJSIM_RPCDCE_H
#define PRJSIM_RPCDCE_H

#include <windows.h>

#endif /* PRJSIM_RPCDCE_H */
