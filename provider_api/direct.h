/* SPDX-License-Identifier: MIT */
/*
 * direct.h: MSVC's directory calls (_mkdir, _wmkdir, _rmdir, _wrmdir...). They take Windows
 * paths and are declared, with the other CRT calls that do, in prjsim_win/crtfile.h, which
 * <windows.h> includes.
 */
#ifndef PRJSIM_DIRECT_H
#define PRJSIM_DIRECT_H

#include <windows.h>

#endif /* PRJSIM_DIRECT_H */
