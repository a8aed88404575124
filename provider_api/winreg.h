/* SPDX-License-Identifier: MIT */
/*
 * winreg.h: the registry functions (RegOpenKeyEx, RegQueryValueEx, ...). <windows.h> brings
 * them, as on Windows; see prjsim_win/winreg.h and prjsim/registry.h.
 */
#ifndef PRJSIM_WINREG_H
#define PRJSIM_WINREG_H

#include <windows.h>

#endif /* PRJSIM_WINREG_H */
