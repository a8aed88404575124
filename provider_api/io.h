/* SPDX-License-Identifier: MIT */
/*
 * io.h: MSVC's low-level file calls (_access, _chmod, _open, _read, _close, _findfirst, the
 * _S_IREAD/_S_IWRITE and _O_* constants). They take Windows paths and are declared, with the
 * other CRT calls that do, in prjsim_win/crtfile.h, which <windows.h> includes.
 */
#ifndef PRJSIM_IO_H
#define PRJSIM_IO_H

#include <windows.h>

#endif /* PRJSIM_IO_H */
