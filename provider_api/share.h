/* SPDX-License-Identifier: MIT */
/*
 * share.h: the _SH_* sharing modes of _sopen_s/_wsopen_s, declared in prjsim_win/crtfile.h
 * (through <windows.h>).
 */
#ifndef PRJSIM_SHARE_H
#define PRJSIM_SHARE_H

#include <windows.h>

#endif /* PRJSIM_SHARE_H */
