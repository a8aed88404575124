/* SPDX-License-Identifier: MIT */
/*
 * objbase.h: COM's base header. On Linux it brings <windows.h>, whose combaseapi part
 * declares CoInitializeEx, CoTaskMemAlloc, StringFromGUID2, CLSIDFromString and (from guid.h)
 * CoCreateGuid.
 */
#ifndef PRJSIM_OBJBASE_H
#define PRJSIM_OBJBASE_H

#include <windows.h>

#endif /* PRJSIM_OBJBASE_H */
